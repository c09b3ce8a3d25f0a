"""Reads for the team lead's pages. Each issues a fixed number of queries, however many agents,
assignments and completions the team has: rows are fetched in bulk and matched in Python."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from uuid import UUID

from django.conf import settings
from django.utils import timezone, translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from courses.models import (
    Assignment,
    CoursePage,
    Enrolment,
    LearningPathCourse,
    LearningPathPage,
    PathEnrolment,
)
from courses.progress import Status, course_status, due_on, percent, with_deadline
from lms.accounts.models import Invitation, Team, TeamMembership, User
from lms.team.matrix import Cell, Column, Matrix, Row


@dataclass
class OnboardingStep:
    title: str
    due_on: date
    status: Status


@dataclass
class OnboardingRow:
    user: User
    path_title: str
    joined_on: date
    due_on: date
    status: Status
    steps: list[OnboardingStep] = field(default_factory=list)
    completed_on: date | None = None

    @property
    def done(self) -> int:
        return sum(1 for step in self.steps if step.status is Status.COMPLETED)

    @property
    def percent(self) -> int:
        return percent(self.done, len(self.steps))

    @property
    def days_to_complete(self) -> int | None:
        if self.completed_on is None:
            return None
        return (self.completed_on - self.joined_on).days

    @property
    def next_step(self) -> OnboardingStep | None:
        return next((s for s in self.steps if s.status is not Status.COMPLETED), None)


@dataclass
class TeamProgress:
    team: Team
    members: list[TeamMembership]
    matrix: Matrix
    onboarding: list[OnboardingRow]


def _local_date(moment: datetime | None, user: User) -> date | None:
    if moment is None:
        return None
    return timezone.localtime(moment, user.local_zone).date()


def team_progress(*, team: Team) -> TeamProgress:
    """Everyone in the team with their open assignments and how far each has got.

    Five queries: members, assignments, enrolments, path enrolments and path steps, plus one
    for titles in the reader's language.
    """
    members = list(
        TeamMembership.objects.filter(team=team, role=TeamMembership.Role.MEMBER)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user__email")
    )
    users = {membership.user_id: membership.user for membership in members}
    assignments = list(
        Assignment.objects.filter(user_id__in=users, closed_at__isnull=True)
        .select_related("course", "path")
        .order_by("due_on", "pk")
    )
    completed_courses: dict[int, dict[UUID, datetime | None]] = defaultdict(dict)
    for user_id, course_key, completed_at in Enrolment.objects.filter(
        user_id__in=users
    ).values_list("user_id", "course__translation_key", "completed_at"):
        completed_courses[user_id][course_key] = completed_at
    path_ids = {a.path_id for a in assignments if a.path_id}
    path_enrolments: dict[tuple[int, int], tuple[date | None, datetime | None]] = {}
    steps: dict[int, list[tuple[UUID, int]]] = defaultdict(list)
    if path_ids:
        for user_id, path_id, started, completed_at in PathEnrolment.objects.filter(
            user_id__in=users, path_id__in=path_ids
        ).values_list("user_id", "path_id", "started_on", "completed_at"):
            path_enrolments[(user_id, path_id)] = (started, completed_at)
        for path_id, course_key, due_days in (
            LearningPathCourse.objects.filter(path_id__in=path_ids)
            .order_by("path_id", "sort_order")
            .values_list("path_id", "course__translation_key", "due_days")
        ):
            steps[path_id].append((course_key, due_days))
    titles = localized_titles(
        {a.item.translation_key for a in assignments}
        | {key for path_steps in steps.values() for key, _days in path_steps}
    )

    columns: dict[str, Column] = {}
    rows = {
        user_id: Row(user_id=user_id, name=user.display_name, email=user.email)
        for user_id, user in users.items()
    }
    onboarding = []
    joined = {membership.user_id: membership.joined_at for membership in members}
    for assignment in assignments:
        user = users[assignment.user_id]
        item = assignment.item
        title = titles.get(item.translation_key, str(item.title))
        columns.setdefault(
            assignment.item_key, Column(assignment.item_key, title, bool(assignment.path_id))
        )
        done_courses = completed_courses[user.pk]
        if assignment.course is not None:
            rows[user.pk].cells[assignment.item_key] = _course_cell(
                assignment, assignment.course, done_courses, user
            )
            continue
        path_id = int(assignment.path_id or 0)
        started_on, path_completed_at = path_enrolments.get((user.pk, path_id), (None, None))
        path_steps = _path_steps(
            steps[path_id],
            done_courses,
            titles,
            started_on=started_on or assignment.created_at.date(),
            today=user.local_today(),
        )
        cell = _path_cell(assignment, path_steps, path_completed_at, user)
        rows[user.pk].cells[assignment.item_key] = cell
        if assignment.reason == Assignment.Reason.ONBOARDING:
            onboarding.append(
                OnboardingRow(
                    user=user,
                    path_title=title,
                    joined_on=started_on or timezone.localtime(joined[user.pk]).date(),
                    due_on=assignment.due_on,
                    status=cell.status,
                    steps=path_steps,
                    completed_on=cell.completed_on,
                )
            )
    return TeamProgress(
        team=team,
        members=members,
        matrix=Matrix(
            columns=sorted(columns.values(), key=lambda c: (c.is_path, c.title.casefold())),
            rows=list(rows.values()),
        ),
        onboarding=sorted(onboarding, key=lambda row: row.joined_on, reverse=True),
    )


def _course_cell(
    assignment: Assignment,
    course: CoursePage,
    done_courses: dict[UUID, datetime | None],
    user: User,
) -> Cell:
    completed_at = done_courses.get(course.translation_key)
    started = course.translation_key in done_courses
    status = course_status(done=0, total=0, started=started, completed=completed_at is not None)
    return Cell(
        assignment.pk,
        with_deadline(status, due=assignment.due_on, today=user.local_today()),
        assignment.due_on,
        _local_date(completed_at, user),
        assignment.reason,
    )


def _path_steps(
    steps: list[tuple[UUID, int]],
    done_courses: dict[UUID, datetime | None],
    titles: dict[UUID, str],
    *,
    started_on: date,
    today: date,
) -> list[OnboardingStep]:
    result = []
    for course_key, due_days in steps:
        status = course_status(
            done=0,
            total=0,
            started=course_key in done_courses,
            completed=done_courses.get(course_key) is not None,
        )
        step_due = due_on(started_on, due_days)
        result.append(
            OnboardingStep(
                titles.get(course_key, ""),
                step_due,
                with_deadline(status, due=step_due, today=today),
            )
        )
    return result


def _path_cell(
    assignment: Assignment,
    steps: list[OnboardingStep],
    completed_at: datetime | None,
    user: User,
) -> Cell:
    done = sum(1 for step in steps if step.status is Status.COMPLETED)
    started = any(step.status is not Status.NOT_STARTED for step in steps)
    status = course_status(done=0, total=0, started=started, completed=completed_at is not None)
    return Cell(
        assignment.pk,
        with_deadline(status, due=assignment.due_on, today=user.local_today()),
        assignment.due_on,
        _local_date(completed_at, user),
        assignment.reason,
        steps_done=done,
        steps_total=len(steps),
    )


def localized_titles(keys: Iterable[UUID]) -> dict[UUID, str]:
    """Course and path titles in the reader's language where a translation exists, in one
    query (filtering on the language code joins the locale instead of fetching it first)."""
    wanted = set(keys)
    if not wanted:
        return {}
    try:
        language = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    return dict(
        Page.objects.filter(translation_key__in=wanted, locale__language_code=language).values_list(
            "translation_key", "title"
        )
    )


def assignable_items(*, locale: Locale | None = None) -> list[CoursePage | LearningPathPage]:
    """Published courses and paths a lead can assign, paths first (onboarding is by path)."""
    locale = locale or Locale.get_default()
    paths = list(LearningPathPage.objects.live().filter(locale=locale).order_by("title"))
    courses = list(CoursePage.objects.live().filter(locale=locale).order_by("title"))
    return [*paths, *courses]


def team_invitations(*, team: Team) -> list[Invitation]:
    return list(
        Invitation.objects.filter(team=team)
        .select_related("invited_by")
        .order_by("-created_at")[:100]
    )


def team_members(*, team: Team) -> list[TeamMembership]:
    return list(
        TeamMembership.objects.filter(team=team, role=TeamMembership.Role.MEMBER).select_related(
            "user"
        )
    )


def member_ids(*, team: Team) -> list[int]:
    return list(
        TeamMembership.objects.filter(team=team, role=TeamMembership.Role.MEMBER).values_list(
            "user_id", flat=True
        )
    )
