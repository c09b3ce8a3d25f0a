"""A learner plays a roleplay scenario in a real browser.

Aino signs in, opens the late-parcel call, starts it and reads the angry caller's first line.
Her empathetic reply is sent by htmx and swapped into the conversation without a page load; a
reload restores the transcript and the next replies from the server; the best reply ends the
call and she lands on the debrief: mastered, 100%, simulated CSAT 4/5, a bar per skill and a
step-by-step review. In a second run she reads out the card details and the debrief calls it an
auto-fail, with the reason and the reply she should have given. The scenario is built from
``late_parcel_spec()``, so every expected number below follows from that spec.
"""

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import JOURNEY_MARKS, sign_in

pytestmark = JOURNEY_MARKS

PASSWORD = "correct horse battery staple"
TITLE = "Late parcel, angry caller"

# The conversation, as late_parcel_spec() writes it.
OPENING = "Where is my parcel? You promised Monday!"
EMPATHETIC = "I'm sorry it hasn't arrived. Let me check right now."
BLAMING = "Deliveries are the courier's job, not ours."
CHECKING = "Fine. It's order 4417."
DEPOT = "It's at the depot; it arrives tomorrow by noon."
CARD = "To refund you I'll read back the card on file: 4921..."
RESOLVED_DEBRIEF = "You owned the problem and gave a concrete time."
AUTO_FAIL_REASON = "Never read out card details."

# What the player may only reveal once a reply is chosen: feedback, graph keys, points.
EMPATHETIC_FEEDBACK = "Acknowledging first lowers the temperature."
BLAMING_FEEDBACK = "Blaming others makes the customer feel dismissed."
SECRETS = (
    EMPATHETIC_FEEDBACK,
    BLAMING_FEEDBACK,
    AUTO_FAIL_REASON,
    RESOLVED_DEBRIEF,
    "checking",
    "furious",
    "resolved",
    "auto_fail",
    "points",
    '"empathy"',
    "{&#x27;empathy",
    "&quot;empathy",
)


@dataclass
class LateParcelCall:
    scenario: object
    learner: object


@pytest.fixture
def late_parcel_call(live_server) -> LateParcelCall:
    """The late-parcel scenario, live, and a learner who can sign in."""
    from scenarios.services import scenario_create_from_spec
    from tests.factories import UserFactory
    from tests.scenarios.conftest import late_parcel_spec

    scenario = scenario_create_from_spec(spec=late_parcel_spec())
    learner = UserFactory(email="aino@academy.test", first_name="Aino")
    return LateParcelCall(scenario, learner)


def start_call(page, live_server, scenario) -> int:
    """Open the scenario's intro, start the conversation; return the run's id."""
    page.goto(f"{live_server.url}/scenarios/{scenario.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    page.get_by_role("button", name="Start the conversation").click()
    expect(page).to_have_url(re.compile(r"/scenarios/runs/\d+/$"))
    # htmx is deferred and wires the form up on load: a click before that would post in full.
    page.wait_for_load_state("load")
    page.wait_for_function("() => window.htmx !== undefined")
    return int(re.search(r"/runs/(\d+)/$", page.url)[1])


def choose(page, text: str) -> None:
    """Click a reply and wait for htmx's answer; the request must be htmx's, not a form post."""
    with page.expect_response(re.compile(r"/choose/$")) as response:
        page.locator("button[name=reply]", has_text=text).click()
    assert response.value.request.headers.get("hx-request") == "true", (
        "the reply was posted as a plain form, not by htmx"
    )


def assert_no_sideways_scroll(page, what: str) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        f"the {what} scrolls sideways on a 390px wide phone"
    )


