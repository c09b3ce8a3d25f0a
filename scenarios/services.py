"""Every write to a roleplay run: start (or resume) and choose a reply.

Rules: a reply must belong to the step the run is at; a finished run takes no more replies;
a repeated submit of the same step (a double click) records nothing; the run is scored once,
when it reaches an end, against the best achievable on the scenario's graph.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from gamification import events
from gamification.models import EventKind
from lms.accounts.models import User
from scenarios import scoring
from scenarios.models import (
    RubricDimension,
    RunStep,
    Scenario,
    ScenarioDimension,
    ScenarioNode,
    ScenarioReply,
    ScenarioRun,
)
from scenarios.spec import ScenarioSpec


class RunError(Exception):
    """A refusal with a message the learner can read."""


class ReplyNotAvailable(RunError):
    pass


class RunFinished(RunError):
    pass


class ScenarioNotPlayable(RunError):
    pass


class UnknownDimension(ValueError):
    """A scenario scores a dimension the rubric does not have."""


def scenario_start(*, user: User, scenario: Scenario) -> ScenarioRun:
    """Resume the open run, or start a new one at the scenario's start step."""
    existing = ScenarioRun.objects.filter(
        user=user, scenario=scenario, finished_at__isnull=True
    ).first()
    if existing is not None:
        return existing
    start = scenario.nodes.filter(is_start=True).order_by("sort_order").first()
    if start is None:
        raise ScenarioNotPlayable(_("This scenario has no start yet."))
    try:
        with transaction.atomic():
            return ScenarioRun.objects.create(user=user, scenario=scenario, current_node=start)
    except IntegrityError:
        return ScenarioRun.objects.get(user=user, scenario=scenario, finished_at__isnull=True)


@transaction.atomic
def run_choose(*, user: User, run_id: int, reply_id: int, step: int) -> ScenarioRun:
    """Record the learner's reply as step ``step`` of the run and move on.

    ``step`` is the number the page showed; a second submit of the same step is a no-op.
    """
    run = ScenarioRun.objects.select_for_update().get(pk=run_id, user=user)
    taken = run.steps.count()
    if step <= taken:
        return run  # already recorded: a double click or a resubmitted form
    if run.is_finished:
        raise RunFinished(_("This conversation has ended."))
    if step != taken + 1:
        raise ReplyNotAvailable(_("That reply is not part of this step."))
    reply = ScenarioReply.objects.filter(pk=reply_id, node_id=run.current_node_id).first()
    if reply is None:
        raise ReplyNotAvailable(_("That reply is not part of this step."))
    RunStep.objects.create(run=run, number=step, node_id=run.current_node_id, reply=reply)
    target = ScenarioNode.objects.filter(scenario_id=run.scenario_id, key=reply.target_key).first()
    run.current_node = target
    if target is None or target.outcome:
        _finish(run, end=target)
    run.save()
    return run


def scoring_inputs(scenario: Scenario) -> tuple[list[scoring.Reply], dict[int, scoring.Reply]]:
    """The scenario's replies for the scorer, and each database reply's scorer twin."""
    replies: list[scoring.Reply] = []
    by_pk: dict[int, scoring.Reply] = {}
    for node in scenario.nodes.all():
        for reply in node.replies.all():
            twin = scoring.Reply(
                id=reply.pk,
                source=node.key,
                target=reply.target_key,
                points=dict(reply.points or {}),
                auto_fail=reply.auto_fail,
            )
            replies.append(twin)
            by_pk[reply.pk] = twin
    return replies, by_pk


