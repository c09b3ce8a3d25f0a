"""The whole academy flow, through the real services, while the event pipeline breaks.

Three agents learn (lessons, a course closed by its final quiz, a roleplay) and their lead
imports KPI results that pay XP, earn a badge and fire a remediation rule. Meanwhile the Celery
broker (a private ``redis-server``) goes down and comes back empty, and a real worker is
SIGKILLed in the middle of a batch. A fresh worker and the sweeper finish the work; afterwards
every event counts exactly once and the ledger, totals, badges, boards and notifications are
what the rules say. This is DESIGN.md's promise for the flow users actually go through;
tests/gamification/test_reliability.py proves each fault on its own with bulk-made events.

Needs PostgreSQL and Redis, like test_reliability.py (whose fixtures and helpers it shares):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/academy_flt \\
    REDIS_URL=redis://127.0.0.1:6379/15 \\
    .venv/bin/python -m pytest tests/gamification/test_fault_academy_flow.py
"""

import contextlib
import datetime
import logging
import threading
import time
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal

import pytest
import redis
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.db.models import F, Sum
from django.utils import timezone

from courses import services as course_services
from courses.models import Assignment, Enrolment
from gamification import boards, leaderboards, rules, services
from gamification.kpis import attainment
from gamification.kpis import services as kpi_services
from gamification.kpis.models import KpiDefinition, KpiImport, RemediationFiring
from gamification.models import (
    BadgeAward,
    BadgeCriterion,
    Event,
    EventKind,
    Level,
    Notification,
    XpEntry,
    XpRule,
    XpTotal,
)
from gamification.tasks import sweep_pending_events
from quizzes import services as quiz_services
from quizzes.models import Attempt
from scenarios import services as scenario_services
from scenarios.models import ScenarioRun
from tests.factories import (
    BadgeClassFactory,
    QuizFactory,
    RemediationRuleFactory,
    course_with_lessons,
    lessons_of,
    question_with_choices,
)
from tests.gamification import worker as workers

# The reliability module's fixtures (imported, pytest uses them here too: the migrations' data
# restorable whatever ran before, Redis boards marked up) and its checks.
from tests.gamification.test_reliability import (  # noqa: F401 - fixtures are used by name
    _migration_data_restorable,
    _redis_leaderboards_up,
    assert_clean_log,
    assert_every_event_processed_once,
    check_ledger_exit_code,
    events_claimed_elsewhere,
    other_sessions,
    pending,
    wait_for_sweep,
)
from tests.scenarios.conftest import late_parcel_spec, reply_id

POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

