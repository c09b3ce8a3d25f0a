"""Assignments: a course or learning path someone must finish by a due date.

Views check that the lead may act on these people (own team only); these functions enforce
the rules of the assignment itself: one open assignment per person and item, due dates not in
the past, paths started so their step due dates count, the learner told once.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from courses import learner_cache
from courses.models import Assignment, CoursePage, LearningPathPage
from courses.services.learning import path_start
from courses.translations import default_locale_version
from gamification.kpis.models import RemediationFiring
from gamification.models import Notification
from gamification.services import notification_send
from lms.accounts.models import Team, User

# When a path has no steps with due dates, onboarding is due this long after joining.
DEFAULT_ONBOARDING_DAYS = 30


class AssignmentError(Exception):
    """The assignment cannot be made or changed as asked; the message says why."""


@dataclass
class AssignmentOutcome:
    created: list[Assignment] = field(default_factory=list)
    # Open assignments of the same item that were left as they were.
    already_assigned: list[Assignment] = field(default_factory=list)


def _item_field(item: CoursePage | LearningPathPage) -> str:
    return "course" if isinstance(item, CoursePage) else "path"


def _check_due(due_on: date, today: date) -> None:
    if due_on < today:
        raise AssignmentError(_("The due date is in the past."))


@transaction.atomic
def assignments_create(
    *,
    assigned_by: User | None,
    users: Iterable[User],
    item: CoursePage | LearningPathPage,
    due_on: date,
    note: str = "",
    reason: str = Assignment.Reason.ASSIGNED,
    started_on: date | None = None,
) -> AssignmentOutcome:
    """Assign a course or path to each of ``users`` once.

    Someone who already has an open assignment of the same item keeps it unchanged: assigning
    twice never duplicates. A path is started for the learner (from ``started_on``, today by
    default) so that its courses show their own due dates. Each new assignee is notified.
    """
    item = default_locale_version(item)
    item_field = _item_field(item)
    users = list(users)
    _check_due(due_on, min((u.local_today() for u in users), default=timezone.localdate()))
    existing = {
        assignment.user_id: assignment
        for assignment in Assignment.objects.filter(
            **{item_field: item}, user__in=users, closed_at__isnull=True
        )
    }
    outcome = AssignmentOutcome(already_assigned=list(existing.values()))
    for user in users:
        if user.pk in existing:
            continue
        try:
            # A savepoint: a concurrent request that assigned the same item wins quietly.
            with transaction.atomic():
                assignment = Assignment.objects.create(
                    user=user,
                    due_on=due_on,
                    note=note,
                    reason=reason,
                    assigned_by=assigned_by,
                    **{item_field: item},
                )
        except IntegrityError:
            continue
        outcome.created.append(assignment)
        if isinstance(item, LearningPathPage):
            path_start(user=user, path=item, started_on=started_on)
        notification_send(
            user=user,
            kind=Notification.Kind.ASSIGNED,
            params={
                "title": item.title,
                "due": due_on.isoformat(),
                "by": assigned_by.display_name if assigned_by else "",
            },
            key=f"assigned:{assignment.pk}",
        )
    return outcome


@transaction.atomic
def assignment_due_change(*, assignment: Assignment, due_on: date) -> Assignment:
    """Move an open assignment's due date. Reminders follow the new date."""
    if assignment.closed_at is not None:
        raise AssignmentError(_("This assignment was cancelled."))
    _check_due(due_on, assignment.user.local_today())
    Assignment.objects.filter(pk=assignment.pk).update(due_on=due_on)
    learner_cache.changed([assignment.user_id])
    assignment.due_on = due_on
    return assignment


@transaction.atomic
def assignment_cancel(*, assignment: Assignment) -> bool:
    """Cancel an open assignment; the learner keeps any progress made. Twice is a no-op."""
    now = timezone.now()
    cancelled = Assignment.objects.filter(pk=assignment.pk, closed_at__isnull=True).update(
        closed_at=now, closed_reason=Assignment.Closed.CANCELLED
    )
    if cancelled:
        learner_cache.changed([assignment.user_id])
        assignment.closed_at = now
        assignment.closed_reason = Assignment.Closed.CANCELLED
        # A remediation the lead cancels is over too; its cool-down still applies.
        RemediationFiring.objects.filter(assignment=assignment, cancelled_at__isnull=True).update(
            cancelled_at=now
        )
    return bool(cancelled)


def onboarding_due_on(*, path: LearningPathPage, joined_on: date) -> date:
    """The whole path is due when its last course is due."""
    longest = path.steps.aggregate(longest=Max("due_days"))["longest"]
    return joined_on + timedelta(days=longest or DEFAULT_ONBOARDING_DAYS)


def onboarding_assign(*, user: User, team: Team, joined_on: date) -> Assignment | None:
    """Assign the team's onboarding path to a new member, due dates counted from joining."""
    if team.default_path is None:
        return None
    path = default_locale_version(team.default_path)
    outcome = assignments_create(
        assigned_by=None,
        users=[user],
        item=path,
        due_on=onboarding_due_on(path=path, joined_on=joined_on),
        reason=Assignment.Reason.ONBOARDING,
        started_on=joined_on,
    )
    assignments = outcome.created or outcome.already_assigned
    return assignments[0] if assignments else None
