"""KPI results are personal data: agents see their own, leads their team, and every look at
someone else's numbers is logged (DOMAIN.md, issue 7)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from gamification.kpis import services
from gamification.kpis.ingest import CleanRow
from gamification.kpis.models import KpiAccess, KpiDefinition
from gamification.kpis.privacy import kpi_access_log

pytestmark = pytest.mark.django_db

# Values no page would print by chance: if one shows up, it is the seeded result leaking.
AINO_CSAT = "91.37"
BO_CSAT = "63.29"
CHEN_FCR = "57.13"


def monday(weeks_ago: int) -> datetime.date:
    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday(), weeks=weeks_ago)


@pytest.fixture
def results(team, lead, agents):
    aino, bo, chen = agents
    kpis = {kpi.code: kpi for kpi in KpiDefinition.objects.all()}
    services.target_set(
        kpi=kpis["csat"], team=team, value=Decimal(85), valid_from=monday(4), set_by=lead
    )
    rows = [
        (aino, "csat", AINO_CSAT, 30),
        (bo, "csat", BO_CSAT, 30),
        (chen, "fcr", CHEN_FCR, 60),
    ]
    services.measurements_import(
        rows=[
            CleanRow(
                line=n,
                user_id=user.pk,
                kpi_id=kpis[code].pk,
                period_start=monday(1),
                value=Decimal(value),
                sample_size=sample,
                channel="",
            )
            for n, (user, code, value, sample) in enumerate(rows, start=2)
        ],
        source="upload",
    )
    return agents


def values_in(html: str, *values: str) -> set[str]:
    """Which of ``values`` the page shows, however it rounds them (91.37 -> 91.4)."""
    found = set()
    for value in values:
        rounded = f"{Decimal(value):.1f}"
        if value in html or f">{rounded}<" in html:
            found.add(value)
    return found


def team_url(team) -> str:
    return reverse("team:kpis", args=[team.pk])


# --- /me/ -----------------------------------------------------------------------------------


def test_an_agent_sees_only_their_own_values_on_me(client, results):
    aino, bo, _chen = results
    client.force_login(aino)
    html = client.get("/me/").content.decode()
    assert "My KPIs" in html
    assert values_in(html, AINO_CSAT, BO_CSAT, CHEN_FCR) == {AINO_CSAT}
    assert bo.display_name not in html
    # Looking at one's own numbers is not a disclosure: nothing logged.
    assert not KpiAccess.objects.exists()


def test_me_without_results_has_an_empty_state(client, agents):
    client.force_login(agents[0])
    html = client.get("/me/").content.decode()
    assert "My KPIs" in html and "No KPI results yet" in html


# --- the team KPI page ----------------------------------------------------------------------


def test_team_kpis_page_is_for_the_teams_lead_only(client, team, agents, other_lead, results):
    url = team_url(team)
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response.url

    client.force_login(agents[0])
    assert client.get(url).status_code == 403
    client.force_login(other_lead)
    assert client.get(url).status_code == 404
    assert not KpiAccess.objects.exists()


def test_lead_sees_the_team_and_each_view_is_logged_per_agent(lead_client, lead, team, results):
    aino, bo, chen = results
    url = team_url(team)
    response = lead_client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert values_in(html, AINO_CSAT, BO_CSAT, CHEN_FCR) == {AINO_CSAT, BO_CSAT, CHEN_FCR}
    assert "/team/kpis/upload/" in html and f"/team/kpis/targets/{team.pk}/" in html
    assert 'aria-current="true">KPIs<' in html
    # Bo is below the CSAT target of 85.
    assert "1 agent below target" in html

    logged = list(KpiAccess.objects.values_list("viewer_id", "subject_id", "action", "path"))
    assert sorted(logged) == sorted((lead.pk, agent.pk, "view", url) for agent in (aino, bo, chen))

    lead_client.get(url)
    assert KpiAccess.objects.count() == 6  # one row per agent shown, per view


def test_an_admin_view_is_logged_too(client, admin_user, team, results):
    client.force_login(admin_user)
    assert client.get(team_url(team)).status_code == 200
    assert KpiAccess.objects.filter(viewer=admin_user, action="view").count() == 3


def test_agents_without_results_are_not_logged(lead_client, team, agents):
    assert lead_client.get(team_url(team)).status_code == 200
    assert not KpiAccess.objects.exists()


def test_the_log_skips_the_viewer_and_duplicates(lead, agents):
    rows = kpi_access_log(
        viewer=lead, subjects=[lead, agents[0], agents[0].pk, agents[1]], action="export"
    )
    assert [row.subject_id for row in rows] == [agents[0].pk, agents[1].pk]
    assert kpi_access_log(viewer=lead, subjects=[lead], action="view") == []


# --- leaderboards ---------------------------------------------------------------------------


def test_leaderboards_never_show_raw_kpi_values(client, results):
    aino, _bo, _chen = results
    client.force_login(aino)
    for query in ("", "?scope=academy", "?scope=team"):
        response = client.get("/leaderboards/" + query)
        assert response.status_code == 200
        assert values_in(response.content.decode(), AINO_CSAT, BO_CSAT, CHEN_FCR) == set()