pytestmark = [
    pytest.mark.skipif(
        not POSTGRES,
        reason="the faulty academy flow needs PostgreSQL (several processes writing at once, "
        "row locks): set DATABASE_URL=postgres://...",
    ),
    pytest.mark.skipif(
        not settings.REDIS_URL,
        reason="the faulty academy flow needs Redis as the Celery broker: set REDIS_URL=redis://...",
    ),
    pytest.mark.skipif(
        not workers.CELERY.exists(), reason=f"no celery executable at {workers.CELERY}"
    ),
    pytest.mark.skipif(
        workers.redis_server_binary() is None, reason="the broker outage needs redis-server"
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.slow,
]

# KPI results the lead imports: two weeks of CSAT per agent against a team target of 85.
WEEKS = (datetime.date(2026, 11, 2), datetime.date(2026, 11, 9))  # Mondays: CSAT is weekly
TARGET = Decimal(85)
SAMPLE_SIZE = 40
RESULTS = {  # agent's first name -> a value per week
    "Aino": ("90", "92"),  # met twice: XP twice and the two-weeks-in-a-row badge
    "Bo": ("80", "82"),  # missed twice: the remediation rule fires
    "Chen": ("91", "80"),  # met once
}
# Roleplay replies (the start of their text): the best path, and one that reads out card data.
BEST_PATH = ("I'm sorry it hasn't arrived", "It's at the depot")
AUTO_FAIL_PATH = ("I'm sorry it hasn't arrived", "To refund you I'll read back")
QUESTIONS = (
    ("A customer's parcel is late. What comes first?", "Acknowledge and apologise", "Blame"),
    ("The refund is above your limit. What do you do?", "Escalate to a lead", "Refuse it"),
)
# A learner's action must not wait on a dead broker (the publish retry policy gives up at once).
ACTION_SECONDS = 2.0


# --- helpers -----------------------------------------------------------------------------------


def zone_near_noon() -> str:
    """A fixed-offset zone where it is about noon right now.

    XP days, daily caps and the streak bonus follow each learner's own clock. In this zone the
    whole flow (a few minutes, events aged by two) falls on one local day, so a run near
    midnight cannot earn a second-day streak bonus the expectations below do not count.
    """
    offset = 12 - timezone.now().astimezone(datetime.UTC).hour  # -11 ... 12
    return f"Etc/GMT{-offset:+d}"  # POSIX signs: Etc/GMT-3 is three hours ahead of UTC


@contextlib.contextmanager
def quickly() -> Iterator[None]:
    """The learner's action inside must not wait on a broker that is down."""
    started = time.monotonic()
    yield
    assert time.monotonic() - started < ACTION_SECONDS, "a learner waited on the broker"


def take_quiz(user, quiz, *, wrong: int = 0) -> Attempt:
    """Start an attempt, answer (the last ``wrong`` questions wrongly) and submit it."""
    attempt = quiz_services.attempt_start(user=user, quiz=quiz)
    questions = list(quiz.questions.order_by("sort_order"))
    responses = {}
    for number, question in enumerate(questions):
        correct = number < len(questions) - wrong
        choice = question.choices.get(is_correct=correct)
        responses[question.pk] = {"choice": choice.pk}
    quiz_services.answers_save(user=user, attempt_id=attempt.pk, responses=responses)
    return quiz_services.attempt_submit(user=user, attempt_id=attempt.pk)


def play(user, scenario, path: tuple[str, ...]) -> ScenarioRun:
    run = scenario_services.scenario_start(user=user, scenario=scenario)
    for step, reply in enumerate(path, start=1):
        run = scenario_services.run_choose(
            user=user, run_id=run.pk, reply_id=reply_id(scenario, reply), step=step
        )
    assert run.is_finished
    return run


def lead_imports_results(lead, team, agents) -> KpiImport:
    """The lead uploads a CSV of results and confirms the preview, as on the upload page."""
    lines = ["agent_email,kpi_code,period_start,value,sample_size,channel"]
    for agent in agents:
        for week, value in zip(WEEKS, RESULTS[agent.first_name], strict=True):
            lines.append(f"{agent.email},csat,{week.isoformat()},{value},{SAMPLE_SIZE},")
    upload = SimpleUploadedFile("csat.csv", ("\n".join(lines) + "\n").encode())
    preview = kpi_services.upload_preview(uploaded_by=lead, team=team, upload=upload)
    assert preview.errors == []
    return kpi_services.upload_confirm(kpi_import=preview)


@contextlib.contextmanager
def xp_total_locked(user) -> Iterator[None]:
    """Hold ``user``'s XpTotal row lock in a session of our own, as a slow batch for that learner
    would: a batch that reaches the learner waits there, mid-way, with its events claimed."""
    locked, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def hold() -> None:
        try:
            with transaction.atomic():
                XpTotal.objects.select_for_update().get(user=user)
                locked.set()
                release.wait(timeout=120)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
            locked.set()
        finally:
            connection.close()  # the thread's own connection

    holder = threading.Thread(target=hold, daemon=True)
    holder.start()
    assert locked.wait(timeout=30), "the lock holder never started"
    assert errors == []
    try:
        yield
    finally:
        release.set()
        holder.join(timeout=30)


def a_session_waits_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND wait_event_type = 'Lock')"
        )
        return cursor.fetchone()[0]


def capped_xp(raw: Counter, xp_rules: dict[str, XpRule]) -> dict[str, int]:
    """What a day's raw grants per rule pay: nothing for a disabled rule, at most its cap."""
    paid = {}
    for code, points in raw.items():
        rule = xp_rules[code]
        if rule.enabled and points > 0:
            paid[code] = min(points, rule.daily_cap) if rule.daily_cap else points
    return {code: points for code, points in paid.items() if points}


# --- the test ----------------------------------------------------------------------------------


