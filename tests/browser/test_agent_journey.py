"""An experienced agent checks where he stands, hides his name and reads his KPIs, in a real
browser, on the demo academy.

Mikko is an agent of the demo team "Helpdesk North". He opens the team's weekly leaderboard and
finds himself in "Around you", marked as himself between the teammate above and the one below.
He hides his name on the leaderboards; he still sees himself, but Aino, signed in next to him
in a browser of her own, sees "Anonymous agent" with his XP where his name was. On "My
learning" his KPIs show each result against the team's target with a trend line; his CSAT has
slipped below target for weeks, so the demo's remediation rule has given him "Empathy in
written replies": the CSAT card says why and by when, and the course is under "Assigned to
you". His newest CES week arrived from the help desk's API with only a handful of surveys
(imported here through the same service the API uses), so it is shown as too few to count.
Expectations are read from the seeded database, so the journey follows the demo content.
"""

import re
from datetime import date
from decimal import Decimal

from playwright.sync_api import expect

from tests.browser.conftest import (
    ARTIFACTS,
    DEMO_PASSWORD,
    JOURNEY_MARKS,
    long_date,
    short_date,
    sign_in,
    strict_tab,
)

pytestmark = JOURNEY_MARKS

MIKKO_EMAIL = "mikko@academy.test"
AINO_EMAIL = "agent@academy.test"
TEAM_NAME = "Helpdesk North"
CSAT_CODE = "csat"
CES_CODE = "ces"
EMPATHY_TITLE = "Empathy in written replies"
ANONYMOUS = "Anonymous agent"
# The newest CES week as the help desk sent it again: too few surveys to count.
CES_VALUE = Decimal("2.9")
CES_SAMPLE = 4


def ces_arrives_with_few_surveys() -> date:
    """The help desk re-sends Mikko's newest CES week with ``CES_SAMPLE`` surveys, through the
    check and import that the KPI API uses. Returns the week."""
    from django.utils import timezone

    from gamification.kpis.demo import demo_weeks
    from gamification.kpis.models import KpiDefinition, KpiMeasurement
    from gamification.kpis.services import measurements_check, measurements_import

    ces = KpiDefinition.objects.get(code=CES_CODE)
    assert ces.min_sample_size > CES_SAMPLE, "the sample would count"
    week = demo_weeks(timezone.localdate())[-1]
    checked = measurements_check(
        rows=[
            (
                2,
                {
                    "agent_email": MIKKO_EMAIL,
                    "kpi_code": CES_CODE,
                    "period_start": week.isoformat(),
                    "value": str(CES_VALUE),
                    "sample_size": str(CES_SAMPLE),
                    "channel": "",
                },
            )
        ],
        allowed_team_ids=None,
    )
    assert checked.ok, checked.errors
    measurements_import(rows=checked.rows, source=KpiMeasurement.Source.API)
    return week


