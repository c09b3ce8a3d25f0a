"""Leaderboard storage: one interface, a database backend and a Redis backend.

The database backend (``LeaderboardScore`` rows) is always written, inside the transaction that
processes events, so it is the durable copy. When ``settings.LEADERBOARD_BACKEND`` is "redis",
``push_unpushed`` mirrors changed rows into Redis sorted sets after commit and pages read from
Redis, falling back to the database while Redis is down.

Both backends order a board the same way: score descending, ties by user id descending, and
rank = 1 + how many users score strictly more (competition ranking: "1, 2, 2, 4"). Every read
costs a constant number of queries or round trips, whatever the size of the board.
"""

from __future__ import annotations

import functools
import logging
import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, cast

import redis
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet, Subquery
from redis.backoff import NoBackoff
from redis.retry import Retry

from gamification import boards
from gamification.models import LeaderboardScore

logger = logging.getLogger(__name__)

DEFAULT_KEY_PREFIX = "lms:lb:"
# A dead Redis is tried again after this long; meanwhile reads go to the database at once
# instead of each request waiting for a connection timeout.
REDIS_RETRY_AFTER = 5.0
# Short timeouts: a leaderboard is never worth a slow page.
REDIS_SOCKET_TIMEOUT = 0.5
REDIS_CHUNK = 10_000
DATABASE_BATCH = 5_000
# Conditions per UPDATE when marking rows pushed: SQLite parses a long OR as a deep tree and
# refuses expressions deeper than 1000.
MARK_CHUNK = 1_000
UPSERT_CHUNK = 1_000
# A rebuild that crashes half way leaves its temporary key behind for at most this long.
REBUILD_KEY_TTL = 3600


@dataclass(frozen=True)
class Row:
    rank: int
    user_id: int
    score: int


class LeaderboardBackend(Protocol):
    """What pages, event processing and the rebuild need from a leaderboard store."""

    def top(self, board: str, limit: int = 10) -> list[Row]: ...

    def rank(self, board: str, user_id: int) -> Row | None: ...

    def around(self, board: str, user_id: int, span: int = 3) -> list[Row]: ...

    def set_scores(self, scores: Iterable[tuple[str, int, int]]) -> None: ...

    def add(self, deltas: Mapping[tuple[str, int], int]) -> None: ...

    def replace_board(self, board: str, scores: Mapping[int, int]) -> None: ...

    def remove(self, board: str, user_ids: Iterable[int]) -> None: ...

    def board_keys(self) -> list[str]: ...

    def scores(self, board: str) -> dict[int, int]: ...


def _rows(first_rank: int, first_position: int, pairs: list[tuple[int, int]]) -> list[Row]:
    """Rows for a consecutive slice of a board, given (user id, score) in board order."""
    ranks = boards.ranks_for_slice(first_rank, first_position, [score for _, score in pairs])
    return [
        Row(rank=rank, user_id=user_id, score=score)
        for rank, (user_id, score) in zip(ranks, pairs, strict=True)
    ]


# --- database ---------------------------------------------------------------------------------


def _board(board: str) -> QuerySet[LeaderboardScore]:
    return LeaderboardScore.objects.filter(board=board)


