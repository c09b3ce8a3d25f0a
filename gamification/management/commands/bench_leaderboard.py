"""Time the read every leaderboard page makes, on each backend, at production size.

The read is "top 10 + my rank + 3 around me". It is timed for agents spread over the ranking
with (a) the Redis backend, (b) the same Redis calls written out by hand, so (a)/(b) is the
backend's own overhead, (c) the database backend and (d) a naive GROUP BY over the XP ledger,
what a page would cost without a denormalised board. The last line, ``ratio: Y``, is
database-backend median / Redis-backend median.

It writes agents (``@bench.invalid``), events, ledger entries and one board, so it refuses to
run unless DEBUG is on or ``--yes`` is given, and on a ledger that already holds entries (the
naive read sums the whole ledger). It deletes what it wrote unless ``--keep``.
"""

from __future__ import annotations

import datetime
import random
import statistics
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import Any, cast

import redis
from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.models import Count, Q, Sum
from django.test.utils import override_settings
from django.utils import timezone

from gamification import boards
from gamification.leaderboards import DatabaseBackend, RedisBackend, Row
from gamification.models import Event, EventKind, LeaderboardScore, XpEntry, XpRule
from lms.accounts.models import User

BOARD = "academy:all:all:all"
MARKER_DOMAIN = "@bench.invalid"
POINTS = (5, 10, 10, 20, 25, 50, 100)  # few distinct values: plenty of ties, as in real boards
RULES = [code for code, _label in XpRule.Code.choices]  # one event earns each rule at most once
SKEW = 0.8  # Zipf-like exponent: a few agents earn far more than most
TOP, SPAN = 10, 3

Read = Callable[[int], Any]


