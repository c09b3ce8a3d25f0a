"""DESIGN.md's promise, tested for real: a double click, two workers, a broker outage or a
worker killed mid-batch never loses or doubles XP.

These run against PostgreSQL and Redis with real ``celery -A lms worker`` subprocesses
(tests/gamification/worker.py), so they skip on the SQLite default. Run them with e.g.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/academy_rel \\
    REDIS_URL=redis://127.0.0.1:6379/9 \\
    .venv/bin/python -m pytest tests/gamification/test_reliability.py

Data must be committed for a worker to see it, hence ``transaction=True``; the serialized
rollback puts the migrations' data (XP rules, levels, the root page) back for each test.
"""

import datetime
import json
import logging
import subprocess
import sys
import threading
import time
from collections import Counter

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import Count, F, Sum
from django.utils import timezone

from courses import services as course_services
from courses.models import Enrolment, LessonCompletion
from gamification import leaderboards, services
from gamification.models import Event, Notification, XpEntry, XpRule, XpTotal
from gamification.tasks import process_events, sweep_pending_events
from tests.factories import (
    EventFactory,
    TeamFactory,
    TeamMembershipFactory,
    UserFactory,
    course_with_lessons,
    lessons_of,
)
from tests.gamification import worker as workers

POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
SWEEP = "gamification.tasks.sweep_pending_events"

