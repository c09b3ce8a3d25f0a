"""The pure KPI meanings: attainment, targets met, sample sizes, baselines and runs."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gamification.kpis import attainment as a

positive = st.decimals(min_value="0.01", max_value="100000", places=2)
statuses = st.lists(st.sampled_from([True, False, None]), max_size=30)


def test_on_target_is_one_for_both_directions():
    assert a.attainment(Decimal(85), Decimal(85), "higher") == Decimal(1)
    assert a.attainment(Decimal(300), Decimal(300), "lower") == Decimal(1)


def test_lower_is_better_inverts_the_ratio():
    # AHT 240 s against a 300 s target is better than target: 125 %.
    assert a.attainment(Decimal(240), Decimal(300), "lower") == Decimal("1.25")
    assert a.attainment(Decimal(80), Decimal(100), "higher") == Decimal("0.8")


def test_zero_guards_and_cap():
    assert a.attainment(Decimal(50), Decimal(0), "higher") is None
    assert a.attainment(Decimal(50), Decimal(-10), "lower") is None
    assert a.attainment(Decimal(0), Decimal(300), "lower") == a.ATTAINMENT_CAP
    assert a.attainment(Decimal(3), Decimal(300), "lower") == a.ATTAINMENT_CAP
    assert a.attainment(Decimal(-20), Decimal(30), "higher") == Decimal(0)


@given(value=positive, target=positive, direction=st.sampled_from(["higher", "lower"]))
def test_attainment_is_one_or_more_exactly_when_target_met(value, target, direction):
    result = a.attainment(value, target, direction)
    assert Decimal(0) <= result <= a.ATTAINMENT_CAP
    if a.target_met(value, target, direction):
        assert result >= Decimal(1)
    else:
        # Rounded to four places, a whisker under target may show as 1.0000, never above it.
        assert result <= Decimal(1)


@given(
    value=positive, better=positive, target=positive, direction=st.sampled_from(["higher", "lower"])
)
def test_a_better_value_never_attains_less(value, better, target, direction):
    improved = value + better if direction == "higher" else value * Decimal("0.5")
    assert a.attainment(improved, target, direction) >= a.attainment(value, target, direction)


@given(sample=st.integers(0, 1000), minimum=st.integers(0, 1000))
def test_counts_needs_the_minimum_and_at_least_one(sample, minimum):
    assert a.counts(sample, minimum) == (sample >= max(minimum, 1))


def test_baseline_uses_up_to_four_previous_values():
    assert a.baseline([]) is None
    assert a.baseline([Decimal(80)]) == Decimal(80)
    assert a.baseline([Decimal(v) for v in (90, 80, 70, 60, 10)]) == Decimal(75)


@given(st.lists(positive, min_size=1, max_size=10))
def test_baseline_lies_between_the_values_it_averages(values):
    base = a.baseline(values)
    used = values[:4]
    assert min(used) <= base <= max(used)


def test_improvement_is_direction_aware():
    assert a.improvement(Decimal(88), Decimal(80), "higher") == Decimal("0.1")
    assert a.improvement(Decimal(270), Decimal(300), "lower") == Decimal("0.1")
    assert a.improvement(Decimal(330), Decimal(300), "lower") == Decimal("-0.1")
    assert a.improvement(Decimal(5), None, "higher") is None
    assert a.improvement(Decimal(5), Decimal(0), "higher") is None


@given(value=positive, base=positive, direction=st.sampled_from(["higher", "lower"]))
def test_improvement_positive_exactly_when_better_than_baseline(value, base, direction):
    result = a.improvement(value, base, direction)
    better = value > base if direction == "higher" else value < base
    if better:
        assert result >= 0
    elif value == base:
        assert result == 0
    else:
        assert result <= 0


def test_runs_stop_at_unknown_periods():
    assert a.consecutive_misses([False, False, True, False]) == 2
    assert a.consecutive_misses([False, None, False]) == 1
    assert a.consecutive_misses([True, False]) == 0
    assert a.consecutive_met([True, True, True, None, True]) == 3
    assert a.longest_met_run([True, None, True, True, False, True]) == 2


@given(statuses)
def test_runs_are_prefixes(results):
    misses = a.consecutive_misses(results)
    met = a.consecutive_met(results)
    assert all(status is False for status in results[:misses])
    assert all(status is True for status in results[:met])
    assert misses == 0 or met == 0
    assert a.longest_met_run(results[::-1]) >= met


@pytest.mark.parametrize(
    ("start", "period", "previous"),
    [
        (datetime.date(2026, 11, 2), "week", datetime.date(2026, 10, 26)),
        (datetime.date(2026, 3, 1), "month", datetime.date(2026, 2, 1)),
        (datetime.date(2026, 1, 1), "month", datetime.date(2025, 12, 1)),
    ],
)
def test_previous_and_next_period(start, period, previous):
    assert a.previous_period(start, period) == previous
    assert a.next_period(previous, period) == start


def test_periods_between_includes_gaps():
    weeks = a.periods_between(datetime.date(2026, 11, 2), datetime.date(2026, 11, 23), "week")
    assert len(weeks) == 4
