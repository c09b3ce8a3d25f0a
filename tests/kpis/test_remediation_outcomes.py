"""The team KPI page's "did it help?" section: each remediation firing with the KPI before and
after it and a verdict, read in a fixed number of queries, never another team's firings."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import Enrolment
from gamification.kpis.models import KpiDefinition, RemediationFiring
from gamification.kpis.selectors import Status, remediation_outcomes
from tests.factories import (
    KpiTargetFactory,
    RemediationRuleFactory,
    TeamFactory,
    TeamMembershipFactory,
    UserFactory,
    kpi_results_send,
)

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


def send(user, kpi, n, value, sample_size=40):
    kpi_results_send(user=user, kpi=kpi, period_start=week(n), value=value, sample_size=sample_size)


def fire(agent, kpi):
    """Two misses in a row: the rule fires at week 1."""
    send(agent, kpi, 0, "80")
    send(agent, kpi, 1, "82")
    return RemediationFiring.objects.get(user=agent)


def test_a_met_period_after_the_firing_is_recovered(team, agents, csat, rule, courses):
    fire(agents[0], csat)
    send(agents[0], csat, 2, "84")
    send(agents[0], csat, 3, "90")
    [outcome] = remediation_outcomes(team=team)
    assert outcome.user == agents[0]
    assert outcome.kpi == csat
    assert outcome.title == courses[1].title
    assert outcome.period_start == week(1)
    assert outcome.recovered is True
    assert outcome.verdict == "recovered"
    assert outcome.cancelled is False
    assert outcome.completed is False


def test_a_miss_after_the_firing_is_not_yet(team, agents, csat, rule):
    fire(agents[0], csat)
    send(agents[0], csat, 2, "90")
    send(agents[0], csat, 3, "83")  # the newest result decides
    [outcome] = remediation_outcomes(team=team)
    assert outcome.recovered is False
    assert outcome.verdict == "not-yet"


def test_without_results_after_the_firing_it_is_waiting(team, agents, csat, rule):
    fire(agents[0], csat)
    [outcome] = remediation_outcomes(team=team)
    assert outcome.after == []
    assert outcome.recovered is None
    assert outcome.verdict == "waiting"


def test_too_small_a_sample_after_the_firing_gives_no_verdict(team, agents, csat, rule):
    fire(agents[0], csat)
    send(agents[0], csat, 2, "95", sample_size=3)
    [outcome] = remediation_outcomes(team=team)
    assert [point.status for point in outcome.after] == [Status.FEW]
    assert outcome.recovered is None


def test_values_before_and_after_are_in_order(team, agents, csat, rule):
    fire(agents[0], csat)
    send(agents[0], csat, 2, "84")
    send(agents[0], csat, 4, "88")  # week 3 left empty: a gap, not skipped
    [outcome] = remediation_outcomes(team=team, periods=4)
    assert [p.period_start for p in outcome.before] == [week(0), week(1)]
    assert [p.value for p in outcome.before] == [Decimal("80.00"), Decimal("82.00")]
    assert [p.status for p in outcome.before] == [Status.MISSED, Status.MISSED]
    assert [p.period_start for p in outcome.after] == [week(2), week(3), week(4)]
    assert [p.value for p in outcome.after] == [Decimal("84.00"), None, Decimal("88.00")]
    assert [p.target for p in outcome.after] == [Decimal("85.00")] * 3
    assert outcome.recovered is True
    chart = outcome.chart
    # Four slots on each side: the marker sits between the firing's period and the next.
    assert chart.spark.dots[1].x < chart.marker_x < chart.spark.dots[2].x
    assert [label.text for label in chart.labels] == ["82", "88"]


def test_completed_and_cancelled_training(team, agents, csat, rule, courses):
    firing = fire(agents[0], csat)
    Enrolment.objects.create(user=agents[0], course=courses[1], completed_at=timezone.now())
    [outcome] = remediation_outcomes(team=team)
    assert outcome.completed is True
    RemediationFiring.objects.filter(pk=firing.pk).update(cancelled_at=timezone.now())
    [outcome] = remediation_outcomes(team=team)
    assert outcome.cancelled is True


def test_another_teams_firings_never_appear(team, agents, csat, rule):
    other = TeamFactory(name="Helpdesk South")
    stranger = UserFactory(email="stranger@example.test")
    TeamMembershipFactory(team=other, user=stranger)
    KpiTargetFactory(team=other, kpi=csat, value=85, valid_from=WEEK0)
    fire(stranger, csat)
    assert remediation_outcomes(team=team) == []
    assert [outcome.user for outcome in remediation_outcomes(team=other)] == [stranger]


def test_newest_first_and_at_most_twenty(team, agents, rule):
    for n in range(25):
        RemediationFiring.objects.create(
            rule=rule,
            user=agents[n % 3],
            period_start=week(n),
            fired_at=timezone.now() - datetime.timedelta(days=25 - n),
        )
    outcomes = remediation_outcomes(team=team)
    assert len(outcomes) == 20
    assert outcomes[0].period_start == week(24)
    assert [o.firing.fired_at for o in outcomes] == sorted(
        (o.firing.fired_at for o in outcomes), reverse=True
    )


def _many_firings(team, rule, csat, count):
    people = []
    for n in range(count):
        person = UserFactory(email=f"agent{n}-{count}@example.test")
        TeamMembershipFactory(team=team, user=person)
        people.append(person)
        fire(person, csat)
        send(person, csat, 2, "90")
    return people


@pytest.mark.parametrize("count", [1, 10])
def test_a_constant_number_of_queries(team, rule, csat, count, django_assert_max_num_queries):
    _many_firings(team, rule, csat, count)
    with django_assert_max_num_queries(5):
        outcomes = remediation_outcomes(team=team)
        for outcome in outcomes:  # everything the template reads is loaded
            str(outcome.user.display_name), outcome.title, outcome.firing.rule.scenario_id
    assert len(outcomes) == count
    assert all(outcome.recovered for outcome in outcomes)


def test_the_lead_page_shows_the_verdicts(client, team, lead, agents, csat, rule):
    fire(agents[0], csat)
    send(agents[0], csat, 2, "90")
    fire(agents[1], csat)
    client.force_login(lead)
    page = client.get(reverse("team:kpis", args=[team.pk])).content.decode()
    assert "Remediation: did it help?" in page
    assert "Recovered" in page
    assert "Waiting for results" in page
    assert agents[0].display_name in page and agents[1].display_name in page
    assert 'class="remediation-marker"' in page


def test_the_lead_page_without_firings_says_so(client, team, lead):
    client.force_login(lead)
    page = client.get(reverse("team:kpis", args=[team.pk])).content.decode()
    assert "No remediation has fired for this team yet." in page
