"""Reads for the scenario player and debrief. Before a reply is chosen, the page gets reply ids
and texts only: no points, no feedback, no next step. Query counts do not depend on the size of
the scenario's graph."""

from dataclasses import dataclass

from wagtail.models import Locale

from scenarios.models import RubricDimension, Scenario, ScenarioNode, ScenarioReply, ScenarioRun


@dataclass
class Bubble:
    speaker: str  # "customer", "agent", "narrator" or "mood" (the customer's mood changes)
    text: str


@dataclass
class Option:
    id: int
    text: str


@dataclass
class Player:
    run: ScenarioRun
    transcript: list[Bubble]
    options: list[Option]
    next_step: int


def player(*, run: ScenarioRun) -> Player:
    steps = list(run.steps.select_related("node", "reply").order_by("number"))
    transcript: list[Bubble] = []
    for step in steps:
        if step.node is not None:
            transcript += _customer_bubbles(step.node)
        if step.reply is not None:
            transcript.append(Bubble("agent", step.reply.text))
    options: list[Option] = []
    if run.current_node_id and not run.is_finished:
        node = ScenarioNode.objects.get(pk=run.current_node_id)
        transcript += _customer_bubbles(node)
        options = [
            Option(reply.pk, reply.text)
            for reply in ScenarioReply.objects.filter(node=node).order_by("sort_order")
        ]
    return Player(run=run, transcript=transcript, options=options, next_step=len(steps) + 1)


def _customer_bubbles(node: ScenarioNode) -> list[Bubble]:
    bubbles = []
    if node.narrator_note:
        bubbles.append(Bubble("narrator", node.narrator_note))
    if node.mood:
        bubbles.append(Bubble("mood", node.mood))
    bubbles.append(Bubble("customer", node.customer_text))
    return bubbles


@dataclass
class ReviewStep:
    number: int
    customer_text: str
    reply_text: str
    feedback: str
    auto_fail_reason: str
    best_text: str  # the strongest reply available at that point
    was_best: bool


@dataclass
class DimensionScore:
    code: str
    name: str
    score: float


@dataclass
class Debrief:
    run: ScenarioRun
    end: ScenarioNode | None
    scores: list[DimensionScore]
    review: list[ReviewStep]


def _weighted(reply: ScenarioReply, weights: dict[str, float]) -> float:
    return sum(weights.get(code, 0) * points for code, points in (reply.points or {}).items())


def debrief(*, run: ScenarioRun) -> Debrief:
    scenario = run.scenario
    weights = {d.dimension.code: d.weight for d in scenario.dimensions.select_related("dimension")}
    names = dict(RubricDimension.objects.values_list("code", "name"))
    steps = list(run.steps.select_related("node", "reply").order_by("number"))
    node_ids = [step.node_id for step in steps if step.node_id]
    replies_by_node: dict[int, list[ScenarioReply]] = {}
    for reply in ScenarioReply.objects.filter(node_id__in=node_ids).order_by("sort_order"):
        replies_by_node.setdefault(reply.node_id, []).append(reply)
    review = []
    for step in steps:
        available = replies_by_node.get(step.node_id, []) if step.node_id else []
        best = max(
            (r for r in available if not r.auto_fail),
            key=lambda r: _weighted(r, weights),
            default=None,
        )
        review.append(
            ReviewStep(
                number=step.number,
                customer_text=step.node.customer_text if step.node else "",
                reply_text=step.reply.text if step.reply else "",
                feedback=step.reply.feedback if step.reply else "",
                auto_fail_reason=step.reply.auto_fail_reason
                if step.reply and step.reply.auto_fail
                else "",
                best_text=best.text if best else "",
                was_best=best is not None and step.reply_id == best.pk,
            )
        )
    scores = [
        DimensionScore(code, names.get(code, code), score)
        for code, score in (run.dimension_scores or {}).items()
    ]
    end = (
        ScenarioNode.objects.filter(pk=run.current_node_id).first() if run.current_node_id else None
    )
    return Debrief(run=run, end=end, scores=scores, review=review)


def mastered_scenario_keys(*, user, scenario_ids: list[int]) -> set:
    """Translation keys of the given scenarios the user has mastered, in any language."""
    if not scenario_ids:
        return set()
    keys = Scenario.objects.filter(pk__in=scenario_ids).values("translation_key")
    return set(
        ScenarioRun.objects.filter(
            user=user, mastered=True, scenario__translation_key__in=keys
        ).values_list("scenario__translation_key", flat=True)
    )


@dataclass
class ScenarioCard:
    scenario: Scenario
    mastered: bool
    best: float | None


def practice_list(*, user) -> list[ScenarioCard]:
    """Live scenarios in the learner's language (English where untranslated), with how the
    learner did, in three queries."""
    active = Locale.get_active()
    scenarios = {
        scenario.translation_key: scenario
        for scenario in Scenario.objects.filter(live=True, locale=Locale.get_default())
    }
    for translated in Scenario.objects.filter(
        live=True, locale=active, translation_key__in=list(scenarios)
    ):
        scenarios[translated.translation_key] = translated
    results = _results(user)
    return [
        ScenarioCard(
            scenario=scenario,
            mastered=results.get(key, (False, None))[0],
            best=results.get(key, (False, None))[1],
        )
        for key, scenario in sorted(scenarios.items(), key=lambda item: item[1].title)
    ]


def _results(user) -> dict:
    """(mastered, best overall) per scenario translation key."""
    results: dict = {}
    for key, mastered, overall in ScenarioRun.objects.filter(
        user=user, finished_at__isnull=False
    ).values_list("scenario__translation_key", "mastered", "overall"):
        was_mastered, best = results.get(key, (False, None))
        results[key] = (was_mastered or mastered, max(best or 0, overall or 0))
    return results
