"""Trainers preview every page type in Wagtail admin, both saved pages and pages being created."""

import pytest

from courses.models import CourseIndexPage, CoursePage, LearningPathPage, LessonPage
from tests.factories import (
    LearningPathCourseFactory,
    LearningPathPageFactory,
    course_with_lessons,
)

pytestmark = pytest.mark.django_db


def preview(page, user):
    return page.make_preview_request(extra_request_attrs={"user": user})


def unsaved_child(parent, model, **fields):
    """A page as Wagtail's "preview on create" builds it: placed in the tree and validated (which
    sets its locale), but not saved."""
    page = model(**fields)
    page.locale = parent.get_default_locale() if parent.is_root() else parent.locale
    page.depth = parent.depth + 1
    last = parent.get_last_child()
    page.path = last._inc_path() if last else page._get_path(parent.path, page.depth, 1)
    return page


def test_saved_pages_of_every_type_preview(catalogue, trainer):
    course = course_with_lessons(index=catalogue, lessons=2, title="Refunds and returns")
    path = LearningPathPageFactory(parent=catalogue, title="First two weeks")
    LearningPathCourseFactory(path=path, course=course)
    lesson = LessonPage.objects.child_of(course).first()

    for page in (catalogue, course, lesson, path):
        response = preview(page, trainer)
        assert response.status_code == 200, page
        assert page.title in response.rendered_content


def test_new_pages_of_every_type_preview_before_their_first_save(catalogue, trainer):
    course = course_with_lessons(index=catalogue, lessons=1)
    new_pages = [
        unsaved_child(catalogue.get_parent(), CourseIndexPage, title="Katalogi"),
        unsaved_child(
            catalogue, CoursePage, title="Outage handling", category="protocol", summary="s"
        ),
        unsaved_child(
            course,
            LessonPage,
            title="Keeping customers informed",
            body=[{"type": "heading", "value": {"text": "Say what you know"}}],
        ),
        unsaved_child(catalogue, LearningPathPage, title="Week one"),
    ]
    for page in new_pages:
        response = preview(page, trainer)
        assert response.status_code == 200, page.title
        assert page.title in response.rendered_content
