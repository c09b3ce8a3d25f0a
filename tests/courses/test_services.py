import pytest
from django.db import transaction

from courses import services
from courses.models import Enrolment, LessonCompletion, PathEnrolment
from gamification.models import Event, EventKind
from tests.factories import (
    CoursePrerequisiteFactory,
    LearningPathCourseFactory,
    LearningPathPageFactory,
    course_with_lessons,
    lessons_of,
)

pytestmark = pytest.mark.django_db


def test_completing_a_lesson_records_progress_and_one_outbox_event(catalogue, agent):
    course = course_with_lessons(index=catalogue, lessons=3)
    first = lessons_of(course)[0]

    result = services.lesson_complete(user=agent, lesson=first)

    assert result.newly_completed and not result.course_completed
    assert LessonCompletion.objects.filter(user=agent, lesson=first).exists()
    event = Event.objects.get(user=agent)
    assert event.kind == EventKind.LESSON_COMPLETED
    assert event.subject_id == first.pk
    assert event.status == Event.Status.PENDING
    assert Enrolment.objects.get(user=agent, course=course).completed_at is None


def test_completing_twice_is_a_no_op_not_an_error(catalogue, agent):
    first = lessons_of(course_with_lessons(index=catalogue, lessons=2))[0]
    services.lesson_complete(user=agent, lesson=first)

    again = services.lesson_complete(user=agent, lesson=first)

    assert again.newly_completed is False
    assert LessonCompletion.objects.filter(user=agent).count() == 1
    assert Event.objects.filter(user=agent).count() == 1


def test_last_lesson_completes_the_course_once(catalogue, agent):
    course = course_with_lessons(index=catalogue, lessons=3, xp_value=150)
    results = [services.lesson_complete(user=agent, lesson=lesson) for lesson in lessons_of(course)]

    assert [r.course_completed for r in results] == [False, False, True]
    assert Enrolment.objects.get(user=agent, course=course).completed_at is not None
    course_events = Event.objects.filter(user=agent, kind=EventKind.COURSE_COMPLETED)
    assert course_events.count() == 1
    assert course_events.get().payload["xp_value"] == 150
    # Re-completing the last lesson neither re-completes the course nor adds an event.
    services.lesson_complete(user=agent, lesson=lessons_of(course)[-1])
    assert Event.objects.filter(user=agent, kind=EventKind.COURSE_COMPLETED).count() == 1


def test_prerequisites_are_enforced_with_the_missing_courses_named(catalogue, agent):
    basics = course_with_lessons(index=catalogue, lessons=1, title="Refund basics")
    advanced = course_with_lessons(index=catalogue, lessons=1, title="Escalations")
    CoursePrerequisiteFactory(course=advanced, required_course=basics)

    with pytest.raises(services.PrerequisitesNotMet) as error:
        services.lesson_complete(user=agent, lesson=lessons_of(advanced)[0])

    assert [c.title for c in error.value.missing] == ["Refund basics"]
    assert not LessonCompletion.objects.filter(user=agent).exists()
    assert not Event.objects.filter(user=agent).exists()

    services.lesson_complete(user=agent, lesson=lessons_of(basics)[0])
    assert services.lesson_complete(user=agent, lesson=lessons_of(advanced)[0]).course_completed


def test_event_is_written_in_the_same_transaction_and_rolls_back_with_it(catalogue, agent):
    lesson = lessons_of(course_with_lessons(index=catalogue, lessons=2))[0]

    with pytest.raises(RuntimeError), transaction.atomic():
        services.lesson_complete(user=agent, lesson=lesson)
        assert Event.objects.filter(user=agent).count() == 1
        raise RuntimeError("the request failed after the service ran")

    assert not LessonCompletion.objects.filter(user=agent).exists()
    assert not Event.objects.filter(user=agent).exists()


@pytest.mark.django_db(transaction=True)
def test_recording_an_event_outside_a_transaction_is_refused(agent):
    from gamification import events

    with pytest.raises(RuntimeError):
        events.record(user=agent, kind=EventKind.LESSON_COMPLETED, subject=None, key="k")


def test_finishing_every_course_of_a_path_completes_the_path(catalogue, agent):
    path = LearningPathPageFactory(parent=catalogue)
    first = course_with_lessons(index=catalogue, lessons=1)
    second = course_with_lessons(index=catalogue, lessons=1)
    LearningPathCourseFactory(path=path, course=first, due_days=2, sort_order=0)
    LearningPathCourseFactory(path=path, course=second, due_days=5, sort_order=1)
    services.path_start(user=agent, path=path)

    services.lesson_complete(user=agent, lesson=lessons_of(first)[0])
    assert PathEnrolment.objects.get(user=agent).completed_at is None
    result = services.lesson_complete(user=agent, lesson=lessons_of(second)[0])

    assert [p.pk for p in result.paths_completed] == [path.pk]
    assert PathEnrolment.objects.get(user=agent).completed_at is not None
    assert Event.objects.filter(user=agent, kind=EventKind.PATH_COMPLETED).count() == 1


def test_starting_a_path_twice_keeps_the_first_start_date(catalogue, agent):
    import datetime

    path = LearningPathPageFactory(parent=catalogue)
    services.path_start(user=agent, path=path, started_on=datetime.date(2026, 11, 2))
    services.path_start(user=agent, path=path, started_on=datetime.date(2026, 11, 20))

    assert PathEnrolment.objects.get(user=agent).started_on == datetime.date(2026, 11, 2)


def test_progress_in_a_translation_counts_for_the_original(catalogue, agent):
    from wagtail.models import Locale

    course = course_with_lessons(index=catalogue, lessons=1)
    lesson = lessons_of(course)[0]
    finnish = Locale.objects.create(language_code="fi")
    finnish_lesson = lesson.copy_for_translation(finnish, copy_parents=True, alias=True)

    services.lesson_complete(user=agent, lesson=finnish_lesson)

    completion = LessonCompletion.objects.get(user=agent)
    assert completion.lesson_id == lesson.pk
    assert Enrolment.objects.get(user=agent).course_id == course.pk
