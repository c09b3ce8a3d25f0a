"""Which leaderboards an XP entry counts on, and what their keys are. Pure: no database.

A board key names one ranking: ``<scope>:<scope id>:<period>:<period id>``, for example
``team:3:week:2026-W48`` or ``academy:all:all:all``. Both leaderboard backends store one score
per (board key, user), so the same key means the same ranking in Redis and in the database.

Periods turn over at midnight in the academy's time zone (settings.TIME_ZONE): a board is
shared, so it cannot follow each agent's own clock the way streaks do.
"""

import datetime
from dataclasses import dataclass
from enum import StrEnum

NEW_HIRE_LEAGUE_DAYS = 90


class Scope(StrEnum):
    TEAM = "team"
    ACADEMY = "academy"
    NEW_HIRES = "newhire"


class Period(StrEnum):
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    ALL_TIME = "all"


# How long a Redis board outlives its period: long enough to look back on last week or month.
PERIOD_RETENTION = {
    Period.WEEK: datetime.timedelta(weeks=6),
    Period.MONTH: datetime.timedelta(days=400),
}


def period_id(period: Period, day: datetime.date, season_id: int | None) -> str | None:
    """The id of the period that ``day`` falls in, or None when there is no such period."""
    if period is Period.WEEK:
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if period is Period.MONTH:
        return f"{day.year}-{day.month:02d}"
    if period is Period.SEASON:
        return str(season_id) if season_id is not None else None
    return "all"


def board_key(scope: Scope, scope_id: int | str, period: Period, period_ref: str) -> str:
    return f"{scope}:{scope_id}:{period}:{period_ref}"


def parse_board_key(key: str) -> tuple[Scope, str, Period, str]:
    scope, scope_id, period, period_ref = key.split(":", 3)
    return Scope(scope), scope_id, Period(period), period_ref


def is_new_hire(joined: datetime.date, day: datetime.date) -> bool:
    """A new hire competes in the league for their first 90 days."""
    return (day - joined).days < NEW_HIRE_LEAGUE_DAYS


@dataclass(frozen=True)
class Standing:
    """Who earned the points, as far as choosing boards is concerned."""

    team_ids: tuple[int, ...]
    joined: datetime.date


def boards_for(standing: Standing, day: datetime.date, season_id: int | None) -> list[str]:
    """Every board an entry earned on ``day`` adds to (season_id: the season running then)."""
    scopes: list[tuple[Scope, int | str]] = [(Scope.ACADEMY, "all")]
    scopes += [(Scope.TEAM, team_id) for team_id in sorted(standing.team_ids)]
    if is_new_hire(standing.joined, day):
        scopes.append((Scope.NEW_HIRES, "all"))
    keys = []
    for scope, scope_id in scopes:
        for period in Period:
            ref = period_id(period, day, season_id)
            if ref is not None:
                keys.append(board_key(scope, scope_id, period, ref))
    return keys


def current_board(
    scope: Scope,
    scope_id: int | str,
    period: Period,
    today: datetime.date,
    season_id: int | None,
) -> str | None:
    """The key of the board for the running period (None: no season is running)."""
    ref = period_id(period, today, season_id)
    return board_key(scope, scope_id, period, ref) if ref is not None else None


def retention(key: str) -> datetime.timedelta | None:
    """How long Redis keeps a board after it was last written (None: for ever)."""
    return PERIOD_RETENTION.get(parse_board_key(key)[2])


def ranks_for_slice(first_rank: int, first_position: int, scores: list[int]) -> list[int]:
    """Competition ranks ("1, 2, 2, 4") for consecutive rows of a board sorted by score.

    ``first_position`` is the 0-based position of the slice's first row in the whole board and
    ``first_rank`` that row's rank (1 + how many score strictly more). A later row with a lower
    score than the row before it is the first of its score, so its rank is its position + 1.
    """
    ranks: list[int] = []
    for index, score in enumerate(scores):
        if index == 0:
            ranks.append(first_rank)
        elif score == scores[index - 1]:
            ranks.append(ranks[-1])
        else:
            ranks.append(first_position + index + 1)
    return ranks