def agent_data() -> dict:
    """Mikko, Aino, the weekly board as the selectors rank it, and Mikko's KPI story."""
    from courses.models import Assignment
    from gamification import selectors
    from gamification.boards import Period, Scope
    from gamification.kpis.models import (
        KpiDefinition,
        KpiMeasurement,
        KpiTarget,
        RemediationFiring,
    )
    from lms.accounts.models import Team, User

    team = Team.objects.get(name=TEAM_NAME)
    mikko = User.objects.get(email=MIKKO_EMAIL)
    aino = User.objects.get(email=AINO_EMAIL)
    assert not mikko.leaderboard_opt_out, "the demo shows Mikko's name on the boards"
    board = selectors.board_for(
        viewer=mikko, scope=Scope.TEAM, period=Period.WEEK, team=team, season=None
    )
    assert board.me is not None and board.me.rank > 1, "Mikko should have someone above him"
    ranks = [row.rank for row in board.around]
    assert board.me.rank + 1 in ranks, "Mikko should have someone below him"

    csat = KpiDefinition.objects.get(code=CSAT_CODE)
    ces = KpiDefinition.objects.get(code=CES_CODE)
    latest_csat = (
        KpiMeasurement.objects.filter(user=mikko, kpi=csat).order_by("-period_start").first()
    )
    target = (
        KpiTarget.objects.filter(team=team, kpi=csat, user__isnull=True)
        .order_by("-valid_from")
        .first()
    )
    assert latest_csat.value < target.value, "the demo has Mikko's CSAT below target"
    firing = RemediationFiring.objects.select_related("rule", "rule__course", "assignment").get(
        user=mikko, rule__kpi=csat, cancelled_at__isnull=True
    )
    assert firing.rule.course.title == EMPATHY_TITLE
    assert firing.assignment is not None and firing.assignment.closed_at is None
    assignment = Assignment.objects.select_related("assigned_by").get(pk=firing.assignment_id)
    return {
        "team": team,
        "mikko": mikko,
        "aino": aino,
        "rank": board.me.rank,
        "score": board.me.score,
        "above": next(row for row in board.around if row.rank == board.me.rank - 1),
        "below": next(row for row in board.around if row.rank == board.me.rank + 1),
        "csat": csat,
        "ces": ces,
        "latest_csat": latest_csat,
        "target": target.value,
        "misses": firing.rule.consecutive_misses,
        "assignment": assignment,
    }


def board_rows(page):
    """The rows of the team's weekly Top 10, opened from the main menu."""
    page.locator(".main-nav").get_by_role("link", name="Leaderboards").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leaderboards")
    expect(page.locator(".board-heading")).to_have_text(f"{TEAM_NAME} · This week")
    return page.get_by_role("region", name="Top 10").locator("tbody tr")


