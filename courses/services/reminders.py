"""Reminders: due-soon and overdue notices for learners, and a weekly overdue digest for leads.

The beat task runs every hour; each run looks at every open, unfinished assignment and sends
what the learner's own clock calls for. Nobody is reminded before ``REMINDER_LOCAL_HOUR`` on
their own day, so an agent in New York and one in Helsinki each hear on their own morning.

Every reminder is a ``SentReminder`` row whose unique key names the assignment and the due date
(``due_soon:<id>:<date>``): a second run, a retried task or a concurrent run on another worker
finds the key taken and does nothing, while a moved due date makes a fresh key and so a fresh
reminder. The email goes after commit through a task that sends only while ``emailed_at`` is
empty; a run re-queues emails still unsent after ``EMAIL_RETRY_AFTER``.
"""

import datetime
import logging
import zoneinfo
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.models import Assignment, Enrolment, PathEnrolment, SentReminder
from gamification.models import Notification
from gamification.services import notification_send
from lms.accounts.language import is_academy_language
from lms.accounts.models import TeamMembership, User

logger = logging.getLogger(__name__)

# Nobody gets mail at night: reminders wait until this hour of the learner's own day.
REMINDER_LOCAL_HOUR = 8
# "Due soon" starts this many days before the due date (and includes the due date itself).
REMINDER_DAYS_BEFORE = 3
# The email task queued on commit normally runs at once; after this long it was lost.
EMAIL_RETRY_AFTER = datetime.timedelta(minutes=10)
# A reminder whose email could not go out for days is stale: the in-app notice remains.
EMAIL_RETRY_WITHIN = datetime.timedelta(days=2)
# Bounds the size of one ``IN (...)`` list, which SQLite and query plans both prefer small.
CHUNK = 500


@dataclass
class ReminderRun:
    """What one run sent; a repeated run at the same moment reports zeros."""

    due_soon: int = 0
    overdue: int = 0
    digests: int = 0
    emails_requeued: int = 0


# --- Pure rules (no database) ----------------------------------------------------------------


