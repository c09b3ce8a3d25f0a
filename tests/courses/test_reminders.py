"""Due-soon and overdue reminders and the leads' weekly digest (courses.services.reminders).

Time is walked by passing ``now`` to the service, several runs a day as the hourly beat task
would, so each rule is checked against the learner's own clock.
"""

import datetime
import zoneinfo
from collections import defaultdict

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format

from courses import services, tasks
from courses.models import SentReminder
from courses.services import reminders
from gamification import page_data
from gamification.models import Notification
from gamification.selectors import notification_text
from lms.accounts.models import TeamMembership
from tests.factories import (
    LearningPathCourseFactory,
    LearningPathPageFactory,
    TeamFactory,
    TeamMembershipFactory,
    UserFactory,
    course_with_lessons,
    lessons_of,
)

pytestmark = pytest.mark.django_db

HELSINKI = "Europe/Helsinki"
NEW_YORK = "America/New_York"
# Hours (UTC) of the runs each walked day. In Helsinki (UTC+2/+3): 05-06, 08-09, 15-16, 22-23
# and 01-02 the next day; in New York (UTC-5/-4): 22-23 the day before, 01-02, 08-09, 15-16, 18-19.
RUN_HOURS = (3, 6, 13, 20, 23)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=datetime.UTC)


def local_at(day: datetime.date, hour: int, minute: int, zone: str) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=zoneinfo.ZoneInfo(zone)
    )


def days(start: datetime.date, end: datetime.date):
    day = start
    while day <= end:
        yield day
        day += datetime.timedelta(days=1)


@pytest.fixture
def due() -> datetime.date:
    """A due date far enough ahead that assigning it is allowed and the walk starts later."""
    return timezone.now().astimezone(datetime.UTC).date() + datetime.timedelta(days=10)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """One hourly run at ``now``, with its on-commit email tasks executed (eagerly)."""

    def run_at(now: datetime.datetime) -> reminders.ReminderRun:
        with django_capture_on_commit_callbacks(execute=True):
            return services.reminders_send(now=now)

    return run_at


def assign(item, *users, due_on, by=None):
    return services.assignments_create(
        assigned_by=by, users=users, item=item, due_on=due_on
    ).created


def kinds_of(user) -> list[str]:
    return sorted(SentReminder.objects.filter(user=user).values_list("kind", flat=True))


def mails_to(user) -> list[mail.EmailMessage]:
    return [message for message in mail.outbox if message.to == [user.email]]


# --- the pure rules ----------------------------------------------------------------------------


def test_reminder_kind_by_days_left():
    today = datetime.date(2027, 3, 10)

    def kind(days_left: int) -> str | None:
        return reminders.reminder_kind(
            due_on=today + datetime.timedelta(days=days_left), local_date=today
        )

    assert kind(4) is None
    assert kind(3) == kind(0) == SentReminder.Kind.DUE_SOON
    assert kind(-1) == kind(-30) == SentReminder.Kind.OVERDUE


def test_keys_name_the_due_date_and_the_iso_week():
    due_on = datetime.date(2027, 1, 4)
    assert (
        reminders.reminder_key(kind="due_soon", assignment_id=7, due_on=due_on)
        == "due_soon:7:2027-01-04"
    )
    assert reminders.digest_key(lead_id=3, local_date=datetime.date(2027, 1, 4)) == (
        "lead_digest:3:2027-W01"
    )
    # ISO weeks, not calendar years: 1 January 2027 is in 2026's last week.
    assert reminders.digest_key(lead_id=3, local_date=datetime.date(2027, 1, 1)) == (
        "lead_digest:3:2026-W53"
    )


# --- learners' reminders -----------------------------------------------------------------------


