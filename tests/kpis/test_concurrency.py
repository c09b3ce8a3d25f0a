"""Two imports of overlapping results racing on PostgreSQL: one row per agent, KPI, period
and channel, the later values kept, nothing half-written."""

import datetime
import os
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from gamification.kpis.ingest import CleanRow
from gamification.kpis.models import KpiDefinition, KpiMeasurement
from gamification.kpis.services import measurements_import
from tests.factories import TeamMembershipFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="DATABASE_URL does not point at PostgreSQL: concurrent upserts need a real server",
    ),
]


def _rows(users, kpi, weeks, value):
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    return [
        CleanRow(
            line=n + 2,
            user_id=user.pk,
            kpi_id=kpi.pk,
            period_start=monday - datetime.timedelta(weeks=week),
            value=Decimal(value),
            sample_size=30,
            channel="",
        )
        for n, (user, week) in enumerate((u, w) for u in users for w in range(weeks))
    ]


def test_two_uploads_of_the_same_rows_at_once_leave_one_row_each(team):
    users = [UserFactory() for _ in range(20)]
    for user in users:
        TeamMembershipFactory(team=team, user=user)
    csat = KpiDefinition.objects.get(code="csat")
    batches = [_rows(users, csat, 10, "81.00"), _rows(users, csat, 10, "82.00")]
    barrier = threading.Barrier(2)
    counts, errors = [], []

    def upload(rows):
        try:
            barrier.wait(timeout=10)
            counts.append(measurements_import(rows=rows, source="upload"))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=upload, args=(rows,)) for rows in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert KpiMeasurement.objects.count() == 200
    # Each batch is one unit: every row carries the value of one batch or the other, and all
    # of them the value of whichever committed last.
    assert KpiMeasurement.objects.values("value").distinct().count() == 1
    assert sum(c.created + c.updated for c in counts) == 400
