"""One agent's record for their team lead: courses, assignments, quiz attempts, roleplay runs,
badges and XP history, in a fixed number of queries however long the record is."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db.models import F

from courses.models import (
    Assignment,
    Enrolment,
    LearningPathCourse,
    LessonCompletion,
    PathEnrolment,
)
from courses.progress import Status, course_status, percent, with_deadline
from courses.selectors import lessons_by_course
from gamification.models import BadgeAward, XpEntry, XpTotal
from gamification.selectors import HISTORY_LABELS, level_name
from lms.accounts.models import User
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


# --- One agent's record ------------------------------------------------------------------------


@dataclass(frozen=True)
class CourseRow:
    course_id: int
    title: str
    enrolled_at: datetime
    completed_at: datetime | None
    done: int
    total: int
    status: Status
    due_on: date | None = None  # when an open assignment asks for the course

    @property
    def percent(self) -> int:
        return percent(self.done, self.total)


@dataclass(frozen=True)
class AssignmentRow:
    assignment_id: int
    title: str
    is_path: bool
    due_on: date
    status: Status
    reason: str  # the code, as in Assignment.Reason
    reason_label: str


@dataclass(frozen=True)
class AttemptRow:
    quiz_title: str
    number: int
    score: Decimal
    passed: bool
    submitted_at: datetime


@dataclass(frozen=True)
class RunRow:
    scenario_title: str
    outcome: str
    outcome_label: str
    overall: float | None
    mastered: bool
    finished_at: datetime
    # One per ``AgentReport.dimensions``, in that order; None where the scenario does not
    # score the dimension.
    scores: list[float | None]


@dataclass(frozen=True)
class BadgeRow:
    name: str
    awarded_at: datetime
    reason: str


@dataclass(frozen=True)
class XpRow:
    label: str
    points: int
    awarded_at: datetime


@dataclass
class AgentReport:
    agent: User
    today: date
    courses: list[CourseRow] = field(default_factory=list)
    assignments: list[AssignmentRow] = field(default_factory=list)
    attempts: list[AttemptRow] = field(default_factory=list)
    runs: list[RunRow] = field(default_factory=list)
    # The rubric columns of the runs table: dimensions any listed run was scored on.
    dimensions: list[RubricDimension] = field(default_factory=list)
    badges: list[BadgeRow] = field(default_factory=list)
    xp_history: list[XpRow] = field(default_factory=list)
    xp_total: int = 0
    level_name: str = ""
    level_number: int = 0


def agent_report(*, agent: User, today: date) -> AgentReport:
    """Everything one agent has done, for the lead's drill-down; at most 13 queries.

    ``today`` is the agent's own date (due dates turn over at their midnight).
    """
    report = AgentReport(agent=agent, today=today)
    enrolments = list(
        Enrolment.objects.filter(user=agent)
        .select_related("course")
        .order_by(F("completed_at").desc(nulls_first=True), "-last_activity_at", "pk")
    )
    assignments = list(
        Assignment.objects.filter(user=agent, closed_at__isnull=True)
        .select_related("course", "path")
        .order_by("due_on", "pk")
    )
    titles = localized_titles(
        [e.course.translation_key for e in enrolments]
        + [a.item.translation_key for a in assignments]
    )
    report.courses = _course_rows(agent, enrolments, assignments, titles, today)
    report.assignments = _assignment_rows(agent, enrolments, assignments, titles, today)
    report.attempts = [
        AttemptRow(
            a.quiz.title,
            a.number,
            a.score or Decimal(0),
            bool(a.passed),
            a.submitted_at,  # type: ignore[arg-type]  # filtered to submitted ones
        )
        for a in Attempt.objects.filter(user=agent, submitted_at__isnull=False)
        .select_related("quiz")
        .order_by("-submitted_at", "-pk")
    ]
    report.runs, report.dimensions = _run_rows(agent)
    report.badges = [
        BadgeRow(award.badge.name, award.awarded_at, award.reason)
        for award in BadgeAward.objects.filter(user=agent)
        .select_related("badge")
        .order_by("-awarded_at", "-pk")
    ]
    report.xp_history = [
        XpRow(
            str(HISTORY_LABELS.get(entry.rule, entry.get_rule_display())),
            entry.points,
            entry.awarded_at,
        )
        for entry in XpEntry.objects.filter(user=agent).order_by("-awarded_at", "-pk")[
            :XP_HISTORY_LENGTH
        ]
    ]
    total = XpTotal.objects.filter(user=agent).select_related("level").first()
    if total is not None:
        report.xp_total = total.total
        if total.level is not None:
            report.level_name = level_name(total.level.name)
            report.level_number = total.level.number
    return report


def _course_rows(
    agent: User,
    enrolments: list[Enrolment],
    assignments: list[Assignment],
    titles: dict[UUID, str],
    today: date,
) -> list[CourseRow]:
    if not enrolments:
        return []
    lessons = lessons_by_course([e.course for e in enrolments])
    completions = dict(
        LessonCompletion.objects.filter(user=agent).values_list("lesson_id", "completed_at")
    )
    due = {a.item.translation_key: a.due_on for a in assignments if a.course_id}
    rows = []
    for enrolment in enrolments:
        course = enrolment.course
        course_lessons = lessons.get(course.pk, [])
        # After a recertification reopened the course, only lessons done since count.
        done = sum(
            1
            for lesson in course_lessons
            if lesson.pk in completions
            and (enrolment.reopened_at is None or completions[lesson.pk] >= enrolment.reopened_at)
        )
        status = course_status(
            done=done,
            total=len(course_lessons),
            started=True,
            completed=enrolment.completed_at is not None,
        )
        due_on = due.get(course.translation_key)
        rows.append(
            CourseRow(
                course_id=course.pk,
                title=titles.get(course.translation_key) or str(course.title),
                enrolled_at=enrolment.enrolled_at,
                completed_at=enrolment.completed_at,
                done=done,
                total=len(course_lessons),
                status=with_deadline(status, due=due_on, today=today),
                due_on=due_on,
            )
        )
    return rows


def _assignment_rows(
    agent: User,
    enrolments: list[Enrolment],
    assignments: list[Assignment],
    titles: dict[UUID, str],
    today: date,
) -> list[AssignmentRow]:
    course_state = {e.course.translation_key: e.completed_at is not None for e in enrolments}
    path_ids = [a.path_id for a in assignments if a.path_id]
    path_state: dict[int, bool] = {}
    path_courses: dict[int, list[UUID]] = defaultdict(list)
    if path_ids:
        path_state = {
            path_id: completed_at is not None
            for path_id, completed_at in PathEnrolment.objects.filter(
                user=agent, path_id__in=path_ids
            ).values_list("path_id", "completed_at")
        }
        for path_id, key in LearningPathCourse.objects.filter(path_id__in=path_ids).values_list(
            "path_id", "course__translation_key"
        ):
            path_courses[path_id].append(key)
    rows = []
    for assignment in assignments:
        item = assignment.item
        if assignment.course_id:
            key = item.translation_key
            completed = course_state.get(key, False)
            started = key in course_state
        else:
            completed = path_state.get(assignment.path_id, False)  # type: ignore[arg-type]
            # Started the path, or any of its courses (which counts towards the path).
            started = assignment.path_id in path_state or any(
                key in course_state
                for key in path_courses[assignment.path_id]  # type: ignore[index]
            )
        status = course_status(done=0, total=0, started=started, completed=completed)
        rows.append(
            AssignmentRow(
                assignment_id=assignment.pk,
                title=titles.get(item.translation_key) or str(item.title),
                is_path=bool(assignment.path_id),
                due_on=assignment.due_on,
                status=with_deadline(status, due=assignment.due_on, today=today),
                reason=assignment.reason,
                reason_label=str(assignment.get_reason_display()),
            )
        )
    return rows


def _run_rows(agent: User) -> tuple[list[RunRow], list[RubricDimension]]:
    runs = list(
        ScenarioRun.objects.filter(user=agent, finished_at__isnull=False)
        .select_related("scenario")
        .order_by("-finished_at", "-pk")
    )
    if not runs:
        return [], []
    scored = {code for run in runs for code in (run.dimension_scores or {})}
    dimensions = [
        dimension
        for dimension in RubricDimension.objects.order_by("sort_order", "name")
        if dimension.code in scored
    ]
    rows = []
    for run in runs:
        scores = run.dimension_scores or {}
        rows.append(
            RunRow(
                scenario_title=run.scenario.title,
                outcome=run.outcome,
                outcome_label=str(run.get_outcome_display()) if run.outcome else "",
                overall=run.overall,
                mastered=run.mastered,
                finished_at=run.finished_at,  # type: ignore[arg-type]
                scores=[_score(scores.get(d.code)) for d in dimensions],
            )
        )
    return rows, dimensions


def _score(value: Any) -> float | None:
    if value is None:
        return None
    try:
        return round(float(value), 1)
    except (TypeError, ValueError):
        return None
