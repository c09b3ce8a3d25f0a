"""A team lead imports KPI results and a missed target assigns training, in a real browser.

Leena leads the demo team "Helpdesk North". She uploads a CSV of Olena's CSAT for the two
newest demo weeks, both below the team's target of 85. The first file has a Wednesday for a
week's start: the preview names its line, and nothing can be confirmed. The corrected file
previews clean, she confirms it and the two demo results are updated. The team's KPI page
lists Olena below the CSAT target. The import's outbox event is processed when the request's
transaction commits (Celery runs eagerly in tests), and the demo's remediation rule (CSAT
missed two weeks in a row: "Empathy in written replies") assigns Olena that course: signed in
herself, she finds it under "Assigned to you" with the reason, and her CSAT below target.
Expectations are read from the seeded database, so the journey follows the demo content.
"""

import re
from datetime import timedelta
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

LEAD_EMAIL = "lead@academy.test"
OLENA_EMAIL = "olena@academy.test"
TEAM_NAME = "Helpdesk North"
CSAT_CODE = "csat"
EMPATHY_TITLE = "Empathy in written replies"
HEADER = "agent_email,kpi_code,period_start,value,sample_size,channel"
# Both below the demo's CSAT target (85), with enough surveys to count (at least 10).
CSAT_VALUES = (Decimal("80.5"), Decimal("78.5"))
SAMPLE_SIZE = 30
FILE_LABEL = "Results file (.csv or .xlsx)"


def kpi_data() -> dict:
    """The demo's team, Olena, the CSAT definition, target and rule, and the weeks to upload."""
    from django.utils import timezone

    from gamification.kpis.demo import TARGETS, demo_weeks
    from gamification.kpis.models import KpiDefinition, KpiMeasurement, RemediationRule
    from lms.accounts.models import Team, User

    team = Team.objects.get(name=TEAM_NAME)
    olena = User.objects.get(email=OLENA_EMAIL)
    csat = KpiDefinition.objects.get(code=CSAT_CODE)
    rule = RemediationRule.objects.select_related("course").get(kpi=csat, course__isnull=False)
    assert rule.course.title == EMPATHY_TITLE, rule.course.title
    assert rule.consecutive_misses == len(CSAT_VALUES), rule.consecutive_misses
    # The two newest weeks the demo seeded: re-uploading them makes them Olena's newest results.
    weeks = demo_weeks(timezone.localdate())[-len(CSAT_VALUES) :]
    newest = KpiMeasurement.objects.filter(user=olena, kpi=csat).order_by("-period_start").first()
    assert newest is not None and newest.period_start == weeks[-1], newest
    assert all(value < TARGETS[CSAT_CODE] for value in CSAT_VALUES)
    assert csat.min_sample_size <= SAMPLE_SIZE
    return {"team": team, "olena": olena, "csat": csat, "rule": rule, "weeks": weeks}


