"""The user-facing gamification pages: leaderboards, notifications, toasts, badges and /me/."""

import datetime
import re
from html import unescape

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gamification import services
from gamification.models import BadgeAward, Notification
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

pytestmark = pytest.mark.django_db

LEADERBOARD = "/leaderboards/"
NOTIFICATIONS = "/notifications/"
AWARD = "/badges/award/"
ME = "/me/"


def earn(user, points: int, *, when: datetime.datetime | None = None) -> None:
    """Give ``user`` XP the way the academy does: an outbox event, then processing."""
    extra = {"created_at": when} if when else {}
    EventFactory(user=user, kind="course.completed", payload={"xp_value": points}, **extra)
    services.events_process_all()


def member(team, **user_fields):
    return TeamMembershipFactory(team=team, user=UserFactory(**user_fields)).user


def lead_of(team, **user_fields):
    return TeamMembershipFactory(
        team=team, user=UserFactory(**user_fields), role=TeamMembership.Role.LEAD
    ).user


def between(html: str, start: str, end: str | None = None) -> str:
    """The part of the page from ``start`` up to ``end`` (or the end of the page)."""
    assert start in html, f"{start!r} is not on the page"
    rest = html.split(start, 1)[1]
    return rest.split(end, 1)[0] if end and end in rest else rest


def rows_of(html: str) -> list[tuple[str, str, str]]:
    """(rank, name, XP) of every row of the board tables in ``html``."""
    rows = re.findall(
        r'<td class="rank">(\d+)</td>\s*<th scope="row" class="board-name">(.*?)</th>\s*'
        r'<td class="num">(\d+)</td>',
        html,
        re.S,
    )
    return [
        (rank, unescape(re.sub(r"<.*?>", "", name)).removesuffix("(you)").strip(), xp)
        for rank, name, xp in rows
    ]


def top_rows(html: str) -> list[tuple[str, str, str]]:
    return rows_of(between(html, 'id="top-heading"', 'id="rank-heading"'))


@pytest.fixture
def team():
    return TeamFactory(name="Billing desk")


@pytest.fixture
def viewer(team):
    return member(team, first_name="Vera", last_name="Viewer")


# --- who may open what --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", LEADERBOARD),
        ("post", "/leaderboards/privacy/"),
        ("get", NOTIFICATIONS),
        ("post", "/notifications/read/"),
        ("get", AWARD),
        ("post", AWARD),
    ],
)
def test_anonymous_visitors_are_sent_to_login(client, method, url):
    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_signed_in_nav_links_to_leaderboards_and_the_notification_centre(client, agent):
    client.force_login(agent)

    nav = between(client.get(ME).content.decode(), 'class="main-nav"', "</nav>")

    assert f'href="{LEADERBOARD}"' in nav
    assert f'href="{NOTIFICATIONS}"' in nav
    assert "Give a badge" not in nav  # agents cannot give badges


# --- leaderboards -------------------------------------------------------------------------


def test_team_board_ranks_the_team_and_marks_the_viewer(client, team, viewer):
    ana = member(team, first_name="Ana", last_name="Alves")
    ben = member(team, first_name="Ben", last_name="Berg")
    outsider = UserFactory(first_name="Olga", last_name="Outside")
    earn(ana, 300)
    earn(ben, 200)
    earn(viewer, 100)
    earn(outsider, 999)  # another team's agent is not on this team's board
    client.force_login(viewer)

    html = client.get(LEADERBOARD).content.decode()

    assert top_rows(html) == [
        ("1", "Ana Alves", "300"),
        ("2", "Ben Berg", "200"),
        ("3", "Vera Viewer", "100"),
    ]
    me_row = re.search(r'<tr class="is-me" aria-current="true">(.*?)</tr>', html, re.S).group(1)
    assert "Vera Viewer" in me_row and "(you)" in me_row
    assert "Olga Outside" not in html
    assert "You are <strong>#3</strong> with <strong>100 XP</strong>." in html
    around = rows_of(between(html, 'id="around-heading"', "</section>"))
    assert [name for _rank, name, _xp in around] == ["Ana Alves", "Ben Berg", "Vera Viewer"]


