import re

import pytest

from scenarios.diagram import layout, render_svg
from scenarios.spec import NodeSpec, Outcome, ReplySpec, ScenarioSpec
from tests.factories import UserFactory
from tests.scenarios.conftest import late_parcel_spec


def test_steps_are_laid_out_by_distance_from_the_start():
    positions = layout(late_parcel_spec())

    assert positions["opening"] == (0, 0)
    assert {positions["checking"][0], positions["furious"][0]} == {1}
    assert positions["resolved"][0] == 2 and positions["lost"][0] == 2


def test_the_picture_colours_outcomes_and_flags_broken_steps():
    spec = late_parcel_spec()
    spec.nodes.append(NodeSpec("stray", "Hello?", replies=[ReplySpec("<b>hi</b>", "nowhere")]))
    svg = render_svg(spec, title="Late parcel & co")

    assert svg.startswith("<svg") and "<title>Late parcel &amp; co</title>" in svg
    assert 'class="step outcome-resolved"' in svg and 'class="step outcome-lost"' in svg
    assert 'class="step start"' in svg
    assert re.search(r'class="step problem".*?! stray', svg)
    assert "<b>" not in svg  # texts are escaped
    assert 'stroke="#b3261e" fill="none"' in svg  # the auto-fail reply is drawn red


@pytest.mark.django_db
def test_trainers_see_the_conversation_map_and_agents_do_not(client, late_parcel):
    trainer = UserFactory(trainer=True)
    url = f"/cms/scenarios/{late_parcel.pk}/diagram/"

    client.force_login(UserFactory())
    assert client.get(url)["Location"].startswith("/accounts/login/")
    client.force_login(trainer)
    page = client.get(url)

    assert page.status_code == 200
    assert "<svg" in page.content.decode() and "opening" in page.content.decode()
    assert "Every step is reachable" in page.content.decode()
    listing = client.get("/cms/snippets/scenarios/scenario/").content.decode()
    assert url in listing


def test_an_empty_scenario_still_draws():
    assert render_svg(ScenarioSpec(title="Draft"), title="Draft").endswith("</svg>")
    spec = ScenarioSpec(
        title="Two steps",
        nodes=[
            NodeSpec("hello", "Hi", is_start=True, replies=[ReplySpec("Bye", "end")]),
            NodeSpec("end", "Bye", outcome=Outcome.LOST),
        ],
    )
    svg = render_svg(spec, title="x")
    assert "! hello" in svg  # one reply that is not a "continue": flagged
    assert "! end" not in svg