def test_the_academy_flow_survives_a_broker_outage_and_a_killed_worker(
    catalogue, team, lead, agents, caplog
):
    aino, bo, chen = agents
    zone = zone_near_noon()
    for agent in agents:
        agent.time_zone = zone
        agent.save(update_fields=["time_zone"])
    quiz = QuizFactory(title="Late parcels", pass_mark=70, shuffle_choices=False)
    for order, (prompt, right, wrong) in enumerate(QUESTIONS):
        question_with_choices(
            quiz=quiz, prompt=prompt, sort_order=order, choices=[(right, True), (wrong, False)]
        )
    # Two lessons, closed by the quiz: passing it is what completes the course.
    course = course_with_lessons(
        index=catalogue, lessons=2, title="Delivery problems", final_assessment=quiz
    )
    first_lesson, second_lesson = lessons_of(course)
    refresher = course_with_lessons(index=catalogue, lessons=1, title="CSAT refresher")
    scenario = scenario_services.scenario_create_from_spec(spec=late_parcel_spec())
    csat = KpiDefinition.objects.get(code="csat")
    kpi_services.target_set(kpi=csat, team=team, value=TARGET, valid_from=WEEKS[0], set_by=lead)
    remediation_rule = RemediationRuleFactory(kpi=csat, course=refresher, consecutive_misses=2)
    badges = {
        "course": BadgeClassFactory(criterion=BadgeCriterion.COURSE, course=course),
        "quiz": BadgeClassFactory(criterion=BadgeCriterion.QUIZ_SCORE, quiz=quiz, threshold=100),
        "scenario": BadgeClassFactory(criterion=BadgeCriterion.SCENARIO, scenario=scenario),
        "kpi": BadgeClassFactory(
            criterion=BadgeCriterion.KPI_STREAK, kpi=csat, threshold=len(WEEKS)
        ),
    }
    queue = workers.unique_queue()
    caplog.set_level(logging.WARNING, logger="gamification.events")
    passed: dict[int, Attempt] = {}
    runs: dict[int, ScenarioRun] = {}

    with workers.RedisServer() as broker, workers.publishing_to(broker.url, queue):
        # 1. All is well: the first lesson's XP arrives through the broker and a worker.
        with workers.celery_worker(broker_url=broker.url, queue=queue, name="healthy") as healthy:
            for agent in agents:
                course_services.lesson_complete(user=agent, lesson=first_lesson)
            workers.wait_until(lambda: pending() == 0, timeout=30, what="the first lessons")
            assert_clean_log(healthy)
        assert XpEntry.objects.count() == len(agents)

        # 2. The broker goes down. Learners carry on; every event waits in the outbox.
        broker.stop()
        for agent in agents:
            with quickly():
                course_services.lesson_complete(user=agent, lesson=second_lesson)
        with quickly():
            failed = take_quiz(bo, quiz, wrong=1)
        assert not failed.passed  # a fail records nothing; the retake passes
        for agent in agents:
            with quickly():
                passed[agent.pk] = take_quiz(agent, quiz)
            assert passed[agent.pk].passed
        # Passing the final quiz completed the course for everybody.
        completed = Enrolment.objects.filter(course=course, completed_at__isnull=False)
        assert completed.count() == len(agents)
        outage_events = Event.objects.count() - len(agents)
        # Each: the second lesson, the course, the quiz passed and perfect.
        assert outage_events == 4 * len(agents)
        assert pending() == outage_events
        queue_failures = caplog.text.count("could not queue gamification event")
        assert queue_failures == outage_events
        assert XpEntry.objects.count() == len(agents)  # nothing processed meanwhile
        # Back on the same port with nothing in it: had anything been queued, it is gone.
        broker.start()
        client = redis.Redis.from_url(broker.url)
        assert client.dbsize() == 0
        client.close()

        # 3. A worker dies mid-batch. Chen's XP row is held by another session, so the batch
        #    that reaches Chen waits there with its events claimed: then the machine dies.
        with (
            xp_total_locked(chen),
            workers.celery_worker(broker_url=broker.url, queue=queue, name="doomed") as doomed,
        ):
            for agent in (aino, bo):
                runs[agent.pk] = play(agent, scenario, BEST_PATH)
            scenario_events = Event.objects.filter(
                user__in=[aino, bo], kind__startswith="scenario."
            )
            assert scenario_events.count() == 4  # completed and mastered, each
            workers.wait_until(
                lambda: not scenario_events.filter(status=Event.Status.PENDING).exists(),
                timeout=30,
                what="the roleplays processed on the doomed worker",
            )
            assert pending() == outage_events  # the queued tasks name only their own events
            # Beat's sweeper runs every minute and takes events pending for over a minute.
            Event.objects.filter(status=Event.Status.PENDING).update(
                created_at=F("created_at") - datetime.timedelta(minutes=2)
            )
            sweep_pending_events.delay()
            workers.wait_until(
                lambda: events_claimed_elsewhere() and a_session_waits_for_a_lock(),
                timeout=30,
                what="the sweeper's batch claimed and waiting for Chen",
            )
            doomed.kill()
        # The lock is released; PostgreSQL rolls the dead worker's transaction back.
        workers.wait_until(lambda: other_sessions() == 0, timeout=30, what="dead sessions to end")
        assert pending() == outage_events  # the whole batch rolled back, nothing half done
        assert not XpEntry.objects.filter(event__status=Event.Status.PENDING).exists()
        xp_before_recovery = XpEntry.objects.count()
        assert xp_before_recovery == len(agents) + 2  # the first lessons, two masteries

        # With no worker alive, Chen plays (and fails on card data) and the lead imports KPIs:
        # their tasks wait in the broker.
        runs[chen.pk] = play(chen, scenario, AUTO_FAIL_PATH)
        assert [run.mastered for run in runs.values()] == [True, True, False]
        kpi_import = lead_imports_results(lead, team, agents)
        assert kpi_import.status == KpiImport.Status.DONE
        assert kpi_import.created_count == len(agents) * len(WEEKS)
        total_events = Event.objects.count()
        assert pending() == outage_events + 1 + len(agents)

        # 4. A fresh worker takes the queued tasks, and the sweeper (the killed one's message
        #    stays unacknowledged until Redis's visibility timeout) everything else.
        Event.objects.filter(status=Event.Status.PENDING).update(
            created_at=F("created_at") - datetime.timedelta(minutes=2)
        )
        with workers.celery_worker(
            broker_url=broker.url, queue=queue, concurrency=2, name="fresh"
        ) as fresh:
            sweep_pending_events.delay()
            wait_for_sweep(fresh)
            workers.wait_until(lambda: pending() == 0, timeout=60, what="every event processed")
            assert_clean_log(fresh)
        # Leaving the block stopped the worker warmly: its board pushes have finished.
        # Every publish since the restart went through: only the outage's ones failed.
        assert caplog.text.count("could not queue gamification event") == queue_failures

    # --- every event exactly once --------------------------------------------------------------
    assert_every_event_processed_once(total_events)
    expected_events = Counter()
    for agent in agents:
        for kind, times in (
            (EventKind.LESSON_COMPLETED, 2),
            (EventKind.COURSE_COMPLETED, 1),
            (EventKind.QUIZ_PASSED, 1),
            (EventKind.QUIZ_PERFECT, 1),
            (EventKind.SCENARIO_COMPLETED, 1),
            (EventKind.SCENARIO_MASTERED, int(runs[agent.pk].mastered)),
            (EventKind.KPI_RESULTS, 1),
        ):
            if times:
                expected_events[(agent.pk, str(kind))] = times
    assert Counter(Event.objects.values_list("user_id", "kind")) == expected_events

    # --- XP as the rules say ---------------------------------------------------------------------
    xp_rules = {rule.code: rule for rule in XpRule.objects.all()}
    met = {
        agent.pk: [
            attainment.counts(SAMPLE_SIZE, csat.min_sample_size)
            and attainment.target_met(Decimal(value), TARGET, csat.direction)
            for value in RESULTS[agent.first_name]
        ]
        for agent in agents
    }
    expected_xp = {}
    for agent in agents:
        attempt, run = passed[agent.pk], runs[agent.pk]
        raw = Counter(
            lesson=2 * xp_rules["lesson"].points,
            course=course.xp_value,
            quiz_pass=round(xp_rules["quiz_pass"].points * float(attempt.score) / 100),
            quiz_first_attempt=xp_rules["quiz_first_attempt"].points * (attempt.number == 1),
            quiz_perfect=xp_rules["quiz_perfect"].points * (attempt.score == 100),
            scenario_mastery=xp_rules["scenario_mastery"].points * run.mastered,
            kpi_target=xp_rules["kpi_target"].points * sum(met[agent.pk]),
        )
        expected_xp[agent.pk] = capped_xp(raw, xp_rules)
    earned: dict[int, dict[str, int]] = {agent.pk: {} for agent in agents}
    for row in XpEntry.objects.values("user_id", "rule").annotate(points=Sum("points")):
        earned[row["user_id"]][row["rule"]] = row["points"]
    assert earned == expected_xp
    totals = {user_id: sum(by_rule.values()) for user_id, by_rule in expected_xp.items()}
    assert dict(XpTotal.objects.values_list("user_id", "total")) == totals
    duplicated = Counter(XpEntry.objects.values_list("user_id", "rule", "source"))
    assert max(duplicated.values()) == 1
    assert XpEntry.objects.count() > xp_before_recovery

    # --- badges once each ----------------------------------------------------------------------
    kpi_streaks = {user_id: attainment.longest_met_run(runs_) for user_id, runs_ in met.items()}
    expected_awards = sorted(
        [(agent.pk, badges["course"].pk, "") for agent in agents]
        + [(agent.pk, badges["quiz"].pk, "") for agent in agents if passed[agent.pk].score >= 100]
        + [(agent.pk, badges["scenario"].pk, "") for agent in agents if runs[agent.pk].mastered]
        + [(pk, badges["kpi"].pk, "") for pk, run in kpi_streaks.items() if run >= len(WEEKS)]
    )
    assert sorted(BadgeAward.objects.values_list("user_id", "badge_id", "period")) == (
        expected_awards
    )
    assert {
        user_id for user_id, badge_id, _ in expected_awards if badge_id == badges["kpi"].pk
    } == {aino.pk}

    # --- remediation once, for the agent who missed twice --------------------------------------
    misses = {
        user_id: attainment.consecutive_misses(list(reversed(statuses)))
        for user_id, statuses in met.items()
    }
    assert {pk for pk, n in misses.items() if n >= remediation_rule.consecutive_misses} == {bo.pk}
    firing = RemediationFiring.objects.get()
    assignment = Assignment.objects.get(reason=Assignment.Reason.REMEDIATION)
    assert (firing.rule, firing.user, firing.period_start) == (remediation_rule, bo, WEEKS[-1])
    assert (assignment.user, assignment.course_id, firing.assignment) == (
        bo,
        refresher.pk,
        assignment,
    )

    # --- notifications once each ---------------------------------------------------------------
    levels = list(Level.objects.order_by("threshold"))
    expected_notices = {
        (user_id, Notification.Kind.BADGE, f"badge:{badge_id}:{period}")
        for user_id, badge_id, period in expected_awards
    }
    for user_id, total in totals.items():
        expected_notices |= {
            (user_id, Notification.Kind.XP_MILESTONE, f"xp:{milestone}")
            for milestone in rules.XP_MILESTONES
            if milestone <= total
        }
        reached = [level for level in levels if 0 < level.threshold <= total]
        # One level up at most in this flow, so no batch can have jumped one without notice.
        assert len(reached) <= 1
        expected_notices |= {
            (user_id, Notification.Kind.LEVEL_UP, f"level:{level.number}") for level in reached
        }
    expected_notices |= {
        (bo.pk, Notification.Kind.ASSIGNED, f"assigned:{assignment.pk}"),
        (lead.pk, Notification.Kind.REMEDIATION, f"remediation:{firing.pk}"),
    }
    notices = list(Notification.objects.values_list("user_id", "kind", "key"))
    assert len(notices) == len(expected_notices)
    assert set(notices) == expected_notices

    # --- boards equal the ledger ---------------------------------------------------------------
    backends: list[leaderboards.LeaderboardBackend] = [leaderboards.DatabaseBackend()]
    if settings.LEADERBOARD_BACKEND == "redis":
        backends.append(leaderboards.RedisBackend())
    for scope, scope_id in ((boards.Scope.ACADEMY, "all"), (boards.Scope.TEAM, team.pk)):
        key = boards.board_key(scope, scope_id, boards.Period.ALL_TIME, "all")
        for backend in backends:
            assert backend.scores(key) == totals, (type(backend).__name__, key)
    assert services.ledger_drift() == []
    check = check_ledger_exit_code()
    assert check.returncode == 0, check.stderr
    assert "agree" in check.stdout
