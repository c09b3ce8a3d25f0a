"""A learner's cached /me/ (courses/learner_cache.py) never shows her anything stale.

The page is rendered once and kept until something on it changes. Each test here loads /me/
(which fills the cache), changes one thing the way the academy does, through its services, and
checks the very next /me/ shows it.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format

from courses import learner_cache, services
from gamification.kpis.models import KpiDefinition
from gamification.kpis.services import target_set
from gamification.models import XpTotal
from gamification.services import (
    badge_award_manual,
    events_process_all,
    leaderboard_opt_out_set,
)
from tests.factories import BadgeClassFactory, KpiTargetFactory, kpi_results_send, lessons_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def aino(agents):
    return agents[0]


@pytest.fixture
def me(client, aino):
    """Aino's /me/ as she sees it: each call is a fresh request."""
    client.force_login(aino)

    def load() -> str:
        response = client.get("/me/")
        assert response.status_code == 200
        return response.content.decode()

    return load


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_page_is_rendered_once_and_then_served_from_the_cache(client, me, aino, courses):
    services.course_enrol(user=aino, course=courses[0])
    me()  # the session is touched on the first request
    cache.clear()

    cold = queries(client, "/me/")
    warm = queries(client, "/me/")

    # Warm: session, user, roles and the navigation's unread count; nothing of the page.
    assert warm < cold
    assert warm <= 5
    assert courses[0].title in me()


def test_enrolling_and_completing_lessons_show_at_once(client, me, aino, courses):
    assert "Nothing in progress." in me()

    services.course_enrol(user=aino, course=courses[0])
    html = me()
    assert courses[0].title in html and "Nothing in progress." not in html

    services.lesson_complete(user=aino, lesson=lessons_of(courses[0])[0])
    assert "50% complete" in me()

    events_process_all()  # what the worker does once the lesson's transaction has committed
    total = XpTotal.objects.get(user=aino).total
    assert total > 0 and f"{total} XP" in me()

    services.lesson_complete(user=aino, lesson=lessons_of(courses[0])[1])
    assert "No completed courses yet." not in me()


def test_starting_a_path_shows_at_once(me, aino, onboarding_path):
    assert "You have not started a learning path yet." in me()

    services.path_start(user=aino, path=onboarding_path)

    html = me()
    assert onboarding_path.title in html
    assert "You have not started a learning path yet." not in html


def test_a_leads_assignment_its_new_due_date_and_its_cancelling_show_at_once(
    me, aino, lead, courses
):
    assert "Assigned to you" not in me()
    due = timezone.localdate() + datetime.timedelta(days=7)

    outcome = services.assignments_create(
        assigned_by=lead, users=[aino], item=courses[1], due_on=due
    )
    html = me()
    assert "Assigned to you" in html and "Assigned by Leena Lead" in html
    assert f"Due {date_format(due, 'DATE_FORMAT')}" in html

    later = due + datetime.timedelta(days=5)
    services.assignment_due_change(assignment=outcome.created[0], due_on=later)
    assert f"Due {date_format(later, 'DATE_FORMAT')}" in me()

    services.assignment_cancel(assignment=outcome.created[0])
    assert "Assigned to you" not in me()


def test_the_leads_new_name_shows_on_the_assignment_at_once(me, aino, lead, courses):
    due = timezone.localdate() + datetime.timedelta(days=7)
    services.assignments_create(assigned_by=lead, users=[aino], item=courses[1], due_on=due)
    assert "Assigned by Leena Lead" in me()

    lead.last_name = "Lahti"
    lead.save()

    assert "Assigned by Leena Lahti" in me()


def test_an_assignment_turns_overdue_at_midnight(me, aino, lead, courses, monkeypatch):
    due = aino.local_today() + datetime.timedelta(days=1)
    services.assignments_create(assigned_by=lead, users=[aino], item=courses[1], due_on=due)
    assert "Overdue" not in me()

    two_days_later = timezone.now() + datetime.timedelta(days=2)
    monkeypatch.setattr(timezone, "now", lambda: two_days_later)

    assert "Overdue" in me()


def test_a_badge_from_the_lead_shows_at_once(me, aino, lead):
    badge = BadgeClassFactory(name="Calm under fire")
    html = me()
    assert "Calm under fire" in html and "No badges yet." in html

    badge_award_manual(lead=lead, user=aino, badge=badge, reason="Handled the outage calls")

    html = me()
    assert "No badges yet." not in html and "Handled the outage calls" in html


def test_kpi_results_and_a_new_team_target_show_at_once(me, aino, team, lead):
    csat = KpiDefinition.objects.get(code="csat")
    monday = datetime.date(2026, 11, 2)
    KpiTargetFactory(kpi=csat, team=team, value=85, valid_from=monday)
    assert "No KPI results yet." in me()

    kpi_results_send(user=aino, kpi=csat, period_start=monday, value="91.5")
    html = me()
    assert "91.5" in html and "target 85 %" in html

    target_set(kpi=csat, team=team, value=Decimal("95"), valid_from=monday, set_by=lead)
    assert "target 95 %" in me()


def test_switching_language_shows_the_page_in_that_language(client, me):
    with translation.override("fi"):
        finnish = translation.gettext("My learning")
    assert finnish != "My learning"
    assert "<h1>My learning</h1>" in me()

    client.cookies["django_language"] = "fi"

    assert f"<h1>{finnish}</h1>" in me()


def test_learners_never_see_each_others_page(client, agents, courses):
    aino, bo = agents[:2]
    services.course_enrol(user=aino, course=courses[0])
    services.course_enrol(user=bo, course=courses[2])

    pages = {}
    for person in (aino, bo, aino, bo):  # the second round is served from the cache
        client.force_login(person)
        pages.setdefault(person.pk, []).append(client.get("/me/").content.decode())

    assert all(courses[0].title in html for html in pages[aino.pk])
    assert all(courses[2].title not in html for html in pages[aino.pk])
    assert all(courses[2].title in html for html in pages[bo.pk])
    assert all(courses[0].title not in html for html in pages[bo.pk])


def test_the_privacy_form_is_live_and_the_cached_part_has_no_csrf_token(me, aino):
    assert "Hide my name on leaderboards" in me()

    leaderboard_opt_out_set(user=aino, opted_out=True)

    html = me()
    cached, live = html.split('class="card privacy-card"', 1)
    assert "Show my name on leaderboards" in live
    assert 'name="csrfmiddlewaretoken"' in live.split("</form>")[0]
    assert "csrfmiddlewaretoken" not in cached[cached.index("<h1>") :]


def test_a_page_read_before_a_change_commits_is_not_kept_after_it(
    aino, django_capture_on_commit_callbacks
):
    """The race the commit-time delete closes: a request that read the old rows while a
    change was in flight must not leave them cached under a token that outlives the change."""
    learner_cache.page(aino, "probe", lambda: "before")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        learner_cache.changed([aino.pk])
        # Another request, between the write and the commit, still sees the old rows.
        assert learner_cache.page(aino, "probe", lambda: "old rows") == "old rows"

    assert learner_cache.page(aino, "probe", lambda: "after") == "after"
