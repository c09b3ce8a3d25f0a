"""How fast is a KPI upload compared with writing the same rows bare?

Builds a throwaway team of agents inside a transaction that is rolled back at the end, so the
database is left as it was. The upload goes through the same steps as a confirmed file
(``read_table`` -> ``measurements_check`` -> ``measurements_import``); the bare write is one
``bulk_create`` of the same rows. The last line is ``ratio: <upload rows/s / bare rows/s>``.
"""

import io
import time
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction

from gamification.kpis import ingest, services
from gamification.kpis.models import KpiDefinition, KpiMeasurement
from lms.accounts.models import Team, TeamMembership, User


class _Rollback(Exception):
    """Raised at the end to undo every row the benchmark wrote."""


class Command(BaseCommand):
    help = "Time a KPI upload of N rows against a bare bulk insert of the same rows."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=100_000)
        parser.add_argument("--agents", type=int, default=500)

    def handle(self, *args, rows: int, agents: int, **options):
        try:
            with transaction.atomic():
                self._run(rows=rows, agent_count=agents)
                raise _Rollback
        except _Rollback:
            pass

    def _run(self, *, rows: int, agent_count: int) -> None:
        team = Team.objects.create(name="KPI benchmark (rolled back)")
        unusable = make_password(None)
        users = User.objects.bulk_create(
            [
                User(email=f"bench-kpi-{i}@bench.invalid", password=unusable)
                for i in range(agent_count)
            ]
        )
        if any(user.pk is None for user in users):  # backends without RETURNING
            users = list(User.objects.filter(email__endswith="@bench.invalid").order_by("pk"))
        TeamMembership.objects.bulk_create([TeamMembership(team=team, user=user) for user in users])
        kpis = list(KpiDefinition.objects.all())
        data = _csv(rows=rows, emails=[user.email for user in users], kpis=kpis)
        self.stdout.write(f"{rows} rows, {agent_count} agents, {len(data) / 1e6:.1f} MB CSV")

        started = time.perf_counter()
        table = ingest.read_table(filename="bench.csv", data=data)
        read = time.perf_counter()
        result = services.measurements_check(rows=table, allowed_team_ids=frozenset({team.pk}))
        checked = time.perf_counter()
        if result.errors:
            raise RuntimeError(f"benchmark rows refused: {result.errors[:3]}")
        counts = services.measurements_import(rows=result.rows, source=KpiMeasurement.Source.UPLOAD)
        imported = time.perf_counter()
        upload_rate = rows / (imported - started)
        self.stdout.write(
            f"upload: {imported - started:.2f} s = {upload_rate:,.0f} rows/s "
            f"(read {read - started:.2f} s, check {checked - read:.2f} s, "
            f"write {imported - checked:.2f} s; {counts.created} new)"
        )

        KpiMeasurement.objects.filter(user__in=users).delete()
        started = time.perf_counter()
        KpiMeasurement.objects.bulk_create(
            [
                KpiMeasurement(
                    user_id=row.user_id,
                    kpi_id=row.kpi_id,
                    period_start=row.period_start,
                    channel=row.channel,
                    value=row.value,
                    sample_size=row.sample_size,
                    source=KpiMeasurement.Source.UPLOAD,
                )
                for row in result.rows
            ],
            batch_size=services.CHUNK,
        )
        bare = time.perf_counter() - started
        bare_rate = rows / bare
        self.stdout.write(f"bare bulk_create: {bare:.2f} s = {bare_rate:,.0f} rows/s")
        self.stdout.write(f"ratio: {upload_rate / bare_rate:.2f}")


def _csv(*, rows: int, emails: list[str], kpis: list[KpiDefinition]) -> bytes:
    """``rows`` distinct results: agents x KPIs x periods, values inside each KPI's range."""
    monday = date(2020, 1, 6)
    out = io.StringIO()
    out.write(",".join(ingest.COLUMNS) + "\n")
    written = 0
    period = 0
    while written < rows:
        for kpi in kpis:
            if kpi.period == "week":
                start = monday + timedelta(weeks=period)
            else:
                year, month = divmod(period, 12)
                start = date(2020 + year, month + 1, 1)
            low = float(kpi.lowest) if kpi.lowest is not None else 0.0
            high = float(kpi.highest) if kpi.highest is not None else 500.0
            for n, email in enumerate(emails):
                value = low + (high - low) * ((n * 37 + period) % 100) / 100
                out.write(
                    f"{email},{kpi.code},{start.isoformat()},{value:.2f},{20 + n % 50},chat\n"
                )
                written += 1
                if written == rows:
                    return out.getvalue().encode()
        period += 1
    return out.getvalue().encode()
