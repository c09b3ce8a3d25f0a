"""Every write to learner progress. Each function is atomic and records its gamification
event in the same transaction, so progress and outbox rows exist together or not at all."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from courses import learner_cache
from courses.blocks import required_quiz_ids, required_scenario_ids
from courses.models import (
    CoursePage,
    CoursePrerequisite,
    Enrolment,
    LearningPathCourse,
    LearningPathPage,
    LessonCompletion,
    LessonPage,
    PathEnrolment,
)
from courses.translations import default_locale_version
from gamification import events
from gamification.models import EventKind
from lms.accounts.models import User
from quizzes.models import Attempt, Quiz
from quizzes.selectors import passed_quiz_ids
from scenarios.selectors import mastered_scenario_keys


class KnowledgeCheckRequired(Exception):
    """The lesson's required knowledge check has not been passed yet."""

    def __init__(self, quiz_ids: list[int]):
        self.quiz_ids = quiz_ids
        super().__init__(f"pass quizzes {quiz_ids} first")


class RoleplayRequired(Exception):
    """The lesson's required roleplay has not been mastered yet."""

    def __init__(self, scenario_ids: list[int]):
        self.scenario_ids = scenario_ids
        super().__init__(f"master scenarios {scenario_ids} first")


class PrerequisitesNotMet(Exception):
    """The learner must complete other courses before starting this one."""

    def __init__(self, missing: list[CoursePage]):
        self.missing = missing
        super().__init__(", ".join(course.title for course in missing))


@dataclass
class LessonCompletionResult:
    lesson: LessonPage
    newly_completed: bool
    course_completed: bool = False
    paths_completed: list[LearningPathPage] = field(default_factory=list)


def missing_prerequisites(*, user: User, course: CoursePage) -> list[CoursePage]:
    """Prerequisite courses (default-locale versions) the user has not completed yet."""
    course = default_locale_version(course)
    required = [
        prerequisite.required_course
        for prerequisite in CoursePrerequisite.objects.filter(course=course).select_related(
            "required_course"
        )
    ]
    if not required:
        return []
    completed_keys = set(
        Enrolment.objects.filter(
            user=user,
            completed_at__isnull=False,
            course__translation_key__in=[c.translation_key for c in required],
        ).values_list("course__translation_key", flat=True)
    )
    return [c for c in required if c.translation_key not in completed_keys]


@transaction.atomic
def course_enrol(*, user: User, course: CoursePage) -> Enrolment:
    """Enrol the user in a course once prerequisites are met; enrolling again is a no-op."""
    course = default_locale_version(course)
    existing = Enrolment.objects.filter(user=user, course=course).first()
    if existing is not None:
        return existing
    missing = missing_prerequisites(user=user, course=course)
    if missing:
        raise PrerequisitesNotMet(missing)
    enrolment, _created = Enrolment.objects.get_or_create(user=user, course=course)
    return enrolment


@transaction.atomic
def lesson_complete(*, user: User, lesson: LessonPage) -> LessonCompletionResult:
    """Mark a lesson done, then the course and any learning path it finishes.

    Completing a lesson twice is a no-op: the unique constraint on (user, lesson) keeps one
    row, and the event key keeps one outbox event.
    """
    lesson = default_locale_version(lesson)
    course = CoursePage.objects.parent_of(lesson).get()
    enrolment = course_enrol(user=user, course=course)
    required = required_quiz_ids(lesson.body)
    missing_checks = sorted(set(required) - passed_quiz_ids(user=user, quiz_ids=required))
    if missing_checks:
        raise KnowledgeCheckRequired(missing_checks)
    roleplays = required_scenario_ids(lesson.body)
    if len(mastered_scenario_keys(user=user, scenario_ids=roleplays)) < len(set(roleplays)):
        raise RoleplayRequired(roleplays)

    completion, created = LessonCompletion.objects.get_or_create(
        user=user, lesson=lesson, defaults={"course": course}
    )
    redone = not created and _redo_if_reopened(completion=completion, enrolment=enrolment)
    result = LessonCompletionResult(lesson=lesson, newly_completed=created or redone)
    if not (created or redone):
        return result

    now = timezone.now()
    Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=now)
    # update() sends no signal: her course and paths may complete below in the same way.
    learner_cache.changed([user.pk])
    # A redone lesson keeps its first event: its key exists, so no XP is given twice.
    if created:
        events.record(
            user=user,
            kind=EventKind.LESSON_COMPLETED,
            subject=lesson,
            key=f"{EventKind.LESSON_COMPLETED}:{user.pk}:{lesson.pk}",
            payload={"course_id": course.pk},
        )
    result.course_completed = _complete_course_if_done(
        user=user, course=course, now=now, reopened_at=enrolment.reopened_at
    )
    if result.course_completed:
        result.paths_completed = _complete_paths_if_done(user=user, course=course, now=now)
    return result