def test_academy_board_and_tabs_are_plain_links(client, team, viewer):
    outsider = UserFactory(first_name="Olga", last_name="Outside")
    earn(outsider, 500)
    earn(viewer, 100)
    client.force_login(viewer)

    html = client.get(LEADERBOARD, {"scope": "academy", "period": "all"}).content.decode()

    assert top_rows(html) == [("1", "Olga Outside", "500"), ("2", "Vera Viewer", "100")]
    assert 'href="/leaderboards/?scope=academy&amp;period=all" aria-current="true"' in html
    assert f'href="/leaderboards/?scope=team&amp;period=all&amp;team={team.pk}"' in html
    # The new-hire league has no all-time board, so its tab leads to this week.
    assert 'href="/leaderboards/?scope=newhire&amp;period=week"' in html
    newhire = client.get(LEADERBOARD, {"scope": "newhire", "period": "all"})
    assert newhire.context["period"] == "week"
    assert "All time" not in between(newhire.content.decode(), 'aria-label="Time period"', "</nav>")


def test_an_agent_without_a_team_lands_on_the_academy_board(client, agent):
    earn(agent, 40)
    client.force_login(agent)

    response = client.get(LEADERBOARD)

    assert response.context["scope"] == "academy"
    assert "Whole academy · This week" in response.content.decode()
    assert top_rows(response.content.decode()) == [("1", agent.display_name, "40")]


def test_opted_out_agents_are_anonymous_to_peers_but_not_to_their_lead_or_themselves(
    client, team, viewer
):
    shy = member(team, first_name="Sami", last_name="Shy", leaderboard_opt_out=True)
    lead = lead_of(team, first_name="Lea", last_name="Lead")
    other_lead = lead_of(TeamFactory(), first_name="Otto", last_name="Other")
    earn(shy, 250)
    earn(viewer, 100)

    def names_seen_by(user, **params) -> list[str]:
        client.force_login(user)
        html = client.get(LEADERBOARD, params).content.decode()
        return [name for _rank, name, _xp in top_rows(html)]

    assert names_seen_by(viewer) == ["Anonymous agent", "Vera Viewer"]
    assert names_seen_by(lead) == ["Sami Shy", "Vera Viewer"]
    assert names_seen_by(shy) == ["Sami Shy", "Vera Viewer"]
    # On the academy board a lead of another team does not see the name either.
    assert names_seen_by(other_lead, scope="academy") == ["Anonymous agent", "Vera Viewer"]


def test_another_teams_board_is_a_404_except_for_admins(client, viewer):
    elsewhere = TeamFactory(name="Returns desk")
    earn(member(elsewhere, first_name="Rita", last_name="Returns"), 80)
    client.force_login(viewer)

    assert client.get(LEADERBOARD, {"scope": "team", "team": elsewhere.pk}).status_code == 404
    assert client.get(LEADERBOARD, {"team": 999999}).status_code == 404

    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    html = client.get(LEADERBOARD, {"scope": "team", "team": elsewhere.pk}).content.decode()
    assert "Returns desk · This week" in html
    assert top_rows(html) == [("1", "Rita Returns", "80")]


def test_a_lead_may_choose_between_the_teams_they_belong_to(client, team, viewer):
    second = TeamFactory(name="Chat desk")
    TeamMembershipFactory(team=second, user=viewer, role=TeamMembership.Role.LEAD)
    client.force_login(viewer)

    html = client.get(LEADERBOARD, {"scope": "team", "team": second.pk}).content.decode()

    assert "Chat desk · This week" in html
    assert "Team Billing desk" in html and "Team Chat desk" in html


@pytest.mark.parametrize(
    "params",
    [
        {"scope": "galaxy", "period": "forever"},
        {"scope": "", "period": ""},
        {"scope": "team", "period": "week", "team": "abc"},
        {"scope": "TEAM", "period": "Week"},
    ],
)
def test_nonsense_parameters_fall_back_to_the_viewers_team_this_week(client, team, viewer, params):
    earn(viewer, 30)
    client.force_login(viewer)

    response = client.get(LEADERBOARD, params)

    assert response.status_code == 200
    assert (response.context["scope"], response.context["period"]) == ("team", "week")
    assert "Billing desk · This week" in response.content.decode()
    assert top_rows(response.content.decode()) == [("1", "Vera Viewer", "30")]


def test_an_empty_board_says_how_to_get_on_it(client, viewer):
    client.force_login(viewer)

    html = client.get(LEADERBOARD).content.decode()

    assert "No XP on this board yet — complete a lesson to get on it" in html
    assert "<table" not in html