class Command(BaseCommand):
    help = "Benchmark leaderboard reads: Redis backend, raw Redis, database backend, naive SQL."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agents", type=int, default=100_000)
        parser.add_argument("--entries", type=int, default=1_000_000)
        parser.add_argument("--samples", type=int, default=200, help="agents whose read is timed")
        parser.add_argument(
            "--naive-samples",
            type=int,
            default=None,
            help="samples for the naive GROUP BY, each a few full scans (default: --samples)",
        )
        parser.add_argument("--chunk", type=int, default=10_000, help="rows per bulk insert")
        parser.add_argument("--seed", type=int, default=48)
        parser.add_argument("--yes", action="store_true", help="run even with DEBUG off")
        parser.add_argument("--keep", action="store_true", help="keep the data afterwards")
        parser.add_argument(
            "--cleanup", action="store_true", help="only delete data left by a --keep run"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not (options["yes"] or settings.DEBUG):
            raise CommandError("bench_leaderboard writes test data: pass --yes or turn DEBUG on.")
        if not settings.REDIS_URL:
            raise CommandError(
                "bench_leaderboard compares against Redis: set REDIS_URL, "
                "e.g. REDIS_URL=redis://127.0.0.1:6379/8"
            )
        self.redis = RedisBackend()
        try:
            self.redis.ping()
        except redis.RedisError as error:
            raise CommandError(f"Redis does not answer at REDIS_URL: {error}") from error
        self._shown: dict[str, int] = {}
        # With DEBUG on, Django would keep every bulk INSERT's SQL in memory and time its logging.
        with override_settings(DEBUG=False):
            if options["cleanup"]:
                self._cleanup(options["chunk"])
                return
            self._refuse_unless_empty()
            try:
                self._build(options)
                self._measure(options)
            finally:
                if options["keep"]:
                    self.stdout.write("Kept the data; remove it with --cleanup.")
                else:
                    self._cleanup(options["chunk"])

    # --- data ------------------------------------------------------------------------------

    def _refuse_unless_empty(self) -> None:
        if User.objects.filter(email__endswith=MARKER_DOMAIN).exists():
            raise CommandError(
                "Data from an earlier --keep run is still there: run with --cleanup."
            )
        if XpEntry.objects.exists() or LeaderboardScore.objects.filter(board=BOARD).exists():
            raise CommandError(
                "The XP ledger is not empty, and the naive read sums all of it: run the benchmark "
                "on a scratch database (DATABASE_URL=.../academy_bench, migrated)."
            )
        if self.redis.client.exists(self.redis.key(BOARD)):
            raise CommandError(f"Redis already holds {self.redis.key(BOARD)}: use another db.")

    def _build(self, options: dict[str, Any]) -> None:
        agents, entries, chunk = options["agents"], options["entries"], options["chunk"]
        if agents < 1 or entries < agents:
            raise CommandError("Need at least one agent and at least one entry per agent.")
        rng = random.Random(options["seed"])  # noqa: S311 - reproducible data, no secret
        started = time.perf_counter()
        self.stdout.write(f"Building {agents} agents and {entries} ledger entries...")

        password = f"{UNUSABLE_PASSWORD_PREFIX}bench"
        for done in range(0, agents, chunk):
            User.objects.bulk_create(
                [
                    User(email=f"agent{n}{MARKER_DOMAIN}", password=password)
                    for n in range(done, min(done + chunk, agents))
                ]
            )
            self._progress("agents", min(done + chunk, agents), agents, started)
        user_ids = list(
            User.objects.filter(email__endswith=MARKER_DOMAIN)
            .order_by("pk")
            .values_list("pk", flat=True)
        )

        # Everybody earns something; the rest goes to agents by a skewed weight, in a shuffled
        # order so that the ranking has nothing to do with the ids.
        weights = [1 / (n + 1) ** SKEW for n in range(agents)]
        rng.shuffle(weights)
        extra = Counter(rng.choices(range(agents), weights=weights, k=entries - agents))
        counts = [1 + extra[n] for n in range(agents)]

        self.totals: dict[int, int] = {}
        written = 0
        for events, ledger in self._ledger_chunks(user_ids, counts, rng, chunk):
            created = Event.objects.bulk_create(events)
            for entry in ledger:
                entry.event_id = created[entry.event_index].pk  # type: ignore[attr-defined]
            XpEntry.objects.bulk_create(ledger)
            written += len(ledger)
            self._progress("ledger entries", written, entries, started)

        scores = sorted(self.totals.items())
        for done in range(0, len(scores), chunk):
            LeaderboardScore.objects.bulk_create(
                [
                    LeaderboardScore(board=BOARD, user_id=user_id, score=score, pushed=True)
                    for user_id, score in scores[done : done + chunk]
                ]
            )
            self.redis.set_scores(
                (BOARD, user_id, score) for user_id, score in scores[done : done + chunk]
            )
            self._progress("board rows (database and Redis)", done + chunk, len(scores), started)

        self._analyze()
        self.stdout.write(f"Built in {time.perf_counter() - started:.0f} s.")

    def _ledger_chunks(
        self, user_ids: Sequence[int], counts: Sequence[int], rng: random.Random, chunk: int
    ) -> Iterator[tuple[list[Event], list[XpEntry]]]:
        """Events and their entries, about ``chunk`` entries at a time.

        An event earns each rule at most once and every entry has its own source, so the
        ledger's unique (event, rule) and (user, rule, source) constraints hold.
        """
        run = uuid.uuid4().hex[:8]
        today = timezone.localdate()
        events: list[Event] = []
        ledger: list[XpEntry] = []
        sequence = 0
        for user_id, count in zip(user_ids, counts, strict=True):
            for first in range(0, count, len(RULES)):
                events.append(
                    Event(
                        user_id=user_id,
                        kind=EventKind.LESSON_COMPLETED,
                        key=f"bench:{run}:{sequence}",  # every event has an entry: unique
                        status=Event.Status.PROCESSED,
                    )
                )
                for rule in RULES[: min(len(RULES), count - first)]:
                    sequence += 1
                    points = rng.choice(POINTS)
                    day = today - datetime.timedelta(days=rng.randrange(365))
                    entry = XpEntry(
                        user_id=user_id,
                        rule=rule,
                        source=f"bench:{sequence}",
                        points=points,
                        day=day,
                        awarded_at=datetime.datetime.combine(
                            day, datetime.time(12), tzinfo=datetime.UTC
                        ),
                    )
                    entry.event_index = len(events) - 1  # type: ignore[attr-defined]
                    ledger.append(entry)
                    self.totals[user_id] = self.totals.get(user_id, 0) + points
            if len(ledger) >= chunk:
                yield events, ledger
                events, ledger = [], []
        if ledger:
            yield events, ledger

    def _analyze(self) -> None:
        """Fresh planner statistics (and, on PostgreSQL, a visibility map for index-only
        scans), as a long-running database would have."""
        tables = [model._meta.db_table for model in (XpEntry, Event, LeaderboardScore, User)]
        with connection.cursor() as cursor:
            for table in tables:
                if connection.vendor == "postgresql":
                    cursor.execute(f'VACUUM ANALYZE "{table}"')
                else:
                    cursor.execute(f'ANALYZE "{table}"')

    def _progress(self, what: str, done: int, total: int, started: float) -> None:
        """One line per tenth of a stage, whatever the chunk size."""
        done = min(done, total)
        tenth = done * 10 // total
        if tenth > self._shown.get(what, 0):
            self._shown[what] = tenth
            self.stdout.write(f"  {what}: {done}/{total} ({time.perf_counter() - started:.0f} s)")

    def _cleanup(self, chunk: int) -> None:
        started = time.perf_counter()
        self.stdout.write("Deleting the benchmark data...")
        bench_users = User.objects.filter(email__endswith=MARKER_DOMAIN)
        self.redis.client.delete(self.redis.key(BOARD))
        # The big tables first, in single statements, so that deleting the users (through
        # Django's collector, for the tables that reference users) has little left to do.
        LeaderboardScore.objects.filter(user__in=bench_users).delete()
        XpEntry.objects.filter(user__in=bench_users).delete()
        Event.objects.filter(user__in=bench_users).delete()
        user_ids = list(bench_users.values_list("pk", flat=True))
        for done in range(0, len(user_ids), chunk):
            User.objects.filter(pk__in=user_ids[done : done + chunk]).delete()
            self._progress("agents deleted", done + chunk, len(user_ids), started)
        self.stdout.write(f"Deleted in {time.perf_counter() - started:.0f} s.")

    # --- timing ----------------------------------------------------------------------------

    def _measure(self, options: dict[str, Any]) -> None:
        order = sorted(self.totals, key=lambda user_id: (self.totals[user_id], user_id))[::-1]
        samples = _spread(order, options["samples"])
        # A subset of the same agents, so that every result can be checked against Redis's.
        naive_samples = _spread(samples, options["naive_samples"] or len(samples))
        self.stdout.write(
            f"Timing {len(samples)} agents spread over the ranking "
            f"({len(naive_samples)} for the naive read)..."
        )
        database = DatabaseBackend()
        reads: dict[str, tuple[Read, list[int]]] = {
            "redis_backend": (lambda user_id: _backend_read(self.redis, user_id), samples),
            "raw_redis": (self._raw_redis_read, samples),
            "database_backend": (lambda user_id: _backend_read(database, user_id), samples),
            "naive_group_by": (_naive_read, naive_samples),
        }
        medians: dict[str, float] = {}
        results: dict[str, dict[int, Any]] = {}
        for name, (read, agents) in reads.items():
            for user_id in agents[:3]:  # warm connections, caches and plans
                read(user_id)
            timings, results[name] = [], {}
            for user_id in agents:
                start = time.perf_counter()
                results[name][user_id] = read(user_id)
                timings.append((time.perf_counter() - start) * 1000)
            medians[name] = statistics.median(timings)
        self._check_agreement(results)

        self.stdout.write(
            f"board: {BOARD}, agents: {len(order)}, "
            f"entries: {options['entries']}, "
            f"database: {connection.vendor}"
        )
        for name, median in medians.items():
            self.stdout.write(f"{name}_median_ms: {median:.3f}")
        self.stdout.write(
            f"ratio_vs_naive: {medians['naive_group_by'] / medians['redis_backend']:.1f}"
        )
        self.stdout.write(
            f"overhead_vs_raw_redis: {medians['redis_backend'] / medians['raw_redis']:.2f}"
        )
        self.stdout.write(f"ratio: {medians['database_backend'] / medians['redis_backend']:.2f}")

    def _raw_redis_read(self, user_id: int) -> tuple[list[Row], Row, list[Row]]:
        """The backend's calls written out: top, score + count, revrank + range + count."""
        client, key = self.redis.client, self.redis.key(BOARD)
        top: Any = client.zrevrange(key, 0, TOP - 1, withscores=True)
        member = f"{user_id:012d}"
        score = int(cast(float, client.zscore(key, member)))
        higher = client.zcount(key, f"({score}", "+inf")
        position = cast(int, client.zrevrank(key, member))
        start = max(0, position - SPAN)
        near: Any = client.zrevrange(key, start, position + SPAN, withscores=True)
        first_rank = 1 if start == 0 else 1 + client.zcount(key, f"({int(near[0][1])}", "+inf")
        return (
            _ranked(1, 0, [(int(m), int(s)) for m, s in top]),
            Row(higher + 1, user_id, score),
            _ranked(first_rank, start, [(int(m), int(s)) for m, s in near]),
        )

    def _check_agreement(self, results: dict[str, dict[int, Any]]) -> None:
        """All four reads must return the same rows, or the timings compare different work."""
        reference = results["redis_backend"]
        for name, by_user in results.items():
            for user_id, result in by_user.items():
                if result != reference[user_id]:
                    raise CommandError(
                        f"{name} disagrees with the Redis backend for user {user_id}: "
                        f"{result} != {reference[user_id]}"
                    )


def _spread(order: Sequence[int], count: int) -> list[int]:
    """``count`` user ids evenly spaced over the ranking, first and last included."""
    count = max(1, min(count, len(order)))
    if count == 1:
        return [order[0]]
    return [order[round(n * (len(order) - 1) / (count - 1))] for n in range(count)]


def _ranked(first_rank: int, first_position: int, pairs: list[tuple[int, int]]) -> list[Row]:
    ranks = boards.ranks_for_slice(first_rank, first_position, [score for _, score in pairs])
    return [Row(rank, user_id, score) for rank, (user_id, score) in zip(ranks, pairs, strict=True)]


def _backend_read(backend: Any, user_id: int) -> tuple[list[Row], Row | None, list[Row]]:
    return (
        backend.top(BOARD, TOP),
        backend.rank(BOARD, user_id),
        backend.around(BOARD, user_id, SPAN),
    )


def _naive_read(user_id: int) -> tuple[list[Row], Row, list[Row]]:
    """The same read straight from the ledger: every step sums all of it per user."""
    sums = XpEntry.objects.values("user_id").annotate(total=Sum("points"))
    top = list(sums.order_by("-total", "-user_id").values_list("user_id", "total")[:TOP])
    mine = XpEntry.objects.filter(user_id=user_id).aggregate(total=Sum("points"))["total"]
    above = list(
        sums.filter(Q(total__gt=mine) | Q(total=mine, user_id__gt=user_id))
        .order_by("total", "user_id")
        .values_list("user_id", "total")[:SPAN]
    )
    below = list(
        sums.filter(Q(total__lt=mine) | Q(total=mine, user_id__lt=user_id))
        .order_by("-total", "-user_id")
        .values_list("user_id", "total")[:SPAN]
    )
    near = [*reversed(above), (user_id, mine), *below]
    first_user, first_total = near[0]
    counts = sums.aggregate(
        higher=Count("user_id", filter=Q(total__gt=mine)),
        first_higher=Count("user_id", filter=Q(total__gt=first_total)),
        first_tied_before=Count("user_id", filter=Q(total=first_total, user_id__gt=first_user)),
    )
    first_position = counts["first_higher"] + counts["first_tied_before"]
    return (
        _ranked(1, 0, top),
        Row(counts["higher"] + 1, user_id, mine),
        _ranked(counts["first_higher"] + 1, first_position, near),
    )
