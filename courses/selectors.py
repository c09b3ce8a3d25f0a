"""Reads shared by learner pages. Each selector issues a fixed number of queries, however many
courses, lessons or completions there are: progress is fetched in bulk and matched in Python
by translation key, so the same progress shows in every language."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db.models import Exists, F, OuterRef
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from courses import content_cache
from courses.blocks import required_quiz_ids, required_scenario_ids
from courses.models import (
    Assignment,
    CourseIndexPage,
    CoursePage,
    CoursePrerequisite,
    Enrolment,
    LearningPathCourse,
    LearningPathPage,
    LessonCompletion,
    LessonPage,
    PathEnrolment,
)
from courses.progress import Status, course_status, due_on, percent, with_deadline
from lms.accounts.models import User
from quizzes.selectors import QuizStatus, passed_quiz_ids, quiz_statuses
from scenarios.selectors import mastered_scenario_keys


@dataclass
class LearnerState:
    """What one learner has done, keyed by translation key."""

    completed_lessons: set[UUID] = field(default_factory=set)
    enrolled_courses: set[UUID] = field(default_factory=set)
    completed_courses: set[UUID] = field(default_factory=set)


@dataclass
class CourseProgress:
    course: CoursePage
    lessons: list[LessonPage]
    done_keys: set[UUID]
    status: Status
    locked_by: list[CoursePage] = field(default_factory=list)
    assessment: QuizStatus | None = None

    @property
    def total(self) -> int:
        return len(self.lessons)

    @property
    def done(self) -> int:
        return sum(1 for lesson in self.lessons if lesson.translation_key in self.done_keys)

    @property
    def percent(self) -> int:
        return percent(self.done, self.total)

    @property
    def next_lesson(self) -> LessonPage | None:
        for lesson in self.lessons:
            if lesson.translation_key not in self.done_keys:
                return lesson
        return self.lessons[0] if self.lessons else None

    @property
    def lesson_rows(self) -> list[tuple[LessonPage, bool]]:
        return [(lesson, lesson.translation_key in self.done_keys) for lesson in self.lessons]


@dataclass
class PathStep:
    course: CoursePage
    progress: CourseProgress
    due: date | None
    status: Status


@dataclass
class PathProgress:
    path: LearningPathPage
    started_on: date | None
    completed: bool
    steps: list[PathStep]
    assessment: QuizStatus | None = None

    @property
    def percent(self) -> int:
        """Lessons done across the whole path, so the first lesson already moves the bar."""
        done = sum(step.progress.done for step in self.steps)
        return percent(done, sum(step.progress.total for step in self.steps))

    @property
    def next_step(self) -> PathStep | None:
        return next((s for s in self.steps if s.status is not Status.COMPLETED), None)


@dataclass
class LessonNavigation:
    course: CoursePage
    outline: CourseProgress
    position: int
    previous_lesson: LessonPage | None
    next_lesson: LessonPage | None
    is_done: bool
    quiz_pending: bool = False
    roleplay_pending: bool = False

    @property
    def checks_pending(self) -> bool:
        return self.quiz_pending or self.roleplay_pending


@dataclass
class MyLearning:
    continue_course: CourseProgress | None
    in_progress: list[CourseProgress]
    completed: list[CourseProgress]
    paths: list[PathProgress]
    assignments: list["AssignedItem"] = field(default_factory=list)


@dataclass
class AssignedItem:
    """One of the learner's open assignments, with the page in the reader's language."""

    assignment: Assignment
    page: Page
    status: Status

    @property
    def is_recertification(self) -> bool:
        return self.assignment.reason == Assignment.Reason.RECERTIFICATION


# --- building blocks: one query each ------------------------------------------------------------


def learner_state(
    user: User, *, enrolments: Iterable[tuple[UUID, Any]] | None = None
) -> LearnerState:
    """``enrolments``: (course key, completed at) pairs when the caller has read them."""
    state = LearnerState()
    if not user.is_authenticated:
        return state
    # After recertification reopens a course, lessons done before the reopening are to do again.
    redo = Enrolment.objects.filter(
        user=user, course_id=OuterRef("course_id"), reopened_at__gt=OuterRef("completed_at")
    )
    state.completed_lessons = set(
        LessonCompletion.objects.filter(user=user)
        .exclude(Exists(redo))
        .values_list("lesson__translation_key", flat=True)
    )
    if enrolments is None:
        enrolments = Enrolment.objects.filter(user=user).values_list(
            "course__translation_key", "completed_at"
        )
    for key, completed_at in enrolments:
        state.enrolled_courses.add(key)
        if completed_at is not None:
            state.completed_courses.add(key)
    return state


def lessons_by_course(courses: Iterable[CoursePage]) -> dict[int, list[LessonPage]]:
    """Live lessons of each course, in tree order, from the content cache (every live lesson,
    read in one query when the cache is cold)."""
    every = content_cache.get("lessons", _all_lessons)
    return {course.pk: every.get(course.path, []) if course.pk else [] for course in courses}


def _all_lessons() -> dict[str, list[LessonPage]]:
    """Every live lesson by its course's tree path (lessons only ever sit right below a course)."""
    result: dict[str, list[LessonPage]] = {}
    for lesson in LessonPage.objects.live().defer_streamfields().order_by("path"):
        result.setdefault(lesson.path[: -Page.steplen], []).append(lesson)
    return result