class DatabaseBackend:
    """Boards as ``LeaderboardScore`` rows; reads walk the (board, -score, -user) index.

    Reads cost at most three queries: one for the rows and at most one count, which only
    counts rows ranked above the slice.
    """

    def top(self, board: str, limit: int = 10) -> list[Row]:
        if limit <= 0:
            return []
        pairs = list(
            _board(board).order_by("-score", "-user_id").values_list("user_id", "score")[:limit]
        )
        return _rows(1, 0, pairs)

    def rank(self, board: str, user_id: int) -> Row | None:
        found = list(_board(board).filter(user_id=user_id).values_list("score", flat=True)[:1])
        if not found:
            return None
        score = found[0]
        higher = _board(board).filter(score__gt=score).count()
        return Row(rank=higher + 1, user_id=user_id, score=score)

    def around(self, board: str, user_id: int, span: int = 3) -> list[Row]:
        mine = Subquery(_board(board).filter(user_id=user_id).values("score")[:1])
        # The user and the rows after them; the score comes from a subquery so that an absent
        # user costs one query and a present one does not need a query of its own.
        me_and_below = list(
            _board(board)
            .filter(score__lte=mine)
            .filter(Q(score__lt=mine) | Q(user_id__lte=user_id))
            .order_by("-score", "-user_id")
            .values_list("user_id", "score")[: span + 1]
        )
        if not me_and_below or me_and_below[0][0] != user_id:
            return []
        score = me_and_below[0][1]
        above = list(
            _board(board)
            .filter(score__gte=score)
            .filter(Q(score__gt=score) | Q(user_id__gt=user_id))
            .order_by("score", "user_id")
            .values_list("user_id", "score")[:span]
        )
        pairs = [*reversed(above), *me_and_below]
        if len(above) < span:
            # Fewer rows above than asked for: the slice starts at the top of the board.
            return _rows(1, 0, pairs)
        first_user, first_score = pairs[0]
        counts = (
            _board(board)
            .filter(score__gte=first_score)
            .aggregate(
                higher=Count("user", filter=Q(score__gt=first_score)),
                tied_before=Count("user", filter=Q(score=first_score, user_id__gt=first_user)),
            )
        )
        return _rows(counts["higher"] + 1, counts["higher"] + counts["tied_before"], pairs)

    def set_scores(self, scores: Iterable[tuple[str, int, int]]) -> None:
        """Upsert absolute scores (the last one wins for a repeated pair); Redis sees them at
        the next push. The database is the truth, so unlike Redis it may lower a score."""
        latest = {(board, user_id): score for board, user_id, score in scores}
        LeaderboardScore.objects.bulk_create(
            [
                LeaderboardScore(board=board, user_id=user_id, score=score, pushed=False)
                for (board, user_id), score in latest.items()
            ],
            batch_size=DATABASE_BATCH,
            update_conflicts=True,
            unique_fields=["board", "user"],
            update_fields=["score", "pushed"],
        )

    def add(self, deltas: Mapping[tuple[str, int], int]) -> None:
        """Increment (board, user) scores with one upsert per chunk; marks them unpushed.

        ``INSERT ... ON CONFLICT DO UPDATE SET score = score + excluded.score`` (PostgreSQL
        and SQLite both speak it) increments in SQL, so a concurrent increment is never lost,
        and rows go in (board, user) order so two writers never deadlock on each other.
        """
        rows = sorted((board, user_id, delta) for (board, user_id), delta in deltas.items())
        table = connection.ops.quote_name(LeaderboardScore._meta.db_table)
        for start in range(0, len(rows), UPSERT_CHUNK):
            chunk = rows[start : start + UPSERT_CHUNK]
            values = ", ".join(["(%s, %s, %s, false)"] * len(chunk))
            with connection.cursor() as cursor:
                cursor.execute(
                    # Only the table name is interpolated; every value is a parameter.
                    f"INSERT INTO {table} (board, user_id, score, pushed) VALUES {values} "  # noqa: S608
                    f"ON CONFLICT (board, user_id) DO UPDATE "
                    f"SET score = {table}.score + excluded.score, pushed = false",
                    [value for row in chunk for value in row],
                )

    def replace_board(self, board: str, scores: Mapping[int, int]) -> None:
        with transaction.atomic():
            _board(board).delete()
            LeaderboardScore.objects.bulk_create(
                [
                    LeaderboardScore(board=board, user_id=user_id, score=score, pushed=False)
                    for user_id, score in scores.items()
                ],
                batch_size=DATABASE_BATCH,
            )

    def remove(self, board: str, user_ids: Iterable[int]) -> None:
        _board(board).filter(user_id__in=list(user_ids)).delete()

    def board_keys(self) -> list[str]:
        return list(
            LeaderboardScore.objects.order_by("board").values_list("board", flat=True).distinct()
        )

    def scores(self, board: str) -> dict[int, int]:
        return dict(_board(board).values_list("user_id", "score"))


# --- Redis ------------------------------------------------------------------------------------


@functools.cache
def _client(url: str) -> redis.Redis:
    """One client (and connection pool) per URL for the whole process."""
    return redis.Redis.from_url(
        url,
        socket_timeout=REDIS_SOCKET_TIMEOUT,
        socket_connect_timeout=REDIS_SOCKET_TIMEOUT,
        # One quick retry recovers a pooled connection the server closed; more would only
        # multiply the wait when Redis is really down.
        retry=Retry(NoBackoff(), retries=1),
    )


def _member(user_id: int) -> str:
    """Zero-padded, so Redis's byte order for equal scores is numeric user id order."""
    return f"{user_id:012d}"


def _pairs(reply: Any) -> list[tuple[int, int]]:
    """(user id, score) pairs from a WITHSCORES reply (redis-py types it loosely)."""
    return [(int(member), int(score)) for member, score in reply]


