"""The KPI leaderboard page: percentages for the viewer's team, never raw values."""

import datetime

import pytest
from django.urls import reverse

from gamification.kpis.models import KpiDefinition
from gamification.services import events_process_all, leaderboard_opt_out_set
from tests.factories import KpiTargetFactory, TeamFactory, kpi_results_send

pytestmark = pytest.mark.django_db

URL = reverse("gamification:kpi_leaderboard")
WEEK0 = datetime.date(2026, 11, 2)
WEEK1 = WEEK0 + datetime.timedelta(weeks=1)
RAW_VALUES = ("92.5", "92,5", "7.25", "7,25")


@pytest.fixture
def csat(db):
    return KpiDefinition.objects.get(code="csat")  # higher is better


@pytest.fixture
def aht(db):
    return KpiDefinition.objects.get(code="aht")  # lower is better, in minutes


@pytest.fixture
def targets(team, csat, aht):
    KpiTargetFactory(team=team, kpi=csat, value=85, valid_from=WEEK0)
    KpiTargetFactory(team=team, kpi=aht, value=8, valid_from=WEEK0)


def send(user, kpi, period_start, value):
    kpi_results_send(user=user, kpi=kpi, period_start=period_start, value=value, process=False)


@pytest.fixture
def week0_results(agents, csat, aht, targets):
    """Aino: CSAT 92.5 against 85 (109 %); Bo: AHT 7.25 min against 8 (110 %)."""
    send(agents[0], csat, WEEK0, "92.5")
    send(agents[1], aht, WEEK0, "7.25")
    events_process_all()


def assert_no_raw_values(content: str) -> None:
    for raw in RAW_VALUES:
        assert raw not in content


def test_agent_sees_their_team_ranked_by_percentages_never_values(client, agents, week0_results):
    client.force_login(agents[0])
    response = client.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert_no_raw_values(content)
    board = response.context["board"]
    assert [(row.user_id, row.rank, row.percent) for row in board.rows] == [
        (agents[1].pk, 1, 110),
        (agents[0].pk, 2, 109),
    ]
    assert "110 %" in content and "109 %" in content
    assert "Helpdesk North" in content
    assert "2 November 2026" in content  # which week
    assert "100 % = on target, for every KPI, whichever direction is better." in content
    assert "<caption>" in content and 'scope="row"' in content
    # The viewer's own row is highlighted.
    assert 'class="is-me" aria-current="true"' in content
    assert content.count('class="is-me"') == 1
    assert "<strong>#2</strong>" in content


def test_most_recent_week_with_standings_is_shown(client, agents, csat, targets, week0_results):
    send(agents[2], csat, WEEK1, "85")
    events_process_all()
    client.force_login(agents[0])
    response = client.get(URL)
    assert response.context["period_start"] == WEEK1
    assert "9 November 2026" in response.content.decode()
    assert [row.user_id for row in response.context["board"].rows] == [agents[2].pk]


def test_improvement_tab_ranks_by_improvement_over_own_baseline(client, agents, csat, aht, targets):
    send(agents[0], csat, WEEK0, "80")
    send(agents[1], aht, WEEK0, "8")
    events_process_all()
    send(agents[0], csat, WEEK1, "92.5")
    send(agents[1], aht, WEEK1, "7.25")
    events_process_all()
    client.force_login(agents[0])
    response = client.get(URL, {"metric": "improvement"})
    content = response.content.decode()
    assert response.context["metric"] == "improvement"
    # CSAT 80 -> 92.5 is 16 % better; AHT 8 -> 7.25 min is 9 % better.
    assert [(row.user_id, row.percent) for row in response.context["board"].rows] == [
        (agents[0].pk, 16),
        (agents[1].pk, 9),
    ]
    assert "+16 %" in content and "+9 %" in content
    assert_no_raw_values(content)
    current = [tab.label for tab in response.context["metric_tabs"] if tab.current]
    assert current == ["Improvement over own baseline"]


def test_kpi_tab_shows_only_that_kpis_agents(client, agents, week0_results):
    client.force_login(agents[0])
    response = client.get(URL, {"kpi": "csat"})
    assert [row.user_id for row in response.context["board"].rows] == [agents[0].pk]
    tabs = response.context["kpi_tabs"]
    assert tabs[0].label == "All KPIs" and not tabs[0].current
    assert [tab.label for tab in tabs if tab.current] == ["CSAT"]
    assert "kpi=aht" in "".join(tab.url for tab in tabs)
    # An unknown KPI code falls back to all KPIs.
    response = client.get(URL, {"kpi": "nonsense"})
    assert response.context["kpi"] is None
    assert len(response.context["board"].rows) == 2


def test_opted_out_names_are_anonymous_to_peers(client, agents, week0_results):
    leaderboard_opt_out_set(user=agents[1], opted_out=True)
    client.force_login(agents[0])
    content = client.get(URL).content.decode()
    assert "Anonymous agent" in content
    assert "Bo Agent" not in content


def test_another_team_is_a_404_except_for_admins(client, agents, admin_user, week0_results):
    other = TeamFactory(name="Helpdesk South")
    client.force_login(agents[0])
    assert client.get(URL, {"team": other.pk}).status_code == 404
    client.force_login(admin_user)
    team = agents[0].team_memberships.get().team
    response = client.get(URL, {"team": team.pk})
    assert response.status_code == 200
    assert len(response.context["board"].rows) == 2
    assert_no_raw_values(response.content.decode())


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_empty_state_without_standings(client, agents, targets):
    client.force_login(agents[0])
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["board"] is None
    assert "No KPI standings on this board yet." in response.content.decode()


def test_xp_leaderboard_links_to_the_kpi_leaderboards(client, agents):
    client.force_login(agents[0])
    content = client.get(reverse("gamification:leaderboard")).content.decode()
    assert f'href="{URL}"' in content
    assert "KPI leaderboards" in content
