"""Recertification: compliance courses whose completion expires are assigned again in time.

A course with ``valid_for_months`` set gives a completion that runs out that many months after
the learner's local completion date. ``RECERTIFY_DAYS_BEFORE`` days before then the completion
is kept as a ``Certification`` (history), the enrolment is reopened and the course is assigned
again, due on the expiry date, so the learner redoes it while still certified.
"""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from courses import learner_cache
from courses.models import Assignment, Certification, CoursePage, Enrolment
from courses.services.assignments import assignments_create
from courses.services.reminders import local_moment
from gamification import rules
from gamification.models import Notification
from gamification.services import notification_send

logger = logging.getLogger(__name__)

# Long enough to redo a course around normal work, short enough to stay on people's radar.
RECERTIFY_DAYS_BEFORE = 30
# Generous slack for the rough database filter; the exact rule is applied in Python after it.
_FILTER_SLACK_DAYS = 7


# --- Pure rules (no database) ----------------------------------------------------------------


def certification_expires_on(*, completed_local: datetime.datetime, months: int) -> datetime.date:
    """The completion's local date ``months`` later, clamped to the month's end."""
    return rules.add_months(completed_local, months).date()


def recertification_is_due(*, expires_on: datetime.date, today: datetime.date) -> bool:
    return (expires_on - today).days <= RECERTIFY_DAYS_BEFORE


# --- Services --------------------------------------------------------------------------------


def recertifications_due(*, now: datetime.datetime | None = None) -> int:
    """Start recertification for every completion that expires within the notice period.

    Each one is its own transaction (``recertification_start``) and a no-op when repeated, so
    the hourly task can run twice or on two workers at once. Returns how many were started.
    """
    now = now or timezone.now()
    months_values = sorted(
        set(
            CoursePage.objects.filter(valid_for_months__isnull=False).values_list(
                "valid_for_months", flat=True
            )
        )
    )
    if not months_values:
        return 0
    # Only completions old enough to be near expiry are loaded, whatever the history grows to.
    recent_enough = Q()
    for months in months_values:
        cutoff = rules.add_months(now, -months) + datetime.timedelta(
            days=RECERTIFY_DAYS_BEFORE + _FILTER_SLACK_DAYS
        )
        recent_enough |= Q(course__valid_for_months=months, completed_at__lte=cutoff)
    enrolments = (
        Enrolment.objects.filter(recent_enough, completed_at__isnull=False)
        .select_related("user", "course")
        .order_by("pk")
    )
    started = 0
    for enrolment in enrolments:
        completed_at, months = enrolment.completed_at, enrolment.course.valid_for_months
        if completed_at is None or not months:
            continue
        expires_on = certification_expires_on(
            completed_local=local_moment(completed_at, enrolment.user.time_zone), months=months
        )
        today = local_moment(now, enrolment.user.time_zone).date()
        if not recertification_is_due(expires_on=expires_on, today=today):
            continue
        if recertification_start(enrolment=enrolment, expires_on=expires_on, now=now):
            started += 1
    return started


@transaction.atomic
def recertification_start(
    *, enrolment: Enrolment, expires_on: datetime.date, now: datetime.datetime
) -> Certification | None:
    """Keep the expiring completion as a certification and have the learner do the course again.

    Once per completion: the certification's unique (user, course, completed_at) makes a second
    call a no-op returning ``None``. Any open assignment of the course is closed as renewed; a
    new one (reason recertification) is due on the expiry date, or today if that has passed;
    the enrolment is reopened so lessons done before now must be done again; the learner is
    told why.
    """
    locked = Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
    if locked is None or locked.completed_at is None:
        return None  # reopened meanwhile by a concurrent run
    user, course = enrolment.user, enrolment.course
    try:
        with transaction.atomic():
            certification = Certification.objects.create(
                user=user, course=course, completed_at=locked.completed_at, expires_on=expires_on
            )
    except IntegrityError:
        return None

    Assignment.objects.filter(user=user, course=course, closed_at__isnull=True).update(
        closed_at=now, closed_reason=Assignment.Closed.RENEWED
    )
    # A completion found only after it expired (the course got its validity later) is due now.
    due_on = max(expires_on, local_moment(now, user.time_zone).date())
    outcome = assignments_create(
        assigned_by=None,
        users=[user],
        item=course,
        due_on=due_on,
        reason=Assignment.Reason.RECERTIFICATION,
    )
    certification.renewal = (outcome.created or outcome.already_assigned)[0]
    certification.save(update_fields=["renewal"])

    Enrolment.objects.filter(pk=locked.pk).update(completed_at=None, reopened_at=now)
    learner_cache.changed([user.pk])  # update() above: no signal
    enrolment.completed_at, enrolment.reopened_at = None, now
    notification_send(
        user=user,
        kind=Notification.Kind.RECERTIFY,
        params={"title": course.title, "expires": expires_on.isoformat()},
        key=f"recertify:{certification.pk}",
    )
    return certification