def _all_prerequisites() -> dict[UUID, list[UUID]]:
    # The default locale by a join rather than Locale.get_default(), one query fewer.
    default_language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    rows = CoursePrerequisite.objects.filter(
        course__locale__language_code=default_language
    ).values_list("course__translation_key", "required_course__translation_key")
    result: dict[UUID, list[UUID]] = {}
    for course_key, required_key in rows:
        result.setdefault(course_key, []).append(required_key)
    return result


def prerequisite_keys(courses: Iterable[CoursePage]) -> dict[UUID, list[UUID]]:
    """Required course keys per course key, read from the default-locale courses."""
    every = content_cache.get("prerequisites", _all_prerequisites)
    return {
        course.translation_key: every[course.translation_key]
        for course in courses
        if course.translation_key in every
    }


def _locale_id(locale: Locale | int) -> int:
    return locale.pk if isinstance(locale, Locale) else locale


def locale_courses(locale: Locale | int) -> dict[UUID, CoursePage]:
    """Every live course of a locale by translation key (content cache)."""
    locale_id = _locale_id(locale)
    return content_cache.get(
        f"courses:{locale_id}",
        lambda: {
            course.translation_key: course
            for course in CoursePage.objects.live().filter(locale_id=locale_id).order_by("path")
        },
    )


def locale_paths(locale: Locale | int) -> dict[UUID, LearningPathPage]:
    """Every live learning path of a locale by translation key, in tree order (content cache)."""
    locale_id = _locale_id(locale)
    return content_cache.get(
        f"paths:{locale_id}",
        lambda: {
            path.translation_key: path
            for path in LearningPathPage.objects.live().filter(locale_id=locale_id).order_by("path")
        },
    )


def path_steps() -> list[tuple[int, UUID, UUID, int]]:
    """Every path step as (path id, path key, course key, due days), in path and step order."""
    return content_cache.get(
        "path-steps",
        lambda: list(
            LearningPathCourse.objects.order_by("path_id", "sort_order").values_list(
                "path_id", "path__translation_key", "course__translation_key", "due_days"
            )
        ),
    )


def localized_courses(keys: Iterable[UUID], locale: Locale | int) -> dict[UUID, CoursePage]:
    """Live courses with these translation keys in ``locale`` (a Locale or its id)."""
    every = locale_courses(locale)
    return {key: every[key] for key in keys if key in every}


def _course_progress(
    courses: list[CoursePage], state: LearnerState, *, with_prerequisites: bool = True
) -> list[CourseProgress]:
    lessons = lessons_by_course(courses)
    required = prerequisite_keys(courses) if with_prerequisites else {}
    missing_keys = {
        key for keys in required.values() for key in keys if key not in state.completed_courses
    }
    # The locale's id, not the Locale: reading ``course.locale`` would cost a query.
    required_pages = localized_courses(missing_keys, courses[0].locale_id) if missing_keys else {}
    result = []
    for course in courses:
        course_lessons = lessons.get(course.pk, [])
        done = sum(
            1 for lesson in course_lessons if lesson.translation_key in state.completed_lessons
        )
        key = course.translation_key
        status = course_status(
            done=done,
            total=len(course_lessons),
            started=key in state.enrolled_courses,
            completed=key in state.completed_courses,
        )
        locked_by = []
        if status is not Status.COMPLETED and key not in state.enrolled_courses:
            locked_by = [
                required_pages[k]
                for k in required.get(key, [])
                if k not in state.completed_courses and k in required_pages
            ]
        result.append(
            CourseProgress(
                course=course,
                lessons=course_lessons,
                done_keys=state.completed_lessons,
                status=status,
                locked_by=locked_by,
            )
        )
    return result


# --- page selectors -----------------------------------------------------------------------------


def catalogue_cards(
    *, user: User, index: CourseIndexPage, category: str | None = None
) -> list[CourseProgress]:
    courses = CoursePage.objects.live().child_of(index).select_related("cover_image")
    if category:
        courses = courses.filter(category=category)
    return _course_progress(list(courses.order_by("path")), learner_state(user))


