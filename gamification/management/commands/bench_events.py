"""Time the event pipeline end to end: outbox rows -> Redis -> real Celery workers -> ledger.

It writes ``--users`` agents and ``--events`` pending outbox events (lessons, quizzes, courses,
roleplays, spread over the last week in time order), starts ``--workers`` real
``celery -A lms worker`` processes on a queue of its own, queues one drain task
(``sweep_pending_events``) per worker slot, and measures the wall time until no event is pending.
The baseline is the simplest durable write of the same number of ledger rows: one
``XpEntry.objects.create`` per transaction. The last line, ``ratio: Y``, is pipeline events/s
divided by baseline rows/s.

It needs PostgreSQL and Redis (workers share neither SQLite nor an in-memory broker), refuses to
run unless DEBUG is on or ``--yes`` is given, and on a database with pending events or a
non-empty ledger (the workers would process other events, and the drift check compares the whole
ledger): use a scratch database. It deletes what it wrote unless ``--keep``.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import random
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone

from gamification import leaderboards, services
from gamification.models import Event, EventKind, LeaderboardScore, XpEntry
from lms.accounts.models import Team, TeamMembership, User

MARKER_DOMAIN = "@bench-events.invalid"
TEAM_PREFIX = "bench-events team "
TEAM_SIZE = 10
SPREAD_DAYS = 7
SWEEP = "gamification.tasks.sweep_pending_events"
# kind, weight: mostly lessons, as in a real academy.
MIX = [
    (EventKind.LESSON_COMPLETED, 70),
    (EventKind.QUIZ_PASSED, 20),
    (EventKind.COURSE_COMPLETED, 5),
    (EventKind.SCENARIO_MASTERED, 5),
]


class Command(BaseCommand):
    help = "Benchmark outbox processing by real Celery workers against one-row transactions."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--events", type=int, default=20_000)
        parser.add_argument("--users", type=int, default=500)
        parser.add_argument("--workers", type=int, default=2, help="worker processes")
        parser.add_argument("--concurrency", type=int, default=1, help="pool size per worker")
        parser.add_argument("--pool", choices=["prefork", "solo", "threads"], default="prefork")
        parser.add_argument("--seed", type=int, default=20)
        parser.add_argument("--timeout", type=float, default=1800, help="seconds to wait")
        parser.add_argument("--yes", action="store_true", help="run even with DEBUG off")
        parser.add_argument("--keep", action="store_true", help="keep the data afterwards")
        parser.add_argument(
            "--cleanup", action="store_true", help="only delete data left by a --keep run"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not (options["yes"] or settings.DEBUG):
            raise CommandError("bench_events writes test data: pass --yes or turn DEBUG on.")
        if connection.vendor != "postgresql":
            raise CommandError(
                "bench_events runs real workers against a shared database: set DATABASE_URL to a "
                "scratch PostgreSQL database, e.g. postgres://postgres@127.0.0.1:5432/academy_bench_ev"
            )
        if not settings.REDIS_URL:
            raise CommandError(
                "bench_events needs Redis as the Celery broker: set REDIS_URL, "
                "e.g. REDIS_URL=redis://127.0.0.1:6379/10"
            )
        try:
            from tests.gamification import worker as workers
        except ImportError as error:  # the tests are not shipped everywhere
            raise CommandError(f"bench_events runs from a checkout with tests/: {error}") from error
        self.workers = workers
        if options["events"] < 1 or options["users"] < 1 or options["workers"] < 1:
            raise CommandError("--events, --users and --workers must be at least 1.")
        # With DEBUG on, Django would keep every query of the build and baseline in memory.
        with override_settings(DEBUG=False):
            if options["cleanup"]:
                self._cleanup()
                return
            self._refuse_unless_empty()
            try:
                self._build(options)
                pipeline = self._pipeline(options)
                self._check()
                baseline = self._baseline(options["events"])
            finally:
                if options["keep"]:
                    self.stdout.write("Kept the data; remove it with --cleanup.")
                else:
                    self._cleanup()
        self.stdout.write(f"ratio: {pipeline / baseline:.2f}")

    # --- data ------------------------------------------------------------------------------

    def _refuse_unless_empty(self) -> None:
        if User.objects.filter(email__endswith=MARKER_DOMAIN).exists():
            raise CommandError("Data from an earlier --keep run is still there: run --cleanup.")
        if Event.objects.filter(status=Event.Status.PENDING).exists():
            raise CommandError(
                "There are pending events the workers would process too: run the benchmark on "
                "a scratch database (DATABASE_URL=.../academy_bench_ev, migrated)."
            )
        if XpEntry.objects.exists():
            raise CommandError(
                "The XP ledger is not empty, and the drift check compares all of it: run the "
                "benchmark on a scratch database (DATABASE_URL=.../academy_bench_ev, migrated)."
            )

    def _build(self, options: dict[str, Any]) -> None:
        started = time.perf_counter()
        count, user_count = options["events"], options["users"]
        rng = random.Random(options["seed"])  # noqa: S311 - reproducible data, no secret
        self.stdout.write(f"Building {user_count} agents and {count} pending events...")
        password = f"{UNUSABLE_PASSWORD_PREFIX}bench"
        users = User.objects.bulk_create(
            [User(email=f"agent{n}{MARKER_DOMAIN}", password=password) for n in range(user_count)],
            batch_size=5000,
        )
        teams = Team.objects.bulk_create(
            [Team(name=f"{TEAM_PREFIX}{n}") for n in range(max(1, -(-user_count // TEAM_SIZE)))]
        )
        TeamMembership.objects.bulk_create(
            [TeamMembership(user=user, team=teams[n // TEAM_SIZE]) for n, user in enumerate(users)],
            batch_size=5000,
        )
        run = uuid.uuid4().hex[:8]
        kinds = [kind for kind, _weight in MIX]
        weights = [weight for _kind, weight in MIX]
        # Every event is past the sweeper's minute: the drains take them all.
        first = timezone.now() - datetime.timedelta(days=SPREAD_DAYS, minutes=2)
        step = datetime.timedelta(days=SPREAD_DAYS) / count
        sequence: dict[int, int] = {}  # per user: each lesson, quiz, course done once
        events = []
        for n in range(count):
            user = rng.choice(users)
            kind = rng.choices(kinds, weights)[0]
            number = sequence[user.pk] = sequence.get(user.pk, 0) + 1
            payload: dict[str, Any] = {}
            if kind == EventKind.QUIZ_PASSED:
                payload = {"quiz_id": number, "score": rng.choice([80.0, 90.0, 100.0])}
                payload["attempt"] = rng.choice([1, 1, 2])
            elif kind == EventKind.COURSE_COMPLETED:
                payload = {"xp_value": 100, "category": "protocol"}
            elif kind == EventKind.SCENARIO_MASTERED:
                payload = {"scenario_key": f"bench-{number}"}
            events.append(
                Event(
                    user=user,
                    kind=kind,
                    key=f"bench-ev:{run}:{n}",
                    subject_id=number,
                    payload=payload,
                    created_at=first + step * n,  # in time order, like a real backlog
                )
            )
        Event.objects.bulk_create(events, batch_size=5000)
        with connection.cursor() as cursor:
            for model in (Event, User, TeamMembership):
                cursor.execute(f'ANALYZE "{model._meta.db_table}"')
        self.stdout.write(f"Built in {time.perf_counter() - started:.1f} s.")

    def _cleanup(self) -> None:
        started = time.perf_counter()
        self.stdout.write("Deleting the benchmark data...")
        bench_users = User.objects.filter(email__endswith=MARKER_DOMAIN)
        user_ids = list(bench_users.values_list("pk", flat=True))
        if settings.LEADERBOARD_BACKEND == "redis" and user_ids:
            redis_boards = leaderboards.RedisBackend()
            with contextlib.suppress(Exception):  # Redis down: a rebuild clears it later
                for board in redis_boards.board_keys():
                    redis_boards.remove(board, user_ids)
                    if not redis_boards.client.zcard(redis_boards.key(board)):
                        redis_boards.client.delete(redis_boards.key(board))
        # The big tables first, in single statements; the collector then has little left.
        LeaderboardScore.objects.filter(user__in=bench_users).delete()
        XpEntry.objects.filter(user__in=bench_users).delete()
        Event.objects.filter(user__in=bench_users).delete()
        for start in range(0, len(user_ids), 2000):
            User.objects.filter(pk__in=user_ids[start : start + 2000]).delete()
        Team.objects.filter(name__startswith=TEAM_PREFIX).delete()
        self.stdout.write(f"Deleted in {time.perf_counter() - started:.1f} s.")

    # --- timing ----------------------------------------------------------------------------

    def _pipeline(self, options: dict[str, Any]) -> float:
        from gamification.tasks import sweep_pending_events

        workers = self.workers
        count, slots = options["events"], options["workers"] * options["concurrency"]
        queue = workers.unique_queue("bench-events")
        broker = settings.CELERY_BROKER_URL
        log_dir = Path(tempfile.mkdtemp(prefix="bench-events-"))
        self.stdout.write(
            f"Starting {options['workers']} worker(s) ({options['pool']}, concurrency "
            f"{options['concurrency']}) on queue {queue}; logs in {log_dir}"
        )
        with contextlib.ExitStack() as stack:
            started_workers = [
                stack.enter_context(
                    workers.celery_worker(
                        broker_url=broker,
                        queue=queue,
                        pool=options["pool"],
                        concurrency=options["concurrency"],
                        name=f"bench{n}",
                        settings_module=os.environ.get(
                            "DJANGO_SETTINGS_MODULE", "lms.settings.dev"
                        ),
                        log_dir=log_dir,
                    )
                )
                for n in range(options["workers"])
            ]
            stack.callback(workers.purge_queue, broker, queue)
            stack.enter_context(workers.publishing_to(broker, queue))
            started = time.perf_counter()
            # One drain per worker slot: each claims batches with SKIP LOCKED until none is due.
            for _slot in range(slots):
                sweep_pending_events.delay()

            def drained() -> bool:
                for worker in started_workers:
                    if not worker.alive():
                        raise CommandError(f"worker {worker.name} died:\n{worker.log_tail()}")
                return not Event.objects.filter(status=Event.Status.PENDING).exists()

            workers.wait_until(
                drained, timeout=options["timeout"], interval=0.05, what="an empty outbox"
            )
            elapsed = time.perf_counter() - started
            # The drains finish by pushing the last scores to Redis; the check below needs them.
            workers.wait_until(
                lambda: sum(len(worker.results(SWEEP)) for worker in started_workers) >= slots,
                timeout=120,
                what="the drain tasks to finish",
            )
            processed = [
                sum(int(result) for result in worker.results(SWEEP)) for worker in started_workers
            ]
            failures = [worker.name for worker in started_workers if "batch failed" in worker.log()]
        rate = count / elapsed
        self.stdout.write(
            f"events: {count}, users: {options['users']}, workers: {options['workers']} x "
            f"{options['pool']}({options['concurrency']}), batch size: {services.BATCH_SIZE}, "
            f"database: {connection.vendor}"
        )
        self.stdout.write(f"processed per worker: {processed}")
        if failures:
            self.stdout.write(f"batches fell back to one-by-one on: {', '.join(failures)}")
        self.stdout.write(
            f"pipeline: {count} events in {elapsed:.2f} s = {rate:.0f} events/s "
            "(queue to empty outbox, real workers)"
        )
        return rate

    def _check(self) -> None:
        leaderboards.push_unpushed(limit=1_000_000)
        failed = Event.objects.filter(status=Event.Status.FAILED).count()
        drift = services.ledger_drift()
        self.stdout.write(
            f"ledger entries: {XpEntry.objects.count()}, failed events: {failed}, "
            f"drift: {len(drift) or 'none'}"
        )
        for problem in drift[:10]:
            self.stderr.write(problem)

    def _baseline(self, count: int) -> float:
        """One transaction per ledger row: what writing XP naively, per action, costs."""
        users = list(
            User.objects.filter(email__endswith=MARKER_DOMAIN).values_list("pk", flat=True)
        )
        run = uuid.uuid4().hex[:8]
        # The events the rows point at are written first, outside the timing.
        events = Event.objects.bulk_create(
            [
                Event(
                    user_id=users[n % len(users)],
                    kind=EventKind.LESSON_COMPLETED,
                    key=f"bench-ev-baseline:{run}:{n}",
                    status=Event.Status.PROCESSED,
                )
                for n in range(count)
            ],
            batch_size=5000,
        )
        now = timezone.now()
        today = timezone.localdate()
        started = time.perf_counter()
        for n, event in enumerate(events):
            with transaction.atomic():
                XpEntry.objects.create(
                    user_id=event.user_id,
                    event=event,
                    rule="lesson",
                    source=f"baseline:{run}:{n}",
                    points=10,
                    day=today,
                    awarded_at=now,
                )
        elapsed = time.perf_counter() - started
        rate = count / elapsed
        self.stdout.write(
            f"baseline: {count} rows in {elapsed:.2f} s = {rate:.0f} rows/s "
            "(XpEntry.objects.create, one transaction each)"
        )
        return rate
