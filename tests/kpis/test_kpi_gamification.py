"""KPI results through the outbox: XP for targets met, KPI badges, attainment boards."""

import datetime
from decimal import Decimal

import pytest

from gamification.kpis.boards import kpi_board
from gamification.kpis.models import KpiDefinition, KpiStanding
from gamification.kpis.targets import targets_in_force
from gamification.models import BadgeAward, Event, XpEntry, XpTotal
from gamification.services import events_process_all
from tests.factories import BadgeClassFactory, KpiTargetFactory, kpi_results_send

pytestmark = pytest.mark.django_db

WEEK0 = datetime.date(2026, 11, 2)
assert WEEK0.weekday() == 0


def week(n: int) -> datetime.date:
    return WEEK0 + datetime.timedelta(weeks=n)


@pytest.fixture
def csat(db):
    return KpiDefinition.objects.get(code="csat")  # higher is better, minimum sample 10


@pytest.fixture
def aht(db):
    return KpiDefinition.objects.get(code="aht")  # lower is better, minimum sample 20


@pytest.fixture
def targets(team, csat, aht):
    KpiTargetFactory(team=team, kpi=csat, value=85, valid_from=WEEK0)
    KpiTargetFactory(team=team, kpi=aht, value=300, valid_from=WEEK0)


def kpi_xp(user) -> list[XpEntry]:
    return list(XpEntry.objects.filter(user=user, rule="kpi_target").order_by("source"))


# --- XP ---------------------------------------------------------------------------------------


def test_target_met_pays_xp_once_however_often_the_result_is_sent(agents, csat, targets):
    agent = agents[0]
    kpi_results_send(user=agent, kpi=csat, period_start=week(0), value="90")
    entries = kpi_xp(agent)
    assert [(e.source, e.points) for e in entries] == [(f"kpi:{csat.pk}:{week(0)}", 50)]
    # The same row again, and a corrected value: no second payment.
    kpi_results_send(user=agent, kpi=csat, period_start=week(0), value="90")
    kpi_results_send(user=agent, kpi=csat, period_start=week(0), value="93")
    assert len(kpi_xp(agent)) == 1
    assert XpTotal.objects.get(user=agent).total == 50


def test_one_import_meeting_several_targets_pays_each(agents, csat, aht, targets):
    from gamification.kpis.ingest import CleanRow
    from gamification.kpis.services import measurements_import

    agent = agents[0]
    measurements_import(
        rows=[
            CleanRow(1, agent.pk, csat.pk, week(0), Decimal(90), 40, ""),
            CleanRow(2, agent.pk, csat.pk, week(1), Decimal(91), 40, ""),
            CleanRow(3, agent.pk, aht.pk, week(0), Decimal(250), 40, ""),
        ],
        source="api",
    )
    events_process_all()
    assert len(kpi_xp(agent)) == 3
    assert XpTotal.objects.get(user=agent).total == 150


def test_too_small_a_sample_earns_nothing(agents, csat, targets):
    kpi_results_send(user=agents[0], kpi=csat, period_start=week(0), value="99", sample_size=5)
    assert kpi_xp(agents[0]) == []
    standing = KpiStanding.objects.get(user=agents[0], kpi=csat)
    assert standing.counted is False and standing.met is None


def test_missed_target_earns_nothing(agents, csat, targets):
    kpi_results_send(user=agents[0], kpi=csat, period_start=week(0), value="80")
    assert kpi_xp(agents[0]) == []
    assert KpiStanding.objects.get(user=agents[0], kpi=csat).met is False


def test_lower_is_better_kpi_meets_its_target_from_below(agents, aht, targets):
    agent = agents[0]
    kpi_results_send(user=agent, kpi=aht, period_start=week(0), value="280")
    kpi_results_send(user=agent, kpi=aht, period_start=week(1), value="320")
    assert [e.source for e in kpi_xp(agent)] == [f"kpi:{aht.pk}:{week(0)}"]
    first = KpiStanding.objects.get(user=agent, kpi=aht, period_start=week(0))
    assert first.met is True
    assert first.attainment == Decimal("1.0714")  # 300 / 280


def test_kpi_results_do_not_count_as_learning_days(agents, csat, targets):
    kpi_results_send(user=agents[0], kpi=csat, period_start=week(0), value="90")
    assert not agents[0].activity_days.exists()


def test_processing_the_same_events_twice_changes_nothing(agents, csat, targets):
    agent = agents[0]
    for n, value in enumerate(["90", "91", "80"]):
        kpi_results_send(user=agent, kpi=csat, period_start=week(n), value=value)
    before = (
        list(XpEntry.objects.values_list("source", "points")),
        list(KpiStanding.objects.values_list("period_start", "met", "attainment", "improvement")),
        XpTotal.objects.get(user=agent).total,
    )
    Event.objects.update(status=Event.Status.PENDING)
    assert events_process_all() == 3
    after = (
        list(XpEntry.objects.values_list("source", "points")),
        list(KpiStanding.objects.values_list("period_start", "met", "attainment", "improvement")),
        XpTotal.objects.get(user=agent).total,
    )
    assert after == before


# --- targets in force ----------------------------------------------------------------------


