"""The KPI leaderboard page: the viewer's team ranked by attainment or by improvement over each
agent's own baseline, for all KPIs or one, in the most recent week that has standings.

Never raw values (``gamification.kpis.boards``). Agents and leads see their own teams; admins
may open any team with ``?team=<id>``; any other team is a 404.
"""

import datetime

from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gamification import selectors
from gamification.kpis.boards import kpi_board
from gamification.kpis.models import KpiDefinition, KpiStanding
from gamification.views import Tab, _requested_team
from lms.accounts.models import Team

METRIC_LABELS = {
    "attainment": gettext_lazy("Attainment"),
    "improvement": gettext_lazy("Improvement over own baseline"),
}
ALL_KPIS = ""


def _board_url(metric: str, kpi_code: str, team: Team | None) -> str:
    params = {"metric": metric}
    if kpi_code:
        params["kpi"] = kpi_code
    if team is not None:
        params["team"] = str(team.pk)
    return f"{reverse('gamification:kpi_leaderboard')}?{urlencode(params)}"


def _latest_period(team: Team, kpi: KpiDefinition | None, metric: str) -> datetime.date | None:
    """The most recent period in which someone of the team has a standing on this board."""
    standings = KpiStanding.objects.filter(
        counted=True, user__team_memberships__team=team, **{f"{metric}__isnull": False}
    )
    if kpi is not None:
        standings = standings.filter(kpi=kpi)
    return standings.aggregate(latest=Max("period_start"))["latest"]


@login_required
def kpi_leaderboard(request):
    viewer = request.user
    teams = selectors.teams_of(viewer)
    team = _requested_team(request, teams)  # 404 for a team the viewer may not see
    metric = request.GET.get("metric", "")
    if metric not in METRIC_LABELS:
        metric = "attainment"
    kpis = list(KpiDefinition.objects.all())
    kpi = next((each for each in kpis if each.code == request.GET.get("kpi", "")), None)
    kpi_code = kpi.code if kpi else ALL_KPIS

    period_start = _latest_period(team, kpi, metric) if team is not None else None
    board = None
    if period_start is not None:
        board = kpi_board(
            viewer=viewer, period_start=period_start, kpi=kpi, team=team, metric=metric
        )

    team_tabs = []
    if len(teams) > 1:
        team_tabs = [
            Tab(choice.name, _board_url(metric, kpi_code, choice), choice == team)
            for choice in teams
        ]
    metric_tabs = [
        Tab(str(label), _board_url(choice, kpi_code, team), choice == metric)
        for choice, label in METRIC_LABELS.items()
    ]
    kpi_tabs = [Tab(_("All KPIs"), _board_url(metric, ALL_KPIS, team), kpi is None)]
    kpi_tabs += [
        Tab(each.code.upper(), _board_url(metric, each.code, team), each == kpi) for each in kpis
    ]
    context = {
        "team": team,
        "metric": metric,
        "metric_label": METRIC_LABELS[metric],
        "kpi": kpi,
        "period_start": period_start,
        "monthly": kpi is not None and kpi.period == "month",
        "board": board,
        "team_tabs": team_tabs,
        "metric_tabs": metric_tabs,
        "kpi_tabs": kpi_tabs,
    }
    return render(request, "kpis/leaderboard.html", context)
