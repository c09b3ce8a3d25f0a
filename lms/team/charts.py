"""Geometry of the team dashboard's inline SVG charts. Pure: no ORM, no Django.

Templates only place what this module measured: every coordinate is in the units of the
chart's ``viewBox``, so the same numbers draw the chart at any width (the SVG scales to 100%
of its container on a phone and on a desktop alike).

The vertical axis starts at zero and ends on a "nice" number (1, 2 or 5 times a power of ten
per gridline): a lead compares bar heights by eye, and a truncated or odd-stepped axis makes
small differences look big.

The calendar helpers at the end put daily counts into ISO weeks (Monday to Sunday), the weeks
the chart's columns stand for.
"""

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

# Gridlines a column chart aims for above the baseline; fewer when the numbers are small.
TICK_TARGET = 4
# Share of each column's slot left empty between bars, so neighbouring weeks stay apart.
BAR_GAP = 0.25
NICE_STEPS = (1, 2, 5, 10)


@dataclass(frozen=True)
class Frame:
    """The drawing: the ``viewBox`` size and the margins left around the plot for labels."""

    width: int = 400
    height: int = 200
    left: int = 32
    right: int = 8
    top: int = 14
    bottom: int = 28

    @property
    def plot_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def plot_height(self) -> float:
        return self.height - self.top - self.bottom

    @property
    def baseline(self) -> float:
        return self.height - self.bottom

    @property
    def plot_right(self) -> float:
        return self.width - self.right

    @property
    def label_y(self) -> float:
        """Where the category labels under the baseline sit."""
        return round(self.height - self.bottom / 3, 2)


@dataclass(frozen=True)
class Scale:
    """A zero-based axis: its top value and the values that get a gridline (0 included)."""

    maximum: int
    step: int

    @property
    def ticks(self) -> list[int]:
        return list(range(0, self.maximum + 1, self.step))


@dataclass(frozen=True)
class Gridline:
    value: int
    y: float


@dataclass(frozen=True)
class Bar:
    """One column: its value and where it is drawn. A zero has zero height on the baseline."""

    value: float
    x: float
    y: float
    width: float
    height: float

    @property
    def center(self) -> float:
        return round(self.x + self.width / 2, 2)

    @property
    def value_y(self) -> float:
        """Where the value written above the column sits."""
        return round(self.y - 3, 2)


def nice_scale(largest: float, *, ticks: int = TICK_TARGET) -> Scale:
    """The smallest whole-number axis at or above ``largest`` with a 1/2/5 x 10^n step.

    Counts are whole numbers, so the step is never below 1: a week with 1 completion gets an
    axis of 0..1, not 0, 0.25, 0.5...
    """
    if largest <= 0:
        return Scale(maximum=1, step=1)
    raw = largest / ticks
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(n * magnitude for n in NICE_STEPS if n * magnitude >= raw)
    step = max(1, int(step))
    return Scale(maximum=step * math.ceil(largest / step), step=step)


def y_for(value: float, *, frame: Frame, scale: Scale) -> float:
    """The y coordinate of ``value`` (SVG's y grows downwards, so bigger is higher up)."""
    clamped = min(max(value, 0), scale.maximum)
    return round(frame.baseline - frame.plot_height * clamped / scale.maximum, 2)


def gridlines(*, frame: Frame, scale: Scale) -> list[Gridline]:
    return [Gridline(value, y_for(value, frame=frame, scale=scale)) for value in scale.ticks]


def column_bars(values: Sequence[float], *, frame: Frame, scale: Scale) -> list[Bar]:
    """Equal-width columns across the plot, in order, each as tall as its value."""
    if not values:
        return []
    slot = frame.plot_width / len(values)
    width = slot * (1 - BAR_GAP)
    bars = []
    for index, value in enumerate(values):
        top = y_for(value, frame=frame, scale=scale)
        bars.append(
            Bar(
                value=value,
                x=round(frame.left + slot * index + (slot - width) / 2, 2),
                y=top,
                width=round(width, 2),
                height=round(frame.baseline - top, 2),
            )
        )
    return bars


def line_points(values: Sequence[float], *, frame: Frame, scale: Scale) -> str:
    """An SVG ``points`` attribute through the centre of each column slot."""
    return " ".join(
        f"{bar.center},{bar.y}" for bar in column_bars(values, frame=frame, scale=scale)
    )


def percent_of(value: float | Decimal | None, maximum: float = 100) -> float:
    """A horizontal bar's length as a percentage of the track, kept within 0..100.

    Scores are already percentages; anything out of range (a bad import) is clamped rather
    than drawn outside the card.
    """
    if value is None or maximum <= 0:
        return 0.0
    return round(min(max(float(value) / maximum * 100, 0.0), 100.0), 2)


# --- Calendar: which ISO week a day falls in ---------------------------------------------------


def week_start(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def week_starts(*, today: date, weeks: int) -> list[date]:
    """The Mondays of the last ``weeks`` ISO weeks, oldest first, this week last."""
    current = week_start(today)
    return [current - timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]


def weekly_counts(per_day: Mapping[date, int], *, starts: Sequence[date]) -> list[int]:
    """Daily counts summed into the given weeks; weeks nobody completed anything in are 0.

    Days outside the weeks are ignored: the caller asked the database for those weeks only,
    but a day on the edge must never be counted twice.
    """
    index = {start: position for position, start in enumerate(starts)}
    counts = [0] * len(starts)
    for day, count in per_day.items():
        position = index.get(week_start(day))
        if position is not None:
            counts[position] += count
    return counts


def running_totals(counts: Sequence[int], *, start: int = 0) -> list[int]:
    """The cumulative total after each week, on top of ``start`` done before the first."""
    return list(itertools.accumulate(counts, initial=start))[1:]