def test_roleplay_journey(live_server, late_parcel_call, page, screenshot):
    from scenarios.models import ScenarioRun

    data = late_parcel_call
    sign_in(page, live_server.url, data.learner.email, PASSWORD)

    # 1. The intro names the caller; starting opens the player at the first line.
    run_id = start_call(page, live_server, data.scenario)
    conversation = page.locator("#conversation")
    customer = conversation.locator(".bubble-customer")
    agent = conversation.locator(".bubble-agent")
    replies = conversation.locator("button[name=reply]")
    expect(customer).to_have_count(1)
    expect(customer).to_contain_text(OPENING)
    expect(agent).to_have_count(0)
    expect(replies).to_have_text([EMPATHETIC, BLAMING])
    expect(conversation.locator("input[name=step]")).to_have_value("1")

    # Nothing on the page gives away where a reply leads or what it is worth.
    html = page.content()
    for secret in SECRETS:
        assert secret not in html, f"the player leaks {secret!r} before any choice"
    screenshot("01-player-start")

    # 2. The empathetic reply is swapped in by htmx: no navigation, the page's state survives.
    page.evaluate("window.__marker = 1")
    choose(page, EMPATHETIC)
    expect(agent).to_have_count(1)
    expect(agent).to_contain_text(EMPATHETIC)
    expect(customer).to_have_count(2)
    expect(customer.nth(1)).to_contain_text(CHECKING)
    expect(replies).to_have_text([DEPOT, CARD])
    assert page.evaluate("window.__marker") == 1, "choosing a reply reloaded the whole page"
    expect(page).to_have_url(f"{live_server.url}/scenarios/runs/{run_id}/")
    expect(conversation.locator("input[name=step]")).to_have_value("2")
    # Still nothing about the replies on offer, nor feedback on the one chosen.
    html = page.content()
    for secret in (EMPATHETIC_FEEDBACK, AUTO_FAIL_REASON, "resolved", "points"):
        assert secret not in html, f"the player leaks {secret!r} mid-conversation"
    screenshot("02-player-after-first-reply")

    # 3. A reload rebuilds the transcript from the server and offers the same replies.
    page.reload()
    page.wait_for_function("() => window.htmx !== undefined")
    assert page.evaluate("window.__marker") is None, "the reload did not load the page afresh"
    # Screen readers hear who says what: each bubble starts with a visually hidden speaker.
    expect(customer).to_have_text([f"Customer: {OPENING}", f"Customer: {CHECKING}"])
    expect(agent).to_have_text([f"You: {EMPATHETIC}"])
    expect(replies).to_have_text([DEPOT, CARD])
    expect(conversation.locator("input[name=step]")).to_have_value("2")
    screenshot("03-player-after-reload")

    page.set_viewport_size({"width": 390, "height": 844})
    expect(replies.first).to_be_visible()
    assert_no_sideways_scroll(page, "player")
    screenshot("04-player-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    # 4. The best reply ends the call: htmx redirects to the debrief.
    choose(page, DEPOT)
    expect(page).to_have_url(f"{live_server.url}/scenarios/runs/{run_id}/debrief/")
    run = ScenarioRun.objects.get(pk=run_id)
    assert run.is_finished and run.mastered and not run.auto_failed
    assert run.overall == 100.0

    summary = page.locator(".result-summary")
    expect(summary.get_by_role("heading", level=2)).to_have_text("Mastered")
    expect(summary.locator(".score")).to_contain_text("100%")
    expect(summary.locator(".score")).to_contain_text("mastery at 70%")
    expect(summary).to_contain_text("simulated CSAT 4/5")
    expect(summary).to_contain_text(RESOLVED_DEBRIEF)
    bars = page.locator(".bar-chart .bar")
    expect(bars).to_have_count(2)
    expect(page.get_by_role("img", name="Empathy: 100%")).to_be_visible()
    expect(page.get_by_role("img", name="Policy compliance: 100%")).to_be_visible()
    expect(page.locator(".bar-chart .bar-value")).to_have_text(["100%", "100%"])

    review = page.locator(".result-list > li")
    expect(review).to_have_count(2)
    expect(review.nth(0)).to_contain_text(OPENING)
    expect(review.nth(0)).to_contain_text(f"You said: {EMPATHETIC}")
    expect(review.nth(0).locator(".feedback")).to_have_text(EMPATHETIC_FEEDBACK)
    expect(review.nth(1)).to_contain_text(CHECKING)
    expect(review.nth(1)).to_contain_text(f"You said: {DEPOT}")
    # Both replies were the strongest on offer: nothing better to suggest.
    expect(page.locator(".result-list")).not_to_contain_text("A stronger reply:")
    expect(page.locator(".result-list")).not_to_contain_text("Auto-fail")
    screenshot("05-debrief")

    page.set_viewport_size({"width": 390, "height": 844})
    expect(bars.first).to_be_visible()
    assert_no_sideways_scroll(page, "debrief")
    screenshot("06-debrief-phone")

    # 5. The finished run is listed on the scenario, which now offers to play again.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name="Back to the scenario").click()
    expect(page).to_have_url(f"{live_server.url}/scenarios/{data.scenario.pk}/")
    expect(page.get_by_role("button", name="Play again")).to_be_visible()
    expect(page.locator("table tbody tr")).to_have_count(1)
    expect(page.locator("table tbody tr")).to_contain_text("100%")
    expect(page.locator("table tbody tr")).to_contain_text("Mastered")


def test_roleplay_auto_fail(live_server, late_parcel_call, page, screenshot):
    from scenarios.models import ScenarioRun

    data = late_parcel_call
    sign_in(page, live_server.url, data.learner.email, PASSWORD)
    run_id = start_call(page, live_server, data.scenario)

    choose(page, EMPATHETIC)
    expect(page.locator("#conversation .bubble-customer").nth(1)).to_contain_text(CHECKING)
    choose(page, CARD)
    expect(page).to_have_url(f"{live_server.url}/scenarios/runs/{run_id}/debrief/")
    run = ScenarioRun.objects.get(pk=run_id)
    assert run.auto_failed and not run.mastered and run.outcome == "lost"

    # Empathy 3 of 4 is 75%, policy -2 of 3 clamps to 0%: 37.5% overall, shown as 38%.
    summary = page.locator(".result-summary")
    expect(summary.get_by_role("heading", level=2)).to_have_text("Auto-fail")
    expect(summary.locator(".score")).to_contain_text("38%")
    expect(summary).to_contain_text("simulated CSAT 1/5")
    expect(page.get_by_role("img", name="Empathy: 75%")).to_be_visible()
    expect(page.get_by_role("img", name="Policy compliance: 0%")).to_be_visible()

    review = page.locator(".result-list > li")
    expect(review).to_have_count(2)
    # The first reply was the best on offer; the second broke policy and had a better option.
    expect(review.nth(0)).not_to_contain_text("A stronger reply:")
    trap = review.nth(1)
    expect(trap).to_contain_text(f"You said: {CARD}")
    expect(trap.locator(".status")).to_have_text(f"Auto-fail: {AUTO_FAIL_REASON}")
    expect(trap).to_contain_text(f"A stronger reply: {DEPOT}")
    screenshot("01-debrief-auto-fail")
