"""The team lead's KPI page: the team against its targets, who is below target and each agent's
training beside their results. Starts, like every team view, with ``access.team_for_lead``.

Showing an agent's results to someone else is a disclosure of personal data: every view of the
page writes one ``KpiAccess`` row per agent whose values it shows (DOMAIN.md).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gamification.kpis import selectors as kpi_selectors
from gamification.kpis.models import RemediationFiring
from gamification.kpis.privacy import kpi_access_log
from gamification.kpis.remediation import remediation_cancel
from lms.accounts.models import TeamMembership
from lms.team import access
from lms.team.views import _tabs


@login_required
def kpis(request, team_id: int):
    team = access.team_for_lead(request, team_id)
    team_kpis = kpi_selectors.team_kpis(team=team)
    kpi_access_log(viewer=request.user, subjects=team_kpis.shown, action="view", path=request.path)
    context = {
        "team": team,
        "tabs": _tabs(team, "kpis"),
        "team_kpis": team_kpis,
        "outcomes": kpi_selectors.remediation_outcomes(team=team),
        "upload_url": "/team/kpis/upload/",
        "targets_url": f"/team/kpis/targets/{team.pk}/",
    }
    return render(request, "team/kpis.html", context)


@login_required
@require_POST
def remediation_cancel_view(request, team_id: int, firing_id: int):
    """The lead calls off a remediation of one of their agents (course or roleplay)."""
    team = access.team_for_lead(request, team_id)
    firing = get_object_or_404(
        RemediationFiring.objects.select_related("assignment", "rule__kpi"),
        pk=firing_id,
        user__team_memberships__team=team,
        user__team_memberships__role=TeamMembership.Role.MEMBER,
    )
    if remediation_cancel(firing=firing):
        messages.success(request, _("Remediation cancelled."))
    return redirect("team:kpis", team.pk)
