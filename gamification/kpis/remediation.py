"""Remediation: a KPI target missed N periods in a row assigns the training that helps.

Event processing (``gamification.kpis.processing``) decides *when* a rule fires; these
functions do the firing and the cancelling. A firing is unique per rule, agent and last missed
period, so the same misses never fire twice, and a rule rests for ``cooldown_days`` after it
fired for an agent (a cancelled firing counts too: the lead decided, we do not nag).

Course rules become an ``Assignment`` (reason "remediation", the why in its note) through
``assignments_create``, which also tells the agent. The Assignment model holds only courses and
paths, so a scenario rule records the firing and notifies the agent with a link to the roleplay
instead. The agent's team leads are told either way.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from courses import learner_cache
from gamification.kpis.models import RemediationFiring, RemediationRule
from gamification.models import Notification
from gamification.services import notification_send
from lms.accounts.models import TeamMembership, User


def _period_label(period_start: datetime.date, period: str) -> str:
    if period == "month":
        return period_start.strftime("%Y-%m")
    return period_start.isoformat()


@transaction.atomic
def remediation_fire(
    *, rule: RemediationRule, user: User, period_start: datetime.date, misses: int
) -> RemediationFiring | None:
    """Fire ``rule`` for ``user`` at the last missed period, unless it fired for these misses
    already or within its cool-down. Returns the new firing, or ``None``."""
    now = timezone.now()
    earlier = RemediationFiring.objects.filter(rule=rule, user=user)
    cooldown_start = now - datetime.timedelta(days=rule.cooldown_days)
    if earlier.filter(Q(fired_at__gt=cooldown_start) | Q(period_start=period_start)).exists():
        return None
    try:
        with transaction.atomic():
            firing = RemediationFiring.objects.create(
                rule=rule, user=user, period_start=period_start, fired_at=now
            )
    except IntegrityError:
        return None  # a concurrent worker fired it
    kpi = rule.kpi
    params = {
        "agent": user.display_name,
        "kpi": kpi.name,
        "count": misses,
        "period": _period_label(period_start, kpi.period),
    }
    if rule.course is not None:
        from courses.models import Assignment
        from courses.services.assignments import assignments_create

        note = (
            _(
                "Assigned automatically: the %(kpi)s target was missed %(count)s periods in a row "
                "(last: %(period)s). This course helps with it."
            )
            % params
        )
        outcome = assignments_create(
            assigned_by=None,
            users=[user],
            item=rule.course,
            due_on=user.local_today() + datetime.timedelta(days=rule.due_days),
            note=note[:500],
            reason=Assignment.Reason.REMEDIATION,
        )
        # Already assigned and open: the firing follows that assignment.
        assigned = outcome.created or outcome.already_assigned
        firing.assignment = assigned[0] if assigned else None
        firing.save(update_fields=["assignment"])
        title = rule.course.title
    else:
        assert rule.scenario is not None  # noqa: S101 - the database's course-xor-scenario check
        title = rule.scenario.title
        notification_send(
            user=user,
            kind=Notification.Kind.REMEDIATION,
            params={**params, "title": title, "item": "scenario"},
            key=f"remediation:{firing.pk}",
            url=reverse("scenarios:detail", args=[rule.scenario_id]),
        )
    _notify_leads(firing, {**params, "title": title})
    return firing


def _notify_leads(firing: RemediationFiring, params: dict) -> None:
    team_ids = TeamMembership.objects.filter(user_id=firing.user_id).values("team_id")
    leads = (
        TeamMembership.objects.filter(team_id__in=team_ids, role=TeamMembership.Role.LEAD)
        .exclude(user_id=firing.user_id)
        .select_related("user")
    )
    for membership in leads:
        notification_send(
            user=membership.user,
            kind=Notification.Kind.REMEDIATION,
            params={**params, "item": "lead"},
            key=f"remediation:{firing.pk}",
            url=reverse("team:agent", args=[membership.team_id, firing.user_id]),
        )


@transaction.atomic
def remediation_cancel(*, firing: RemediationFiring) -> bool:
    """A lead calls the remediation off: its assignment is cancelled (progress is kept) and
    the firing marked. The cool-down still applies. Twice is a no-op."""
    from courses.services.assignments import assignment_cancel

    if firing.assignment is not None:
        # Cancelling the assignment marks its firing (the team pages take this path too).
        return assignment_cancel(assignment=firing.assignment)
    now = timezone.now()
    cancelled = RemediationFiring.objects.filter(pk=firing.pk, cancelled_at__isnull=True).update(
        cancelled_at=now
    )
    if cancelled:
        learner_cache.changed([firing.user_id])
        firing.cancelled_at = now
    return bool(cancelled)