def test_walking_the_days_sends_one_due_soon_and_one_overdue_on_each_learners_own_day(
    catalogue, due, run
):
    course = course_with_lessons(index=catalogue, lessons=1, title="Refund policy")
    helsinki = UserFactory(time_zone=HELSINKI)
    new_york = UserFactory(time_zone=NEW_YORK)
    assign(course, helsinki, new_york, due_on=due)

    first_seen: dict[tuple[int, str], datetime.datetime] = {}
    for day in days(due - datetime.timedelta(days=5), due + datetime.timedelta(days=3)):
        for hour in RUN_HOURS:
            now = at(day, hour)
            run(now)
            again = run(now)  # a second run at the same moment is a no-op
            assert (again.due_soon, again.overdue) == (0, 0)
            for user_id, kind in SentReminder.objects.values_list("user_id", "kind"):
                first_seen.setdefault((user_id, kind), now)

    for user in (helsinki, new_york):
        assert kinds_of(user) == [SentReminder.Kind.DUE_SOON, SentReminder.Kind.OVERDUE]
        notices = Notification.objects.filter(
            user=user, kind__in=[Notification.Kind.DUE_SOON, Notification.Kind.OVERDUE]
        )
        assert sorted(n.kind for n in notices) == ["due_soon", "overdue"]
        assert all(n.params == {"title": "Refund policy", "due": due.isoformat()} for n in notices)
        subjects = sorted(message.subject for message in mails_to(user))
        assert len(subjects) == 2
        assert all(s.startswith("[Service Academy] ") and "Refund policy" in s for s in subjects)

    three_before = due - datetime.timedelta(days=3)
    # Each at the first run at or after 08:00 on their own date: 06:00 UTC is 08:00 or later in
    # Helsinki but the night in New York; 23:00 UTC is already the next date in Helsinki, but
    # before 08:00 there, so it waits for the morning.
    assert first_seen[(helsinki.pk, "due_soon")] == at(three_before, 6)
    assert first_seen[(new_york.pk, "due_soon")] == at(three_before, 13)
    day_after = due + datetime.timedelta(days=1)
    assert first_seen[(helsinki.pk, "overdue")] == at(day_after, 6)
    assert first_seen[(new_york.pk, "overdue")] == at(day_after, 13)


def test_nobody_is_reminded_before_eight_in_the_morning_local_time(catalogue, due, run):
    course = course_with_lessons(index=catalogue, lessons=1)
    agent = UserFactory(time_zone=HELSINKI)
    assign(course, agent, due_on=due)
    three_before = due - datetime.timedelta(days=3)

    run(local_at(three_before, 7, 59, HELSINKI))
    assert kinds_of(agent) == []
    assert mail.outbox == []

    run(local_at(three_before, 8, 0, HELSINKI))
    assert kinds_of(agent) == [SentReminder.Kind.DUE_SOON]
    assert len(mails_to(agent)) == 1


def test_completed_and_cancelled_assignments_get_no_reminders(catalogue, due, run):
    course = course_with_lessons(index=catalogue, lessons=1)
    path = LearningPathPageFactory(parent=catalogue)
    LearningPathCourseFactory(path=path, course=course_with_lessons(index=catalogue, lessons=1))
    finished, cancelled, path_finished, waiting = (UserFactory() for _ in range(4))
    assign(course, finished, cancelled, waiting, due_on=due)
    assign(path, path_finished, waiting, due_on=due)
    services.lesson_complete(user=finished, lesson=lessons_of(course)[0])
    services.assignment_cancel(assignment=cancelled.assignments.get())
    path_course = path.steps.get().course
    services.lesson_complete(user=path_finished, lesson=lessons_of(path_course)[0])

    for day in days(due - datetime.timedelta(days=3), due + datetime.timedelta(days=2)):
        run(at(day, 12))

    for user in (finished, cancelled, path_finished):
        assert kinds_of(user) == []
        assert mails_to(user) == []
    # The learner who has not finished hears about both the course and the path.
    assert kinds_of(waiting) == ["due_soon", "due_soon", "overdue", "overdue"]
    assert len(mails_to(waiting)) == 4