def test_season_board_names_the_season_or_says_none_is_running(client, viewer):
    client.force_login(viewer)

    none_running = client.get(LEADERBOARD, {"period": "season"}).content.decode()
    assert "No season is running right now." in none_running

    services.season_start(name="Winter cup", starts_at=timezone.now() - datetime.timedelta(hours=1))
    earn(viewer, 70)
    running = client.get(LEADERBOARD, {"period": "season"}).content.decode()
    assert "Winter cup" in running and "No season is running" not in running
    assert top_rows(running) == [("1", "Vera Viewer", "70")]


def test_leaderboard_query_count_does_not_grow_with_the_board(
    client, team, viewer, django_assert_max_num_queries
):
    def add_agents(count: int, base: int) -> None:
        for number in range(count):
            earn(member(team, leaderboard_opt_out=number % 4 == 0), base + number)

    add_agents(3, 200)  # above the viewer
    add_agents(2, 10)  # below
    earn(viewer, 100)
    client.force_login(viewer)

    def count() -> int:
        client.get(LEADERBOARD)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LEADERBOARD).status_code == 200
        return len(queries)

    small = count()
    add_agents(25, 300)
    add_agents(20, 20)
    large = count()
    with django_assert_max_num_queries(16):
        client.get(LEADERBOARD)

    assert large == small


