"""Which target was in force for an agent, a KPI and a period: two queries for any number.

Targets are history rows (``KpiTarget``): the one in force for a period is the newest row with
``valid_from <= period_start``. A row for the agent beats the rows of their team(s); an agent
in several teams gets the newest team row of any of them.
"""

import datetime
from collections import defaultdict
from collections.abc import Collection
from decimal import Decimal

from django.db.models import Q

from gamification.kpis.models import KpiTarget
from lms.accounts.models import TeamMembership


def targets_in_force(
    *,
    user_ids: Collection[int],
    kpi_ids: Collection[int],
    periods: Collection[datetime.date],
) -> dict[tuple[int, int, datetime.date], Decimal]:
    """The target per (user, KPI, period start) for every combination that has one."""
    if not user_ids or not kpi_ids or not periods:
        return {}
    teams: dict[int, set[int]] = defaultdict(set)
    for user_id, team_id in TeamMembership.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "team_id"
    ):
        teams[user_id].add(team_id)
    all_team_ids = {team_id for team_ids in teams.values() for team_id in team_ids}
    # Agent rows may name a team the agent has left: they still apply to the agent.
    rows = (
        KpiTarget.objects.filter(kpi_id__in=kpi_ids, valid_from__lte=max(periods))
        .filter(Q(team_id__in=all_team_ids, user__isnull=True) | Q(user_id__in=user_ids))
        .order_by("-valid_from", "-created_at", "-pk")
    )
    # Newest first: (valid_from, value) per KPI and team, and per KPI and agent.
    by_team: dict[tuple[int, int], list[tuple[datetime.date, Decimal]]] = defaultdict(list)
    by_agent: dict[tuple[int, int], list[tuple[datetime.date, Decimal]]] = defaultdict(list)
    for kpi_id, team_id, user_id, valid_from, value in rows.values_list(
        "kpi_id", "team_id", "user_id", "valid_from", "value"
    ):
        if user_id is None:
            by_team[(kpi_id, team_id)].append((valid_from, value))
        else:
            by_agent[(kpi_id, user_id)].append((valid_from, value))

    def newest(history: list[tuple[datetime.date, Decimal]], start: datetime.date):
        return next(((day, value) for day, value in history if day <= start), None)

    found: dict[tuple[int, int, datetime.date], Decimal] = {}
    for user_id in user_ids:
        for kpi_id in kpi_ids:
            for start in periods:
                own = newest(by_agent.get((kpi_id, user_id), []), start)
                if own is not None:
                    found[(user_id, kpi_id, start)] = own[1]
                    continue
                candidates = [
                    row
                    for team_id in teams.get(user_id, ())
                    if (row := newest(by_team.get((kpi_id, team_id), []), start)) is not None
                ]
                if candidates:
                    found[(user_id, kpi_id, start)] = max(candidates, key=lambda row: row[0])[1]
    return found