pytestmark = [
    pytest.mark.skipif(
        not POSTGRES,
        reason="reliability tests need PostgreSQL (row locks, SKIP LOCKED, several processes "
        "writing at once): set DATABASE_URL=postgres://...",
    ),
    pytest.mark.skipif(
        not settings.REDIS_URL,
        reason="reliability tests need Redis as the Celery broker: set REDIS_URL=redis://...",
    ),
    pytest.mark.skipif(
        not workers.CELERY.exists(), reason=f"no celery executable at {workers.CELERY}"
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.slow,
]


def _reload_migration_data(contents: str) -> None:
    """Empty the database and load the migrations' data (serialized when it was created).

    Content types go first, into an empty cache: loading a page or a task looks its content type
    up, and a miss would create one under a fresh id that the serialized row then overwrites.
    Sequences are kept, so later inserts never reuse a loaded id.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command

    call_command(
        "flush", interactive=False, inhibit_post_migrate=True, reset_sequences=False, verbosity=0
    )
    objects = json.loads(contents)
    content_types = [obj for obj in objects if obj["model"] == "contenttypes.contenttype"]
    ContentType.objects.clear_cache()
    connection.creation.deserialize_db_from_string(json.dumps(content_types))
    ContentType.objects.clear_cache()
    connection.creation.deserialize_db_from_string(
        json.dumps([obj for obj in objects if obj["model"] != "contenttypes.contenttype"])
    )


@pytest.fixture(scope="module", autouse=True)
def _migration_data_restorable(django_db_setup, django_db_blocker):
    """Let the serialized rollback restore the migrations' data wherever this module runs.

    Django restores that data (content types, XP rules, levels, the root page) before each test
    here, assuming the database holds it or nothing. After a ``transaction=True`` test without
    serialized rollback, the flush has re-created content types and permissions under new ids
    and the restore collides with them. So the module starts from the data as ``migrate`` left
    it, and leaves it that way for the tests that follow.
    """
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents is None:  # nothing was serialized: these tests are being skipped
        yield
        return
    with django_db_blocker.unblock():
        _reload_migration_data(contents)
    yield
    with django_db_blocker.unblock():
        _reload_migration_data(contents)


@pytest.fixture(autouse=True)
def _redis_leaderboards_up():
    """Another test may have marked Redis down in this process; these compare against it."""
    leaderboards._redis_down_until.clear()
    yield
    leaderboards._redis_down_until.clear()


@pytest.fixture
def queue():
    """A queue of this test's own on the test Redis; this process publishes to it."""
    name = workers.unique_queue()
    with workers.publishing_to(settings.REDIS_URL, name):
        yield name
    workers.purge_queue(settings.REDIS_URL, name)


def pending() -> int:
    return Event.objects.filter(status=Event.Status.PENDING).count()


def processed() -> int:
    return Event.objects.filter(status=Event.Status.PROCESSED).count()


def events_claimed_elsewhere() -> bool:
    """Whether another session holds claimed events right now, i.e. a batch is mid-way.

    The claim is a SELECT ... FOR UPDATE on the outbox, whose table lock (RowShareLock) lasts
    until the batch's transaction ends; nothing else in processing takes it.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_locks JOIN pg_class ON pg_class.oid = relation "
            "WHERE relname = %s AND mode = 'RowShareLock' AND pid <> pg_backend_pid())",
            [Event._meta.db_table],
        )
        return cursor.fetchone()[0]


def other_sessions() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def wait_for_sweep(worker: workers.Worker, *, count: int = 1, timeout: float = 60) -> list[int]:
    """Wait until ``worker`` logged ``count`` finished sweeps; return what each processed."""
    workers.wait_until(
        lambda: len(worker.results(SWEEP)) >= count or not worker.alive(),
        timeout=timeout,
        what=f"{count} sweep(s) on {worker.name}",
    )
    assert worker.alive(), worker.log_tail()
    return [int(result) for result in worker.results(SWEEP)]


def assert_clean_log(worker: workers.Worker) -> None:
    """No batch fell back to one-by-one processing and no task failed or was retried."""
    log = worker.log()
    for sign in ("gamification batch failed", "Traceback", "] retry:", "] raised"):
        assert sign not in log, f"{sign!r} in {worker.name}'s log:\n{worker.log_tail(80)}"


def assert_every_event_processed_once(total: int) -> None:
    """Processed, never failed, and committed exactly once: a batch adds 1 to ``attempts`` in
    the transaction that writes its XP, so a rolled-back batch leaves no trace and a second
    processing would show as 2."""
    assert Event.objects.count() == total
    assert dict(Counter(Event.objects.values_list("status", "attempts", "last_error"))) == {
        (Event.Status.PROCESSED, 1, ""): total
    }


def check_ledger_exit_code() -> subprocess.CompletedProcess[str]:
    """``manage.py check_ledger`` run as operators run it, against the test database."""
    env = workers.worker_environment(
        broker_url=settings.REDIS_URL,
        database=workers.database_url(),
        redis_url=settings.REDIS_URL,
    )
    return subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", "check_ledger"],
        cwd=workers.PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# --- a double click, fifty times --------------------------------------------------------------

THREADS = 50


def test_fifty_concurrent_completions_of_one_lesson_earn_its_xp_once(catalogue):
    # Two lessons, so completing one does not also complete the course.
    course = course_with_lessons(index=catalogue, lessons=2)
    lesson = lessons_of(course)[0]
    learner = UserFactory()
    start = threading.Barrier(THREADS)
    newly_completed: list[bool] = []
    errors: list[BaseException] = []

    def complete() -> None:
        try:
            start.wait(timeout=30)
            result = course_services.lesson_complete(user=learner, lesson=lesson)
            newly_completed.append(result.newly_completed)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()  # each thread has its own connection; PostgreSQL counts them

    threads = [threading.Thread(target=complete) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert sorted(newly_completed) == [False] * (THREADS - 1) + [True]
    assert LessonCompletion.objects.filter(user=learner, lesson=lesson).count() == 1
    assert Enrolment.objects.filter(user=learner, course=course).count() == 1
    event = Event.objects.get(user=learner)  # one outbox row, processed on commit (eagerly)
    assert event.status == Event.Status.PROCESSED
    lesson_points = XpRule.objects.get(code="lesson").points
    assert list(XpEntry.objects.filter(user=learner).values_list("rule", "source", "points")) == [
        ("lesson", f"lesson:{lesson.pk}", lesson_points)
    ]
    assert XpTotal.objects.get(user=learner).total == lesson_points
    assert services.ledger_drift() == []


# --- two workers at once ----------------------------------------------------------------------

LEARNERS = 50
EVENTS_EACH = 20  # lessons and quizzes in turn: 1,000 events in all


def test_two_real_workers_process_a_thousand_events_exactly_once(queue):
    teams = TeamFactory.create_batch(5)
    learners = UserFactory.create_batch(LEARNERS, verified=False)
    for number, learner in enumerate(learners):
        TeamMembershipFactory(user=learner, team=teams[number % len(teams)])
    moment = timezone.now() - datetime.timedelta(minutes=5)  # one local day for everybody
    events = []
    # Round robin over learners: every batch of 200 holds two lessons and two quizzes of every
    # learner, so the two workers' batches always need the same XpTotal rows and must queue on
    # their locks, and the quiz cap is reached half way, by whichever batches run then.
    for number in range(EVENTS_EACH):
        for learner in learners:
            if number % 2 == 0:
                event = EventFactory.build(user=learner, subject_id=1000 + number)
            else:
                event = EventFactory.build(
                    user=learner,
                    kind="quiz.passed",
                    subject_id=None,
                    payload={"quiz_id": number, "score": 100.0, "attempt": 2},
                )
            event.created_at = moment
            events.append(event)
    Event.objects.bulk_create(events)
    total_events = len(events)
    rules = {rule.code: rule for rule in XpRule.objects.all()}
    # The daily caps must hold under concurrency: 10 x 10 lesson XP fits under the cap of 150,
    # 10 x 50 quiz XP does not (cap 300: six quizzes pay, whichever worker rewards them).
    lessons = quizzes = EVENTS_EACH // 2
    lesson_xp = min(lessons * rules["lesson"].points, rules["lesson"].daily_cap)
    quiz_xp = min(quizzes * rules["quiz_pass"].points, rules["quiz_pass"].daily_cap)
    assert quiz_xp < quizzes * rules["quiz_pass"].points, "the cap must bite for this test"
    entries_each = lesson_xp // rules["lesson"].points + quiz_xp // rules["quiz_pass"].points

    with (
        workers.celery_worker(broker_url=settings.REDIS_URL, queue=queue, name="prefork") as one,
        workers.celery_worker(
            broker_url=settings.REDIS_URL, queue=queue, pool="solo", name="solo"
        ) as two,
    ):
        # Two drains through the broker; each worker takes one (acks_late, prefetch 1).
        sweep_pending_events.delay()
        sweep_pending_events.delay()
        by_worker = {worker.name: wait_for_sweep(worker) for worker in (one, two)}
        for worker in (one, two):
            assert_clean_log(worker)

    # SKIP LOCKED shared the work out, and no event was counted by both.
    assert sum(sum(done) for done in by_worker.values()) == total_events, by_worker
    assert all(sum(done) > 0 for done in by_worker.values()), f"one worker idled: {by_worker}"
    assert_every_event_processed_once(total_events)
    assert XpEntry.objects.count() == LEARNERS * entries_each
    totals = dict(XpTotal.objects.values_list("user_id", "total"))
    assert totals == {learner.pk: lesson_xp + quiz_xp for learner in learners}
    assert Notification.objects.filter(kind="level_up").count() == LEARNERS  # once each
    assert services.ledger_drift() == []
    check = check_ledger_exit_code()
    assert check.returncode == 0, check.stderr


# --- the broker is down -----------------------------------------------------------------------


def test_a_broker_outage_delays_xp_but_loses_and_doubles_nothing(catalogue, caplog):
    course = course_with_lessons(index=catalogue, lessons=2, xp_value=100)
    lessons = lessons_of(course)
    learners = UserFactory.create_batch(3)
    queue = workers.unique_queue()
    caplog.set_level(logging.WARNING, logger="gamification.events")

    with workers.RedisServer() as broker, workers.publishing_to(broker.url, queue):
        broker.stop()
        for learner in learners:
            for lesson in lessons:
                started = time.monotonic()
                course_services.lesson_complete(user=learner, lesson=lesson)
                # The publish retry policy gives up at once: the learner never waits on Redis.
                assert time.monotonic() - started < 2.0

        # Two lessons and the course for each learner; none could be queued, none processed.
        assert pending() == len(learners) * 3
        assert caplog.text.count("could not queue gamification event") == len(learners) * 3
        assert not XpEntry.objects.exists()

        # A minute later the sweeper (beat, every minute) finds them; Redis is back by then.
        Event.objects.update(created_at=F("created_at") - datetime.timedelta(minutes=2))
        assert len(services.events_due_ids()) == len(learners) * 3
        broker.start()  # the same port, empty: the queued-on-commit messages are gone for good
        with workers.celery_worker(broker_url=broker.url, queue=queue, pool="solo") as worker:
            sweep_pending_events.delay()
            assert wait_for_sweep(worker) == [len(learners) * 3]
            assert_clean_log(worker)

    assert_every_event_processed_once(len(learners) * 3)
    earned = dict(
        XpEntry.objects.filter(rule__in=["lesson", "course"])
        .values("user_id")
        .annotate(points=Sum("points"))
        .values_list("user_id", "points")
    )
    lesson_points = XpRule.objects.get(code="lesson").points
    assert earned == {learner.pk: 2 * lesson_points + 100 for learner in learners}
    assert services.ledger_drift() == []


# --- a worker dies mid-batch ------------------------------------------------------------------

KILL_LEARNERS, KILL_EVENTS_EACH = 200, 10  # 2,000 lesson events, 100 XP each, under the cap


def test_a_worker_killed_mid_batch_loses_and_doubles_nothing(queue):
    learners = UserFactory.create_batch(KILL_LEARNERS, verified=False)
    events = [
        EventFactory.build(user=learner, subject_id=5000 + number)
        for number in range(KILL_EVENTS_EACH)
        for learner in learners
    ]
    Event.objects.bulk_create(events)
    total_events = len(events)
    tasks = -(-total_events // services.BATCH_SIZE)  # each takes one batch of the oldest due

    with workers.celery_worker(broker_url=settings.REDIS_URL, queue=queue, concurrency=2) as first:
        for _ in range(tasks):
            process_events.delay(None)
        # Some batches committed and one is open right now: kill the machine under it.
        workers.wait_until(
            lambda: processed() >= services.BATCH_SIZE and events_claimed_elsewhere(),
            timeout=60,
            interval=0.005,
            what="a first batch committed and another one running",
        )
        first.kill()
    # PostgreSQL rolls the dead worker's transactions back once it sees the sockets close.
    workers.wait_until(lambda: other_sessions() == 0, timeout=30, what="dead sessions to end")
    done_at_kill = processed()
    assert 0 < done_at_kill < total_events
    # All or nothing per batch: no event is half processed.
    assert not XpEntry.objects.filter(event__status=Event.Status.PENDING).exists()
    assert XpEntry.objects.count() == done_at_kill

    # The killed tasks stay unacknowledged in Redis until its visibility timeout (an hour by
    # default) redelivers them, so we do not wait for that: the queued tasks the dead worker
    # never fetched run on the new worker, and the sweeper, which beat runs every minute in
    # production, processes what the killed tasks held.
    # The sweeper takes events pending for over a minute: let that minute pass.
    Event.objects.filter(status=Event.Status.PENDING).update(
        created_at=F("created_at") - datetime.timedelta(minutes=2)
    )
    with workers.celery_worker(broker_url=settings.REDIS_URL, queue=queue, concurrency=2) as second:
        sweep_pending_events.delay()
        wait_for_sweep(second)
        workers.wait_until(lambda: pending() == 0, timeout=60, what="every event processed")
        assert_clean_log(second)

    assert_every_event_processed_once(total_events)
    per_event = XpEntry.objects.values("event").annotate(n=Count("pk")).filter(n__gt=1)
    assert not per_event.exists()
    assert XpEntry.objects.count() == total_events
    lesson_points = XpRule.objects.get(code="lesson").points
    assert dict(XpTotal.objects.values_list("user_id", "total")) == {
        learner.pk: KILL_EVENTS_EACH * lesson_points for learner in learners
    }
    assert services.ledger_drift() == []
