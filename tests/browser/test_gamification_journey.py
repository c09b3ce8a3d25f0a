"""An agent earns XP and a badge in a real browser and finds them on /me/ and the leaderboard.

Mira, an agent of the billing desk, signs in, works through a two-lesson course, and sees a
toast for the badge the course earns. The toast is announced politely and can be dismissed;
the other one hides by itself. /me/ shows her XP, level progress and the badge; the team's
weekly leaderboard shows her, marked as herself, below a teammate who opted out and therefore
appears as "Anonymous agent". The notification centre lists both notices and marks them read.
Everything is built with factories, so each number below follows from the data in this file.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, JOURNEY_MARKS

pytestmark = JOURNEY_MARKS

PASSWORD = "correct horse battery staple"
COURSE_TITLE = "Outage handling"
BADGE = "Outage hero"
LESSON_XP = 10  # the seeded "lesson completed" rule
COURSE_XP = 100
MIRA_XP = 2 * LESSON_XP + COURSE_XP  # 120: Trainee, 180 XP to Associate (300)
SHY_XP = 150
BEN_XP = 60


@pytest.fixture
def billing_desk(catalogue, live_server):
    """A team with Mira, a teammate who hides their name, another teammate and a course."""
    from gamification.services import events_process_all
    from lms.accounts.models import TeamMembership
    from tests.factories import (
        BadgeClassFactory,
        EventFactory,
        TeamFactory,
        TeamMembershipFactory,
        UserFactory,
        course_with_lessons,
        lessons_of,
    )

    team = TeamFactory(name="Billing desk")

    def member(**fields):
        user = UserFactory(**fields)
        TeamMembershipFactory(team=team, user=user, role=TeamMembership.Role.MEMBER)
        return user

    mira = member(email="mira@academy.test", first_name="Mira", last_name="Mäkelä")
    shy = member(first_name="Sami", last_name="Salo", leaderboard_opt_out=True)
    ben = member(first_name="Ben", last_name="Berg")
    course = course_with_lessons(index=catalogue, lessons=2, title=COURSE_TITLE, xp_value=COURSE_XP)
    BadgeClassFactory(
        name=BADGE,
        description="Kept customers informed through an outage.",
        criterion="course",
        course=course,
    )
    BadgeClassFactory(name="Streak keeper", criterion="streak", threshold=5)
    for user, points in ((shy, SHY_XP), (ben, BEN_XP)):
        EventFactory(user=user, kind="course.completed", payload={"xp_value": points})
    events_process_all()
    return {"mira": mira, "shy": shy, "course": course, "lessons": lessons_of(course)}


def test_gamification_journey(live_server, billing_desk, page, screenshot):
    mira, course, lessons = billing_desk["mira"], billing_desk["course"], billing_desk["lessons"]
    nav = page.locator(".main-nav")

    # 1. Mira signs in: no notifications yet.
    page.goto(live_server.url + "/accounts/login/")
    page.locator("input[name=login]").fill(mira.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=password]) [type=submit]").click()
    expect(page).to_have_url(re.compile(r"/me/$"))
    expect(nav.get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    expect(page.locator(".toast")).to_have_count(0)

    # 2. She works through the course in the browser.
    page.goto(live_server.url + course.url)
    page.get_by_role("button", name="Start course").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(lessons[0].title)
    page.get_by_role("button", name="Mark complete and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(lessons[1].title)
    page.get_by_role("button", name="Mark complete and finish course").click()

    # 3. Back on the course page, toasts say what she earned, in a polite live region.
    expect(page.get_by_role("heading", level=1)).to_have_text(COURSE_TITLE)
    region = page.locator(".toasts")
    expect(region).to_have_attribute("aria-live", "polite")
    badge_toast = region.locator(".toast").filter(has_text=f"Badge earned: {BADGE}")
    milestone_toast = region.locator(".toast").filter(has_text="You passed 100 XP")
    expect(badge_toast).to_be_visible()
    expect(milestone_toast).to_be_visible()
    expect(nav.get_by_role("link", name="Notifications, 2 unread")).to_be_visible()
    expect(nav.locator(".bell-count")).to_have_text("2")
    screenshot("01-course-completed-toasts")
    milestone_toast.get_by_role("button", name="Dismiss").click()
    expect(milestone_toast).to_have_count(0)
    # The other one hides itself after a few seconds.
    expect(badge_toast).to_have_count(0, timeout=15_000)

    # 4. On /me/ the toasts do not come back; the panel shows XP, level, badges and history.
    nav.get_by_role("link", name="My learning").click()
    expect(page).to_have_url(re.compile(r"/me/$"))
    expect(page.locator(".toast")).to_have_count(0)
    panel = page.locator("section.xp-panel")
    expect(panel.locator(".xp-total")).to_have_text(f"{MIRA_XP} XP")
    expect(panel.locator(".level-name")).to_have_text("Trainee")
    progress = panel.get_by_role("progressbar", name=f"{300 - MIRA_XP} XP to Associate")
    expect(progress).to_have_attribute("value", str(100 * MIRA_XP // 300))
    earned = panel.locator("ul[aria-labelledby=earned-heading] > li")
    expect(earned).to_have_count(1)
    expect(earned.first).to_contain_text(BADGE)
    expect(earned.first).to_contain_text("Earned")
    locked = panel.locator("ul[aria-labelledby=locked-heading] > li")
    expect(locked.filter(has_text="Streak keeper")).to_contain_text("Learn on 5 days in a row.")
    expect(locked.filter(has_text=BADGE)).to_have_count(0)
    history = panel.locator("table.xp-history tbody tr")
    expect(history).to_have_count(3)
    expect(history.filter(has_text="Lesson completed")).to_have_count(2)
    screenshot("02-profile")
    panel.screenshot(path=str(ARTIFACTS / "test_gamification_journey-02-profile-panel.png"))

    # 5. The team's weekly board: the opted-out teammate is anonymous, Mira is marked as herself.
    page.goto(live_server.url + "/leaderboards/?scope=team&period=week")
    expect(page.get_by_role("heading", level=1)).to_have_text("Leaderboards")
    expect(page.locator(".board-heading")).to_have_text("Billing desk · This week")
    top = page.locator("section[aria-labelledby=top-heading] tbody tr")
    expect(top).to_have_count(3)
    expect(top.nth(0)).to_contain_text("Anonymous agent")
    expect(top.nth(0)).to_contain_text(str(SHY_XP))
    expect(top.nth(1)).to_contain_text("Mira Mäkelä")
    expect(top.nth(1)).to_have_attribute("aria-current", "true")
    expect(top.nth(1)).to_contain_text(str(MIRA_XP))
    expect(top.nth(2)).to_contain_text("Ben Berg")
    expect(page.locator("section.card").filter(has_text="Top 10")).not_to_contain_text("Sami Salo")
    expect(page.locator(".rank-summary")).to_have_text(f"You are #2 with {MIRA_XP} XP.")
    expect(page.locator("nav[aria-label='Time period'] a[aria-current=true]")).to_have_text(
        "This week"
    )
    screenshot("03-leaderboard-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    expect(top.nth(1)).to_be_visible()
    # The board fits a phone: nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot("04-leaderboard-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    # 6. The notification centre keeps both notices until she marks them read.
    nav.get_by_role("link", name="Notifications, 2 unread").click()
    items = page.locator(".notification-list > li")
    expect(items).to_have_count(2)
    expect(items.filter(has_text=f"Badge earned: {BADGE}")).to_have_count(1)
    page.get_by_role("button", name="Mark all as read").click()
    expect(page.locator(".messages")).to_contain_text("All notifications are marked as read.")
    expect(nav.get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    expect(nav.locator(".bell-count")).to_have_count(0)
    screenshot("05-notifications-read")
