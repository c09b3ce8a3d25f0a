"""What a KPI result means, with no database: attainment, targets met, baselines, runs.

DOMAIN.md: compare attainment against a target or improvement against one's own baseline, never
raw values across queues. Every function here is direction-aware, so that for every KPI a
bigger attainment or improvement is better (AHT 240 s against a 300 s target is 125 %).

Decisions:

- Attainment is capped at ``ATTAINMENT_CAP`` (200 %) and floored at 0: one absurd result (an
  AHT of 3 seconds, a CSAT target of 1 %) must not own a leaderboard, and pushing one number at
  any cost is what DOMAIN.md warns against.
- A target of 0 or below has no meaningful ratio (NPS can be negative): attainment is ``None``,
  while ``target_met`` still compares the values directly.
- The baseline is the mean of up to ``BASELINE_PERIODS`` (4) previous counted periods; with
  none there is no baseline (``None``) and so no improvement.
- Runs (``consecutive_misses``, ``consecutive_met``) take one status per calendar period,
  newest first: ``True`` met, ``False`` missed, ``None`` no counted result (no result, too small
  a sample or no target). ``None`` ends a run: a period we know nothing about is neither a
  miss (remediation is a consequence for a person) nor a success.
"""

import calendar
import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal

HIGHER = "higher"
LOWER = "lower"
ATTAINMENT_CAP = Decimal("2")
BASELINE_PERIODS = 4
PLACES = Decimal("0.0001")


def _clamp(ratio: Decimal) -> Decimal:
    return min(max(ratio, Decimal(0)), ATTAINMENT_CAP).quantize(PLACES)


def attainment(value: Decimal, target: Decimal, direction: str) -> Decimal | None:
    """The result relative to its target: 1 on target, more is better for every KPI."""
    value, target = Decimal(value), Decimal(target)
    if target <= 0:
        return None
    if direction == LOWER:
        if value <= 0:
            return ATTAINMENT_CAP.quantize(PLACES)  # nothing at all to wait for: as good as it gets
        return _clamp(target / value)
    return _clamp(value / target)


def target_met(value: Decimal, target: Decimal, direction: str) -> bool:
    """Whether the result reaches the target (a lower-is-better KPI at or under it)."""
    if direction == LOWER:
        return Decimal(value) <= Decimal(target)
    return Decimal(value) >= Decimal(target)


def counts(sample_size: int, min_sample_size: int) -> bool:
    """A result over too few surveys or contacts is noise: it earns and costs nothing."""
    return sample_size > 0 and sample_size >= min_sample_size


def baseline(previous_values: Iterable[Decimal]) -> Decimal | None:
    """Own baseline: the mean of up to the 4 newest previous values (given newest first)."""
    values = [Decimal(v) for v in list(previous_values)[:BASELINE_PERIODS]]
    if not values:
        return None
    return sum(values, Decimal(0)) / len(values)


def improvement(value: Decimal, base: Decimal | None, direction: str) -> Decimal | None:
    """How much better than the baseline, as a fraction of it (0.1: 10 % better).

    Negative when worse. ``None`` without a baseline or with a baseline of 0 (no ratio).
    """
    if base is None or base == 0:
        return None
    value, base = Decimal(value), Decimal(base)
    change = base - value if direction == LOWER else value - base
    return (change / abs(base)).quantize(PLACES)


def _run(statuses: Iterable[bool | None], wanted: bool) -> int:
    run = 0
    for status in statuses:
        if status is not wanted:
            break
        run += 1
    return run


def consecutive_misses(results_newest_first: Iterable[bool | None]) -> int:
    """Missed periods in a row, ending at the newest period."""
    return _run(results_newest_first, False)


def consecutive_met(results_newest_first: Iterable[bool | None]) -> int:
    """Met periods in a row, ending at the newest period."""
    return _run(results_newest_first, True)


def longest_met_run(results_oldest_first: Sequence[bool | None]) -> int:
    """The longest run of met periods anywhere in the history."""
    longest = current = 0
    for status in results_oldest_first:
        current = current + 1 if status is True else 0
        longest = max(longest, current)
    return longest


def previous_period(start: datetime.date, period: str) -> datetime.date:
    """The start of the period before the one starting on ``start`` (weeks or months)."""
    if period == "month":
        last_of_previous = start.replace(day=1) - datetime.timedelta(days=1)
        return last_of_previous.replace(day=1)
    return start - datetime.timedelta(days=7)


def next_period(start: datetime.date, period: str) -> datetime.date:
    if period == "month":
        days = calendar.monthrange(start.year, start.month)[1]
        return start.replace(day=1) + datetime.timedelta(days=days)
    return start + datetime.timedelta(days=7)


def periods_between(first: datetime.date, last: datetime.date, period: str) -> list[datetime.date]:
    """Every period start from ``first`` to ``last``, oldest first (gaps included)."""
    starts = []
    current = first
    while current <= last:
        starts.append(current)
        current = next_period(current, period)
    return starts
