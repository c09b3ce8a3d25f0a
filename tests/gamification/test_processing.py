"""The outbox turned into XP, streaks, levels, badges and notifications (gamification.services)."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from courses import services as course_services
from gamification import services
from gamification.models import (
    BadgeAward,
    Event,
    LeaderboardScore,
    Notification,
    XpEntry,
    XpRule,
    XpTotal,
)
from tests.factories import (
    BadgeClassFactory,
    EventFactory,
    TeamMembershipFactory,
    UserFactory,
    course_with_lessons,
    lessons_of,
)

pytestmark = pytest.mark.django_db


def total_of(user) -> int:
    return XpTotal.objects.get(user=user).total


def at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)


def test_completing_a_course_through_the_services_earns_lesson_and_course_xp_once(
    catalogue, agent, django_capture_on_commit_callbacks
):
    course = course_with_lessons(index=catalogue, lessons=2, xp_value=120)
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in lessons_of(course):
            course_services.lesson_complete(user=agent, lesson=lesson)

    # Processed on commit (tasks run eagerly here): 2 lessons x 10 + the course's own 120.
    assert total_of(agent) == 140
    assert not Event.objects.filter(status=Event.Status.PENDING).exists()
    assert sorted(XpEntry.objects.values_list("rule", flat=True)) == ["course", "lesson", "lesson"]
    # Processing the same events again changes nothing.
    Event.objects.update(status=Event.Status.PENDING)
    services.events_process_all()
    assert XpEntry.objects.count() == 3
    assert total_of(agent) == 140


def test_every_board_of_the_learner_gets_the_points(agent):
    membership = TeamMembershipFactory(user=agent)
    EventFactory(user=agent)

    services.events_process_all()

    boards = dict(LeaderboardScore.objects.filter(user=agent).values_list("board", "score"))
    today = timezone.localdate()
    week = f"{today.isocalendar()[0]}-W{today.isocalendar()[1]:02d}"
    assert boards["academy:all:all:all"] == 10
    assert boards[f"team:{membership.team_id}:week:{week}"] == 10
    assert boards[f"newhire:all:month:{today:%Y-%m}"] == 10  # joined today: a new hire


def test_a_quiz_pass_is_scaled_by_score_with_first_attempt_and_perfect_bonuses(agent):
    EventFactory(
        user=agent, kind="quiz.passed", payload={"quiz_id": 7, "score": 80.0, "attempt": 1}
    )
    services.events_process_all()
    assert total_of(agent) == 40 + 15  # 80% of 50, and the first-attempt bonus

    # A retake with a perfect score: only the perfect bonus is new.
    payload = {"quiz_id": 7, "score": 100.0, "attempt": 2}
    EventFactory(user=agent, kind="quiz.passed", payload=payload)
    EventFactory(user=agent, kind="quiz.perfect", payload=payload)
    services.events_process_all()
    assert total_of(agent) == 55 + 25


def test_the_daily_cap_stops_farming_and_the_next_day_counts_again(agent):
    XpRule.objects.filter(code="lesson").update(points=10, daily_cap=30)
    today = timezone.now().date()
    for _ in range(5):
        EventFactory(user=agent, created_at=at(today))
    EventFactory(user=agent, created_at=at(today + datetime.timedelta(days=1)))

    services.events_process_all()

    lesson_xp = XpEntry.objects.filter(user=agent, rule="lesson")
    assert sum(lesson_xp.filter(day=today).values_list("points", flat=True)) == 30
    assert lesson_xp.filter(day=today + datetime.timedelta(days=1)).get().points == 10


def test_streaks_count_days_in_the_learners_time_zone(agent):
    agent.time_zone = "Europe/Helsinki"  # UTC+2 in winter
    agent.save()
    monday = datetime.date(2026, 11, 2)
    # 23:30 UTC on Monday is already Tuesday in Helsinki.
    EventFactory(user=agent, created_at=at(monday, 10))
    EventFactory(
        user=agent,
        created_at=datetime.datetime.combine(monday, datetime.time(23, 30), tzinfo=datetime.UTC),
    )
    EventFactory(user=agent, created_at=at(monday + datetime.timedelta(days=2), 10))

    services.events_process_all()

    total = XpTotal.objects.get(user=agent)
    assert (total.current_streak, total.longest_streak) == (3, 3)
    assert total.last_active_day == monday + datetime.timedelta(days=2)
    # The streak bonus is paid for the second and third day in a row.
    assert XpEntry.objects.filter(user=agent, rule="daily_streak").count() == 2

    EventFactory(user=agent, created_at=at(monday + datetime.timedelta(days=5), 10))
    services.events_process_all()
    total.refresh_from_db()
    assert (total.current_streak, total.longest_streak) == (1, 3)


def test_levelling_up_and_milestones_notify_once(agent):
    EventFactory(user=agent, kind="course.completed", payload={"xp_value": 320})

    services.events_process_all()

    total = XpTotal.objects.select_related("level").get(user=agent)
    assert total.level.name == "Associate"
    kinds = list(Notification.objects.filter(user=agent).values_list("kind", "params"))
    assert ("level_up", {"level": "Associate"}) in kinds
    assert ("xp_milestone", {"xp": 100}) in kinds and ("xp_milestone", {"xp": 250}) in kinds
    Event.objects.update(status=Event.Status.PENDING)
    services.events_process_all()
    assert Notification.objects.filter(user=agent, kind="level_up").count() == 1


def test_completing_a_course_awards_its_badge_once(catalogue, agent):
    course = course_with_lessons(index=catalogue, lessons=1)
    badge = BadgeClassFactory(name="Refund pro", criterion="course", course=course)
    for lesson in lessons_of(course):
        course_services.lesson_complete(user=agent, lesson=lesson)

    services.events_process_all()
    Event.objects.update(status=Event.Status.PENDING)
    services.events_process_all()

    assert BadgeAward.objects.filter(user=agent, badge=badge).count() == 1
    note = Notification.objects.get(user=agent, kind="badge")
    assert note.params["badge"] == "Refund pro"


def test_an_expiring_badge_records_when_it_expires(catalogue, agent):
    course = course_with_lessons(index=catalogue, lessons=1)
    BadgeClassFactory(criterion="course", course=course, valid_months=12)
    course_services.lesson_complete(user=agent, lesson=lessons_of(course)[0])

    services.events_process_all()

    award = BadgeAward.objects.get(user=agent)
    assert award.expires_at.year == award.awarded_at.year + 1


def test_a_broken_event_is_retried_with_backoff_then_marked_failed(agent):
    good = EventFactory(user=agent)
    broken = EventFactory(user=agent, kind="quiz.passed", payload={"quiz_id": 1, "score": "n/a"})

    services.events_process_all()

    good.refresh_from_db()
    broken.refresh_from_db()
    assert good.status == Event.Status.PROCESSED
    assert broken.status == Event.Status.PENDING and broken.attempts == 1
    assert "ValueError" in broken.last_error
    assert broken.next_attempt_at > timezone.now()
    for _ in range(services.MAX_ATTEMPTS):
        Event.objects.filter(pk=broken.pk).update(next_attempt_at=None)
        services.events_process_all()
    broken.refresh_from_db()
    assert broken.status == Event.Status.FAILED
    assert total_of(agent) == 10  # the good event's XP only


def test_check_ledger_names_drift_and_rebuild_repairs_it(agent, capsys):
    EventFactory(user=agent)
    services.events_process_all()
    call_command("check_ledger")

    before = XpTotal.objects.get(user=agent)
    XpTotal.objects.filter(user=agent).update(
        total=999, current_streak=7, longest_streak=7, last_active_day=None
    )
    LeaderboardScore.objects.filter(user=agent, board="academy:all:all:all").update(score=5)
    with pytest.raises(CommandError) as failure:
        call_command("check_ledger")
    assert failure.value.returncode == 1
    errors = capsys.readouterr().err
    assert f"user {agent.pk}: ledger 10 XP, total 999 XP" in errors
    assert "academy:all:all:all" in errors

    call_command("rebuild_leaderboards")
    call_command("check_ledger")
    assert total_of(agent) == 10
    after = XpTotal.objects.get(user=agent)  # the streak is rebuilt from the activity days too
    assert (after.current_streak, after.longest_streak, after.last_active_day) == (
        before.current_streak,
        before.longest_streak,
        before.last_active_day,
    )
    assert before.last_active_day is not None and before.level_id is not None
    assert after.level_id == before.level_id  # the worker and the rebuild agree on the level


def test_a_season_board_starts_at_zero_while_all_time_keeps_history(agent):
    EventFactory(user=agent, created_at=timezone.now() - datetime.timedelta(days=1))
    services.events_process_all()
    season = services.season_start(name="Winter")
    EventFactory(user=agent)
    services.events_process_all()

    scores = dict(LeaderboardScore.objects.filter(user=agent).values_list("board", "score"))
    streak_bonus = XpRule.objects.get(code="daily_streak").points  # today continues yesterday
    assert scores[f"academy:all:season:{season.pk}"] == 10 + streak_bonus
    assert scores["academy:all:all:all"] == 20 + streak_bonus


def test_a_lead_awards_a_manual_badge_to_their_team_within_the_monthly_limit():
    lead_membership = TeamMembershipFactory(role="lead")
    lead, team = lead_membership.user, lead_membership.team
    agents = [
        TeamMembershipFactory(team=team).user for _ in range(services.MANUAL_AWARDS_PER_MONTH + 1)
    ]
    outsider = UserFactory()
    badge = BadgeClassFactory(criterion="manual", name="Customer hero")

    with pytest.raises(services.GamificationError, match="own team"):
        services.badge_award_manual(lead=lead, user=outsider, badge=badge, reason="Great call")
    with pytest.raises(services.GamificationError, match="why"):
        services.badge_award_manual(lead=lead, user=agents[0], badge=badge, reason="  ")
    for agent in agents[: services.MANUAL_AWARDS_PER_MONTH]:
        services.badge_award_manual(lead=lead, user=agent, badge=badge, reason="Calmed a VIP")
    with pytest.raises(services.GamificationError, match="this month"):
        services.badge_award_manual(lead=lead, user=agents[-1], badge=badge, reason="Again")

    assert BadgeAward.objects.filter(badge=badge, awarded_by=lead).count() == 5
    assert Notification.objects.filter(user=agents[0], kind="badge").exists()


def test_the_sweeper_takes_events_left_pending_for_a_minute_and_leaves_fresh_ones(agent):
    fresh = EventFactory(user=agent)
    stranded = EventFactory(user=agent, created_at=timezone.now() - datetime.timedelta(minutes=2))

    assert services.events_sweep() == 1

    fresh.refresh_from_db()
    stranded.refresh_from_db()
    assert stranded.status == Event.Status.PROCESSED
    assert fresh.status == Event.Status.PENDING  # its own on-commit task will take it