def test_agent_target_beats_team_target_and_history_is_kept(
    team, agents, csat, django_assert_num_queries
):
    agent, other = agents[0], agents[1]
    KpiTargetFactory(team=team, kpi=csat, value=80, valid_from=week(0))
    KpiTargetFactory(team=team, kpi=csat, value=85, valid_from=week(2))
    KpiTargetFactory(team=team, user=agent, kpi=csat, value=90, valid_from=week(1))
    periods = [week(0), week(1), week(2)]
    with django_assert_num_queries(2):
        found = targets_in_force(user_ids=[agent.pk, other.pk], kpi_ids=[csat.pk], periods=periods)
    assert [found[(agent.pk, csat.pk, p)] for p in periods] == [80, 90, 90]
    assert [found[(other.pk, csat.pk, p)] for p in periods] == [80, 80, 85]
    assert (agent.pk, csat.pk, week(0) - datetime.timedelta(weeks=1)) not in targets_in_force(
        user_ids=[agent.pk], kpi_ids=[csat.pk], periods=[week(0) - datetime.timedelta(weeks=1)]
    )


# --- badges ----------------------------------------------------------------------------------


def test_streak_badge_after_n_periods_in_a_row(agents, csat, targets):
    badge = BadgeClassFactory(name="Steady", criterion="kpi_streak", kpi=csat, threshold=3)
    agent, gappy = agents[0], agents[1]
    for n in range(2):
        kpi_results_send(user=agent, kpi=csat, period_start=week(n), value="90")
    assert not BadgeAward.objects.filter(user=agent, badge=badge).exists()
    kpi_results_send(user=agent, kpi=csat, period_start=week(2), value="90")
    assert BadgeAward.objects.filter(user=agent, badge=badge).count() == 1
    # A week without a result breaks the run.
    for n in (0, 1, 3):
        kpi_results_send(user=gappy, kpi=csat, period_start=week(n), value="90")
    assert not BadgeAward.objects.filter(user=gappy, badge=badge).exists()


def test_streak_badge_for_any_kpi_counts_only_enough_sample(agents, csat, targets):
    badge = BadgeClassFactory(name="Any steady", criterion="kpi_streak", threshold=2)
    agent = agents[0]
    kpi_results_send(user=agent, kpi=csat, period_start=week(0), value="90")
    kpi_results_send(user=agent, kpi=csat, period_start=week(1), value="90", sample_size=3)
    assert not BadgeAward.objects.filter(user=agent, badge=badge).exists()


def test_improvement_badge_over_own_baseline(agents, aht, targets):
    badge = BadgeClassFactory(name="Faster", criterion="kpi_improved", kpi=aht, threshold=10)
    agent = agents[0]
    for n in range(4):
        kpi_results_send(user=agent, kpi=aht, period_start=week(n), value="400")
    kpi_results_send(user=agent, kpi=aht, period_start=week(4), value="380")  # 5 % better
    assert not BadgeAward.objects.filter(user=agent, badge=badge).exists()
    kpi_results_send(user=agent, kpi=aht, period_start=week(5), value="340")
    # Baseline: mean of 400, 400, 400, 380 = 395; 340 is 13.9 % better.
    assert BadgeAward.objects.filter(user=agent, badge=badge).count() == 1
    standing = KpiStanding.objects.get(user=agent, kpi=aht, period_start=week(5))
    assert standing.improvement == Decimal("0.1392")


def test_kpi_badge_describes_itself(csat):
    from gamification.rules import CRITERIA

    badge = BadgeClassFactory(criterion="kpi_improved", kpi=csat, threshold=10)
    assert "10%" in CRITERIA[badge.criterion].describe(badge)
    badge.threshold = None
    assert CRITERIA[badge.criterion].missing_params(badge) == ["threshold"]


# --- boards ----------------------------------------------------------------------------------


def test_attainment_board_ranks_a_csat_and_an_aht_agent_fairly(team, agents, csat, aht, targets):
    csat_agent, aht_agent, small_sample = agents
    # CSAT 90 against 85 (106 %) versus AHT 240 s against 300 s (125 %): raw values would
    # rank the AHT agent first for the wrong reason (240 > 90); attainment for the right one.
    kpi_results_send(user=csat_agent, kpi=csat, period_start=week(0), value="90")
    kpi_results_send(user=aht_agent, kpi=aht, period_start=week(0), value="240")
    kpi_results_send(user=small_sample, kpi=csat, period_start=week(0), value="99", sample_size=2)
    board = kpi_board(viewer=csat_agent, period_start=week(0), team=team)
    assert [(row.user_id, row.rank, row.percent) for row in board.rows] == [
        (aht_agent.pk, 1, 125),
        (csat_agent.pk, 2, 106),
    ]
    assert board.me is not None and board.me.rank == 2
    # Per KPI the board shows only that KPI's agents.
    only_csat = kpi_board(viewer=csat_agent, period_start=week(0), kpi=csat, team=team)
    assert [row.user_id for row in only_csat.rows] == [csat_agent.pk]


def test_improvement_board_shows_percent_better_never_values(team, agents, csat, targets):
    steady, improver = agents[0], agents[1]
    for n in range(2):
        kpi_results_send(user=steady, kpi=csat, period_start=week(n), value="90")
        kpi_results_send(user=improver, kpi=csat, period_start=week(n), value=str(70 + 14 * n))
    board = kpi_board(viewer=steady, period_start=week(1), team=team, metric="improvement")
    assert [(row.user_id, row.percent) for row in board.rows] == [(improver.pk, 20), (steady.pk, 0)]
    assert not hasattr(board.rows[0], "value")


def test_board_hides_opted_out_names_from_peers(team, agents, csat, targets):
    from gamification.services import leaderboard_opt_out_set

    viewer, shy = agents[0], agents[1]
    leaderboard_opt_out_set(user=shy, opted_out=True)
    for person in (viewer, shy):
        kpi_results_send(user=person, kpi=csat, period_start=week(0), value="90")
    names = {row.user_id: row.name for row in kpi_board(viewer=viewer, period_start=week(0)).rows}
    assert names[shy.pk] == "Anonymous agent"
    assert names[viewer.pk] == viewer.display_name