def zone_of(time_zone: str) -> datetime.tzinfo:
    """The user's zone; an unknown name falls back to the academy's, never to an error."""
    try:
        return zoneinfo.ZoneInfo(time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return timezone.get_default_timezone()


def local_moment(moment: datetime.datetime, time_zone: str) -> datetime.datetime:
    return moment.astimezone(zone_of(time_zone))


def reminder_kind(*, due_on: datetime.date, local_date: datetime.date) -> str | None:
    """Which reminder an unfinished assignment calls for on the learner's ``local_date``."""
    days_left = (due_on - local_date).days
    if days_left < 0:
        return SentReminder.Kind.OVERDUE
    if days_left <= REMINDER_DAYS_BEFORE:
        return SentReminder.Kind.DUE_SOON
    return None


def reminder_key(*, kind: str, assignment_id: int, due_on: datetime.date) -> str:
    # The due date is part of the key so that moving it earns the learner fresh reminders.
    return f"{kind}:{assignment_id}:{due_on.isoformat()}"


def digest_key(*, lead_id: int, local_date: datetime.date) -> str:
    year, week, _weekday = local_date.isocalendar()
    return f"{SentReminder.Kind.LEAD_DIGEST}:{lead_id}:{year}-W{week:02d}"


def is_reminder_hour(local: datetime.datetime) -> bool:
    return local.hour >= REMINDER_LOCAL_HOUR


# --- Reading what is open and unfinished -----------------------------------------------------


def _chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _unfinished(assignments: list[Assignment]) -> list[Assignment]:
    """The assignments whose course or path the learner has not completed: two queries at most.

    Courses match by translation key, as everywhere else, so a completion of any locale counts.
    """
    user_ids = {a.user_id for a in assignments}
    course_keys = {a.course.translation_key for a in assignments if a.course is not None}
    path_ids = {a.path_id for a in assignments if a.path_id is not None}
    done: set[tuple] = set()
    if course_keys:
        done.update(
            ("c", user_id, key)
            for user_id, key in Enrolment.objects.filter(
                user_id__in=user_ids,
                completed_at__isnull=False,
                course__translation_key__in=course_keys,
            ).values_list("user_id", "course__translation_key")
        )
    if path_ids:
        done.update(
            ("p", user_id, path_id)
            for user_id, path_id in PathEnrolment.objects.filter(
                user_id__in=user_ids, path_id__in=path_ids, completed_at__isnull=False
            ).values_list("user_id", "path_id")
        )
    return [a for a in assignments if _item_marker(a) not in done]


def _item_marker(assignment: Assignment) -> tuple:
    if assignment.course is not None:
        return ("c", assignment.user_id, assignment.course.translation_key)
    return ("p", assignment.user_id, assignment.path_id)


def _open_assignments(*, due_by: datetime.date, **filters) -> list[Assignment]:
    return list(
        Assignment.objects.filter(closed_at__isnull=True, due_on__lte=due_by, **filters)
        .select_related("user", "course", "path")
        .order_by("pk")
    )


def _is_overdue(assignment: Assignment, moment: datetime.datetime) -> bool:
    return local_moment(moment, assignment.user.time_zone).date() > assignment.due_on


def _taken_keys(keys: list[str]) -> set[str]:
    taken: set[str] = set()
    for chunk in _chunks(keys):
        taken.update(SentReminder.objects.filter(key__in=chunk).values_list("key", flat=True))
    return taken


# --- Sending ---------------------------------------------------------------------------------


def reminders_send(*, now: datetime.datetime | None = None) -> ReminderRun:
    """Send every reminder that is due at ``now``, each exactly once.

    Rules: only open assignments whose item the learner has not completed; only from
    ``REMINDER_LOCAL_HOUR`` on the recipient's local day; due soon once per assignment and due
    date when it is at most ``REMINDER_DAYS_BEFORE`` days away, overdue once per assignment and
    due date the day after it; a lead's digest of their team members' overdue work once per
    ISO week, on the lead's Monday.

    Not one transaction: each reminder's row, notice and email commit together on their own
    (``_reminder_record``), so a long run holds no locks and sends as it goes, and a run that
    stops half-way leaves nothing half-sent; the next run carries on. The number of queries
    grows with the reminders actually sent, not with the assignments looked at.
    """
    now = now or timezone.now()
    run = ReminderRun()
    # No time zone is more than a day ahead of UTC: nothing due later can be "due soon" yet.
    horizon = now.astimezone(datetime.UTC).date() + datetime.timedelta(
        days=REMINDER_DAYS_BEFORE + 1
    )
    unfinished = _unfinished(_open_assignments(due_by=horizon))

    wanted: list[tuple[str, str, Assignment]] = []
    for assignment in unfinished:
        local = local_moment(now, assignment.user.time_zone)
        if not is_reminder_hour(local):
            continue
        kind = reminder_kind(due_on=assignment.due_on, local_date=local.date())
        if kind is None:
            continue
        key = reminder_key(kind=kind, assignment_id=assignment.pk, due_on=assignment.due_on)
        wanted.append((key, kind, assignment))
    taken = _taken_keys([key for key, _kind, _a in wanted])
    for key, kind, assignment in wanted:
        if key in taken:
            continue
        if _reminder_record(key=key, kind=kind, assignment=assignment, now=now):
            if kind == SentReminder.Kind.DUE_SOON:
                run.due_soon += 1
            else:
                run.overdue += 1

    overdue = [a for a in unfinished if _is_overdue(a, now)]
    run.digests = _digests_send(overdue=overdue, now=now)
    run.emails_requeued = _emails_requeue(now=now)
    return run


@transaction.atomic
def _reminder_record(
    *, key: str, kind: str, assignment: Assignment, now: datetime.datetime
) -> SentReminder | None:
    """One learner reminder: the row, the in-app notice and, after commit, the email."""
    reminder = _reminder_insert(
        key=key, kind=kind, user=assignment.user, now=now, assignment=assignment
    )
    if reminder is None:
        return None
    notification_send(
        user=assignment.user,
        kind=Notification.Kind.DUE_SOON
        if kind == SentReminder.Kind.DUE_SOON
        else Notification.Kind.OVERDUE,
        params={"title": assignment.item.title, "due": assignment.due_on.isoformat()},
        key=key,
    )
    _email_on_commit(reminder.pk)
    return reminder


def _reminder_insert(
    *, key: str, kind: str, user: User, now: datetime.datetime, assignment: Assignment | None
) -> SentReminder | None:
    try:
        # A savepoint: a concurrent run that took the key first wins quietly.
        with transaction.atomic():
            return SentReminder.objects.create(
                key=key, kind=kind, user=user, assignment=assignment, created_at=now
            )
    except IntegrityError:
        return None


def _digests_send(*, overdue: list[Assignment], now: datetime.datetime) -> int:
    """A digest for each lead, on their Monday, of teams with overdue work; once a week."""
    overdue_users = {a.user_id for a in overdue}
    if not overdue_users:
        return 0
    # Only agents (role member) count: a lead's own overdue work is not their team's.
    member_teams: dict[int, set[int]] = defaultdict(set)
    for team_id, user_id in TeamMembership.objects.filter(
        role=TeamMembership.Role.MEMBER, user_id__in=overdue_users
    ).values_list("team_id", "user_id"):
        member_teams[team_id].add(user_id)
    if not member_teams:
        return 0
    leads: dict[int, User] = {}
    lead_agents: dict[int, set[int]] = defaultdict(set)
    for membership in TeamMembership.objects.filter(
        role=TeamMembership.Role.LEAD, team_id__in=member_teams
    ).select_related("user"):
        leads[membership.user_id] = membership.user
        lead_agents[membership.user_id] |= member_teams[membership.team_id]

    wanted: dict[str, tuple[User, int]] = {}
    for lead_id, lead in leads.items():
        local = local_moment(now, lead.time_zone)
        if local.weekday() != 0 or not is_reminder_hour(local):
            continue
        count = sum(1 for a in overdue if a.user_id in lead_agents[lead_id])
        wanted[digest_key(lead_id=lead_id, local_date=local.date())] = (lead, count)
    taken = _taken_keys(list(wanted))
    sent = 0
    for key, (lead, count) in wanted.items():
        if key not in taken and _digest_record(key=key, lead=lead, count=count, now=now):
            sent += 1
    return sent


@transaction.atomic
def _digest_record(
    *, key: str, lead: User, count: int, now: datetime.datetime
) -> SentReminder | None:
    reminder = _reminder_insert(
        key=key, kind=SentReminder.Kind.LEAD_DIGEST, user=lead, now=now, assignment=None
    )
    if reminder is None:
        return None
    notification_send(
        user=lead,
        kind=Notification.Kind.TEAM_OVERDUE,
        params={"count": count},
        key=key,
        url="team",
    )
    _email_on_commit(reminder.pk)
    return reminder


def _email_on_commit(reminder_id: int) -> None:
    transaction.on_commit(lambda: _email_queue(reminder_id))


def _email_queue(reminder_id: int) -> None:
    from courses.tasks import send_reminder_email

    try:
        send_reminder_email.delay(reminder_id)
    except Exception:  # noqa: BLE001 - any broker failure; the next run re-queues it
        logger.warning("could not queue reminder email %s; the next run will", reminder_id)


def _emails_requeue(*, now: datetime.datetime) -> int:
    """Queue again the emails of reminders still unsent a while after they were recorded."""
    stale = list(
        SentReminder.objects.filter(
            emailed_at__isnull=True,
            created_at__lte=now - EMAIL_RETRY_AFTER,
            created_at__gte=now - EMAIL_RETRY_WITHIN,
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:1000]
    )
    for reminder_id in stale:
        _email_queue(reminder_id)
    return len(stale)


# --- The email ---------------------------------------------------------------------------------


def _email_language(user: User) -> str:
    """The language she last picked (``lms.accounts.language``), else the academy's default.

    The notification centre renders in the reader's language when shown, but an email is
    written once and needs a choice now.
    """
    return user.language if is_academy_language(user.language) else settings.LANGUAGE_CODE


def _absolute_url(name: str) -> str:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    try:
        return base + reverse(name)
    except NoReverseMatch:
        return base + "/"


def _still_wanted(reminder: SentReminder, assignment: Assignment) -> bool:
    """Nothing is mailed about work cancelled, finished or moved to another date since."""
    if assignment.closed_at is not None:
        return False
    if reminder.key != reminder_key(
        kind=reminder.kind, assignment_id=assignment.pk, due_on=assignment.due_on
    ):
        return False
    return bool(_unfinished([assignment]))


def _lead_digest_rows(*, lead: User, moment: datetime.datetime) -> list[Assignment]:
    """Overdue open work of the lead's agents at ``moment``, as it stands now."""
    agents = TeamMembership.objects.filter(
        role=TeamMembership.Role.MEMBER,
        team__in=TeamMembership.objects.filter(user=lead, role=TeamMembership.Role.LEAD).values(
            "team_id"
        ),
    ).values("user_id")
    horizon = moment.astimezone(datetime.UTC).date()
    candidates = _open_assignments(due_by=horizon, user_id__in=agents)
    rows = [a for a in _unfinished(candidates) if _is_overdue(a, moment)]
    return sorted(rows, key=lambda a: (a.due_on, a.user.display_name.lower(), a.pk))


def _email_message(reminder: SentReminder) -> tuple[str, str] | None:
    """Subject and body in the recipient's language, or ``None`` when nothing is left to say."""
    user = reminder.user
    with translation.override(_email_language(user)):
        if reminder.kind == SentReminder.Kind.LEAD_DIGEST:
            rows = _lead_digest_rows(lead=user, moment=reminder.created_at)
            if not rows:
                return None
            context = {
                "name": user.display_name,
                "rows": [
                    {
                        "agent": a.user.display_name,
                        "title": a.item.title,
                        "due": date_format(a.due_on, "SHORT_DATE_FORMAT"),
                    }
                    for a in rows
                ],
                "url": _absolute_url("team:home"),
            }
            subject = ngettext(
                "%(count)s overdue assignment in your team",
                "%(count)s overdue assignments in your team",
                len(rows),
            ) % {"count": len(rows)}
            body = render_to_string("courses/email/lead_digest.txt", context)
        else:
            assignment = reminder.assignment
            if assignment is None or not _still_wanted(reminder, assignment):
                return None
            context = {
                "name": user.display_name,
                "title": assignment.item.title,
                "due": date_format(assignment.due_on, "SHORT_DATE_FORMAT"),
                "note": assignment.note,
                "url": _absolute_url("courses:my_learning"),
            }
            if reminder.kind == SentReminder.Kind.DUE_SOON:
                subject = _("Reminder: %(title)s is due on %(due)s") % context
                body = render_to_string("courses/email/reminder_due_soon.txt", context)
            else:
                subject = _("Overdue: %(title)s was due on %(due)s") % context
                body = render_to_string("courses/email/reminder_overdue.txt", context)
    return settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body


@transaction.atomic
def reminder_email_send(*, reminder_id: int) -> bool:
    """Email one reminder, at most once: the locked row's ``emailed_at`` says it went.

    Sending happens while the row is locked, so two workers never both send it; if sending
    fails the transaction rolls back and a later run re-queues it. A reminder about work that
    was finished or cancelled since is marked done without an email.
    """
    reminder = (
        SentReminder.objects.select_for_update(of=("self",))
        .select_related("user", "assignment", "assignment__course", "assignment__path")
        .filter(pk=reminder_id, emailed_at__isnull=True)
        .first()
    )
    if reminder is None:
        return False
    message = _email_message(reminder)
    if message is not None:
        subject, body = message
        send_mail(
            subject=subject, message=body, from_email=None, recipient_list=[reminder.user.email]
        )
    SentReminder.objects.filter(pk=reminder.pk).update(emailed_at=timezone.now())
    return message is not None
