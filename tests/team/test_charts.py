"""The chart geometry a lead reads by eye: zero-based axes, proportional bars, right weeks."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lms.team import charts

FRAME = charts.Frame()


@pytest.mark.parametrize(
    ("largest", "maximum", "step"),
    [
        (0, 1, 1),
        (1, 1, 1),
        (3, 3, 1),
        (4, 4, 1),
        (7, 8, 2),
        (9, 10, 5),
        (40, 40, 10),
        (41, 60, 20),
        (100, 100, 50),
        (2.5, 3, 1),
    ],
)
def test_the_axis_ends_on_a_nice_number_at_or_above_the_largest_value(largest, maximum, step):
    scale = charts.nice_scale(largest)
    assert (scale.maximum, scale.step) == (maximum, step)
    assert scale.ticks[0] == 0
    assert scale.ticks[-1] == scale.maximum


@given(st.floats(min_value=0, max_value=1e7, allow_nan=False))
def test_every_value_fits_under_the_axis_with_at_most_a_handful_of_gridlines(largest):
    scale = charts.nice_scale(largest)
    assert scale.maximum >= largest
    assert scale.step >= 1
    assert 2 <= len(scale.ticks) <= 11


def test_columns_are_as_tall_as_their_values_and_a_zero_week_has_no_column():
    scale = charts.Scale(maximum=4, step=1)
    bars = charts.column_bars([0, 2, 4], frame=FRAME, scale=scale)

    assert [bar.height for bar in bars] == [0, FRAME.plot_height / 2, FRAME.plot_height]
    assert all(bar.y + bar.height == FRAME.baseline for bar in bars)
    assert bars[2].y == FRAME.top
    assert bars[0].x < bars[1].x < bars[2].x


@given(
    st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=60),
)
def test_columns_never_leave_the_plot_nor_overlap(values):
    scale = charts.nice_scale(max(values))
    bars = charts.column_bars(values, frame=FRAME, scale=scale)

    assert len(bars) == len(values)
    for bar, value in zip(bars, values, strict=True):
        assert FRAME.left <= bar.x
        assert bar.x + bar.width <= FRAME.plot_right + 0.01
        assert FRAME.top - 0.01 <= bar.y <= FRAME.baseline
        assert bar.height >= 0
        assert bar.value == value
    for left, right in zip(bars, bars[1:], strict=False):
        assert left.x + left.width < right.x
    # Proportional: the tallest value gets the tallest column.
    tallest = max(range(len(values)), key=values.__getitem__)
    assert bars[tallest].height == max(bar.height for bar in bars)


def test_gridlines_run_from_the_baseline_up_to_the_top_of_the_plot():
    lines = charts.gridlines(frame=FRAME, scale=charts.Scale(maximum=10, step=5))

    assert [line.value for line in lines] == [0, 5, 10]
    assert lines[0].y == FRAME.baseline
    assert lines[-1].y == FRAME.top


def test_the_trend_line_passes_through_each_column_centre():
    scale = charts.Scale(maximum=2, step=1)
    points = [
        tuple(float(n) for n in point.split(","))
        for point in charts.line_points([0, 2], frame=FRAME, scale=scale).split()
    ]
    bars = charts.column_bars([0, 2], frame=FRAME, scale=scale)

    assert points == [(bars[0].center, FRAME.baseline), (bars[1].center, FRAME.top)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, 0.0), (0, 0.0), (72.5, 72.5), (100, 100.0), (130, 100.0), (-5, 0.0)],
)
def test_horizontal_bars_are_a_share_of_the_track_clamped_to_it(value, expected):
    assert charts.percent_of(value) == expected


def test_weeks_are_iso_weeks_ending_with_the_current_one():
    # Wednesday 12 March 2025 is in ISO week 11, which starts on Monday 10 March.
    starts = charts.week_starts(today=date(2025, 3, 12), weeks=3)

    assert starts == [date(2025, 2, 24), date(2025, 3, 3), date(2025, 3, 10)]
    assert [start.isocalendar().week for start in starts] == [9, 10, 11]


def test_a_new_year_week_belongs_to_its_iso_year():
    # 1 January 2026 is a Thursday in ISO week 1, which starts on Monday 29 December 2025.
    assert charts.week_starts(today=date(2026, 1, 1), weeks=1) == [date(2025, 12, 29)]


def test_daily_counts_land_in_their_week_and_empty_weeks_are_zero():
    starts = charts.week_starts(today=date(2025, 3, 12), weeks=3)
    per_day = {
        date(2025, 2, 24): 1,  # Monday of the first week
        date(2025, 3, 9): 2,  # Sunday: still the middle week
        date(2025, 3, 10): 4,  # Monday: this week
        date(2025, 2, 23): 9,  # before the chart: not drawn
    }

    counts = charts.weekly_counts(per_day, starts=starts)

    assert counts == [1, 2, 4]
    assert charts.running_totals(counts, start=5) == [6, 8, 12]
    assert charts.weekly_counts({}, starts=starts) == [0, 0, 0]
