"""A team lead invites a new hire, assigns training and exports the matrix, in a real browser.

Leena leads the demo team "Helpdesk North". She signs in, invites Nora from the team's
Invitations page, and the invitation email (Django's in-memory outbox) carries the link. Nora
follows it in a browser of her own, signs up with the invited address, which she cannot change,
and finds the team's onboarding path on "My learning" with its due dates. Leena then assigns a
course to the whole team; the progress matrix gains its column, Nora's row says "Not started",
the status filter narrows the matrix to what is overdue, and the CSV download lists Nora.
Last she drills down from the matrix into Aino, an experienced agent: the page lists the
courses Aino finished, her quiz scores, her badges and her XP. The dashboard is also
photographed for the README and checked on a phone-sized screen. Expectations are read from
the seeded database, so the journey follows the demo content.

The lead's KPI upload (with a mistake, then clean), the team KPI page and the remediation it
triggers are the lead's other journey, in test_kpi_journey.py.
"""

import csv
import re
from datetime import date, timedelta
from pathlib import Path

from django.template.defaultfilters import floatformat
from playwright.sync_api import expect

from tests.browser.conftest import (
    ARTIFACTS,
    DEMO_PASSWORD,
    JOURNEY_MARKS,
    REPO_ROOT,
    long_date,
    short_date,
    sign_in,
    strict_tab,
)

pytestmark = JOURNEY_MARKS

LEAD_EMAIL = "lead@academy.test"
TEAM_NAME = "Helpdesk North"
NORA_EMAIL = "nora.newhire@example.test"
NORA_FIRST, NORA_LAST = "Nora", "Newhire"
NORA_NAME = f"{NORA_FIRST} {NORA_LAST}"
NORA_PASSWORD = "harbour lights at dusk"
AINO_EMAIL = "agent@academy.test"
# A course outside the onboarding path that the seed assigns to nobody: its column is new.
COURSE_TITLE = "Outage handling"
README_SCREENSHOT = REPO_ROOT / "docs" / "screenshots" / "team-dashboard.png"


def team_data() -> dict:
    """The demo team, its lead and its onboarding path's steps, as the pages should show them."""
    from lms.accounts.models import Team, TeamMembership, User

    team = Team.objects.select_related("default_path").get(name=TEAM_NAME)
    assert team.default_path is not None, "the demo team should have an onboarding path"
    steps = list(team.default_path.steps.order_by("sort_order").select_related("course"))
    assert steps, "the demo onboarding path has no courses"
    return {
        "team": team,
        "lead": User.objects.get(email=LEAD_EMAIL),
        "path": team.default_path,
        "steps": [(step.course.title, step.due_days) for step in steps],
        "agents_before": TeamMembership.objects.filter(
            team=team, role=TeamMembership.Role.MEMBER
        ).count(),
    }


def drilldown_data(email: str) -> dict:
    """What the lead's page about one agent should list: finished courses, quiz attempts,
    badges and XP, read from the records the demo left."""
    from courses.models import Enrolment, LessonPage
    from gamification.models import BadgeAward, XpTotal
    from lms.accounts.models import User
    from quizzes.models import Attempt

    agent = User.objects.get(email=email)
    completed = [
        (e.course.title, LessonPage.objects.live().child_of(e.course).count())
        for e in Enrolment.objects.filter(user=agent, completed_at__isnull=False).select_related(
            "course"
        )
    ]
    attempts = [
        (a.quiz.title, a.score, a.passed)
        for a in Attempt.objects.filter(user=agent, submitted_at__isnull=False).select_related(
            "quiz"
        )
    ]
    assert completed and attempts, f"the demo should have {email} finish courses and quizzes"
    return {
        "pk": agent.pk,
        "name": agent.display_name,
        "xp": XpTotal.objects.get(user=agent).total,
        "completed": completed,
        "attempts": attempts,
        # Newest first, as the page lists them.
        "badges": list(
            BadgeAward.objects.filter(user=agent)
            .order_by("-awarded_at", "-pk")
            .values_list("badge__name", flat=True)
        ),
    }


def local_today_of(email: str) -> date:
    from lms.accounts.models import User

    return User.objects.get(email=email).local_today()