def test_opting_out_hides_the_name_and_opting_back_in_shows_it(client, team, viewer):
    peer = member(team)
    earn(viewer, 50)
    client.force_login(viewer)

    response = client.post(
        "/leaderboards/privacy/",
        {"opt_out": "on", "next": "/leaderboards/?period=month"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == "/leaderboards/?period=month"
    assert "Your name is now hidden on leaderboards." in response.content.decode()
    assert "Show my name on leaderboards" in response.content.decode()
    viewer.refresh_from_db()
    assert viewer.leaderboard_opt_out
    client.force_login(peer)
    assert [row[1] for row in top_rows(client.get(LEADERBOARD).content.decode())] == [
        "Anonymous agent"
    ]

    client.force_login(viewer)
    back = client.post("/leaderboards/privacy/", {"opt_out": "", "next": ME}, follow=True)
    assert back.redirect_chain[-1][0] == ME
    assert "Your name now shows on leaderboards." in back.content.decode()
    client.force_login(peer)
    assert [row[1] for row in top_rows(client.get(LEADERBOARD).content.decode())] == ["Vera Viewer"]


def test_opt_out_needs_post_and_csrf_and_refuses_foreign_redirects(viewer):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(viewer)

    assert csrf_client.get("/leaderboards/privacy/").status_code == 405
    assert csrf_client.post("/leaderboards/privacy/", {"opt_out": "on"}).status_code == 403
    viewer.refresh_from_db()
    assert not viewer.leaderboard_opt_out

    client = Client()
    client.force_login(viewer)
    response = client.post(
        "/leaderboards/privacy/", {"opt_out": "on", "next": "https://evil.example/"}
    )
    assert response["Location"] == LEADERBOARD


# --- notifications and toasts -------------------------------------------------------------


def test_notification_centre_lists_messages_and_mark_all_read_clears_the_bell(client, agent):
    earn(agent, 120)  # passes the 100 XP milestone
    Notification.objects.create(
        user=agent, kind="badge", key="badge:x", params={"badge": "Night owl"}, url="me"
    )
    client.force_login(agent)

    page = client.get(NOTIFICATIONS).content.decode()

    assert "Notifications, 2 unread" in page
    assert '<span class="bell-count" aria-hidden="true">2</span>' in page
    listing = between(page, 'class="notification-list"', "</ul>")
    assert "Badge earned: Night owl" in listing
    assert "You passed 100 XP. Keep going!" in listing
    assert f'href="{ME}"' in listing

    response = client.post("/notifications/read/", follow=True)

    html = response.content.decode()
    assert "All notifications are marked as read." in html
    assert "unread" not in between(html, 'class="main-nav"', "</nav>")
    assert 'class="bell-count"' not in html
    assert "Mark all as read" not in html
    assert "Badge earned: Night owl" in html  # read, but still listed


def test_mark_all_read_needs_csrf(agent):
    Notification.objects.create(user=agent, kind="badge", key="k", params={"badge": "B"})
    client = Client(enforce_csrf_checks=True)
    client.force_login(agent)

    assert client.post("/notifications/read/").status_code == 403
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


def test_a_fresh_notification_shows_once_as_a_toast(client, agent):
    client.force_login(agent)
    earn(agent, 120)

    first = client.get(ME).content.decode()
    second = client.get(ME).content.decode()

    toasts = between(first, 'class="toasts"', "<script")
    assert "You passed 100 XP. Keep going!" in toasts
    assert 'aria-live="polite"' in first and "js/toasts.js" in first
    assert "You passed 100 XP" not in second
    # Seen as a toast is not read: the bell still counts it.
    assert "Notifications, 1 unread" in second


def test_a_badge_earned_by_a_post_shows_as_a_toast_on_the_page_after_the_redirect(
    client, catalogue, agent, django_capture_on_commit_callbacks
):
    course = course_with_lessons(index=catalogue, lessons=1, title="Outage handling")
    BadgeClassFactory(name="Outage hero", criterion="course", course=course)
    client.force_login(agent)

    # Processing runs on commit; the test's transaction never commits, so run it by hand.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/learn/lessons/{lessons_of(course)[0].pk}/complete/")
    page = client.get(response["Location"]).content.decode()

    assert response["Location"] == course.url
    assert "Badge earned: Outage hero" in between(page, 'class="toasts"')
    assert "Course completed: Outage handling" in page


def test_pages_without_the_chrome_pay_nothing_for_toasts(client, agent):
    earn(agent, 120)
    client.force_login(agent)

    client.get("/health/")  # JSON: no template, so no toast is consumed

    assert Notification.objects.filter(user=agent, toasted_at__isnull=True).count() == 1


def test_anonymous_pages_have_no_bell_or_toasts(client):
    from lms.context_processors import navigation

    class Request:
        user = AnonymousUser()

    context = navigation(Request())
    assert context["notifications_unread"]() == 0
    assert context["notification_toasts"]() == []
    html = client.get("/accounts/login/").content.decode()
    assert 'class="toasts"' not in html and "nav-bell" not in html


# --- badges given by leads ----------------------------------------------------------------


@pytest.fixture
def kudos():
    return BadgeClassFactory(name="Calm under fire", criterion="manual")


def test_an_agent_cannot_give_badges(client, team, viewer, kudos):
    client.force_login(viewer)

    assert client.get(AWARD).status_code == 403
    response = client.post(AWARD, {"user": viewer.pk, "badge": kudos.pk, "reason": "me!"})
    assert response.status_code == 403
    assert not BadgeAward.objects.exists()


def test_a_lead_gives_a_badge_to_their_agent_who_sees_it_on_their_profile(
    client, team, viewer, kudos
):
    lead = lead_of(team, first_name="Lea", last_name="Lead")
    BadgeClassFactory(name="Course badge", criterion="course", course=None)  # not offered
    BadgeClassFactory(name="Retired kudos", criterion="manual", active=False)  # not offered
    client.force_login(lead)

    form_page = client.get(AWARD).content.decode()
    assert "Give a badge" in between(form_page, 'class="main-nav"', "</nav>")
    assert "Vera Viewer" in form_page and "Calm under fire" in form_page
    assert "Course badge" not in form_page and "Retired kudos" not in form_page
    response = client.post(
        AWARD,
        {"user": viewer.pk, "badge": kudos.pk, "reason": "Kept a furious caller calm"},
        follow=True,
    )

    assert "You gave “Calm under fire” to Vera Viewer." in response.content.decode()
    award = BadgeAward.objects.get()
    assert (award.user, award.badge, award.awarded_by) == (viewer, kudos, lead)
    client.force_login(viewer)
    me = client.get(ME).content.decode()
    earned = between(me, 'id="earned-heading"', 'id="history-heading"')
    assert "Calm under fire" in earned and "Kept a furious caller calm" in earned
    assert "Lea Lead gave you the badge “Calm under fire”." in between(me, 'class="toasts"')


def test_a_lead_of_another_team_cannot_give_a_badge_to_a_non_member(client, team, viewer, kudos):
    other_lead = lead_of(TeamFactory(name="Chat desk"))
    member(other_lead.team_memberships.get().team, first_name="Cem", last_name="Chat")
    client.force_login(other_lead)

    assert "Vera Viewer" not in client.get(AWARD).content.decode()
    response = client.post(AWARD, {"user": viewer.pk, "badge": kudos.pk, "reason": "Nice"})

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not BadgeAward.objects.exists()


def test_refusals_of_the_rules_show_on_the_form(client, team, viewer, kudos):
    lead = lead_of(team)
    client.force_login(lead)
    client.post(AWARD, {"user": viewer.pk, "badge": kudos.pk, "reason": "Great week"})

    again = client.post(AWARD, {"user": viewer.pk, "badge": kudos.pk, "reason": "Again"})
    no_reason = client.post(AWARD, {"user": viewer.pk, "badge": kudos.pk, "reason": "   "})

    assert f"{viewer} already has this badge." in again.content.decode()
    assert 'role="alert"' in again.content.decode()
    assert "This field is required." in no_reason.content.decode()
    assert BadgeAward.objects.count() == 1


def test_giving_a_badge_needs_csrf(team, viewer, kudos):
    client = Client(enforce_csrf_checks=True)
    client.force_login(lead_of(team))

    response = client.post(AWARD, {"user": viewer.pk, "badge": kudos.pk, "reason": "Great"})

    assert response.status_code == 403
    assert not BadgeAward.objects.exists()


# --- /me/ ---------------------------------------------------------------------------------


def test_profile_shows_xp_level_progress_streak_and_history(client, agent):
    now = timezone.now()
    earn(agent, 100, when=now - datetime.timedelta(days=1))
    earn(agent, 75, when=now)  # a second day in a row: +5 streak bonus
    client.force_login(agent)

    html = client.get(ME).content.decode()
    panel = between(html, 'id="xp-heading"')

    assert "180 XP" in panel and "Trainee" in panel
    # Associate starts at 300 XP: 180 of 300 is 60%.
    assert '<progress class="level-progress" max="100" value="60"' in panel
    assert "120 XP to Associate" in panel
    assert "2 days" in between(panel, "xp-streak", "</div>")
    assert "Longest: 2 days" in panel
    history = between(panel, 'id="history-heading"', "</table>")
    assert history.count(">Course completed<") == 2
    assert "Streak day" in history and "+5" in history and "+75" in history


def test_profile_shows_earned_expired_and_locked_badges_with_how_to_earn_them(
    client, catalogue, agent
):
    course = course_with_lessons(index=catalogue, lessons=1, title="Refunds and returns")
    BadgeClassFactory(name="Refund ready", criterion="course", course=course)
    BadgeClassFactory(name="Streak keeper", criterion="streak", threshold=5)
    first_aid = BadgeClassFactory(name="First aid", criterion="manual")
    old = BadgeClassFactory(name="Old certificate", criterion="manual")
    BadgeAward.objects.create(user=agent, badge=first_aid)
    BadgeAward.objects.create(
        user=agent, badge=old, expires_at=timezone.now() - datetime.timedelta(days=1)
    )
    client.force_login(agent)

    html = client.get(ME).content.decode()
    earned = between(html, 'id="earned-heading"', 'id="locked-heading"')
    locked = between(html, 'id="locked-heading"', 'id="history-heading"')

    assert "First aid" in earned and "Earned " in earned
    assert re.search(r"Old certificate.*expired", earned, re.S)
    assert not re.search(r"First aid</p>\s*<p[^>]*>[^<]*expired", earned)
    assert "Refund ready" in locked and "Complete the course “Refunds and returns”." in locked
    assert "Streak keeper" in locked and "Learn on 5 days in a row." in locked
    assert "First aid" not in locked


def test_profile_shows_the_opt_out_form(client, agent):
    client.force_login(agent)

    html = client.get(ME).content.decode()

    assert 'action="/leaderboards/privacy/"' in html
    assert "Hide my name on leaderboards" in html


def test_profile_query_count_does_not_grow_with_badges_or_history(
    client, agent, django_assert_max_num_queries
):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    def grow(count: int, label: str) -> None:
        for number in range(count):
            image = Image.objects.create(title=f"{label} {number}", file=get_test_image_file())
            earned = BadgeClassFactory(name=f"{label} earned {number}", image=image)
            BadgeAward.objects.create(user=agent, badge=earned)
            BadgeClassFactory(name=f"{label} locked {number}", criterion="streak", threshold=9)
            EventFactory(user=agent, kind="course.completed", payload={"xp_value": 10})
        services.events_process_all()

    client.force_login(agent)

    def count() -> int:
        client.get(ME)  # first render creates the image renditions
        client.get(ME)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(ME).status_code == 200
        return len(queries)

    grow(1, "Small")
    small = count()
    grow(8, "Large")
    large = count()
    with django_assert_max_num_queries(30):
        client.get(ME)

    assert large == small