def catalogue_paths(*, user: User, index: CourseIndexPage) -> list[PathProgress]:
    paths = list(LearningPathPage.objects.live().child_of(index).order_by("path"))
    return paths_progress(user=user, paths=paths)


def course_outline(*, user: User, course: CoursePage) -> CourseProgress:
    outline = _course_progress([course], learner_state(user))[0]
    if course.final_assessment_id:
        outline.assessment = assessment_status(user, course.final_assessment_id)
    return outline


def assessment_status(user: User, quiz_id: int) -> QuizStatus:
    return quiz_statuses(user=user, quiz_ids=[quiz_id])[quiz_id]


def lesson_navigation(*, user: User, lesson: LessonPage) -> LessonNavigation:
    # Wagtail's routing leaves the course it came through on the lesson: no query for it.
    course = getattr(lesson, "_cached_parent_obj", None)
    if not isinstance(course, CoursePage):
        course = CoursePage.objects.parent_of(lesson).get()
    outline = course_outline(user=user, course=course)
    ids = [item.pk for item in outline.lessons]
    position = ids.index(lesson.pk) if lesson.pk in ids else 0
    return LessonNavigation(
        course=course,
        outline=outline,
        position=position + 1,
        previous_lesson=outline.lessons[position - 1] if position > 0 else None,
        next_lesson=outline.lessons[position + 1] if position + 1 < len(ids) else None,
        is_done=lesson.translation_key in outline.done_keys,
        quiz_pending=_quiz_pending(user, lesson),
        roleplay_pending=_roleplay_pending(user, lesson),
    )


def _quiz_pending(user: User, lesson: LessonPage) -> bool:
    required = required_quiz_ids(lesson.body)
    if not required or not user.is_authenticated:
        return bool(required)
    return bool(set(required) - passed_quiz_ids(user=user, quiz_ids=required))


def _roleplay_pending(user: User, lesson: LessonPage) -> bool:
    required = required_scenario_ids(lesson.body)
    if not required or not user.is_authenticated:
        return bool(required)
    return len(mastered_scenario_keys(user=user, scenario_ids=required)) < len(set(required))


def paths_progress(
    *,
    user: User,
    paths: list[LearningPathPage],
    state: LearnerState | None = None,
    enrolments: dict[UUID, tuple[date, Any]] | None = None,
) -> list[PathProgress]:
    """Progress through several learning paths in a fixed number of queries.

    ``state``: the learner's state when the caller has already read it (saves two queries);
    ``enrolments``: likewise her path enrolments, (started on, completed at) by path key.
    """
    if not paths:
        return []
    steps: dict[int, list[tuple[UUID, int]]] = {path.pk: [] for path in paths}
    for path_id, _path_key, course_key, due_days in path_steps():
        if path_id in steps:
            steps[path_id].append((course_key, due_days))
    return _paths_progress(
        user, [(path, steps[path.pk]) for path in paths], state=state, enrolments=enrolments
    )


def path_detail(*, user: User, path: LearningPathPage) -> PathProgress:
    """One path's progress, with its steps read from the page itself so that a preview
    of unsaved edits in Wagtail shows the edited steps."""
    steps = [
        (step.course.translation_key, step.due_days)
        for step in path.steps.select_related("course").order_by("sort_order")
    ]
    progress = _paths_progress(user, [(path, steps)])[0]
    if path.final_assessment_id:
        progress.assessment = assessment_status(user, path.final_assessment_id)
    return progress


def _paths_progress(
    user: User,
    paths_with_steps: list[tuple[LearningPathPage, list[tuple[UUID, int]]]],
    *,
    state: LearnerState | None = None,
    enrolments: dict[UUID, tuple[date, Any]] | None = None,
) -> list[PathProgress]:
    locale_id = paths_with_steps[0][0].locale_id
    state = state if state is not None else learner_state(user)
    saved_keys = [path.translation_key for path, _steps in paths_with_steps if path.pk]
    if enrolments is None and user.is_authenticated and saved_keys:
        enrolments = {
            key: (started_on, completed_at)
            for key, started_on, completed_at in PathEnrolment.objects.filter(
                user=user, path__translation_key__in=saved_keys
            ).values_list("path__translation_key", "started_on", "completed_at")
        }
    enrolments = enrolments or {}
    course_keys = {key for _path, steps in paths_with_steps for key, _days in steps}
    courses = localized_courses(course_keys, locale_id)
    progress = {
        item.course.translation_key: item
        for item in _course_progress(list(courses.values()), state, with_prerequisites=False)
    }
    today = user.local_today() if user.is_authenticated else None
    result = []
    for path, steps in paths_with_steps:
        started_on, completed_at = enrolments.get(path.translation_key, (None, None))
        path_steps = []
        for course_key, due_days in steps:
            if course_key not in progress:
                continue
            course_progress = progress[course_key]
            due = due_on(started_on, due_days) if started_on else None
            status = course_progress.status
            if today is not None:
                status = with_deadline(status, due=due, today=today)
            path_steps.append(PathStep(course_progress.course, course_progress, due, status))
        result.append(
            PathProgress(
                path=path,
                started_on=started_on,
                completed=completed_at is not None,
                steps=path_steps,
            )
        )
    return result


