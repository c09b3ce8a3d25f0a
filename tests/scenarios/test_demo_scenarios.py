"""The demo roleplays: one per channel, playable, masterable, one translated into Finnish."""

import os

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from scenarios import graph, scoring, services
from scenarios.demo import ensure_demo_scenarios
from scenarios.demo_content import BEST_PATHS, SCENARIOS
from scenarios.models import Scenario, ScenarioNode, ScenarioReply
from scenarios.spec import Channel, Outcome, ScenarioSpec

pytestmark = pytest.mark.django_db


def snapshot():
    return (Scenario.objects.count(), ScenarioNode.objects.count(), ScenarioReply.objects.count())


def english_demo():
    return {
        slug: Scenario.objects.get(locale__language_code="en", title=spec.title)
        for slug, spec in SCENARIOS.items()
    }


def loops_back(spec: ScenarioSpec) -> bool:
    """Some reply leads to a step from which the conversation can come back to it."""
    following = {node.key: [reply.target for reply in node.replies] for node in spec.nodes}
    for source, targets in following.items():
        for target in targets:
            seen, stack = set(), [target]
            while stack:
                current = stack.pop()
                if current == source:
                    return True
                if current not in seen:
                    seen.add(current)
                    stack.extend(following.get(current, []))
    return False


def play(user, scenario, path):
    run = services.scenario_start(user=user, scenario=scenario)
    for number, (key, position) in enumerate(path, start=1):
        assert run.current_node.key == key, f"step {number} of {scenario.title}"
        reply = run.current_node.replies.order_by("sort_order")[position]
        run = services.run_choose(user=user, run_id=run.pk, reply_id=reply.pk, step=number)
    return run


@pytest.mark.parametrize("slug", list(SCENARIOS))
def test_the_best_path_in_the_content_is_mastered_on_paper(slug):
    spec = SCENARIOS[slug]
    replies = {reply.id: reply for reply in spec.to_replies()}
    start = next(node.key for node in spec.nodes if node.is_start)
    ends = [node.key for node in spec.nodes if node.is_end]
    best = scoring.best_achievable(
        list(replies.values()), start=start, ends=ends, dimensions=spec.dimensions
    )
    taken = [replies[step] for step in BEST_PATHS[slug]]

    result = scoring.run_score(
        taken=taken, best=best, weights=spec.dimensions, mastery_threshold=spec.mastery_threshold
    )

    assert graph.validate(spec.to_graph()) == []
    assert result.mastered and not result.auto_failed
    assert taken[-1].target in ends


def test_three_live_english_scenarios_one_per_channel_each_a_full_conversation(seeded_academy):
    scenarios = english_demo()

    assert {s.channel for s in scenarios.values()} == {c.value for c in Channel}
    for scenario in scenarios.values():
        spec = scenario.as_spec()
        assert scenario.live and scenario.mastery_threshold == 70, scenario.title
        assert len(spec.nodes) >= 8, scenario.title
        assert graph.validate(spec.to_graph()) == [], scenario.title
        assert 3 <= len(spec.dimensions) <= 5, scenario.title
        ends = [node for node in spec.nodes if node.is_end]
        assert len({node.outcome for node in ends}) >= 2, scenario.title
        assert all(node.simulated_csat and node.debrief for node in ends), scenario.title
        assert len({node.mood for node in spec.nodes if node.mood}) >= 3, scenario.title
        assert any(node.narrator_note for node in spec.nodes), scenario.title
        continues = [node for node in spec.nodes if any(r.is_continue for r in node.replies)]
        assert continues and all(len(node.replies) == 1 for node in continues), scenario.title
        assert loops_back(spec), scenario.title
        for node in spec.nodes:
            for reply in node.replies:
                assert set(reply.points) <= set(spec.dimensions), (scenario.title, node.key)
                assert all(-2 <= value <= 3 for value in reply.points.values())
                assert reply.feedback, (scenario.title, node.key, reply.text)


def test_the_email_trap_auto_fails_any_disclosure_with_a_reason(seeded_academy, agent):
    email = english_demo()["account-request"]
    traps = ScenarioReply.objects.filter(node__scenario=email, auto_fail=True)
    assert traps.count() >= 3
    assert all(trap.auto_fail_reason for trap in traps)
    assert traps.filter(text__contains="5820").exists()  # reading out the card digits

    run = services.scenario_start(user=agent, scenario=email)
    disclose = run.current_node.replies.get(auto_fail=True, text__contains="5820")
    run = services.run_choose(user=agent, run_id=run.pk, reply_id=disclose.pk, step=1)

    assert run.is_finished and run.outcome == Outcome.LOST
    assert run.auto_failed and not run.mastered


def test_the_phone_call_has_a_finnish_translation_with_the_same_steps(seeded_academy):
    english = english_demo()["late-delivery"]
    finnish = english.get_translation(Locale.objects.get(language_code="fi"))

    assert finnish.live and finnish.title != english.title
    assert finnish.channel == english.channel
    assert finnish.situation != english.situation
    english_nodes = list(english.nodes.order_by("sort_order"))
    finnish_nodes = list(finnish.nodes.order_by("sort_order"))
    assert [n.key for n in finnish_nodes] == [n.key for n in english_nodes]
    for en, fi in zip(english_nodes, finnish_nodes, strict=True):
        assert (fi.is_start, fi.outcome, fi.simulated_csat) == (
            en.is_start,
            en.outcome,
            en.simulated_csat,
        )
        assert fi.customer_text != en.customer_text
        assert bool(fi.mood) == bool(en.mood) and bool(fi.debrief) == bool(en.debrief)
        assert bool(fi.narrator_note) == bool(en.narrator_note)
        en_replies = list(en.replies.order_by("sort_order"))
        fi_replies = list(fi.replies.order_by("sort_order"))
        assert [(r.target_key, r.points, r.is_continue, r.auto_fail) for r in fi_replies] == [
            (r.target_key, r.points, r.is_continue, r.auto_fail) for r in en_replies
        ]
        assert all(f.text != e.text for f, e in zip(fi_replies, en_replies, strict=True))
    weights = {d.dimension.code: d.weight for d in finnish.dimensions.all()}
    assert weights == SCENARIOS["late-delivery"].dimensions


def test_playing_the_best_path_masters_every_demo_scenario(seeded_academy, agent):
    scenarios = ensure_demo_scenarios()
    paths = {**BEST_PATHS, "late-delivery-fi": BEST_PATHS["late-delivery"]}

    for slug, path in paths.items():
        run = play(agent, scenarios[slug], path)

        assert run.is_finished and run.outcome == Outcome.RESOLVED, slug
        assert run.mastered and not run.auto_failed, slug
        assert run.overall == 100.0, slug


def test_running_the_seed_again_creates_no_scenarios_steps_or_replies(seeded_academy, settings):
    before = snapshot()
    assert before[0] >= len(SCENARIOS) + 1

    settings.DEBUG = True
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", stdout=quiet)

    assert snapshot() == before
