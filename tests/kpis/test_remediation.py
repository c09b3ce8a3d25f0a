"""Remediation: a KPI target missed N periods in a row assigns training, once per cool-down,
tells the agent (on /me/, with the reason) and their lead, and a lead can call it off."""

import datetime

import pytest
from django.utils import timezone

from courses.models import Assignment
from courses.services.assignments import assignment_cancel
from gamification.kpis.models import KpiDefinition, RemediationFiring
from gamification.kpis.remediation import remediation_cancel
from gamification.models import Notification
from gamification.selectors import notification_text
from tests.factories import KpiTargetFactory, RemediationRuleFactory, kpi_results_send

pytestmark = pytest.mark.django_db

WEEK0 = datetime.date(2026, 11, 2)


def week(n: int) -> datetime.date:
    return WEEK0 + datetime.timedelta(weeks=n)


@pytest.fixture
def csat(team):
    kpi = KpiDefinition.objects.get(code="csat")  # minimum sample 10
    KpiTargetFactory(team=team, kpi=kpi, value=85, valid_from=WEEK0)
    return kpi


@pytest.fixture
def rule(csat, courses):
    return RemediationRuleFactory(kpi=csat, course=courses[1], consecutive_misses=2)


@pytest.fixture
def agent_in_team(agents):
    return agents[0]


def send(user, kpi, n, value, sample_size=40):
    kpi_results_send(user=user, kpi=kpi, period_start=week(n), value=value, sample_size=sample_size)


def remediation_assignments(user):
    return list(Assignment.objects.filter(user=user, reason=Assignment.Reason.REMEDIATION))


def test_fires_after_n_misses_once(agent_in_team, csat, rule, courses):
    agent = agent_in_team
    send(agent, csat, 0, "80")
    assert not RemediationFiring.objects.exists()
    send(agent, csat, 1, "82")
    firing = RemediationFiring.objects.get()
    assert (firing.rule, firing.user, firing.period_start) == (rule, agent, week(1))
    [assignment] = remediation_assignments(agent)
    assert firing.assignment == assignment
    assert assignment.course_id == courses[1].pk
    assert assignment.due_on == agent.local_today() + datetime.timedelta(days=7)
    assert "CSAT" in assignment.note and "2 periods in a row" in assignment.note
    # The same results again: nothing new.
    send(agent, csat, 1, "82")
    assert RemediationFiring.objects.count() == 1
    assert len(remediation_assignments(agent)) == 1


def test_a_met_period_or_too_small_a_sample_breaks_the_run(agents, csat, rule):
    met_between, small_between = agents[0], agents[1]
    for n, value in enumerate(["80", "90", "80"]):
        send(met_between, csat, n, value)
    send(small_between, csat, 0, "80")
    send(small_between, csat, 1, "80", sample_size=3)
    send(small_between, csat, 2, "80")
    assert not RemediationFiring.objects.exists()


def test_inactive_rule_does_not_fire(agent_in_team, csat, rule):
    rule.active = False
    rule.save()
    send(agent_in_team, csat, 0, "80")
    send(agent_in_team, csat, 1, "80")
    assert not RemediationFiring.objects.exists()


def test_respects_the_cool_down(agent_in_team, csat, rule):
    agent = agent_in_team
    send(agent, csat, 0, "80")
    send(agent, csat, 1, "80")
    send(agent, csat, 2, "80")  # three in a row, but within the 28-day cool-down
    assert RemediationFiring.objects.count() == 1
    first = RemediationFiring.objects.get()
    remediation_cancel(firing=first)
    RemediationFiring.objects.filter(pk=first.pk).update(
        fired_at=timezone.now() - datetime.timedelta(days=29)
    )
    send(agent, csat, 3, "80")
    latest = RemediationFiring.objects.order_by("-fired_at").first()
    assert RemediationFiring.objects.count() == 2
    assert latest.period_start == week(3)
    assert latest.assignment is not None and latest.assignment.closed_at is None


def test_appears_on_me_with_the_reason(client, agent_in_team, csat, rule, courses):
    send(agent_in_team, csat, 0, "80")
    send(agent_in_team, csat, 1, "80")
    client.force_login(agent_in_team)
    page = client.get("/me/").content.decode()
    assert courses[1].title in page
    assert "target was missed 2 periods in a row" in page
    assigned = Notification.objects.get(user=agent_in_team, kind=Notification.Kind.ASSIGNED)
    assert courses[1].title in notification_text(assigned)