def active_locale() -> Locale:
    """``Locale.get_active()`` from the content cache (locales change with content)."""
    return content_cache.get(f"locale:{translation.get_language()}", Locale.get_active)


def my_learning(*, user: User) -> MyLearning:
    locale = active_locale()
    # One read of her enrolments serves the ordering, the learner state and the assignments.
    enrolment_rows = list(
        Enrolment.objects.filter(user=user)
        .order_by("-last_activity_at")
        .values_list("course__translation_key", "completed_at")
    )
    enrolments = [key for key, _completed_at in enrolment_rows]
    courses = localized_courses(enrolments, locale)
    ordered = [courses[key] for key in enrolments if key in courses]
    state = learner_state(user, enrolments=enrolment_rows)
    progress = _course_progress(ordered, state, with_prerequisites=False)
    in_progress = [p for p in progress if p.status is not Status.COMPLETED]
    completed = [p for p in progress if p.status is Status.COMPLETED]
    path_enrolments = {
        key: (started_on, completed_at)
        for key, started_on, completed_at in PathEnrolment.objects.filter(user=user).values_list(
            "path__translation_key", "started_on", "completed_at"
        )
    }
    paths = [path for key, path in locale_paths(locale).items() if key in path_enrolments]
    return MyLearning(
        continue_course=in_progress[0] if in_progress else None,
        in_progress=in_progress,
        completed=completed,
        paths=paths_progress(user=user, paths=paths, state=state, enrolments=path_enrolments),
        assignments=my_assignments(
            user=user,
            locale=locale,
            enrolments=dict(enrolment_rows),
            path_enrolments={key: done for key, (_on, done) in path_enrolments.items()},
        ),
    )


def my_assignments(
    *,
    user: User,
    locale: Locale,
    enrolments: dict[UUID, Any] | None = None,
    path_enrolments: dict[UUID, Any] | None = None,
) -> list[AssignedItem]:
    """Open assignments, soonest due first, each with its status against its due date.

    ``enrolments`` / ``path_enrolments``: completed_at by course / path key, when the caller
    has already read them (saves a query each).
    """
    # The item's translation key, not the item: its page comes from the content cache.
    assignments = list(
        Assignment.objects.filter(user=user, closed_at__isnull=True)
        .select_related("assigned_by")
        .annotate(course_key=F("course__translation_key"), path_key=F("path__translation_key"))
        .order_by("due_on", "pk")
    )
    if not assignments:
        return []
    keys = {a.course_key if a.course_id else a.path_key for a in assignments}
    live = {**locale_courses(locale), **locale_paths(locale)}
    pages = {key: live[key] for key in keys if key in live}
    step_keys: dict[UUID, set[UUID]] = {}
    if any(a.path_id for a in assignments):
        for _path_id, path_key, course_key, _due_days in path_steps():
            if path_key in keys:
                step_keys.setdefault(path_key, set()).add(course_key)
    course_keys = keys | {key for steps in step_keys.values() for key in steps}
    if enrolments is not None:
        courses = {key: done for key, done in enrolments.items() if key in course_keys}
    else:
        courses = dict(
            Enrolment.objects.filter(
                user=user, course__translation_key__in=course_keys
            ).values_list("course__translation_key", "completed_at")
        )
    if path_enrolments is not None:
        paths = {key: done for key, done in path_enrolments.items() if key in keys}
    else:
        paths = dict(
            PathEnrolment.objects.filter(user=user, path__translation_key__in=keys).values_list(
                "path__translation_key", "completed_at"
            )
        )
    today = user.local_today()
    result = []
    for assignment in assignments:
        key = assignment.course_key if assignment.course_id else assignment.path_key
        if assignment.course_id:
            started, completed = key in courses, courses.get(key) is not None
        else:
            # A path counts as started once any of its courses is.
            started = bool(step_keys.get(key, set()) & courses.keys())
            completed = paths.get(key) is not None
        status = course_status(done=0, total=0, started=started, completed=completed)
        result.append(
            AssignedItem(
                assignment=assignment,
                # Not live in this locale: the item itself (a query, only in that case).
                page=pages[key] if key in pages else assignment.item,  # noqa: SIM401 (lazy)
                status=with_deadline(status, due=assignment.due_on, today=today),
            )
        )
    return result