def invitation_url(outbox, email: str) -> str:
    """The link in the (one) invitation email sent to ``email``."""
    sent = [message for message in outbox if message.to == [email]]
    assert len(sent) == 1, f"expected one invitation to {email}, found {len(sent)}"
    assert f"You are invited to join {TEAM_NAME}" in sent[0].subject
    links = re.findall(r"https?://\S+/invitations/[\w-]+/", sent[0].body)
    assert len(links) == 1, sent[0].body
    return links[0]


def matrix_cell(page, agent_name: str, column_title: str):
    """The cell of the progress matrix in ``agent_name``'s row and ``column_title``'s column."""
    matrix = page.locator("table.matrix")
    row = matrix.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=agent_name, exact=True)
    )
    # Once the row is there, the header above it is complete.
    expect(row).to_have_count(1)
    headers = [text.strip() for text in matrix.locator("thead th").all_inner_texts()]
    assert column_title in headers, f"no column {column_title!r} in {headers}"
    return row.locator(":scope > th, :scope > td").nth(headers.index(column_title))


def test_team_lead_journey(seeded_live_academy, page, browser, screenshot, mailoutbox):
    base_url = seeded_live_academy.url
    data = team_data()
    team, lead = data["team"], data["lead"]
    dashboard_url = f"{base_url}/team/{team.pk}/"
    nav = page.locator(".main-nav")
    team_tabs = page.get_by_role("navigation", name="Team pages")

    # 1. Leena signs in, opens her team and invites Nora.
    sign_in(page, base_url, LEAD_EMAIL, DEMO_PASSWORD)
    nav.get_by_role("link", name="My team").click()
    # /team/ sends the lead of a single team straight to its dashboard.
    expect(page).to_have_url(dashboard_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(TEAM_NAME)
    expect(team_tabs.get_by_role("link", name="Progress")).to_have_attribute("aria-current", "true")
    screenshot("01-dashboard")
    team_tabs.get_by_role("link", name="Invitations").click()
    expect(page).to_have_url(f"{dashboard_url}invitations/")
    expect(page.get_by_role("heading", name="Invite someone")).to_be_visible()
    page.get_by_label("Email address").fill(NORA_EMAIL)
    page.get_by_role("button", name="Send invitation").click()
    expect(page).to_have_url(f"{dashboard_url}invitations/")
    expect(page.locator(".messages")).to_contain_text(f"Invitation sent to {NORA_EMAIL}.")
    invited = page.get_by_role("row").filter(
        has=page.get_by_role("cell", name=NORA_EMAIL, exact=True)
    )
    expect(invited).to_have_count(1)
    expect(invited).to_contain_text("Pending")
    screenshot("02-invitation-sent")

    # 2. The email went out when the request's transaction committed (on_commit). The live
    # server runs in this process with the locmem backend, so it is in django.core.mail.outbox
    # (pytest-django's ``mailoutbox``); its link points at this site.
    link = invitation_url(mailoutbox, NORA_EMAIL)
    assert link.startswith(base_url + "/invitations/"), link
    nav.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))

    with strict_tab(browser) as nora:
        nora.goto(link)
        # A signed-out visitor is sent to sign up, with the invited address fixed.
        expect(nora).to_have_url(base_url + "/accounts/signup/")
        email = nora.get_by_label("Email")
        expect(email).to_have_value(NORA_EMAIL)
        expect(email).to_have_attribute("readonly", "")
        expect(email).not_to_be_editable()
        nora.get_by_label("First name").fill(NORA_FIRST)
        nora.get_by_label("Last name").fill(NORA_LAST)
        # allauth renders the form with Django's as_p: labels end in a colon.
        nora.get_by_label(re.compile(r"^Password:?$")).fill(NORA_PASSWORD)
        nora.get_by_label(re.compile(r"^Password \(again\):?$")).fill(NORA_PASSWORD)
        nora.screenshot(
            path=str(ARTIFACTS / "test_team_lead_journey-03-signup.png"), full_page=True
        )
        nora.get_by_role("button", name="Sign Up").click()

        # Signed up, she lands on "My learning" with the team's onboarding path assigned.
        expect(nora).to_have_url(base_url + "/me/")
        expect(nora.get_by_role("heading", level=1)).to_have_text("My learning")
        joined_on = local_today_of(NORA_EMAIL)
        path_due = joined_on + timedelta(days=max(days for _title, days in data["steps"]))
        assigned = nora.get_by_role("region", name="Assigned to you")
        onboarding = assigned.get_by_role("listitem").filter(
            has=nora.get_by_role("link", name=data["path"].title, exact=True)
        )
        expect(onboarding).to_have_count(1)
        expect(onboarding).to_contain_text(f"Due {long_date(path_due)}")
        expect(onboarding).to_contain_text("Your team's onboarding path.")
        expect(onboarding.locator(".status")).to_have_text("Not started")
        paths = nora.get_by_role("region", name="Onboarding paths")
        path_card = paths.locator("article").filter(
            has=nora.get_by_role("link", name=data["path"].title, exact=True)
        )
        expect(path_card).to_have_count(1)
        steps = path_card.get_by_role("listitem")
        expect(steps).to_have_count(len(data["steps"]))
        for position, (title, due_days) in enumerate(data["steps"]):
            step = steps.nth(position)
            expect(step.get_by_role("link", name=title, exact=True)).to_be_visible()
            expect(step).to_contain_text(f"Due {long_date(joined_on + timedelta(days=due_days))}")
        nora.screenshot(
            path=str(ARTIFACTS / "test_team_lead_journey-04-new-hire-my-learning.png"),
            full_page=True,
        )

    # 3. Leena is back and assigns a course to the whole team, due in a week.
    sign_in(page, base_url, LEAD_EMAIL, DEMO_PASSWORD)
    nav.get_by_role("link", name="My team").click()
    expect(page).to_have_url(dashboard_url)
    # Nora is on the team now, her onboarding path under way.
    path_cell = matrix_cell(page, NORA_NAME, f"{data['path'].title} (path)")
    expect(path_cell.locator(".status")).to_have_text("Not started")
    expect(path_cell).to_contain_text(f"due {short_date(path_due)}")
    expect(page.locator("table.matrix thead")).not_to_contain_text(COURSE_TITLE)
    # The Onboarding tab counts her path from the day she joined.
    team_tabs.get_by_role("link", name="Onboarding").click()
    expect(page).to_have_url(f"{dashboard_url}onboarding/")
    nora_card = page.locator("article").filter(
        has=page.get_by_role("link", name=NORA_NAME, exact=True)
    )
    expect(nora_card).to_contain_text(
        f"{data['path'].title} · joined {short_date(joined_on)} · due {short_date(path_due)}"
    )
    expect(nora_card.locator(".status").first).to_have_text("Not started")
    team_tabs.get_by_role("link", name="Progress").click()
    expect(page).to_have_url(dashboard_url)

    page.get_by_role("link", name="Assign training").click()
    expect(page).to_have_url(f"{dashboard_url}assign/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Assign training")
    agents = page.get_by_role("group", name="Agents")
    expect(agents.get_by_label(NORA_NAME)).not_to_be_checked()
    due = lead.local_today() + timedelta(days=7)
    page.get_by_label("Course or learning path").select_option(label=COURSE_TITLE)
    page.get_by_label("The whole team").check()
    page.get_by_label("Due on").fill(due.isoformat())
    screenshot("05-assign")
    page.get_by_role("button", name="Assign", exact=True).click()

    expect(page).to_have_url(dashboard_url)
    agent_count = data["agents_before"] + 1  # the seeded agents and Nora
    expect(page.locator(".messages")).to_contain_text(f"Assigned to {agent_count} agents.")
    expect(page.get_by_role("columnheader", name=COURSE_TITLE, exact=True)).to_be_visible()
    course_cell = matrix_cell(page, NORA_NAME, COURSE_TITLE)
    expect(course_cell.locator(".status")).to_have_text("Not started")
    expect(course_cell).to_contain_text(f"due {short_date(due)}")
    expect(page.locator("#matrix-caption")).to_have_text(f"Training status of {agent_count} agents")
    screenshot("06-dashboard-assigned")
    # Her own page lists both of her open assignments.
    page.locator("table.matrix").get_by_role("link", name=NORA_NAME, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/team/{team.pk}/agents/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(NORA_NAME)
    open_items = page.get_by_role("region", name=f"Open assignments of {NORA_NAME}")
    course_row = open_items.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=COURSE_TITLE, exact=True)
    )
    expect(course_row).to_contain_text(long_date(due))
    expect(
        open_items.get_by_role("rowheader", name=f"{data['path'].title} (learning path)")
    ).to_have_count(1)
    page.get_by_role("link", name=f"Back to {TEAM_NAME}").click()
    expect(page).to_have_url(dashboard_url)

    # The README's picture of the dashboard, at a desktop size.
    page.set_viewport_size({"width": 1280, "height": 800})
    README_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(README_SCREENSHOT))

    # On a phone only the matrix scrolls sideways, inside its own region; the page does not.
    page.set_viewport_size({"width": 390, "height": 844})
    region = page.get_by_role("region", name=re.compile("^Training status of"))
    expect(region).to_be_visible()
    assert region.evaluate("el => el.scrollWidth > el.clientWidth"), "the matrix should scroll"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (
        page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    )
    screenshot("07-dashboard-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    # The status filter keeps what is overdue: the seed's late course, not Nora's new work.
    filters = page.get_by_role("form", name="Filter the matrix")
    filters.get_by_label("Status").select_option(label="Overdue")
    filters.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"[?&]status=overdue\b"))
    matrix = page.locator("table.matrix")
    expect(matrix.get_by_role("rowheader", name=NORA_NAME, exact=True)).to_have_count(0)
    expect(matrix.get_by_role("rowheader")).not_to_have_count(0)
    statuses = matrix.locator(".matrix-cell .status")
    expect(statuses.first).to_have_text("Overdue")
    assert set(statuses.all_inner_texts()) == {"Overdue"}
    screenshot("08-dashboard-overdue")
    page.get_by_role("link", name="Clear filters").click()
    expect(page).to_have_url(dashboard_url)
    expect(matrix.get_by_role("rowheader", name=NORA_NAME, exact=True)).to_have_count(1)

    # 4. The CSV download lists Nora's new course with its due date.
    exports = page.get_by_role("navigation", name="Export this table")
    with page.expect_download() as download_info:
        exports.get_by_role("link", name="Download CSV").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv"), download.suggested_filename
    saved = Path(download.path())
    with saved.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    noras = [row for row in rows if row["Email"] == NORA_EMAIL]
    assert {row["Agent"] for row in noras} == {NORA_NAME}, noras
    course_rows = [row for row in noras if row["Course or path"] == COURSE_TITLE]
    assert len(course_rows) == 1, noras
    assert course_rows[0]["Status"] == "Not started"
    assert course_rows[0]["Due on"] == due.isoformat()

    # 5. She drills down into Aino: what she finished, how she scored and what she earned.
    aino = drilldown_data(AINO_EMAIL)
    page.locator("table.matrix").get_by_role("link", name=aino["name"], exact=True).click()
    expect(page).to_have_url(f"{dashboard_url}agents/{aino['pk']}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(aino["name"])
    expect(page.locator(".agent-xp-summary .xp-total")).to_have_text(f"{aino['xp']} XP")
    courses = page.get_by_role("region", name=f"Courses {aino['name']} is enrolled in")
    for title, lessons in aino["completed"]:
        row = courses.locator("tbody tr").filter(has=page.locator("th", has_text=title))
        expect(row).to_have_count(1)
        expect(row.locator(".status")).to_have_text("Completed")
        expect(row.locator("td.num")).to_have_text(f"{lessons} of {lessons}")
    attempts = page.get_by_role(
        "region", name=f"Submitted quiz attempts of {aino['name']}, newest first"
    )
    expect(attempts.locator("tbody tr")).to_have_count(len(aino["attempts"]))
    for quiz_title, score, passed in aino["attempts"]:
        row = attempts.locator("tbody tr").filter(has=page.locator("th", has_text=quiz_title))
        # Whole percent, as the quiz result page shows it.
        expect(row.locator("td.num")).to_have_text(f"{floatformat(score, 0)}%")
        expect(row.locator(".status")).to_have_text("Passed" if passed else "Not passed")
    badges = page.get_by_role("region", name=f"Badges {aino['name']} has earned")
    expect(badges.locator("tbody th")).to_have_text(aino["badges"])
    screenshot("09-agent-drilldown")