def _expiry_seconds(board: str) -> int | None:
    kept = boards.retention(board)
    return int(kept.total_seconds()) if kept is not None else None


def _glob_escape(text: str) -> str:
    return "".join(f"\\{char}" if char in "*?[]\\" else char for char in text)


class RedisBackend:
    """Boards as sorted sets named ``<prefix><board key>``, members zero-padded user ids.

    ZREVRANGE breaks score ties by member descending, which the padding makes user id
    descending, the database backend's order. Reads are one to three round trips; a board
    written between two of them can make ranks lag by that write, which pages tolerate.
    """

    def __init__(self, client: redis.Redis | None = None) -> None:
        if client is None:
            url = getattr(settings, "REDIS_URL", "")
            if not url:
                raise ImproperlyConfigured("The Redis leaderboard backend needs REDIS_URL.")
            client = _client(url)
        self.client = client

    @property
    def prefix(self) -> str:
        # Read on every use so tests can give each test its own prefix.
        return getattr(settings, "LEADERBOARD_KEY_PREFIX", DEFAULT_KEY_PREFIX)

    def key(self, board: str) -> str:
        return f"{self.prefix}{board}"

    def ping(self) -> None:
        self.client.ping()

    def top(self, board: str, limit: int = 10) -> list[Row]:
        if limit <= 0:
            return []
        found = self.client.zrevrange(self.key(board), 0, limit - 1, withscores=True)
        return _rows(1, 0, _pairs(found))

    def rank(self, board: str, user_id: int) -> Row | None:
        key = self.key(board)
        score = self.client.zscore(key, _member(user_id))
        if score is None:
            return None
        higher = self.client.zcount(key, f"({int(score)}", "+inf")
        return Row(rank=higher + 1, user_id=user_id, score=int(score))

    def around(self, board: str, user_id: int, span: int = 3) -> list[Row]:
        key = self.key(board)
        position = cast(int | None, self.client.zrevrank(key, _member(user_id)))
        if position is None:
            return []
        start = max(0, position - span)
        pairs = _pairs(self.client.zrevrange(key, start, position + span, withscores=True))
        if not pairs:  # removed between the two calls
            return []
        first_rank = 1 if start == 0 else 1 + self.client.zcount(key, f"({pairs[0][1]}", "+inf")
        return _rows(first_rank, start, pairs)

    def set_scores(self, scores: Iterable[tuple[str, int, int]]) -> None:
        """ZADD GT: a late or repeated push never lowers a score, so pushes are idempotent and
        may race each other. Each write renews the board's expiry (week and month boards)."""
        by_board: dict[str, dict[str, int]] = {}
        for board, user_id, score in scores:
            members = by_board.setdefault(board, {})
            member = _member(user_id)
            members[member] = max(score, members.get(member, score))
        if not by_board:
            return
        pipe = self.client.pipeline(transaction=False)
        for board, members in by_board.items():
            expiry = _expiry_seconds(board)
            key = self.key(board)
            items = list(members.items())
            for start in range(0, len(items), REDIS_CHUNK):
                pipe.zadd(key, dict(items[start : start + REDIS_CHUNK]), gt=True)
            if expiry is not None:
                pipe.expire(key, expiry)
        pipe.execute()

    def add(self, deltas: Mapping[tuple[str, int], int]) -> None:
        """ZINCRBY in one pipeline (tests and benchmarks; processing writes the database)."""
        if not deltas:
            return
        pipe = self.client.pipeline(transaction=False)
        for (board, user_id), delta in deltas.items():
            pipe.zincrby(self.key(board), delta, _member(user_id))
        for board in {board for board, _ in deltas}:
            expiry = _expiry_seconds(board)
            if expiry is not None:
                pipe.expire(self.key(board), expiry)
        pipe.execute()

    def replace_board(self, board: str, scores: Mapping[int, int]) -> None:
        """Build the new board under a temporary key, then RENAME it over the old one: readers
        see the old board or the new one, never a half-built one."""
        key = self.key(board)
        if not scores:
            self.client.delete(key)
            return
        # Not a parseable board key, so board_keys() never lists it.
        temporary = f"{self.prefix}rebuild:{uuid.uuid4().hex}"
        items = [(_member(user_id), score) for user_id, score in scores.items()]
        pipe = self.client.pipeline(transaction=False)
        for start in range(0, len(items), REDIS_CHUNK):
            pipe.zadd(temporary, dict(items[start : start + REDIS_CHUNK]))
        pipe.expire(temporary, REBUILD_KEY_TTL)
        pipe.execute()
        expiry = _expiry_seconds(board)
        swap = self.client.pipeline(transaction=True)
        swap.rename(temporary, key)
        if expiry is not None:
            swap.expire(key, expiry)
        else:
            swap.persist(key)
        swap.execute()

    def remove(self, board: str, user_ids: Iterable[int]) -> None:
        members = [_member(user_id) for user_id in user_ids]
        if members:
            self.client.zrem(self.key(board), *members)

    def board_keys(self) -> list[str]:
        prefix = self.prefix
        keys = []
        for raw in self.client.scan_iter(match=f"{_glob_escape(prefix)}*", count=1000):
            board = raw.decode()[len(prefix) :]
            try:
                boards.parse_board_key(board)
            except ValueError:
                continue
            keys.append(board)
        return sorted(keys)

    def scores(self, board: str) -> dict[int, int]:
        return dict(_pairs(self.client.zrange(self.key(board), 0, -1, withscores=True)))


