import pytest

from scenarios.services import scenario_create_from_spec
from scenarios.spec import Channel, NodeSpec, Outcome, ReplySpec, ScenarioSpec


def late_parcel_spec() -> ScenarioSpec:
    """A caller whose parcel is four days late; one trap reads out card details."""
    return ScenarioSpec(
        title="Late parcel, angry caller",
        channel=Channel.PHONE,
        persona_name="Pekka",
        persona_mood="angry",
        situation="The parcel was promised for Monday. It is Thursday.",
        dimensions={"empathy": 1.0, "policy": 1.0},
        mastery_threshold=70,
        nodes=[
            NodeSpec(
                "opening",
                "Where is my parcel? You promised Monday!",
                is_start=True,
                replies=[
                    ReplySpec(
                        "I'm sorry it hasn't arrived. Let me check right now.",
                        "checking",
                        {"empathy": 3},
                        feedback="Acknowledging first lowers the temperature.",
                    ),
                    ReplySpec(
                        "Deliveries are the courier's job, not ours.",
                        "furious",
                        {"empathy": -2},
                        feedback="Blaming others makes the customer feel dismissed.",
                    ),
                ],
            ),
            NodeSpec(
                "checking",
                "Fine. It's order 4417.",
                mood="impatient",
                replies=[
                    ReplySpec(
                        "It's at the depot; it arrives tomorrow by noon.",
                        "resolved",
                        {"policy": 3, "empathy": 1},
                    ),
                    ReplySpec(
                        "To refund you I'll read back the card on file: 4921...",
                        "lost",
                        {"policy": -2},
                        auto_fail=True,
                        auto_fail_reason="Never read out card details.",
                    ),
                ],
            ),
            NodeSpec(
                "furious",
                "That's ridiculous. I want to speak to someone else.",
                replies=[
                    ReplySpec(
                        "I understand. Let me fix this myself: one moment.",
                        "checking",
                        {"empathy": 2},
                    ),
                    ReplySpec("Then call back later.", "lost", {"empathy": -2}),
                ],
            ),
            NodeSpec(
                "resolved",
                "Okay, thanks.",
                outcome=Outcome.RESOLVED,
                simulated_csat=4,
                debrief="You owned the problem and gave a concrete time.",
            ),
            NodeSpec("lost", "Forget it.", outcome=Outcome.LOST, simulated_csat=1),
        ],
    )


@pytest.fixture
def late_parcel(db):
    return scenario_create_from_spec(spec=late_parcel_spec())


def reply_id(scenario, text_start):
    from scenarios.models import ScenarioReply

    return ScenarioReply.objects.get(node__scenario=scenario, text__startswith=text_start).pk