def write_csv(path, rows: list[str]):
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def upload(page, base_url: str, path, before_check=None) -> None:
    """Choose ``path`` on the upload page and check it; ``before_check()`` runs in between."""
    page.goto(base_url + "/team/kpis/upload/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Upload KPI results")
    page.get_by_label(FILE_LABEL).set_input_files(str(path))
    if before_check is not None:
        before_check()
    page.get_by_role("button", name="Check the file").click()
    expect(page).to_have_url(re.compile(r"/team/kpis/imports/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(path.name)


def test_kpi_journey(seeded_live_academy, page, browser, screenshot, tmp_path):
    base_url = seeded_live_academy.url
    data = kpi_data()
    team, olena, csat, weeks = data["team"], data["olena"], data["csat"], data["weeks"]
    good_rows = [
        f"{OLENA_EMAIL},{CSAT_CODE},{week.isoformat()},{value},{SAMPLE_SIZE},"
        for week, value in zip(weeks, CSAT_VALUES, strict=True)
    ]
    wednesday = weeks[-1] + timedelta(days=2)
    bad_row = f"{OLENA_EMAIL},{CSAT_CODE},{wednesday.isoformat()},79,{SAMPLE_SIZE},"
    nav = page.locator(".main-nav")
    confirm = page.get_by_role("button", name="Confirm the import")

    def count(label: str):
        """The preview's count under ``label``."""
        return page.locator(f".kpi-import-counts dt:text-is('{label}') + dd")

    # 1. Leena uploads a file with a Wednesday for a week's start, on line 3.
    sign_in(page, base_url, LEAD_EMAIL, DEMO_PASSWORD)
    bad_file = write_csv(
        tmp_path / "csat-with-a-mistake.csv", [good_rows[0], bad_row, good_rows[1]]
    )
    upload(page, base_url, bad_file, before_check=lambda: screenshot("01-upload-form"))
    expect(count("Rows in the file")).to_have_text("3")
    expect(count("Rows without problems")).to_have_text("2")
    expect(count("Problems")).to_have_text("1")
    problems = page.get_by_role("table", name="Problems found")
    problem_rows = problems.locator("tbody").get_by_role("row")
    expect(problem_rows).to_have_count(1)
    cells = problem_rows.first.get_by_role("cell")
    expect(cells.nth(0)).to_have_text("3")
    expect(cells.nth(1)).to_have_text(
        f"{wednesday.isoformat()} is not the start of a week: weekly results start on a Monday."
    )
    expect(page.get_by_role("alert")).to_contain_text("Nothing can be imported")
    expect(confirm).to_have_count(0)
    screenshot("02-preview-with-problem")

    # 2. The corrected file previews clean; she confirms it and both demo weeks are updated.
    page.get_by_role("link", name="Upload a corrected file").click()
    expect(page).to_have_url(base_url + "/team/kpis/upload/")
    good_file = write_csv(tmp_path / "csat-corrected.csv", good_rows)
    upload(page, base_url, good_file)
    expect(count("Rows in the file")).to_have_text("2")
    expect(count("Problems")).to_have_text("0")
    expect(page.get_by_role("table", name="Problems found")).to_have_count(0)
    expect(page.get_by_text("Import all 2 results as one unit.")).to_be_visible()
    screenshot("03-preview-clean")
    confirm.click()
    expect(page).to_have_url(re.compile(r"/team/kpis/imports/\d+/$"))
    expect(page.get_by_role("status")).to_have_text("Imported 2 results (0 new, 2 updated).")
    expect(confirm).to_have_count(0)
    screenshot("04-imported")

    # 3. The team's KPI page, from the dashboard's KPIs tab, lists Olena below the CSAT target.
    nav.get_by_role("link", name="My team").click()
    expect(page).to_have_url(f"{base_url}/team/{team.pk}/")
    page.get_by_role("navigation", name="Team pages").get_by_role("link", name="KPIs").click()
    expect(page).to_have_url(f"{base_url}/team/{team.pk}/kpis/")
    csat_card = page.locator(".kpi-card").filter(
        has=page.get_by_role("heading", name=csat.name, exact=True)
    )
    expect(csat_card).to_have_count(1)
    expect(csat_card).to_contain_text(f"Week of {short_date(weeks[-1])}")
    below = csat_card.locator(".kpi-below")
    expect(below).to_contain_text(re.compile(r"\d+ agents? below target:"))
    expect(below.get_by_role("link", name=olena.display_name, exact=True)).to_be_visible()
    olena_row = (
        page.locator("table.kpi-table")
        .get_by_role("row")
        .filter(has=page.get_by_role("rowheader", name=olena.display_name, exact=True))
    )
    expect(olena_row).to_have_count(1)
    expect(olena_row.locator(".kpi-cell-missed").first).to_contain_text(
        f"{CSAT_VALUES[-1].normalize()}"
    )
    screenshot("05-team-kpis")
    nav.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))

    # 4. The outbox event was processed on commit: the rule assigned Olena the empathy course.
    due = olena.local_today() + timedelta(days=data["rule"].due_days)
    note = (
        f"Assigned automatically: the {csat.name} target was missed {len(CSAT_VALUES)} periods "
        f"in a row (last: {weeks[-1].isoformat()}). This course helps with it."
    )
    with strict_tab(browser) as olena_tab:
        sign_in(olena_tab, base_url, OLENA_EMAIL, DEMO_PASSWORD)
        expect(olena_tab.get_by_role("heading", level=1)).to_have_text("My learning")
        assigned = olena_tab.get_by_role("region", name="Assigned to you")
        empathy = assigned.get_by_role("listitem").filter(
            has=olena_tab.get_by_role("link", name=EMPATHY_TITLE, exact=True)
        )
        expect(empathy).to_have_count(1)
        expect(empathy).to_contain_text(f"Due {long_date(due)}")
        expect(empathy.locator(".assignment-note")).to_have_text(note)
        my_kpis = olena_tab.get_by_role("region", name="My KPIs")
        my_csat = my_kpis.locator(".kpi-card").filter(
            has=olena_tab.get_by_role("heading", name=csat.name, exact=True)
        )
        expect(my_csat).to_have_count(1)
        expect(my_csat.locator(".kpi-value")).to_have_text(f"{CSAT_VALUES[-1].normalize()}")
        expect(my_csat.locator(".kpi-status")).to_have_text("Below target")
        expect(my_csat).to_contain_text(f"Week of {short_date(weeks[-1])}")
        expect(my_csat.locator(".kpi-remediation")).to_contain_text(
            f"Assigned because this KPI missed its target {len(CSAT_VALUES)} periods in a row: "
            f"{EMPATHY_TITLE}. Due {long_date(due)}."
        )
        olena_tab.screenshot(
            path=str(ARTIFACTS / "test_kpi_journey-06-olena-my-learning.png"), full_page=True
        )
