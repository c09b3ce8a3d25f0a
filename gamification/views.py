"""Leaderboards, the notification centre, leaderboard privacy and badges given by team leads.

Views parse the request, check permission, call one selector or service and render.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gamification import page_data, selectors, services
from gamification.boards import Period, Scope
from gamification.forms import BadgeAwardForm, LeaderboardPrivacyForm
from lms.accounts.models import Team
from lms.accounts.roles import is_admin, is_team_lead
from lms.http import safe_next_url

SCOPE_LABELS = {
    Scope.TEAM: gettext_lazy("My team"),
    Scope.ACADEMY: gettext_lazy("Whole academy"),
    Scope.NEW_HIRES: gettext_lazy("New hires"),
}
PERIOD_LABELS = {
    Period.WEEK: gettext_lazy("This week"),
    Period.MONTH: gettext_lazy("This month"),
    Period.SEASON: gettext_lazy("Season"),
    Period.ALL_TIME: gettext_lazy("All time"),
}
# The new-hire league is about the first 90 days: an all-time board would say nothing more.
NEW_HIRE_PERIODS = (Period.WEEK, Period.MONTH, Period.SEASON)


@dataclass(frozen=True)
class Tab:
    label: str
    url: str
    current: bool


def _board_url(scope: Scope, period: Period, team: Team | None) -> str:
    params = {"scope": scope.value, "period": period.value}
    if scope is Scope.TEAM and team is not None:
        params["team"] = str(team.pk)
    return f"{reverse('gamification:leaderboard')}?{urlencode(params)}"


def _periods_of(scope: Scope) -> tuple[Period, ...]:
    return NEW_HIRE_PERIODS if scope is Scope.NEW_HIRES else tuple(Period)


def _period_of(scope: Scope, wanted: Period) -> Period:
    """The wanted period when the scope has it, else this week."""
    return wanted if wanted in _periods_of(scope) else Period.WEEK


def _requested_team(request, teams: list[Team]) -> Team | None:
    """The team asked for, else the viewer's first team. A team they may not see is a 404."""
    raw = request.GET.get("team", "")
    if not raw:
        return teams[0] if teams else None
    try:
        team_id = int(raw)
    except ValueError:
        return teams[0] if teams else None  # nonsense falls back, like the other parameters
    team = next((team for team in teams if team.pk == team_id), None)
    if team is None and is_admin(request.user):
        team = page_data.viewable_team(request.user, team_id)
    if team is None:
        raise Http404("No such team among yours.")
    return team


@login_required
def leaderboard(request):
    viewer = request.user
    teams = selectors.teams_of(viewer)
    team = _requested_team(request, teams)
    try:
        scope = Scope(request.GET.get("scope", ""))
    except ValueError:
        scope = Scope.TEAM if team else Scope.ACADEMY
    if scope is Scope.TEAM and team is None:
        scope = Scope.ACADEMY
    periods = _periods_of(scope)
    try:
        period = _period_of(scope, Period(request.GET.get("period", "")))
    except ValueError:
        period = Period.WEEK
    season = selectors.current_season() if period is Period.SEASON else None
    board = selectors.board_for(
        viewer=viewer,
        scope=scope,
        period=period,
        team=team if scope is Scope.TEAM else None,
        season=season,
    )

    scope_tabs = [
        Tab(
            _("Team %(name)s") % {"name": choice.name}
            if len(teams) > 1
            else str(SCOPE_LABELS[Scope.TEAM]),
            _board_url(Scope.TEAM, period, choice),
            scope is Scope.TEAM and choice == team,
        )
        for choice in teams
    ]
    scope_tabs += [
        Tab(
            str(SCOPE_LABELS[other]),
            _board_url(other, _period_of(other, period), None),
            scope is other,
        )
        for other in (Scope.ACADEMY, Scope.NEW_HIRES)
    ]
    period_tabs = [
        Tab(str(PERIOD_LABELS[choice]), _board_url(scope, choice, team), choice is period)
        for choice in periods
    ]
    context = {
        "board": board,
        "scope": scope.value,
        "period": period.value,
        "team": team if scope is Scope.TEAM else None,
        "scope_label": team.name if scope is Scope.TEAM and team else SCOPE_LABELS[scope],
        "period_label": PERIOD_LABELS[period],
        "season": season,
        "no_season": period is Period.SEASON and season is None,
        "scope_tabs": scope_tabs,
        "period_tabs": period_tabs,
        "opted_out": viewer.leaderboard_opt_out,
    }
    return render(request, "gamification/leaderboard.html", context)


@login_required
@require_POST
def leaderboard_privacy(request):
    form = LeaderboardPrivacyForm(request.POST)
    back = safe_next_url(request) or reverse("gamification:leaderboard")
    opted_out = form.is_valid() and form.cleaned_data["opt_out"]
    services.leaderboard_opt_out_set(user=request.user, opted_out=opted_out)
    if opted_out:
        messages.success(request, _("Your name is now hidden on leaderboards."))
    else:
        messages.success(request, _("Your name now shows on leaderboards."))
    return redirect(back)


@login_required
def notification_list(request):
    items = page_data.notification_items(selectors.notifications(request.user))
    return render(request, "gamification/notifications.html", {"items": items})


@login_required
@require_POST
def notifications_mark_read(request):
    marked = services.notifications_mark_read(user=request.user)
    if marked:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("gamification:notifications")


@login_required
def badge_award(request):
    lead = request.user
    if not (is_admin(lead) or is_team_lead(lead)):
        raise PermissionDenied
    form = BadgeAwardForm(request.POST or None, lead=lead)
    if request.method == "POST" and form.is_valid():
        agent = form.cleaned_data["user"]
        badge = form.cleaned_data["badge"]
        try:
            services.badge_award_manual(
                lead=lead, user=agent, badge=badge, reason=form.cleaned_data["reason"]
            )
        except services.GamificationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("You gave “%(badge)s” to %(name)s.")
                % {"badge": badge.name, "name": agent.display_name},
            )
            return redirect("gamification:badge_award")
    return render(request, "gamification/badge_award.html", {"form": form})