def test_lead_is_notified_with_a_link_to_the_agent(team, lead, agent_in_team, csat, rule, courses):
    send(agent_in_team, csat, 0, "80")
    send(agent_in_team, csat, 1, "80")
    notice = Notification.objects.get(user=lead, kind=Notification.Kind.REMEDIATION)
    text = notification_text(notice)
    assert agent_in_team.display_name in text and courses[1].title in text
    assert notice.url == f"/team/{team.pk}/agents/{agent_in_team.pk}/"
    # Not told twice when the results come again.
    send(agent_in_team, csat, 1, "80")
    assert Notification.objects.filter(user=lead, kind=Notification.Kind.REMEDIATION).count() == 1


def test_scenario_rule_notifies_agent_and_lead_without_an_assignment(lead, agent_in_team, csat):
    from scenarios.services import scenario_create_from_spec
    from tests.scenarios.conftest import late_parcel_spec

    scenario = scenario_create_from_spec(spec=late_parcel_spec())
    RemediationRuleFactory(kpi=csat, scenario=scenario, consecutive_misses=2)
    send(agent_in_team, csat, 0, "80")
    send(agent_in_team, csat, 1, "80")
    firing = RemediationFiring.objects.get()
    assert firing.assignment is None
    assert not remediation_assignments(agent_in_team)
    notice = Notification.objects.get(user=agent_in_team, kind=Notification.Kind.REMEDIATION)
    assert notice.url == f"/scenarios/{scenario.pk}/"
    assert scenario.title in notification_text(notice)
    assert Notification.objects.filter(user=lead, kind=Notification.Kind.REMEDIATION).exists()


def test_cancel_closes_the_assignment_and_marks_the_firing(agent_in_team, csat, rule):
    send(agent_in_team, csat, 0, "80")
    send(agent_in_team, csat, 1, "80")
    firing = RemediationFiring.objects.get()
    assert remediation_cancel(firing=firing) is True
    assert remediation_cancel(firing=firing) is False
    firing.refresh_from_db()
    assert firing.cancelled_at is not None
    assert firing.assignment.closed_reason == Assignment.Closed.CANCELLED


def test_cancelling_the_assignment_in_the_team_pages_is_followed(agent_in_team, csat, rule):
    send(agent_in_team, csat, 0, "80")
    send(agent_in_team, csat, 1, "80")
    firing = RemediationFiring.objects.get()
    assignment_cancel(assignment=firing.assignment)
    # At once, not only when the next results arrive.
    firing.refresh_from_db()
    assert firing.cancelled_at is not None
    assert firing.cancelled_at == firing.assignment.closed_at


def test_the_lead_cancels_a_roleplay_remediation_from_the_team_kpi_page(
    client, lead, agent_in_team, csat, other_lead, team
):
    from django.urls import reverse

    from scenarios.services import scenario_create_from_spec
    from tests.scenarios.conftest import late_parcel_spec

    scenario = scenario_create_from_spec(spec=late_parcel_spec())
    RemediationRuleFactory(kpi=csat, scenario=scenario, consecutive_misses=2)
    send(agent_in_team, csat, 0, "80")
    send(agent_in_team, csat, 1, "80")
    firing = RemediationFiring.objects.get()
    url = reverse("team:remediation_cancel", args=[team.pk, firing.pk])

    assert client.post(url).status_code == 302  # anonymous: to sign in
    client.force_login(agent_in_team)
    assert client.post(url).status_code == 403
    client.force_login(other_lead)
    assert client.post(url).status_code == 404
    client.force_login(lead)
    assert client.get(url).status_code == 405
    firing.refresh_from_db()
    assert firing.cancelled_at is None

    page = client.get(reverse("team:kpis", args=[team.pk])).content.decode()
    assert f'action="{url}"' in page
    response = client.post(url, follow=True)
    assert "Remediation cancelled." in response.content.decode()
    firing.refresh_from_db()
    assert firing.cancelled_at is not None


def test_a_roleplay_remediation_shows_on_me_with_its_reason_and_due_date(
    client, agent_in_team, csat
):
    from scenarios.services import scenario_create_from_spec
    from tests.scenarios.conftest import late_parcel_spec

    scenario = scenario_create_from_spec(spec=late_parcel_spec())
    RemediationRuleFactory(kpi=csat, scenario=scenario, consecutive_misses=2, due_days=7)
    send(agent_in_team, csat, 0, "80")
    send(agent_in_team, csat, 1, "80")
    client.force_login(agent_in_team)
    html = client.get("/me/").content.decode()
    assert "Assigned because this KPI missed its target 2 periods in a row" in html
    assert scenario.title in html
    due = agent_in_team.local_today() + datetime.timedelta(days=7)
    from django.utils.formats import date_format

    assert date_format(due, "DATE_FORMAT") in html

    # The lead calls it off: gone from her page at once.
    remediation_cancel(firing=RemediationFiring.objects.get(user=agent_in_team))
    assert scenario.title not in client.get("/me/").content.decode()
