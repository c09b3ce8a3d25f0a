"""KPI pages of the team lead's workspace: upload results (preview, confirm, progress) and
set team targets.

An upload is open to anyone who leads a team (their own agents' rows only) and to admins (every
team); anyone else gets 403. An import is shown only to the person who uploaded it (and to
admins): anyone else is told it does not exist. Targets start with ``access.team_for_lead``.
"""

from collections import defaultdict
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.progress import percent
from gamification.kpis import ingest, services
from gamification.kpis.forms import TargetForm, UploadForm
from gamification.kpis.models import KpiDefinition, KpiImport, KpiTarget
from lms.accounts import roles
from lms.accounts.models import TeamMembership, User
from lms.team import access

FINISHED = (KpiImport.Status.DONE, KpiImport.Status.FAILED)


def _require_uploader(request) -> None:
    """Leads and admins may upload; an agent may not."""
    if not (roles.is_admin(request.user) or roles.is_team_lead(request.user)):
        raise PermissionDenied


def _own_import(request, import_id: int) -> KpiImport:
    _require_uploader(request)
    imports = KpiImport.objects.select_related("team")
    if not roles.is_admin(request.user):
        imports = imports.filter(uploaded_by=request.user)
    return get_object_or_404(imports, pk=import_id)


@login_required
def index(request):
    _require_uploader(request)
    return redirect("kpis:upload")


@login_required
def upload(request):
    _require_uploader(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        teams = access.led_teams(request.user)
        # Rows may name agents of any team the uploader leads; a lead of one team files the
        # import under it, an admin's upload may span every team.
        team = teams[0] if len(teams) == 1 and not roles.is_admin(request.user) else None
        kpi_import = services.upload_preview(
            uploaded_by=request.user, team=team, upload=form.cleaned_data["file"]
        )
        return redirect("kpis:import_detail", kpi_import.pk)
    recent = KpiImport.objects.filter(uploaded_by=request.user)[:10]
    return render(
        request,
        "kpis/upload.html",
        {
            "form": form,
            "recent": recent,
            "columns": ingest.COLUMNS,
            "teams": access.led_teams(request.user),
        },
    )


@login_required
def template_csv(request):
    _require_uploader(request)
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    first = today.replace(day=1)
    body = ",".join(ingest.COLUMNS) + "\r\n"
    body += f"aino@example.com,csat,{monday.isoformat()},86.5,42,chat\r\n"
    body += f"bo@example.com,nps,{first.isoformat()},31,120,\r\n"
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kpi-results-template.csv"'
    return response


def _result_text(kpi_import: KpiImport) -> str:
    return _("Imported %(count)s results (%(created)s new, %(updated)s updated).") % {
        "count": kpi_import.created_count + kpi_import.updated_count,
        "created": kpi_import.created_count,
        "updated": kpi_import.updated_count,
    }


def _state(kpi_import: KpiImport) -> dict:
    done = services.upload_progress(kpi_import=kpi_import)
    total = kpi_import.rows_total
    if kpi_import.status == KpiImport.Status.DONE:
        text = _result_text(kpi_import)
    elif kpi_import.status == KpiImport.Status.FAILED:
        text = _("Nothing was imported.")
    elif kpi_import.status == KpiImport.Status.PENDING and not done:
        text = _("Waiting to start…")
    else:
        text = _("%(done)s of %(total)s rows (%(percent)s%%)") % {
            "done": done,
            "total": total,
            "percent": percent(done, total),
        }
    return {
        "status": kpi_import.status,
        "status_label": str(kpi_import.get_status_display()),
        "rows_done": done,
        "rows_total": total,
        "percent": 100 if kpi_import.status == KpiImport.Status.DONE else percent(done, total),
        "progress_text": text,
        "finished": kpi_import.status in FINISHED,
    }


@login_required
def import_detail(request, import_id: int):
    kpi_import = _own_import(request, import_id)
    errors = kpi_import.errors or []
    bad_lines = {error["line"] for error in errors if error.get("line")}
    context = {
        "kpi_import": kpi_import,
        "errors": errors,
        "rows_ok": max(kpi_import.rows_total - len(bad_lines), 0),
        "can_confirm": kpi_import.status == KpiImport.Status.PREVIEW
        and not errors
        and kpi_import.rows_total > 0,
        "state": _state(kpi_import),
        "result_text": _result_text(kpi_import),
    }
    return render(request, "kpis/import_detail.html", context)


@login_required
@require_POST
def import_confirm(request, import_id: int):
    kpi_import = _own_import(request, import_id)
    if kpi_import.status != KpiImport.Status.PREVIEW or kpi_import.errors:
        messages.error(request, _("This file cannot be imported. Upload a corrected file."))
        return redirect("kpis:import_detail", kpi_import.pk)
    services.upload_confirm(kpi_import=kpi_import)
    return redirect("kpis:import_detail", kpi_import.pk)


@login_required
def import_status(request, import_id: int):
    kpi_import = _own_import(request, import_id)
    return JsonResponse(_state(kpi_import))


@login_required
def targets(request, team_id: int):
    team = access.team_for_lead(request, team_id)
    agents = User.objects.filter(
        team_memberships__team=team, team_memberships__role=TeamMembership.Role.MEMBER
    ).order_by("first_name", "last_name", "email")
    form = TargetForm(request.POST or None, agents=agents)
    if request.method == "POST" and form.is_valid():
        services.target_set(
            kpi=form.cleaned_data["kpi"],
            team=team,
            value=form.cleaned_data["value"],
            valid_from=form.cleaned_data["valid_from"],
            set_by=request.user,
            user=form.cleaned_data["agent"],
        )
        messages.success(request, _("Target saved."))
        return redirect("kpis:targets", team.pk)
    history: dict[int, list[KpiTarget]] = defaultdict(list)
    for target in KpiTarget.objects.filter(team=team).select_related("set_by", "user"):
        history[target.kpi_id].append(target)  # newest first: the model's ordering
    today = request.user.local_today()
    rows = []
    for kpi in KpiDefinition.objects.all():
        past = history.get(kpi.pk, [])
        current = next(
            (target for target in past if target.user_id is None and target.valid_from <= today),
            None,
        )
        rows.append({"kpi": kpi, "current": current, "history": past})
    from lms.team.views import _tabs  # the team header's tabs, shared with the team pages

    return render(
        request,
        "kpis/targets.html",
        {"team": team, "tabs": _tabs(team, "kpi_targets"), "rows": rows, "form": form},
    )
