"""Writes of the team lead's workspace: exports that are built in the background.

A large export is a row (``TeamExport``) first and a file later: the request records what was
asked for and returns at once, a Celery task builds the file and moves a progress counter the
lead's page polls.
"""

import datetime
import io
import logging
import uuid
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lms.accounts.models import Team, TeamMembership, User
from lms.team import drilldown, exports, selectors
from lms.team.matrix import Filters, filtered
from lms.team.models import TeamExport

logger = logging.getLogger(__name__)

WRITERS = {
    TeamExport.Format.CSV: exports.write_csv,
    TeamExport.Format.XLSX: exports.write_xlsx,
}


@transaction.atomic
def export_start(
    *,
    requested_by: User,
    team: Team,
    kind: str,
    format: str,  # noqa: A002 - the model's field name
    params: dict[str, Any],
) -> TeamExport:
    """Record an export and queue its build for when this transaction commits.

    The task must not run before the row is visible to it, nor at all if the request rolls
    back. The file is written in the language the lead is reading in (kept in ``params``),
    not the worker's default.
    """
    if kind not in TeamExport.Kind.values or format not in TeamExport.Format.values:
        raise ValueError(f"unknown export {kind!r} in format {format!r}")
    params = {"language": translation.get_language() or settings.LANGUAGE_CODE, **params}
    export = TeamExport.objects.create(
        requested_by=requested_by, team=team, kind=kind, format=format, params=params
    )
    transaction.on_commit(lambda: _queue_build(export.pk))
    return export


def _queue_build(export_id: int) -> None:
    from lms.team.tasks import build_export

    try:
        build_export.delay(export_id)
    except Exception:  # any broker failure: the export stays pending and says so
        logger.exception("could not queue team export %s", export_id)


def export_build(*, export_id: int) -> TeamExport:
    """Build an export's file, reporting progress every chunk of rows.

    Safe to run twice: a done export is left alone; a pending, running (its worker died under
    ``acks_late``) or failed one is built again from the start. Unlike other services this is
    not one transaction: each progress update commits on its own so that the progress page
    sees the bar move. Any error marks the export failed with a message the lead can read.
    """
    with transaction.atomic():
        export = TeamExport.objects.select_for_update().select_related("team").get(pk=export_id)
        if export.status == TeamExport.Status.DONE:
            return export
        export.status = TeamExport.Status.RUNNING
        export.rows_done = export.rows_total = 0
        export.error = ""
        export.finished_at = None
        export.save(update_fields=["status", "rows_done", "rows_total", "error", "finished_at"])

    rows = TeamExport.objects.filter(pk=export.pk)
    language = export.params.get("language") or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            table = _export_table(export)
            rows.update(rows_total=table.row_count)
            buffer = io.BytesIO()
            WRITERS[TeamExport.Format(export.format)](
                table, buffer, progress=lambda done: rows.update(rows_done=done)
            )
            # A random name: the file holds people's data and must not be guessable should
            # the media folder ever be served directly. Downloads get a readable name.
            export.file.save(
                f"{uuid.uuid4().hex}.{export.format}", ContentFile(buffer.getvalue()), save=False
            )
        except Exception:
            logger.exception("team export %s failed", export.pk)
            rows.update(
                status=TeamExport.Status.FAILED,
                error=_(
                    "The export could not be built. Please try again; if it fails again, "
                    "tell an administrator."
                ),
                finished_at=timezone.now(),
            )
            export.refresh_from_db()
            return export
    rows.update(
        status=TeamExport.Status.DONE,
        file=export.file.name,
        rows_done=table.row_count,
        rows_total=table.row_count,
        finished_at=timezone.now(),
    )
    export.refresh_from_db()
    return export


# A pending export whose message was lost, or a running one whose worker died, is queued
# again after this long; building twice is safe.
STALE_PENDING = datetime.timedelta(minutes=2)
STALE_RUNNING = datetime.timedelta(minutes=30)


def exports_requeue_stale(*, now: datetime.datetime | None = None) -> list[int]:
    """Queue the build of exports nobody is working on any more; returns their ids."""
    now = now or timezone.now()
    stale = list(
        TeamExport.objects.filter(
            Q(status=TeamExport.Status.PENDING, created_at__lt=now - STALE_PENDING)
            | Q(status=TeamExport.Status.RUNNING, created_at__lt=now - STALE_RUNNING)
        ).values_list("pk", flat=True)
    )
    for export_id in stale:
        _queue_build(export_id)
    return stale


def _export_table(export: TeamExport) -> exports.Table:
    if export.kind == TeamExport.Kind.AGENT:
        agent = User.objects.get(
            pk=export.params["agent_id"],
            team_memberships__team=export.team,
            team_memberships__role=TeamMembership.Role.MEMBER,
        )
        return exports.agent_table(drilldown.agent_report(agent=agent, today=agent.local_today()))
    progress = selectors.team_progress(team=export.team)
    filters = Filters.from_query(export.params.get("filters") or {})
    return exports.matrix_table(filtered(progress.matrix, filters))