def test_moving_the_due_date_gives_a_fresh_due_soon_reminder(catalogue, due, run):
    course = course_with_lessons(index=catalogue, lessons=1)
    agent = UserFactory(time_zone=HELSINKI)
    [assignment] = assign(course, agent, due_on=due)
    run(at(due - datetime.timedelta(days=2), 12))
    later = due + datetime.timedelta(days=7)

    services.assignment_due_change(assignment=assignment, due_on=later)
    for day in days(due - datetime.timedelta(days=1), later - datetime.timedelta(days=1)):
        run(at(day, 12))

    keys = sorted(SentReminder.objects.filter(user=agent).values_list("key", flat=True))
    assert keys == [
        f"due_soon:{assignment.pk}:{due.isoformat()}",
        f"due_soon:{assignment.pk}:{later.isoformat()}",
    ]
    assert len(mails_to(agent)) == 2


def test_a_run_does_not_grow_its_queries_with_the_assignments(catalogue, due, run):
    course = course_with_lessons(index=catalogue, lessons=1)
    now = at(due - datetime.timedelta(days=1), 12)

    def steady_state_queries(learners: int) -> int:
        assign(course, *(UserFactory() for _ in range(learners)), due_on=due)
        run(now)  # sends what is due; the run measured below finds it all sent
        with CaptureQueriesContext(connection) as queries:
            services.reminders_send(now=now)
        return len(queries)

    assert steady_state_queries(2) == steady_state_queries(6)


# --- the email ---------------------------------------------------------------------------------


def test_sending_a_reminder_email_twice_sends_one_mail(catalogue, due):
    course = course_with_lessons(index=catalogue, lessons=1, title="Data protection")
    agent = UserFactory()
    assign(course, agent, due_on=due)
    # Outside the capture, on-commit tasks never run: the reminder waits for its email.
    services.reminders_send(now=at(due - datetime.timedelta(days=1), 12))
    reminder = SentReminder.objects.get(user=agent)

    assert tasks.send_reminder_email(reminder.pk) is True
    assert tasks.send_reminder_email(reminder.pk) is False

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [agent.email]
    assert message.subject.startswith("[Service Academy] ")
    assert "Data protection" in message.body
    assert date_format(due, "SHORT_DATE_FORMAT") in message.body
    reminder.refresh_from_db()
    assert reminder.emailed_at is not None


def test_an_email_still_unsent_after_ten_minutes_is_queued_again(catalogue, due, run):
    course = course_with_lessons(index=catalogue, lessons=1)
    agent = UserFactory()
    assign(course, agent, due_on=due)
    now = at(due - datetime.timedelta(days=1), 12)
    services.reminders_send(now=now)  # its on-commit email task is "lost"

    assert run(now + datetime.timedelta(minutes=5)).emails_requeued == 0
    assert mail.outbox == []
    assert run(now + datetime.timedelta(minutes=11)).emails_requeued == 1
    assert len(mail.outbox) == 1
    assert run(now + datetime.timedelta(minutes=70)).emails_requeued == 0
    assert len(mail.outbox) == 1


def test_no_email_about_work_finished_before_it_went_out(catalogue, due):
    course = course_with_lessons(index=catalogue, lessons=1)
    agent = UserFactory()
    assign(course, agent, due_on=due)
    services.reminders_send(now=at(due - datetime.timedelta(days=1), 12))
    services.lesson_complete(user=agent, lesson=lessons_of(course)[0])

    assert tasks.send_reminder_email(SentReminder.objects.get(user=agent).pk) is False
    assert mail.outbox == []


# --- the leads' digest ---------------------------------------------------------------------------


