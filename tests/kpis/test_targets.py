"""A team's KPI targets: the one in force, its history, and setting a new one."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from gamification.kpis import services
from gamification.kpis.models import KpiDefinition, KpiTarget

pytestmark = pytest.mark.django_db


def url(team):
    return reverse("kpis:targets", args=[team.pk])


def test_current_target_and_history_newest_first(lead_client, lead, team):
    csat = KpiDefinition.objects.get(code="csat")
    today = lead.local_today()
    monday = today - timedelta(days=today.weekday())
    for weeks_ago, value in ((8, "75"), (4, "80"), (-4, "90")):
        services.target_set(
            kpi=csat,
            team=team,
            value=Decimal(value),
            valid_from=monday - timedelta(weeks=weeks_ago),
            set_by=lead,
        )
    response = lead_client.get(url(team))
    assert response.status_code == 200
    row = next(r for r in response.context["rows"] if r["kpi"].code == "csat")
    assert row["current"].value == Decimal("80")
    assert [t.value for t in row["history"]] == [Decimal("90"), Decimal("80"), Decimal("75")]
    html = response.content.decode()
    assert "Leena Lead" in html and "No target in force." in html  # other KPIs have none


def test_setting_a_target_adds_a_row(lead_client, lead, team):
    csat = KpiDefinition.objects.get(code="csat")
    response = lead_client.post(
        url(team), {"kpi": csat.pk, "value": "85.5", "valid_from": "2026-01-05"}
    )
    assert response.status_code == 302
    target = KpiTarget.objects.get()
    assert (target.team, target.user, target.value, target.valid_from, target.set_by) == (
        team,
        None,
        Decimal("85.50"),
        date(2026, 1, 5),
        lead,
    )


@pytest.mark.parametrize(
    ("code", "value", "valid_from", "fragment"),
    [
        ("csat", "80", "2026-01-06", "Monday"),
        ("nps", "30", "2026-02-02", "1st"),
        ("csat", "120", "2026-01-05", "between"),
        ("csat", "abc", "2026-01-05", "number"),
        ("csat", "80", "", "required"),
    ],
)
def test_bad_targets_are_explained_in_the_form(
    lead_client, team, code, value, valid_from, fragment
):
    kpi = KpiDefinition.objects.get(code=code)
    response = lead_client.post(
        url(team), {"kpi": kpi.pk, "value": value, "valid_from": valid_from}
    )
    assert response.status_code == 200
    assert fragment in response.content.decode()
    assert not KpiTarget.objects.exists()


def test_monthly_target_from_the_first(lead_client, team):
    nps = KpiDefinition.objects.get(code="nps")
    response = lead_client.post(
        url(team), {"kpi": nps.pk, "value": "-5", "valid_from": "2026-02-01"}
    )
    assert response.status_code == 302
    assert KpiTarget.objects.get().value == Decimal("-5")


def test_other_lead_gets_404_and_agent_403(client, team, other_lead, agents):
    csat = KpiDefinition.objects.get(code="csat")
    data = {"kpi": csat.pk, "value": "80", "valid_from": "2026-01-05"}
    client.force_login(other_lead)
    assert client.get(url(team)).status_code == 404
    assert client.post(url(team), data).status_code == 404
    client.force_login(agents[0])
    assert client.get(url(team)).status_code == 403
    assert client.post(url(team), data).status_code == 403
    assert not KpiTarget.objects.exists()


def test_admin_may_set_any_teams_target(client, admin_user, team):
    client.force_login(admin_user)
    csat = KpiDefinition.objects.get(code="csat")
    response = client.post(url(team), {"kpi": csat.pk, "value": "80", "valid_from": "2026-01-05"})
    assert response.status_code == 302 and KpiTarget.objects.filter(team=team).exists()


def test_an_agents_own_target_is_set_and_listed_but_not_the_team_target(
    lead_client, lead, team, agents, other_lead
):
    csat = KpiDefinition.objects.get(code="csat")
    today = lead.local_today()
    monday = today - timedelta(days=today.weekday())
    response = lead_client.post(
        url(team),
        {"kpi": csat.pk, "agent": agents[0].pk, "value": "90", "valid_from": monday.isoformat()},
    )
    assert response.status_code == 302
    target = KpiTarget.objects.get()
    assert (target.user, target.team) == (agents[0], team)

    page = lead_client.get(url(team))
    row = next(r for r in page.context["rows"] if r["kpi"].code == "csat")
    assert row["current"] is None  # the agent's target is not the team's
    assert agents[0].display_name in page.content.decode()

    # Only the team's agents can be chosen.
    refused = lead_client.post(
        url(team),
        {"kpi": csat.pk, "agent": other_lead.pk, "value": "90", "valid_from": monday.isoformat()},
    )
    assert refused.status_code == 200
    assert KpiTarget.objects.count() == 1
