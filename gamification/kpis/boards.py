"""KPI leaderboards: agents ranked by attainment (result against their target) or by
improvement over their own baseline, never by raw values, so that a CSAT agent and an AHT
agent, or a chat and a phone queue, compare fairly (DOMAIN.md).

Read from ``KpiStanding`` (written by event processing). Only counted results rank: a period
over too small a sample appears nowhere. With no KPI given, an agent's score is the mean over
the KPIs they have a counted standing for in periods starting that day. Three queries whatever
the board's size. Views check who may see which team (agents their own, leads theirs).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from django.db.models import Avg

from gamification.kpis.models import KpiDefinition, KpiStanding
from gamification.selectors import _visible_names
from lms.accounts.models import Team, User

Metric = Literal["attainment", "improvement"]


@dataclass(frozen=True)
class KpiBoardRow:
    rank: int
    user_id: int
    name: str
    # Attainment in percent (100 = on target) or improvement in percent (+12 = 12 % better).
    percent: int
    is_me: bool


@dataclass
class KpiBoard:
    metric: Metric
    period_start: datetime.date
    kpi: KpiDefinition | None
    rows: list[KpiBoardRow] = field(default_factory=list)
    me: KpiBoardRow | None = None


def kpi_board(
    *,
    viewer: User,
    period_start: datetime.date,
    kpi: KpiDefinition | None = None,
    team: Team | None = None,
    metric: Metric = "attainment",
    limit: int | None = None,
) -> KpiBoard:
    """The ranking for one period; competition ranks ("1, 2, 2, 4"), ties by user id."""
    if metric not in ("attainment", "improvement"):
        raise ValueError(metric)
    standings = KpiStanding.objects.filter(
        period_start=period_start, counted=True, **{f"{metric}__isnull": False}
    )
    if kpi is not None:
        standings = standings.filter(kpi=kpi)
    if team is not None:
        standings = standings.filter(user__team_memberships__team=team)
    scores = list(
        standings.values("user_id")
        .annotate(score=Avg(metric))
        .order_by("-score", "-user_id")
        .values_list("user_id", "score")
    )
    board = KpiBoard(metric=metric, period_start=period_start, kpi=kpi)
    if not scores:
        return board
    people = User.objects.only("pk", "email", "first_name", "last_name", "leaderboard_opt_out")
    names = _visible_names(viewer, people.in_bulk([user_id for user_id, _score in scores]))
    rank = 0
    previous: Decimal | None = None
    for position, (user_id, score) in enumerate(scores):
        score = Decimal(score).quantize(Decimal("0.0001"))
        if score != previous:
            rank = position + 1
            previous = score
        row = KpiBoardRow(
            rank=rank,
            user_id=user_id,
            name=names.get(user_id, ""),
            percent=int((score * 100).to_integral_value()),
            is_me=user_id == viewer.pk,
        )
        if row.is_me:
            board.me = row
        if limit is None or position < limit:
            board.rows.append(row)
    return board