def test_the_lead_digest_goes_once_a_week_to_the_leads_of_the_team_only(catalogue, due, run):
    course = course_with_lessons(index=catalogue, lessons=1, title="Escalation protocol")
    team, other_team = TeamFactory(), TeamFactory()
    lead, co_lead, other_lead = (UserFactory(time_zone=HELSINKI) for _ in range(3))
    late = UserFactory(first_name="Late", last_name="Larsen")
    done = UserFactory(first_name="Done", last_name="Dahl")
    elsewhere = UserFactory()
    for user, role, of in [
        (lead, TeamMembership.Role.LEAD, team),
        (co_lead, TeamMembership.Role.LEAD, team),
        (late, TeamMembership.Role.MEMBER, team),
        (done, TeamMembership.Role.MEMBER, team),
        (other_lead, TeamMembership.Role.LEAD, other_team),
        (elsewhere, TeamMembership.Role.MEMBER, other_team),
    ]:
        TeamMembershipFactory(team=of, user=user, role=role)
    assign(course, late, done, other_lead, due_on=due, by=lead)
    assign(course, elsewhere, due_on=due + datetime.timedelta(days=60), by=other_lead)
    services.lesson_complete(user=done, lesson=lessons_of(course)[0])

    walk = list(days(due + datetime.timedelta(days=1), due + datetime.timedelta(days=14)))
    for day in walk:
        for hour in RUN_HOURS:
            run(at(day, hour))

    mondays = [day for day in walk if day.weekday() == 0]
    assert len(mondays) == 2
    for reader in (lead, co_lead):
        digests = SentReminder.objects.filter(user=reader, kind=SentReminder.Kind.LEAD_DIGEST)
        assert digests.count() == len(mondays)
        for digest in digests:
            assert timezone.localtime(digest.created_at, zoneinfo.ZoneInfo(HELSINKI)).weekday() == 0
        notices = Notification.objects.filter(user=reader, kind=Notification.Kind.TEAM_OVERDUE)
        assert [(n.params, n.url) for n in notices] == [({"count": 1}, "team")] * 2
        messages = mails_to(reader)
        assert len(messages) == 2
        for message in messages:
            assert "Late Larsen" in message.body
            assert "Escalation protocol" in message.body
            assert date_format(due, "SHORT_DATE_FORMAT") in message.body
            assert "Done Dahl" not in message.body
    # The other team's lead is overdue personally, but none of their agents is.
    for nobody in (other_lead, late, done, elsewhere):
        assert not SentReminder.objects.filter(user=nobody, kind="lead_digest").exists()
        assert not Notification.objects.filter(user=nobody, kind="team_overdue").exists()


# --- what the notifications say ------------------------------------------------------------------


def _text(kind: str, **params) -> str:
    with translation.override("en"):
        return notification_text(Notification(kind=kind, params=params))


def test_notification_texts_for_assignments_and_reminders():
    due_on = datetime.date(2027, 5, 14)
    with translation.override("en"):
        shown = date_format(due_on, "SHORT_DATE_FORMAT")
    iso = due_on.isoformat()

    assert _text("assigned", title="Refunds", due=iso, by="") == (
        f"New assignment: Refunds, due {shown}"
    )
    assert _text("assigned", title="Refunds", due=iso, by="Lea") == (
        f"New assignment from Lea: Refunds, due {shown}"
    )
    assert _text("due_soon", title="Refunds", due=iso) == f"Reminder: Refunds is due {shown}."
    overdue = _text("overdue", title="Refunds", due=iso)
    assert overdue.startswith(f"Overdue: Refunds was due {shown}.")
    assert _text("team_overdue", count=1) == "1 assignment in your team is overdue."
    assert _text("team_overdue", count=3) == "3 assignments in your team are overdue."


def test_team_notifications_lead_to_the_team_page():
    assert page_data.NOTIFICATION_TARGETS["team"] == "team:home"


def test_reminder_counts_are_per_kind(catalogue, due, run):
    course = course_with_lessons(index=catalogue, lessons=1)
    agents = [UserFactory(), UserFactory()]
    assign(course, *agents, due_on=due)

    soon = run(at(due - datetime.timedelta(days=1), 12))
    late = run(at(due + datetime.timedelta(days=1), 12))

    assert (soon.due_soon, soon.overdue) == (2, 0)
    assert (late.due_soon, late.overdue) == (0, 2)
    by_kind: dict[str, int] = defaultdict(int)
    for kind in SentReminder.objects.values_list("kind", flat=True):
        by_kind[kind] += 1
    assert by_kind == {"due_soon": 2, "overdue": 2}
