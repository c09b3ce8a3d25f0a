"""Expiring compliance courses assigned again before the completion runs out
(courses.services.recertification) and redone through the ordinary lesson flow."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone, translation

from courses import services
from courses.models import Assignment, Certification, Enrolment, LessonCompletion, SentReminder
from courses.selectors import course_outline
from courses.services import recertification
from gamification import rules
from gamification.models import Event, Notification, XpEntry
from gamification.selectors import notification_text
from quizzes.models import Attempt
from tests.factories import QuizFactory, UserFactory, course_with_lessons, lessons_of

pytestmark = pytest.mark.django_db

ELEVEN_AND_A_HALF_MONTHS = datetime.timedelta(days=350)


@pytest.fixture
def complete(django_capture_on_commit_callbacks):
    """Complete every lesson of a course (XP processed on commit), then date it ``ago``."""

    def complete_course(user, course, *, ago: datetime.timedelta) -> datetime.datetime:
        with django_capture_on_commit_callbacks(execute=True):
            for lesson in lessons_of(course):
                services.lesson_complete(user=user, lesson=lesson)
        completed_at = timezone.now() - ago
        assert Enrolment.objects.filter(user=user, course=course).update(completed_at=completed_at)
        LessonCompletion.objects.filter(user=user, course=course).update(completed_at=completed_at)
        return completed_at

    return complete_course


def expiry_of(completed_at: datetime.datetime, months: int, zone: str) -> datetime.date:
    local = completed_at.astimezone(zoneinfo.ZoneInfo(zone))
    return rules.add_months(local, months).date()


# --- the pure rules ----------------------------------------------------------------------------


def test_expiry_is_months_after_the_local_completion_date_clamped_to_the_month():
    helsinki = zoneinfo.ZoneInfo("Europe/Helsinki")
    completed = datetime.datetime(2026, 1, 31, 23, 30, tzinfo=helsinki)
    assert recertification.certification_expires_on(completed_local=completed, months=1) == (
        datetime.date(2026, 2, 28)
    )
    assert recertification.certification_expires_on(completed_local=completed, months=12) == (
        datetime.date(2027, 1, 31)
    )


def test_recertification_is_due_thirty_days_before_expiry():
    today = datetime.date(2027, 6, 1)
    expires = today + datetime.timedelta(days=30)
    assert recertification.recertification_is_due(expires_on=expires, today=today)
    assert not recertification.recertification_is_due(
        expires_on=expires + datetime.timedelta(days=1), today=today
    )


# --- starting a recertification ------------------------------------------------------------------


def test_a_completion_near_expiry_is_assigned_again_once(catalogue, agent, complete):
    course = course_with_lessons(index=catalogue, lessons=2, valid_for_months=12, title="GDPR")
    lead = UserFactory()
    [old] = services.assignments_create(
        assigned_by=lead, users=[agent], item=course, due_on=agent.local_today()
    ).created
    completed_at = complete(agent, course, ago=ELEVEN_AND_A_HALF_MONTHS)
    expires_on = expiry_of(completed_at, 12, agent.time_zone)
    now = timezone.now()

    assert services.recertifications_due(now=now) == 1
    assert services.recertifications_due(now=now) == 0

    certification = Certification.objects.get()
    assert (certification.user, certification.course) == (agent, course)
    assert certification.completed_at == completed_at
    assert certification.expires_on == expires_on
    old.refresh_from_db()
    assert old.closed_at == now
    assert old.closed_reason == Assignment.Closed.RENEWED
    renewal = Assignment.objects.get(user=agent, closed_at__isnull=True)
    assert renewal.reason == Assignment.Reason.RECERTIFICATION
    assert renewal.due_on == expires_on
    assert renewal.assigned_by is None
    assert certification.renewal == renewal
    assert Assignment.objects.filter(user=agent).count() == 2
    enrolment = Enrolment.objects.get(user=agent, course=course)
    assert enrolment.completed_at is None
    assert enrolment.reopened_at == now

    notice = Notification.objects.get(user=agent, kind=Notification.Kind.RECERTIFY)
    assert notice.params == {"title": "GDPR", "expires": expires_on.isoformat()}
    text = notification_text(notice)
    assert "GDPR" in text and "expires" in text


def test_the_recertify_notice_explains_the_date_and_what_to_do():
    with translation.override("en"):
        text = notification_text(
            Notification(kind="recertify", params={"title": "GDPR", "expires": "2027-05-14"})
        )
    assert text == (
        "Your certification for GDPR expires on 05/14/2027. Complete the course again by then "
        "to stay certified."
    )


def completed_expiring_near(
    target: datetime.date, zone: str, months: int, *, latest: bool
) -> datetime.datetime:
    """A completion time (noon local) expiring on ``target``; when no date maps there
    (29 February, month ends), the nearest expiry before it (``latest``) or after it."""
    tz = zoneinfo.ZoneInfo(zone)
    found = []
    for back in range(months * 28 - 5, months * 31 + 5):
        moment = datetime.datetime.combine(
            target - datetime.timedelta(days=back), datetime.time(12), tzinfo=tz
        )
        expires = rules.add_months(moment, months).date()
        if (expires <= target) if latest else (expires >= target):
            found.append((expires, moment))
    return (max(found) if latest else min(found))[1]


def test_recertification_starts_thirty_days_before_expiry_not_thirty_one(catalogue, complete):
    course = course_with_lessons(index=catalogue, lessons=1, valid_for_months=12)
    due_now, not_yet = UserFactory(), UserFactory()
    today = due_now.local_today()
    for user, days_left in [(due_now, 30), (not_yet, 31)]:
        complete(user, course, ago=datetime.timedelta(0))
        completed_at = completed_expiring_near(
            today + datetime.timedelta(days=days_left),
            user.time_zone,
            12,
            latest=user == due_now,
        )
        Enrolment.objects.filter(user=user).update(completed_at=completed_at)
    for user, most, least in [(due_now, 30, 29), (not_yet, 33, 31)]:
        expires = expiry_of(Enrolment.objects.get(user=user).completed_at, 12, user.time_zone)
        assert least <= (expires - today).days <= most

    assert services.recertifications_due(now=timezone.now()) == 1

    assert Certification.objects.get().user == due_now
    assert Enrolment.objects.get(user=not_yet).completed_at is not None
    assert not Assignment.objects.filter(user=not_yet).exists()


def test_a_course_without_validity_is_never_assigned_again(catalogue, agent, complete):
    course = course_with_lessons(index=catalogue, lessons=1)
    complete(agent, course, ago=datetime.timedelta(days=5 * 365))

    assert services.recertifications_due(now=timezone.now()) == 0
    assert not Certification.objects.exists()
    assert not Assignment.objects.exists()
    assert Enrolment.objects.get(user=agent).completed_at is not None


def test_a_completion_found_after_it_expired_is_due_today(catalogue, agent, complete):
    course = course_with_lessons(index=catalogue, lessons=1, valid_for_months=6)
    complete(agent, course, ago=datetime.timedelta(days=400))

    assert services.recertifications_due(now=timezone.now()) == 1
    assert Assignment.objects.get(user=agent).due_on == agent.local_today()


# --- redoing the course ----------------------------------------------------------------------


def test_redoing_every_lesson_completes_the_course_again_without_extra_xp(
    catalogue, agent, complete, django_capture_on_commit_callbacks
):
    course = course_with_lessons(index=catalogue, lessons=2, valid_for_months=12)
    complete(agent, course, ago=ELEVEN_AND_A_HALF_MONTHS)
    services.recertifications_due(now=timezone.now())
    renewal = Assignment.objects.get(user=agent, closed_at__isnull=True)
    xp_before, events_before = XpEntry.objects.count(), Event.objects.count()
    assert xp_before == 3  # two lessons and the course, from the first completion
    first, second = lessons_of(course)

    # The course page shows the lessons as to do again, not as done.
    assert course_outline(user=agent, course=course).done == 0

    with django_capture_on_commit_callbacks(execute=True):
        redo_first = services.lesson_complete(user=agent, lesson=first)
    assert course_outline(user=agent, course=course).done == 1
    # Both lessons have completion rows, but only one was done since the course reopened.
    assert redo_first.newly_completed and not redo_first.course_completed
    assert Enrolment.objects.get(user=agent).completed_at is None
    assert services.lesson_complete(user=agent, lesson=first).newly_completed is False

    with django_capture_on_commit_callbacks(execute=True):
        redo_second = services.lesson_complete(user=agent, lesson=second)

    assert redo_second.course_completed
    enrolment = Enrolment.objects.get(user=agent)
    assert enrolment.completed_at is not None
    assert enrolment.completed_at >= enrolment.reopened_at
    assert XpEntry.objects.count() == xp_before
    assert Event.objects.count() == events_before
    # The renewal assignment now counts as done: past its due date it gets no reminder.
    services.reminders_send(
        now=datetime.datetime.combine(
            renewal.due_on + datetime.timedelta(days=1), datetime.time(12), tzinfo=datetime.UTC
        )
    )
    assert not SentReminder.objects.filter(assignment=renewal).exists()


def test_a_final_assessment_passed_before_reopening_must_be_passed_again(
    catalogue, agent, complete
):
    quiz = QuizFactory()
    course = course_with_lessons(
        index=catalogue, lessons=1, valid_for_months=12, final_assessment=quiz
    )
    old_pass = Attempt.objects.create(
        user=agent, quiz=quiz, number=1, submitted_at=timezone.now(), score=100, passed=True
    )
    completed_at = complete(agent, course, ago=ELEVEN_AND_A_HALF_MONTHS)
    Attempt.objects.filter(pk=old_pass.pk).update(submitted_at=completed_at)
    assert Enrolment.objects.get(user=agent).completed_at == completed_at
    services.recertifications_due(now=timezone.now())

    redo = services.lesson_complete(user=agent, lesson=lessons_of(course)[0])
    assert not redo.course_completed

    Attempt.objects.create(
        user=agent, quiz=quiz, number=2, submitted_at=timezone.now(), score=90, passed=True
    )
    services.assessment_passed(user=agent, quiz=quiz)
    assert Enrolment.objects.get(user=agent).completed_at is not None


def test_an_ordinary_repeat_of_a_lesson_stays_a_no_op(catalogue, agent):
    course = course_with_lessons(index=catalogue, lessons=1, valid_for_months=12)
    lesson = lessons_of(course)[0]
    services.lesson_complete(user=agent, lesson=lesson)
    first_done = LessonCompletion.objects.get(user=agent).completed_at

    again = services.lesson_complete(user=agent, lesson=lesson)

    assert again.newly_completed is False and again.course_completed is False
    assert LessonCompletion.objects.get(user=agent).completed_at == first_done