def test_agent_journey(seeded_live_academy, page, browser, screenshot):
    base_url = seeded_live_academy.url
    ces_week = ces_arrives_with_few_surveys()
    data = agent_data()
    mikko, rank, score = data["mikko"], data["rank"], data["score"]
    name = mikko.display_name

    # 1. Mikko signs in and opens the team's weekly board: he is in "Around you", marked.
    sign_in(page, base_url, MIKKO_EMAIL, DEMO_PASSWORD)
    top = board_rows(page)
    expect(page.locator(".rank-summary")).to_have_text(f"You are #{rank} with {score} XP.")
    around = page.get_by_role("region", name="Around you").locator("tbody tr")
    me = around.filter(has=page.locator(".board-name", has_text=name))
    expect(me).to_have_count(1)
    expect(me).to_have_attribute("aria-current", "true")
    expect(me.locator(".board-name")).to_have_text(f"{name} (you)")
    expect(me.locator(".rank")).to_have_text(str(rank))
    expect(me.locator(".num")).to_have_text(str(score))
    for neighbour in (data["above"], data["below"]):
        row = around.filter(has=page.locator(".rank", has_text=re.compile(rf"^{neighbour.rank}$")))
        expect(row.locator(".board-name")).to_have_text(neighbour.name)
        expect(row.locator(".num")).to_have_text(str(neighbour.score))
        expect(row).not_to_have_attribute("aria-current", "true")
    # Rows in rank order: the teammate above first, the one below last.
    expect(around.locator(".rank")).to_contain_text(
        [str(data["above"].rank), str(rank), str(data["below"].rank)]
    )
    screenshot("01-board-around-me")

    # 2. He hides his name. He still sees himself; the privacy card says what others see.
    privacy = page.get_by_role("region", name="Your privacy")
    expect(privacy).to_contain_text("Others in the academy see your name and XP")
    privacy.get_by_role("button", name="Hide my name on leaderboards").click()
    expect(page.locator(".messages")).to_contain_text("Your name is now hidden on leaderboards.")
    expect(privacy).to_contain_text("others see “Anonymous agent”")
    expect(privacy.get_by_role("button", name="Show my name on leaderboards")).to_be_visible()
    expect(top.filter(has_text=name).locator(".board-name")).to_have_text(f"{name} (you)")
    screenshot("02-board-opted-out")

    # 3. Aino, in a browser of her own, sees "Anonymous agent" with his XP, not his name.
    with strict_tab(browser) as aino:
        sign_in(aino, base_url, AINO_EMAIL, DEMO_PASSWORD)
        aino_top = board_rows(aino)
        expect(aino.locator("main")).not_to_contain_text(name)
        his_row = aino_top.filter(has=aino.locator(".rank", has_text=re.compile(rf"^{rank}$")))
        expect(his_row.locator(".board-name")).to_have_text(ANONYMOUS)
        expect(his_row.locator(".num")).to_have_text(str(score))
        expect(his_row).not_to_have_attribute("aria-current", "true")
        aino.screenshot(
            path=str(ARTIFACTS / "test_agent_journey-03-teammate-sees-anonymous.png"),
            full_page=True,
        )

    # 4. His KPIs on "My learning": CSAT below target, with its trend and the training it gave.
    page.locator(".main-nav").get_by_role("link", name="My learning").click()
    expect(page).to_have_url(base_url + "/me/")
    my_kpis = page.get_by_role("region", name="My KPIs")
    csat, latest = data["csat"], data["latest_csat"]
    csat_card = my_kpis.locator(".kpi-card").filter(
        has=page.get_by_role("heading", name=csat.name, exact=True)
    )
    expect(csat_card).to_have_count(1)
    expect(csat_card.locator(".kpi-value")).to_have_text(f"{latest.value.normalize():f}")
    expect(csat_card.locator(".kpi-status")).to_have_text("Below target")
    expect(csat_card.locator(".kpi-meta")).to_contain_text(
        f"Week of {short_date(latest.period_start)} · target {data['target'].normalize():f}"
    )
    sparkline = csat_card.get_by_role("img", name=re.compile(rf"^{re.escape(csat.name)} over"))
    expect(sparkline).to_be_visible()
    expect(sparkline).to_have_accessible_name(
        re.compile(rf"latest {latest.value.normalize():f}\b.*target {data['target'].normalize():f}")
    )
    assert sparkline.locator("polyline").count() >= 1
    assignment = data["assignment"]
    expect(csat_card.locator(".kpi-remediation")).to_have_text(
        f"Assigned because this KPI missed its target {data['misses']} periods in a row: "
        f"{EMPATHY_TITLE}. Due {long_date(assignment.due_on)}."
    )

    # His newest CES week had too few surveys: shown, but not counted against the target.
    ces = data["ces"]
    ces_card = my_kpis.locator(".kpi-card").filter(
        has=page.get_by_role("heading", name=ces.name, exact=True)
    )
    expect(ces_card.locator(".kpi-value")).to_have_text(f"{CES_VALUE.normalize():f}")
    expect(ces_card.locator(".kpi-status")).to_have_text(
        f"Too few surveys to count ({CES_SAMPLE} of {ces.min_sample_size})"
    )
    expect(ces_card).to_contain_text(f"Week of {short_date(ces_week)}")
    my_kpis.screenshot(path=str(ARTIFACTS / "test_agent_journey-04-my-kpis.png"))

    # 5. The course the missed target gave him waits under "Assigned to you", with its date.
    assigned = page.get_by_role("region", name="Assigned to you")
    empathy = assigned.get_by_role("listitem").filter(
        has=page.get_by_role("link", name=EMPATHY_TITLE, exact=True)
    )
    expect(empathy).to_have_count(1)
    expect(empathy.locator(".assignment-due")).to_have_text(f"Due {long_date(assignment.due_on)}")
    if assignment.note:
        expect(empathy.locator(".assignment-note")).to_have_text(assignment.note)
    screenshot("05-my-learning")
    empathy.get_by_role("link", name=EMPATHY_TITLE, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(EMPATHY_TITLE)