# --- choosing a backend, pushing to Redis -----------------------------------------------------

_now = time.monotonic
# REDIS_URL -> monotonic time until which that Redis counts as down.
_redis_down_until: dict[str, float] = {}


def _redis_marked_down() -> bool:
    return _redis_down_until.get(settings.REDIS_URL, 0.0) > _now()


def _mark_redis_down(error: Exception, doing: str) -> None:
    _redis_down_until[settings.REDIS_URL] = _now() + REDIS_RETRY_AFTER
    # The error, not the URL: the URL may carry a password.
    logger.warning("Redis leaderboards unreachable (%s): %s", error, doing)


def reading_backend() -> LeaderboardBackend:
    """The backend pages read from: Redis when configured and answering, else the database.

    The database always holds every score, so falling back costs speed, not correctness.
    """
    if settings.LEADERBOARD_BACKEND != "redis" or _redis_marked_down():
        return DatabaseBackend()
    backend = RedisBackend()
    try:
        backend.ping()
    except redis.RedisError as error:
        _mark_redis_down(error, "reading from the database")
        return DatabaseBackend()
    return backend


def push_unpushed(limit: int = 5000) -> int:
    """Copy up to ``limit`` database scores Redis has not seen into Redis; returns how many.

    Runs after the processing transaction commits and from the periodic sweeper. A row is
    marked pushed only if its score is still the one sent, so an increment that lands in
    between stays unpushed for the next run. With Redis down nothing is marked and 0 returned.
    Scores only go up here (ZADD GT); lowering one is a rebuild's job (``replace_board``).
    """
    if settings.LEADERBOARD_BACKEND != "redis":
        return 0
    if _redis_marked_down():
        logger.debug("Redis marked down; leaving leaderboard scores for the sweeper")
        return 0
    rows = _unpushed_rows(limit)
    if not rows:
        return 0
    try:
        RedisBackend().set_scores((board, user_id, score) for _pk, board, user_id, score in rows)
    except redis.RedisError as error:
        _mark_redis_down(error, "scores stay unpushed for the sweeper")
        return 0
    _mark_pushed(rows)
    return len(rows)


def _unpushed_rows(limit: int) -> list[tuple[int, str, int, int]]:
    return list(
        LeaderboardScore.objects.filter(pushed=False).values_list(
            "pk", "board", "user_id", "score"
        )[:limit]
    )


def _mark_pushed(rows: list[tuple[int, str, int, int]]) -> int:
    """Mark rows pushed where the score is still the pushed one (the pk names board and user).

    Rows another transaction holds are skipped, not waited for: that writer is changing them,
    so they stay unpushed and go with the next push, and the two can never deadlock.
    """
    table = connection.ops.quote_name(LeaderboardScore._meta.db_table)
    skip_locked = (
        " FOR UPDATE SKIP LOCKED" if connection.features.has_select_for_update_skip_locked else ""
    )
    marked = 0
    for start in range(0, len(rows), MARK_CHUNK):
        chunk = rows[start : start + MARK_CHUNK]
        values = ", ".join(["(%s, %s)"] * len(chunk))
        with connection.cursor() as cursor:
            cursor.execute(
                # Only the table name is interpolated; every value is a parameter.
                f"UPDATE {table} SET pushed = true WHERE id IN ("  # noqa: S608
                f"SELECT id FROM {table} WHERE pushed = false "
                f"AND (id, score) IN (VALUES {values}){skip_locked})",
                [value for pk, _board, _user, score in chunk for value in (pk, score)],
            )
            marked += cursor.rowcount
    return marked
