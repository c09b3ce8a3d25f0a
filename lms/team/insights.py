"""What a team lead reads about the team's learning: charts of completions, quiz scores and
the roleplay rubric profile.

Each chart issues a fixed number of queries however many agents, attempts or runs there are:
counts and averages are computed by the database, lists are fetched in bulk and matched in
Python. The drawing itself (scales, bar sizes) is in the pure ``lms.team.charts``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db.models import Count, FloatField, Q, Sum
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from courses.models import (
    CoursePage,
    Enrolment,
    LessonPage,
)
from lms.team import charts
from lms.team.selectors import localized_titles
from quizzes.models import Attempt
from scenarios.models import RubricDimension, ScenarioRun

# How much XP history the drill-down lists: the recent story, not the whole ledger.
XP_HISTORY_LENGTH = 50
ONE_DECIMAL = Decimal("0.1")

COMPLETIONS_FRAME = charts.Frame()
# The running total is a trend, not a reading: a shorter drawing under the weekly columns.
CUMULATIVE_FRAME = charts.Frame(height=120, top=10, bottom=10)


# --- Team charts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class WeekCompletions:
    week_start: date  # the Monday of the ISO week
    count: int
    cumulative: int  # courses completed by the team up to the end of this week
    bar: charts.Bar

    @property
    def iso_week(self) -> int:
        return self.week_start.isocalendar().week

    @property
    def iso_year(self) -> int:
        return self.week_start.isocalendar().year

    @property
    def week_end(self) -> date:
        return self.week_start + timedelta(days=6)


@dataclass
class CompletionChart:
    weeks: list[WeekCompletions]
    total: int  # completed inside the chart's weeks
    before: int  # completed earlier: where the running total starts
    frame: charts.Frame
    gridlines: list[charts.Gridline]
    cumulative_frame: charts.Frame
    cumulative_gridlines: list[charts.Gridline]
    cumulative_points: str

    @property
    def empty(self) -> bool:
        return self.total == 0

    @property
    def busiest(self) -> WeekCompletions | None:
        return max(self.weeks, key=lambda week: week.count, default=None)

    @property
    def first_week(self) -> date | None:
        return self.weeks[0].week_start if self.weeks else None

    @property
    def last_week(self) -> date | None:
        return self.weeks[-1].week_start if self.weeks else None

    @property
    def grand_total(self) -> int:
        return self.before + self.total


@dataclass(frozen=True)
class CourseQuizScore:
    """Submitted quiz attempts counted towards one course (or to no course: ``course_id`` None)."""

    title: str
    course_id: int | None
    average: Decimal  # percent, one decimal
    attempts: int
    passed: int

    @property
    def percent(self) -> float:
        return charts.percent_of(self.average)

    @property
    def is_other(self) -> bool:
        return self.course_id is None


@dataclass
class QuizChart:
    rows: list[CourseQuizScore]
    attempts: int

    @property
    def empty(self) -> bool:
        return self.attempts == 0


@dataclass(frozen=True)
class DimensionMean:
    code: str
    name: str
    mean: Decimal | None  # None: no finished run was scored on this dimension
    runs: int

    @property
    def percent(self) -> float:
        return charts.percent_of(self.mean)


@dataclass
class RubricChart:
    rows: list[DimensionMean]
    runs: int

    @property
    def empty(self) -> bool:
        return self.runs == 0


@dataclass
class TeamCharts:
    weeks: int
    today: date
    completions: CompletionChart
    quizzes: QuizChart
    rubric: RubricChart


def team_charts(*, member_ids: list[int], weeks: int = 12, today: date) -> TeamCharts:
    """Completions per ISO week, quiz averages per course and the roleplay rubric profile of
    the given agents. At most eight queries, however many agents and rows."""
    return TeamCharts(
        weeks=weeks,
        today=today,
        completions=_completion_chart(member_ids, weeks=weeks, today=today),
        quizzes=_quiz_chart(member_ids),
        rubric=_rubric_chart(member_ids),
    )


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _completion_chart(member_ids: list[int], *, weeks: int, today: date) -> CompletionChart:
    # Weeks turn over at midnight in the academy's time zone (the one the lead reads the page
    # in): one shared calendar for the whole team, so a completion lands in exactly one week.
    starts = charts.week_starts(today=today, weeks=max(1, weeks))
    window_start = _local_midnight(starts[0])
    window_end = _local_midnight(starts[-1] + timedelta(weeks=1))
    completed = Enrolment.objects.filter(user_id__in=member_ids, completed_at__isnull=False)
    # Grouped by day in the database: at most 7 x weeks rows, whatever the team size.
    per_day = dict(
        completed.filter(completed_at__gte=window_start, completed_at__lt=window_end)
        .annotate(day=TruncDate("completed_at", tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
    )
    before = completed.filter(completed_at__lt=window_start).count()
    counts = charts.weekly_counts(per_day, starts=starts)
    totals = charts.running_totals(counts, start=before)
    scale = charts.nice_scale(max(counts, default=0))
    bars = charts.column_bars(counts, frame=COMPLETIONS_FRAME, scale=scale)
    cumulative_scale = charts.nice_scale(max(totals, default=0), ticks=2)
    return CompletionChart(
        weeks=[
            WeekCompletions(start, count, total, bar)
            for start, count, total, bar in zip(starts, counts, totals, bars, strict=True)
        ],
        total=sum(counts),
        before=before,
        frame=COMPLETIONS_FRAME,
        gridlines=charts.gridlines(frame=COMPLETIONS_FRAME, scale=scale),
        cumulative_frame=CUMULATIVE_FRAME,
        cumulative_gridlines=charts.gridlines(frame=CUMULATIVE_FRAME, scale=cumulative_scale),
        cumulative_points=charts.line_points(
            totals, frame=CUMULATIVE_FRAME, scale=cumulative_scale
        ),
    )


def _average(total: Decimal, count: int) -> Decimal:
    return (total / count).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _quiz_chart(member_ids: list[int]) -> QuizChart:
    per_quiz = list(
        Attempt.objects.filter(
            user_id__in=member_ids, submitted_at__isnull=False, score__isnull=False
        )
        .values("quiz_id")
        .annotate(total=Sum("score"), n=Count("pk"), passed=Count("pk", filter=Q(passed=True)))
        .values_list("quiz_id", "total", "n", "passed")
    )
    if not per_quiz:
        return QuizChart(rows=[], attempts=0)
    courses, quiz_courses = _quiz_course_map()
    sums: dict[int | None, list[Any]] = defaultdict(lambda: [Decimal(0), 0, 0])
    for quiz_id, total, count, passed in per_quiz:
        # A quiz used by two courses counts towards both: each course's average is then what
        # its own learners scored on its own checks.
        targets: list[int | None] = list(quiz_courses.get(quiz_id, [])) or [None]
        for course_id in targets:
            bucket = sums[course_id]
            bucket[0] += Decimal(total)
            bucket[1] += count
            bucket[2] += passed
    titles = localized_titles(course.translation_key for course in courses.values())
    rows = [
        CourseQuizScore(
            title=titles.get(courses[course_id].translation_key, courses[course_id].title),
            course_id=course_id,
            average=_average(total, count),
            attempts=count,
            passed=passed,
        )
        for course_id, (total, count, passed) in sums.items()
        if course_id is not None
    ]
    # Catalogue order, as learners meet the courses; unlinked quizzes last.
    rows.sort(key=lambda row: courses[row.course_id].path)  # type: ignore[index]
    if None in sums:
        total, count, passed = sums[None]
        rows.append(
            CourseQuizScore(_("Other quizzes"), None, _average(total, count), count, passed)
        )
    return QuizChart(rows=rows, attempts=sum(count for _q, _t, count, _p in per_quiz))


@dataclass(frozen=True)
class _Course:
    title: str
    path: str
    translation_key: UUID


def _default_language() -> str:
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def quiz_ids_in_body(raw_blocks: Iterable[dict[str, Any]]) -> set[int]:
    """Every quiz a lesson body shows, required or not: all of them test the course."""
    return {
        block["value"]["quiz"]
        for block in raw_blocks
        if block.get("type") == "quiz" and (block.get("value") or {}).get("quiz")
    }


def _raw_blocks(body: Any) -> list[dict[str, Any]]:
    if hasattr(body, "raw_data"):
        return list(body.raw_data)
    if isinstance(body, str):
        return json.loads(body or "[]")
    return list(body or [])


def _quiz_course_map() -> tuple[dict[int, _Course], dict[int, list[int]]]:
    """Live default-locale courses, and the courses each quiz belongs to, in two queries.

    A quiz belongs to a course as its final assessment or as a knowledge check in one of its
    lessons. Progress rows point at default-locale pages, and translations reuse the same
    quizzes, so the default locale is enough. A lesson's course is its parent in the page
    tree: its path minus the last step.
    """
    language = _default_language()
    courses: dict[int, _Course] = {}
    by_path: dict[str, int] = {}
    quiz_courses: dict[int, list[int]] = defaultdict(list)
    for pk, path, title, key, final_id in (
        CoursePage.objects.live()
        .filter(locale__language_code=language)
        .values_list("pk", "path", "title", "translation_key", "final_assessment_id")
    ):
        courses[pk] = _Course(title, path, key)
        by_path[path] = pk
        if final_id:
            quiz_courses[final_id].append(pk)
    if not courses:
        return courses, quiz_courses
    for path, body in (
        LessonPage.objects.live().filter(locale__language_code=language).values_list("path", "body")
    ):
        course_id = by_path.get(path[: -Page.steplen])
        if course_id is None:
            continue
        for quiz_id in quiz_ids_in_body(_raw_blocks(body)):
            if course_id not in quiz_courses[quiz_id]:
                quiz_courses[quiz_id].append(course_id)
    return courses, quiz_courses


def _rubric_chart(member_ids: list[int]) -> RubricChart:
    dimensions = list(RubricDimension.objects.order_by("sort_order", "name"))
    finished = ScenarioRun.objects.filter(user_id__in=member_ids, finished_at__isnull=False)
    # One aggregate for every dimension: a run only counts for the dimensions its scenario
    # scores (the others are missing from its JSON, and Avg and Count skip the NULLs).
    aggregates: dict[str, Any] = {"runs": Count("pk")}
    for position, dimension in enumerate(dimensions):
        score = Cast(KeyTextTransform(dimension.code, "dimension_scores"), FloatField())
        aggregates[f"sum_{position}"] = Sum(score)
        aggregates[f"n_{position}"] = Count(score)
    result = finished.aggregate(**aggregates)
    rows = []
    for position, dimension in enumerate(dimensions):
        count = result[f"n_{position}"] or 0
        mean = None
        if count:
            mean = _average(Decimal(str(result[f"sum_{position}"])), count)
        rows.append(DimensionMean(dimension.code, dimension.name, mean, count))
    return RubricChart(rows=rows, runs=result["runs"] or 0)