def _finish(run: ScenarioRun, *, end: ScenarioNode | None) -> None:
    scenario = (
        Scenario.objects.prefetch_related("dimensions__dimension", "nodes__replies")
        .filter(pk=run.scenario_id)
        .get()
    )
    nodes = list(scenario.nodes.all())
    start = next((node.key for node in nodes if node.is_start), None)
    ends = [node.key for node in nodes if node.outcome]
    weights = {d.dimension.code: d.weight for d in scenario.dimensions.all()}
    replies, by_pk = scoring_inputs(scenario)
    best = scoring.best_achievable(replies, start=start, ends=ends, dimensions=weights)
    taken = [
        by_pk[reply_id]
        for reply_id in run.steps.order_by("number").values_list("reply_id", flat=True)
        if reply_id in by_pk
    ]
    result = scoring.run_score(
        taken=taken, best=best, weights=weights, mastery_threshold=scenario.mastery_threshold
    )
    run.finished_at = timezone.now()
    run.outcome = end.outcome if end is not None else ""
    run.simulated_csat = end.simulated_csat if end is not None else None
    run.dimension_scores = result.dimensions
    run.overall = result.overall
    run.auto_failed = result.auto_failed
    run.mastered = result.mastered
    payload = {
        "scenario_id": scenario.pk,
        # Translations of a scenario are one scenario for XP and badges.
        "scenario_key": str(scenario.translation_key),
        "outcome": run.outcome,
        "overall": result.overall,
        "dimensions": result.dimensions,
    }
    key = f"{run.user_id}:{run.pk}"
    events.record(
        user=run.user,
        kind=EventKind.SCENARIO_COMPLETED,
        subject=run,
        key=f"{EventKind.SCENARIO_COMPLETED}:{key}",
        payload=payload,
    )
    if result.mastered:
        events.record(
            user=run.user,
            kind=EventKind.SCENARIO_MASTERED,
            subject=run,
            key=f"{EventKind.SCENARIO_MASTERED}:{key}",
            payload=payload,
        )


@transaction.atomic
def scenario_create_from_spec(
    *, spec: ScenarioSpec, live: bool = True, locale: Locale | None = None
) -> Scenario:
    """Create a scenario from plain data (an import, the demo seed); dimensions must exist."""
    codes = set(spec.dimensions) | {
        code for node in spec.nodes for reply in node.replies for code in reply.points
    }
    dimensions = RubricDimension.objects.in_bulk(sorted(codes), field_name="code")
    unknown = sorted(codes - set(dimensions))
    if unknown:
        raise UnknownDimension(
            _("Unknown rubric dimensions: %(codes)s. Add them to the rubric first.")
            % {"codes": ", ".join(unknown)}
        )
    scenario = Scenario.objects.create(
        locale=locale or Locale.get_default(),
        title=spec.title,
        channel=spec.channel.value,
        persona_name=spec.persona_name,
        persona_mood=spec.persona_mood,
        situation=spec.situation,
        mastery_threshold=spec.mastery_threshold,
        live=live,
    )
    ScenarioDimension.objects.bulk_create(
        ScenarioDimension(
            scenario=scenario, dimension=dimensions[code], weight=weight, sort_order=order
        )
        for order, (code, weight) in enumerate(spec.dimensions.items())
    )
    for order, node_spec in enumerate(spec.nodes):
        node = ScenarioNode.objects.create(
            scenario=scenario,
            sort_order=order,
            key=node_spec.key,
            customer_text=node_spec.customer_text,
            mood=node_spec.mood,
            narrator_note=node_spec.narrator_note,
            is_start=node_spec.is_start,
            outcome=node_spec.outcome.value if node_spec.outcome else "",
            simulated_csat=node_spec.simulated_csat,
            debrief=node_spec.debrief,
        )
        ScenarioReply.objects.bulk_create(
            ScenarioReply(
                node=node,
                sort_order=index,
                text=reply.text,
                target_key=reply.target,
                points=reply.points,
                feedback=reply.feedback,
                is_continue=reply.is_continue,
                auto_fail=reply.auto_fail,
                auto_fail_reason=reply.auto_fail_reason,
            )
            for index, reply in enumerate(node_spec.replies)
        )
    return scenario
