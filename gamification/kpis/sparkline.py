"""Geometry of the small KPI trend lines on /me/ and the team KPI page. Pure: no ORM, no Django.

A sparkline is a polyline of the last few periods with a dashed line at the target. Bigger
values are always drawn higher, also for a KPI where lower is better (handle time, response
time): turning the axis upside down would make "3 min" sit above "9 min" and confuse anyone
who reads the numbers. The template says "lower is better" in words instead.

Periods without a result leave a gap (the line is split into segments) rather than being
joined across, so a missing week is not mistaken for a steady one.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

WIDTH = 120
HEIGHT = 32
# Room left above and below the line so the stroke and the end dot are not clipped.
PAD = 3


@dataclass(frozen=True)
class Dot:
    x: float
    y: float


@dataclass(frozen=True)
class Sparkline:
    width: int
    height: int
    # Each run of consecutive periods with a result: "x,y x,y ..." for one <polyline>.
    segments: tuple[str, ...]
    target_y: float | None
    last: Dot | None
    lower_is_better: bool
    # Every period with a result, so a lone week between two gaps still shows as a dot.
    dots: tuple[Dot, ...] = ()

    @property
    def empty(self) -> bool:
        return self.last is None

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def _bounds(numbers: Sequence[float]) -> tuple[float, float]:
    low, high = min(numbers), max(numbers)
    if high - low < 1e-9:
        # A flat line (or a single point) sits in the middle instead of on an edge.
        spread = abs(high) * 0.1 or 1.0
        return low - spread, high + spread
    return low, high


def build(
    values: Sequence[Decimal | float | None],
    *,
    target: Decimal | float | None = None,
    lower_is_better: bool = False,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> Sparkline:
    """Points for ``values`` (oldest first; ``None`` for a period without a result) scaled to
    the box, with the target inside the scale so its line is always visible."""
    present = [float(value) for value in values if value is not None]
    if not present:
        return Sparkline(width, height, (), None, None, lower_is_better)
    low, high = _bounds([*present, *([float(target)] if target is not None else [])])
    plot_height = height - 2 * PAD
    steps = max(len(values) - 1, 1)
    step_x = (width - 2 * PAD) / steps

    def y_of(number: float) -> float:
        return round(PAD + plot_height * (high - number) / (high - low), 2)

    def x_of(index: int) -> float:
        # A single period is drawn at the right edge, where the latest value always is.
        return round(width - PAD if len(values) == 1 else PAD + step_x * index, 2)

    segments: list[str] = []
    current: list[str] = []
    dots: list[Dot] = []
    last = None
    for index, value in enumerate(values):
        if value is None:
            if current:
                segments.append(" ".join(current))
            current = []
            continue
        last = Dot(x_of(index), y_of(float(value)))
        dots.append(last)
        current.append(f"{last.x},{last.y}")
    if current:
        segments.append(" ".join(current))
    target_y = y_of(float(target)) if target is not None else None
    return Sparkline(width, height, tuple(segments), target_y, last, lower_is_better, tuple(dots))
