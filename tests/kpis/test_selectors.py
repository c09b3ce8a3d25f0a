"""KPI reads for /me/ and the team KPI page, and the sparkline geometry they draw."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from gamification.kpis import services, sparkline
from gamification.kpis.ingest import CleanRow
from gamification.kpis.models import KpiDefinition
from gamification.kpis.selectors import Status, my_kpis, team_kpis, window
from tests.factories import TeamMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 3, 2)


def week(n: int) -> datetime.date:
    """The n-th Monday before ``MONDAY`` (0 is MONDAY itself)."""
    return MONDAY - datetime.timedelta(weeks=n)


def record(rows: list[tuple]) -> None:
    """Results through the upload service: (user, code, start, value, sample[, channel])."""
    kpis = {kpi.code: kpi for kpi in KpiDefinition.objects.all()}
    services.measurements_import(
        rows=[
            CleanRow(
                line=n,
                user_id=user.pk,
                kpi_id=kpis[code].pk,
                period_start=start,
                value=Decimal(str(value)),
                sample_size=sample,
                channel=rest[0] if rest else "",
            )
            for n, (user, code, start, value, sample, *rest) in enumerate(rows, start=2)
        ],
        source="upload",
    )


def target(team, lead, code: str, value, valid_from=None, user=None):
    kpi = KpiDefinition.objects.get(code=code)
    start = valid_from or (week(20) if kpi.period == "week" else datetime.date(2025, 1, 1))
    return services.target_set(
        kpi=kpi, team=team, value=Decimal(str(value)), valid_from=start, set_by=lead, user=user
    )


# --- sparkline (pure) -----------------------------------------------------------------------


def test_sparkline_of_nothing_is_empty():
    assert sparkline.build([None, None]).empty
    assert sparkline.build([]).segments == ()


def test_sparkline_draws_bigger_values_higher_also_when_lower_is_better():
    line = sparkline.build([Decimal(9), Decimal(6)], target=Decimal(8), lower_is_better=True)
    (segment,) = line.segments
    first, last = (tuple(map(float, point.split(","))) for point in segment.split())
    assert first[1] < last[1]  # 9 min drawn above 6 min: the label, not the axis, says "lower"
    assert line.lower_is_better
    assert last[1] > line.target_y > first[1]


def test_sparkline_gaps_split_the_line_and_the_target_stays_in_the_box():
    line = sparkline.build([80, None, 82, 84, None, 90], target=100, height=32)
    assert len(line.segments) == 3  # 80 | 82 84 | 90
    assert len(line.dots) == 4
    assert line.target_y is not None and 0 <= line.target_y <= line.height
    assert line.last == line.dots[-1]
    assert line.last.x == line.width - sparkline.PAD


def test_flat_sparkline_sits_mid_height():
    line = sparkline.build([Decimal(85), Decimal(85)])
    assert line.last is not None and line.last.y == pytest.approx(line.height / 2)


def test_window_counts_back_weeks_and_months():
    assert window(MONDAY, "week", 3) == [week(2), week(1), MONDAY]
    assert window(datetime.date(2026, 1, 1), "month", 3) == [
        datetime.date(2025, 11, 1),
        datetime.date(2025, 12, 1),
        datetime.date(2026, 1, 1),
    ]


# --- /me/ -----------------------------------------------------------------------------------


def test_my_kpis_is_empty_without_results(agents):
    assert my_kpis(user=agents[0]) == []


def test_my_kpis_latest_against_the_target_with_a_trend(team, lead, agents):
    aino, bo, _chen = agents
    target(team, lead, "csat", 85)
    target(team, lead, "aht", 8)
    record(
        [
            (aino, "csat", week(2), 90, 30),
            (aino, "csat", MONDAY, 80, 30),  # week(1) missing: a gap
            (aino, "aht", MONDAY, 7.5, 40),
            (bo, "csat", MONDAY, 99, 30),  # someone else's result is not Aino's
        ]
    )
    cards = {card.kpi.code: card for card in my_kpis(user=aino, periods=4)}
    assert set(cards) == {"csat", "aht"}
    csat = cards["csat"]
    assert [point.period_start for point in csat.points] == [week(3), week(2), week(1), MONDAY]
    assert [point.value for point in csat.points] == [None, Decimal(90), None, Decimal(80)]
    assert csat.latest.value == Decimal(80) and csat.latest.target == Decimal(85)
    assert csat.latest.status == Status.MISSED and csat.latest.below
    assert len(csat.spark.segments) == 2
    aht = cards["aht"]
    assert aht.lower_is_better and aht.latest.status == Status.MET


def test_my_kpis_too_few_surveys_is_neither_met_nor_missed(team, lead, agents):
    target(team, lead, "csat", 85)
    record([(agents[0], "csat", MONDAY, 40, 3)])  # CSAT needs 10 surveys
    (card,) = my_kpis(user=agents[0])
    assert card.latest.status == Status.FEW
    assert not card.latest.below and not card.latest.met


def test_my_kpis_without_a_target_says_so(agents):
    record([(agents[0], "fcr", MONDAY, 70, 40)])
    (card,) = my_kpis(user=agents[0])
    assert card.latest.status == Status.NO_TARGET and card.spark.target_y is None


def test_channels_of_a_period_merge_weighted_by_sample(team, lead, agents):
    record(
        [
            (agents[0], "csat", MONDAY, 90, 30, "chat"),
            (agents[0], "csat", MONDAY, 70, 10, "phone"),
        ]
    )
    (card,) = my_kpis(user=agents[0])
    assert card.latest.value == Decimal("85.00") and card.latest.sample_size == 40


def test_an_agents_own_target_beats_the_teams(team, lead, agents):
    target(team, lead, "csat", 85)
    target(team, lead, "csat", 75, user=agents[0])
    record([(agents[0], "csat", MONDAY, 80, 30)])
    (card,) = my_kpis(user=agents[0])
    assert card.latest.target == Decimal(75) and card.latest.met


# --- the team page --------------------------------------------------------------------------


def test_team_kpis_average_below_target_and_training(team, lead, agents, courses):
    from courses import services as course_services

    aino, bo, chen = agents
    target(team, lead, "csat", 85)
    record(
        [
            (aino, "csat", week(1), 90, 20),
            (aino, "csat", MONDAY, 92, 20),
            (bo, "csat", MONDAY, 70, 20),
            (chen, "csat", MONDAY, 60, 2),  # too few surveys: not "below"
        ]
    )
    due = timezone.localdate() + datetime.timedelta(days=30)
    course_services.assignments_create(assigned_by=lead, users=[aino], item=courses[0], due_on=due)

    result = team_kpis(team=team, periods=2)
    (csat,) = result.kpis
    assert [p.period_start for p in csat.periods] == [week(1), MONDAY]
    # Weighted by surveys: (92*20 + 70*20 + 60*2) / 42
    assert csat.latest.value == Decimal("80.00") and csat.latest.target == Decimal(85)
    assert csat.latest.status == Status.MISSED
    assert [user for user, _result in csat.below] == [bo]
    rows = {row.user: row for row in result.agents}
    assert set(rows) == {aino, bo, chen}
    assert (rows[aino].completed, rows[aino].assigned) == (0, 1)
    assert rows[bo].below_count == 1 and rows[chen].results[0].status == Status.FEW
    assert set(result.shown) == {aino, bo, chen}


def test_team_kpis_without_results(team, agents):
    result = team_kpis(team=team)
    assert result.kpis == [] and result.shown == []
    assert len(result.agents) == 3


# --- constant queries -----------------------------------------------------------------------


def grow(team, lead, *, agents: int, weeks: int, label: str) -> list:
    people = [UserFactory(email=f"{label}{n}@example.test") for n in range(agents)]
    for person in people:
        TeamMembershipFactory(team=team, user=person)
    rows = [
        (person, code, week(n), 80 + n % 5, 30, channel)
        for person in people
        for code in ("csat", "fcr", "aht")
        for n in range(weeks)
        for channel in ("chat", "phone")
    ]
    record(rows)
    return people


def test_my_kpis_query_count_does_not_grow(team, lead, django_assert_num_queries):
    (small,) = grow(team, lead, agents=1, weeks=2, label="small")
    (large,) = grow(team, lead, agents=1, weeks=30, label="large")
    target(team, lead, "csat", 85)
    target(team, lead, "fcr", 75, user=large)
    my_kpis(user=small)  # fills the content cache with the KPI definitions
    for user in (small, large):
        # 5, not 6: the definitions come from the content cache (courses/content_cache.py).
        with django_assert_num_queries(5):
            my_kpis(user=user)


def test_team_kpis_query_count_does_not_grow(team, lead, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lms.accounts.models import Team

    target(team, lead, "csat", 85)
    grow(team, lead, agents=2, weeks=2, label="small")
    other = Team.objects.create(name="Large team")
    grow(other, lead, agents=25, weeks=20, label="large")
    target(other, lead, "csat", 85)
    counts = []
    for each in (team, other):
        with CaptureQueriesContext(connection) as queries:
            result = team_kpis(team=each)
        counts.append(len(queries))
        assert result.kpis
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(12):
        team_kpis(team=other)


# Issue 7: the team KPI page (16 today) at most this many, whatever the size of the team:
# session, user, team, the training matrix, the KPI reads, the access log and the bell.
MAX_TEAM_PAGE_QUERIES = 17


def test_team_kpi_page_query_count_does_not_grow(client, team, lead, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from lms.accounts.models import Team, TeamMembership

    client.force_login(lead)
    target(team, lead, "csat", 85)
    grow(team, lead, agents=2, weeks=2, label="small")
    other = Team.objects.create(name="Large team")
    TeamMembershipFactory(team=other, user=lead, role=TeamMembership.Role.LEAD)
    grow(other, lead, agents=25, weeks=20, label="large")
    target(other, lead, "csat", 85)
    counts = []
    for each in (team, other):
        url = reverse("team:kpis", args=[each.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(MAX_TEAM_PAGE_QUERIES):
        client.get(reverse("team:kpis", args=[other.pk]))


def test_me_with_kpi_results_adds_a_fixed_number_of_queries(client, team, lead):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    (small,) = grow(team, lead, agents=1, weeks=2, label="small")
    (large,) = grow(team, lead, agents=1, weeks=30, label="large")
    counts = []
    for user in (small, large):
        client.force_login(user)
        client.get("/me/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/me/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
