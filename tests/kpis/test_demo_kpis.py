"""The demo academy's KPI story: results, targets, remediation rules, badges, idempotent."""

import os

import pytest
from django.core.management import call_command
from django.urls import reverse

from gamification.kpis.demo import MONTHS, TARGETS, WEEKS
from gamification.kpis.models import KpiMeasurement, KpiTarget, RemediationRule
from gamification.kpis.selectors import Status, my_kpis, team_kpis
from gamification.models import BadgeClass, BadgeCriterion, Event
from lms.accounts.models import Team, User

pytestmark = pytest.mark.django_db

AGENTS = ["agent", "mikko", "olena"]


def person(name: str) -> User:
    return User.objects.get(email=f"{name}@academy.test")


def snapshot():
    return (
        list(
            KpiMeasurement.objects.order_by("pk").values_list(
                "user_id", "kpi_id", "period_start", "value", "sample_size"
            )
        ),
        KpiTarget.objects.count(),
        RemediationRule.objects.count(),
        BadgeClass.objects.count(),
        Event.objects.count(),
    )


def test_every_agent_has_twelve_weeks_and_three_months(seeded_academy):
    for name in AGENTS:
        results = KpiMeasurement.objects.filter(user=person(name), source="demo")
        assert results.filter(kpi__code="csat").count() == WEEKS
        assert results.filter(kpi__code="nps").count() == MONTHS
        assert set(results.values_list("kpi__code", flat=True)) == set(TARGETS)
    assert not KpiMeasurement.objects.filter(user=person("lead")).exists()
    # Noah joined today: a new hire has no results from before their first day.
    assert not KpiMeasurement.objects.filter(user=person("newhire")).exists()


def test_team_targets_and_remediation_rules(seeded_academy):
    team = Team.objects.get(name="Helpdesk North")
    targets = dict(
        KpiTarget.objects.filter(team=team, user__isnull=True).values_list("kpi__code", "value")
    )
    assert targets == TARGETS
    rules = {rule.kpi.code: rule for rule in RemediationRule.objects.select_related("kpi")}
    assert rules["csat"].course.slug == "empathy-in-written-replies"
    assert rules["fcr"].scenario.title == "Refund outside policy"
    for rule in rules.values():
        assert (rule.consecutive_misses, rule.due_days, rule.cooldown_days) == (2, 7, 28)


def test_kpi_badges_exist_when_the_criteria_do(seeded_academy):
    for criterion in ("kpi_streak", "kpi_improved"):
        if criterion in BadgeCriterion.values:
            assert BadgeClass.objects.filter(criterion=criterion).count() == 1


def test_the_agents_have_their_characters(seeded_academy):
    cards = {name: {c.kpi.code: c for c in my_kpis(user=person(name))} for name in AGENTS}
    mikko = cards["mikko"]["csat"]
    assert mikko.latest.status == Status.MISSED
    assert [point.met for point in mikko.points[-3:]] == [False, False, False]
    assert all(point.met for point in mikko.points[:3])
    for code, card in cards["agent"].items():
        assert card.latest.status in (Status.MET, Status.FEW), code
    assert cards["olena"]["ces"].latest.status == Status.FEW

    team = team_kpis(team=Team.objects.get(name="Helpdesk North"))
    csat = next(row for row in team.kpis if row.kpi.code == "csat")
    assert person("mikko") in [user for user, _result in csat.below]
    assert person("agent") not in [user for user, _result in csat.below]


def test_demo_pages_render(seeded_academy, client):
    client.force_login(person("mikko"))
    html = client.get("/me/").content.decode()
    assert "My KPIs" in html and "Below target" in html
    client.force_login(person("lead"))
    team = Team.objects.get(name="Helpdesk North")
    response = client.get(reverse("team:kpis", args=[team.pk]))
    assert response.status_code == 200
    assert "Mikko Nieminen" in response.content.decode()


def test_seeding_twice_changes_nothing(seeded_academy, settings):
    before = snapshot()
    settings.DEBUG = True
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", stdout=quiet)
    assert snapshot() == before
