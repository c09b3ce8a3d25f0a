"""Trainers write scenarios in Wagtail admin; an unplayable one stays a draft, unpublished."""

import pytest
from django.core.exceptions import ValidationError

from scenarios.fields import format_points, parse_points
from scenarios.models import RubricDimension, Scenario
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ADD_URL = "/cms/snippets/scenarios/scenario/add/"


def management(prefix, count):
    return {
        f"{prefix}-TOTAL_FORMS": count,
        f"{prefix}-INITIAL_FORMS": 0,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }


def scenario_form(nodes, action):
    """nodes: (key, is_start, outcome, [(reply text, target key, points)])"""
    data = {
        "title": "Late parcel, angry caller",
        "channel": "phone",
        "mastery_threshold": 70,
        "persona_name": "Pekka",
        "persona_mood": "angry",
        "situation": "The parcel was promised for Monday; it is Thursday.",
        action: "1",
        **management("dimensions", 1),
        "dimensions-0-dimension": RubricDimension.objects.get(code="empathy").pk,
        "dimensions-0-weight": 1,
        "dimensions-0-id": "",
        "dimensions-0-ORDER": 1,
        "dimensions-0-DELETE": "",
        **management("nodes", len(nodes)),
    }
    for n, (key, is_start, outcome, replies) in enumerate(nodes):
        prefix = f"nodes-{n}"
        data |= {
            f"{prefix}-id": "",
            f"{prefix}-ORDER": n + 1,
            f"{prefix}-DELETE": "",
            f"{prefix}-key": key,
            f"{prefix}-customer_text": f"Customer at {key}",
            f"{prefix}-mood": "",
            f"{prefix}-narrator_note": "",
            f"{prefix}-outcome": outcome,
            f"{prefix}-simulated_csat": 4 if outcome else "",
            f"{prefix}-debrief": "",
            **management(f"{prefix}-replies", len(replies)),
        }
        if is_start:
            data[f"{prefix}-is_start"] = "on"
        for r, (text, target, points) in enumerate(replies):
            rp = f"{prefix}-replies-{r}"
            data |= {
                f"{rp}-id": "",
                f"{rp}-ORDER": r + 1,
                f"{rp}-DELETE": "",
                f"{rp}-text": text,
                f"{rp}-target_key": target,
                f"{rp}-points": points,
                f"{rp}-feedback": "",
                f"{rp}-auto_fail_reason": "",
            }
    return data


PLAYABLE = [
    (
        "opening",
        True,
        "",
        [
            ("I'm sorry, let me check", "calmer", "empathy:+3"),
            ("Not my fault", "lost", "empathy:-2"),
        ],
    ),
    (
        "calmer",
        False,
        "",
        [("Here is the new date", "resolved", "empathy:+1"), ("Wait", "lost", "")],
    ),
    ("resolved", False, "resolved", []),
    ("lost", False, "lost", []),
]


def test_a_playable_scenario_publishes_with_its_steps_and_points(trainer_client):
    response = trainer_client.post(ADD_URL, scenario_form(PLAYABLE, "action-publish"))

    assert response.status_code == 302
    scenario = Scenario.objects.get()
    assert scenario.live
    spec = scenario.as_spec()
    assert [node.key for node in spec.nodes] == ["opening", "calmer", "resolved", "lost"]
    assert spec.nodes[0].replies[0].points == {"empathy": 3}
    assert spec.dimensions == {"empathy": 1.0}


def test_an_unplayable_scenario_saves_as_draft_but_publishing_names_the_broken_steps(
    trainer_client,
):
    broken = [
        ("opening", True, "", [("I'm sorry", "calmer", ""), ("Bye", "nowhere", "")]),
        ("calmer", False, "", [("Here you go", "resolved", "")]),
        ("resolved", False, "resolved", []),
    ]

    published = trainer_client.post(ADD_URL, scenario_form(broken, "action-publish"), follow=True)

    page = published.content.decode()
    assert "leading to a step that does not exist: opening" in page
    assert "at least two replies, or one marked continue: calmer" in page
    scenario = Scenario.objects.get()  # kept as a draft: nothing the author wrote is lost
    assert not scenario.live
    assert scenario.latest_revision is not None


def test_points_are_written_and_read_as_one_line():
    assert parse_points("empathy:+2, policy:-1 tone:0") == {"empathy": 2, "policy": -1, "tone": 0}
    assert format_points({"empathy": 2, "policy": -1}) == "empathy:+2 policy:-1"
    for bad in ("empathy:+4", "policy:-3", "empathy", "2:empathy"):
        with pytest.raises(ValidationError):
            parse_points(bad)


def test_the_rubric_is_seeded_and_agents_cannot_author(client):
    codes = set(RubricDimension.objects.values_list("code", flat=True))
    assert {"empathy", "accuracy", "policy", "ownership", "efficiency", "tone"} <= codes
    client.force_login(UserFactory())
    assert client.get(ADD_URL)["Location"].startswith("/accounts/login/")