def _redo_if_reopened(*, completion: LessonCompletion, enrolment: Enrolment) -> bool:
    """A lesson finished before recertification reopened the course counts once done again."""
    reopened_at = enrolment.reopened_at
    if reopened_at is None or completion.completed_at >= reopened_at:
        return False
    # Conditional, so a concurrent double click redoes the lesson once.
    return bool(
        LessonCompletion.objects.filter(pk=completion.pk, completed_at__lt=reopened_at).update(
            completed_at=timezone.now()
        )
    )


def _complete_course_if_done(
    *, user: User, course: CoursePage, now: datetime, reopened_at: datetime | None
) -> bool:
    """Complete the course once every live lesson is done and its assessment passed.

    After a reopening (``reopened_at``), only lessons completed and an assessment passed since
    then count: the learner has to show the knowledge again, not just once ever.
    """
    lesson_ids = set(LessonPage.objects.live().child_of(course).values_list("pk", flat=True))
    completions = LessonCompletion.objects.filter(user=user, lesson_id__in=lesson_ids)
    if reopened_at is not None:
        completions = completions.filter(completed_at__gte=reopened_at)
    done_ids = set(completions.values_list("lesson_id", flat=True))
    if not lesson_ids or done_ids != lesson_ids:
        return False
    if course.final_assessment_id and not _assessment_passed_since(
        user=user, quiz_id=course.final_assessment_id, since=reopened_at
    ):
        return False
    # The conditional update makes a concurrent second completion a no-op.
    marked = Enrolment.objects.filter(user=user, course=course, completed_at__isnull=True).update(
        completed_at=now
    )
    if not marked:
        return False
    events.record(
        user=user,
        kind=EventKind.COURSE_COMPLETED,
        subject=course,
        key=f"{EventKind.COURSE_COMPLETED}:{user.pk}:{course.pk}",
        payload={"xp_value": course.xp_value, "category": course.category},
    )
    return True


def _assessment_passed_since(*, user: User, quiz_id: int, since: datetime | None) -> bool:
    if since is None:
        return bool(passed_quiz_ids(user=user, quiz_ids=[quiz_id]))
    return Attempt.objects.filter(
        user=user, quiz_id=quiz_id, passed=True, submitted_at__gte=since
    ).exists()


def _complete_paths_if_done(
    *, user: User, course: CoursePage, now: datetime
) -> list[LearningPathPage]:
    completed_paths = []
    open_enrolments = PathEnrolment.objects.filter(
        user=user,
        completed_at__isnull=True,
        path__in=LearningPathCourse.objects.filter(
            course__translation_key=course.translation_key
        ).values("path_id"),
    ).select_related("path")
    for path_enrolment in open_enrolments:
        if _complete_path_if_done(user=user, path_enrolment=path_enrolment, now=now):
            completed_paths.append(path_enrolment.path)
    return completed_paths


def _complete_path_if_done(*, user: User, path_enrolment: PathEnrolment, now: datetime) -> bool:
    path = path_enrolment.path
    course_keys = set(path.steps.values_list("course__translation_key", flat=True))
    done_keys = set(
        Enrolment.objects.filter(
            user=user, completed_at__isnull=False, course__translation_key__in=course_keys
        ).values_list("course__translation_key", flat=True)
    )
    if not course_keys or not course_keys <= done_keys:
        return False
    if path.final_assessment_id and not passed_quiz_ids(
        user=user, quiz_ids=[path.final_assessment_id]
    ):
        return False
    marked = PathEnrolment.objects.filter(pk=path_enrolment.pk, completed_at__isnull=True).update(
        completed_at=now
    )
    if not marked:
        return False
    events.record(
        user=user,
        kind=EventKind.PATH_COMPLETED,
        subject=path,
        key=f"{EventKind.PATH_COMPLETED}:{user.pk}:{path.pk}",
    )
    return True


@transaction.atomic
def path_start(
    *, user: User, path: LearningPathPage, started_on: date | None = None
) -> PathEnrolment:
    """Start a learning path; its due dates count from ``started_on`` (today by default).

    Starting again keeps the original start date, so due dates never move by accident.
    """
    path = default_locale_version(path)
    path_enrolment, created = PathEnrolment.objects.get_or_create(
        user=user, path=path, defaults={"started_on": started_on or user.local_today()}
    )
    if created:
        # Courses finished before the path was started count towards it.
        _complete_path_if_done(user=user, path_enrolment=path_enrolment, now=timezone.now())
    return path_enrolment


def assessment_passed(*, user: User, quiz: Quiz) -> None:
    """A passed quiz may be the last thing a course or path was waiting for."""
    now = timezone.now()
    open_enrolments = Enrolment.objects.filter(
        user=user, completed_at__isnull=True, course__final_assessment=quiz
    ).select_related("course")
    for enrolment in open_enrolments:
        course = enrolment.course
        if _complete_course_if_done(
            user=user, course=course, now=now, reopened_at=enrolment.reopened_at
        ):
            _complete_paths_if_done(user=user, course=course, now=now)
    open_paths = PathEnrolment.objects.filter(
        user=user, completed_at__isnull=True, path__final_assessment=quiz
    ).select_related("path")
    for path_enrolment in open_paths:
        _complete_path_if_done(user=user, path_enrolment=path_enrolment, now=now)
