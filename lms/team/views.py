"""The team lead's workspace. Every view starts with ``access.team_for_lead``: 403 for someone
who leads no team, 404 for a team that is not theirs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from courses import services as course_services
from courses.models import Assignment
from lms.accounts import roles
from lms.accounts import services as account_services
from lms.accounts.models import Invitation, TeamMembership
from lms.team import access, drilldown, insights, selectors
from lms.team.forms import AssignForm, DueDateForm, InviteForm
from lms.team.matrix import SORTS, Filters, filtered


@login_required
def home(request):
    teams = access.led_teams(request.user)
    if not teams:
        raise PermissionDenied
    if len(teams) == 1:
        return redirect("team:dashboard", teams[0].pk)
    return render(request, "team/home.html", {"teams": teams})


def _tabs(team, current: str) -> list[dict]:
    tabs = [
        ("dashboard", _("Progress")),
        ("onboarding", _("Onboarding")),
        ("insights", _("Insights")),
        ("kpis", _("KPIs")),
        ("invitations", _("Invitations")),
    ]
    return [
        {"url": reverse(f"team:{name}", args=[team.pk]), "label": label, "current": name == current}
        for name, label in tabs
    ]


@login_required
def dashboard(request, team_id: int):
    team = access.team_for_lead(request, team_id)
    progress = selectors.team_progress(team=team)
    filters = Filters.from_query(request.GET)
    matrix = filtered(progress.matrix, filters)
    query = urlencode(filters.as_query())
    context = {
        "team": team,
        "tabs": _tabs(team, "dashboard"),
        "matrix": matrix,
        "table_rows": [(row, row.cells_for(matrix.columns)) for row in matrix.rows],
        "all_columns": progress.matrix.columns,
        "filters": filters,
        "sorts": SORTS,
        "member_count": len(progress.members),
        "export_query": query,
    }
    return render(request, "team/dashboard.html", context)


@login_required
def onboarding(request, team_id: int):
    team = access.team_for_lead(request, team_id)
    progress = selectors.team_progress(team=team)
    context = {"team": team, "tabs": _tabs(team, "onboarding"), "onboarding": progress.onboarding}
    return render(request, "team/onboarding.html", context)


@login_required
def team_insights(request, team_id: int):
    team = access.team_for_lead(request, team_id)
    member_ids = selectors.member_ids(team=team)
    charts = insights.team_charts(member_ids=member_ids, today=timezone.localdate())
    context = {"team": team, "tabs": _tabs(team, "insights"), "charts": charts}
    return render(request, "team/insights.html", context)


@login_required
def agent_detail(request, team_id: int, user_id: int):
    team = access.team_for_lead(request, team_id)
    agent = access.member_of(team, user_id)
    report = drilldown.agent_report(agent=agent, today=agent.local_today())
    export_links = [
        (label, reverse("team:agent_export", args=[team.pk, agent.pk, fmt]))
        for fmt, label in (("csv", _("Download CSV")), ("xlsx", _("Download Excel")))
    ]
    context = {"team": team, "agent": agent, "report": report, "export_links": export_links}
    return render(request, "team/agent.html", context)


@login_required
def assign(request, team_id: int):
    team = access.team_for_lead(request, team_id)
    members = selectors.team_members(team=team)
    items = selectors.assignable_items()
    form = AssignForm(
        request.POST or None,
        members=members,
        items=items,
        titles=selectors.localized_titles({item.translation_key for item in items}),
        today=request.user.local_today(),
        initial={"agents": request.GET.getlist("agent")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            outcome = course_services.assignments_create(
                assigned_by=request.user,
                users=form.cleaned_data["agents"],
                item=form.cleaned_data["item"],
                due_on=form.cleaned_data["due_on"],
                note=form.cleaned_data["note"],
            )
        except course_services.AssignmentError as error:
            form.add_error("due_on", str(error))
        else:
            _report_outcome(request, outcome)
            return redirect("team:dashboard", team.pk)
    return render(request, "team/assign.html", {"team": team, "form": form})


def _report_outcome(request, outcome: course_services.AssignmentOutcome) -> None:
    if outcome.created:
        count = len(outcome.created)
        messages.success(
            request,
            ngettext("Assigned to %(count)d agent.", "Assigned to %(count)d agents.", count)
            % {"count": count},
        )
    if outcome.already_assigned:
        names = ", ".join(a.user.display_name for a in outcome.already_assigned)
        messages.info(
            request,
            _("Already assigned, left unchanged: %(names)s") % {"names": names},
        )


@login_required
@require_POST
def assignment_update(request, team_id: int, assignment_id: int):
    team = access.team_for_lead(request, team_id)
    assignment = get_object_or_404(
        Assignment.objects.select_related("user", "course", "path").filter(
            user__team_memberships__team=team,
            user__team_memberships__role=TeamMembership.Role.MEMBER,
            closed_at__isnull=True,
        ),
        pk=assignment_id,
    )
    back = reverse("team:agent", args=[team.pk, assignment.user_id])
    if request.POST.get("action") == "cancel":
        course_services.assignment_cancel(assignment=assignment)
        messages.success(
            request, _("Assignment cancelled: %(title)s") % {"title": assignment.item.title}
        )
        return redirect(back)
    form = DueDateForm(request.POST, today=request.user.local_today())
    if not form.is_valid():
        for error in form.errors.get("due_on", []):
            messages.error(request, error)
        return redirect(back)
    course_services.assignment_due_change(assignment=assignment, due_on=form.cleaned_data["due_on"])
    messages.success(request, _("Due date changed: %(title)s") % {"title": assignment.item.title})
    return redirect(back)


@login_required
def invitations(request, team_id: int):
    team = access.team_for_lead(request, team_id)
    form = InviteForm(request.POST or None, may_invite_leads=roles.is_admin(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            link = account_services.invitation_create(
                team=team,
                email=form.cleaned_data["email"],
                invited_by=request.user,
                base_url=request.build_absolute_uri("/"),
                role=form.cleaned_data.get("role", Invitation._meta.get_field("role").default),
            )
        except account_services.InvitationError as error:
            form.add_error("email", str(error))
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": link.invitation.email}
            )
            return redirect("team:invitations", team.pk)
    context = {
        "team": team,
        "tabs": _tabs(team, "invitations"),
        "form": form,
        "invitations": selectors.team_invitations(team=team),
        "now": timezone.now(),
    }
    return render(request, "team/invitations.html", context)


def _team_invitation(team, invitation_id: int) -> Invitation:
    return get_object_or_404(Invitation.objects.select_related("team"), pk=invitation_id, team=team)


@login_required
@require_POST
def invitation_resend(request, team_id: int, invitation_id: int):
    team = access.team_for_lead(request, team_id)
    invitation = _team_invitation(team, invitation_id)
    try:
        account_services.invitation_resend(
            invitation=invitation, base_url=request.build_absolute_uri("/")
        )
    except account_services.InvitationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Invitation sent again to %(email)s.") % {"email": invitation.email}
        )
    return redirect("team:invitations", team.pk)


@login_required
@require_POST
def invitation_revoke(request, team_id: int, invitation_id: int):
    team = access.team_for_lead(request, team_id)
    invitation = _team_invitation(team, invitation_id)
    if account_services.invitation_revoke(invitation=invitation):
        messages.success(
            request, _("Invitation withdrawn: %(email)s") % {"email": invitation.email}
        )
    return redirect("team:invitations", team.pk)
