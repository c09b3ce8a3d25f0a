"""Downloads of the team dashboard and of an agent's record, as CSV or Excel.

Every view starts with ``access.team_for_lead``: 403 for someone who leads no team, 404 for a
team that is not theirs. A small export is answered at once; a large one is built by a Celery
task while the lead watches a progress page. A built file is only ever handed to the lead who
asked for it (or an admin): another lead of the same team may have a different view of it.
"""

import io

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lms.accounts import roles
from lms.team import access, drilldown, exports, selectors, services
from lms.team.matrix import Filters, filtered
from lms.team.models import TeamExport

# Up to this many rows (agent x item) a matrix export is built inside the request.
EXPORT_INLINE_ROWS = 500

CONTENT_TYPES = {
    TeamExport.Format.CSV: "text/csv; charset=utf-8",
    TeamExport.Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _format(fmt: str) -> TeamExport.Format:
    if fmt not in TeamExport.Format.values:
        raise Http404
    return TeamExport.Format(fmt)


def _attachment(table: exports.Table, fmt: TeamExport.Format, filename: str) -> FileResponse:
    buffer = io.BytesIO()
    services.WRITERS[fmt](table, buffer)
    buffer.seek(0)
    return FileResponse(
        buffer, as_attachment=True, filename=filename, content_type=CONTENT_TYPES[fmt]
    )


@login_required
def matrix_export(request, team_id: int, fmt: str):
    team = access.team_for_lead(request, team_id)
    fmt = _format(fmt)
    filters = Filters.from_query(request.GET)
    matrix = filtered(selectors.team_progress(team=team).matrix, filters)
    if matrix.cell_count > getattr(settings, "EXPORT_INLINE_ROWS", EXPORT_INLINE_ROWS):
        export = services.export_start(
            requested_by=request.user,
            team=team,
            kind=TeamExport.Kind.MATRIX,
            format=fmt,
            params={"filters": filters.as_query()},
        )
        return redirect("team:export_detail", team.pk, export.pk)
    filename = exports.export_filename(
        team_name=team.name, subject="progress", on=request.user.local_today(), fmt=fmt
    )
    return _attachment(exports.matrix_table(matrix), fmt, filename)


@login_required
def agent_export(request, team_id: int, user_id: int, fmt: str):
    team = access.team_for_lead(request, team_id)
    agent = access.member_of(team, user_id)
    fmt = _format(fmt)
    # One agent's record is small: always answered at once.
    report = drilldown.agent_report(agent=agent, today=agent.local_today())
    # Names in Cyrillic slugify to nothing: the agent's number keeps the file name useful.
    subject = slugify(agent.display_name) or f"agent-{agent.pk}"
    filename = exports.export_filename(
        team_name=team.name, subject=subject, on=request.user.local_today(), fmt=fmt
    )
    return _attachment(exports.agent_table(report), fmt, filename)


def _own_export(request, team, export_id: int) -> TeamExport:
    """The export if this user asked for it (admins: any); anyone else is told it is not here."""
    exports_of_team = TeamExport.objects.filter(team=team)
    if not roles.is_admin(request.user):
        exports_of_team = exports_of_team.filter(requested_by=request.user)
    return get_object_or_404(exports_of_team, pk=export_id)


def _download_url(export: TeamExport) -> str | None:
    if export.status != TeamExport.Status.DONE or not export.file:
        return None
    return reverse("team:export_download", args=[export.team_id, export.pk])


def _progress_text(export: TeamExport) -> str:
    if export.status == TeamExport.Status.DONE:
        return _("Ready: %(total)s rows.") % {"total": export.rows_total}
    if export.status == TeamExport.Status.FAILED:
        return _("Failed.")
    if not export.rows_total:
        return _("Waiting to start…")
    return _("%(done)s of %(total)s rows (%(percent)s%%)") % {
        "done": export.rows_done,
        "total": export.rows_total,
        "percent": export.percent,
    }


@login_required
def export_detail(request, team_id: int, export_id: int):
    team = access.team_for_lead(request, team_id)
    export = _own_export(request, team, export_id)
    context = {
        "team": team,
        "export": export,
        "finished": export.status in (TeamExport.Status.DONE, TeamExport.Status.FAILED),
        "progress_text": _progress_text(export),
        "download_url": _download_url(export),
    }
    return render(request, "team/export_detail.html", context)


@login_required
def export_status(request, team_id: int, export_id: int):
    team = access.team_for_lead(request, team_id)
    export = _own_export(request, team, export_id)
    return JsonResponse(
        {
            "status": export.status,
            "status_label": str(export.get_status_display()),
            "percent": export.percent,
            "rows_done": export.rows_done,
            "rows_total": export.rows_total,
            "progress_text": _progress_text(export),
            "download_url": _download_url(export),
            "error": export.error if export.status == TeamExport.Status.FAILED else "",
        }
    )


@login_required
def export_download(request, team_id: int, export_id: int):
    team = access.team_for_lead(request, team_id)
    export = _own_export(request, team, export_id)
    if _download_url(export) is None:
        raise Http404
    subject = "progress"
    if export.kind == TeamExport.Kind.AGENT:
        subject = f"agent-{export.params.get('agent_id', '')}"
    filename = exports.export_filename(
        team_name=team.name,
        subject=subject,
        on=timezone.localdate(export.created_at),
        fmt=export.format,
    )
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type=CONTENT_TYPES[TeamExport.Format(export.format)],
    )
