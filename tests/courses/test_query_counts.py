"""Learner pages issue the same number of SQL queries however much content and progress exists."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses import services
from courses.models import CoursePage, LessonPage
from gamification.services import events_process_all
from tests.factories import (
    BadgeClassFactory,
    LearningPathCourseFactory,
    LearningPathPageFactory,
    course_with_lessons,
)

pytestmark = pytest.mark.django_db

# Ceilings per page; the tests also check the count is identical at both data sizes.
# Every page's header asks once for the notification bell (unread count and waiting toasts);
# /me/ also shows the XP panel (total, levels, awards, badges, history).
MAX_QUERIES = {"my_learning": 30, "catalogue": 29, "course": 21, "lesson": 25}


def build_academy(index, *, label: str, courses: int, lessons: int, user, completed_courses: int):
    path = LearningPathPageFactory(parent=index, title=f"{label} path")
    for number in range(courses):
        course = course_with_lessons(index=index, lessons=lessons, title=f"{label} course {number}")
        LearningPathCourseFactory(path=path, course=course, due_days=number + 1, sort_order=number)
        # A badge per course: /me/ lists earned and locked badges.
        BadgeClassFactory(name=f"{label} badge {number}", criterion="course", course=course)
    services.path_start(user=user, path=path)
    built = CoursePage.objects.child_of(index).filter(title__startswith=label).order_by("path")
    for course in built[:completed_courses]:
        for lesson in LessonPage.objects.child_of(course).order_by("path"):
            services.lesson_complete(user=user, lesson=lesson)
    # One course half done, so "in progress" has content too.
    half = built[completed_courses]
    services.lesson_complete(user=user, lesson=LessonPage.objects.child_of(half).first())
    # The test's transaction never commits, so process the outbox as the sweeper would: XP
    # history and earned badges grow with the completions.
    events_process_all()


def page_urls(index):
    course = CoursePage.objects.child_of(index).order_by("path").last()
    lesson = LessonPage.objects.child_of(course).order_by("path").last()
    return {
        "my_learning": "/me/",
        "catalogue": index.url,
        "course": course.url,
        "lesson": lesson.url,
    }


def count_queries(client, url) -> int:
    client.get(url)  # warm up: the first request after login also touches the session
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("page", sorted(MAX_QUERIES))
def test_query_count_does_not_grow_with_courses_lessons_or_completions(
    page, client, catalogue, agent, django_assert_max_num_queries
):
    client.force_login(agent)
    build_academy(catalogue, label="Small", courses=2, lessons=2, user=agent, completed_courses=1)
    small = count_queries(client, page_urls(catalogue)[page])

    build_academy(catalogue, label="Large", courses=12, lessons=6, user=agent, completed_courses=8)
    large = count_queries(client, page_urls(catalogue)[page])
    with django_assert_max_num_queries(MAX_QUERIES[page]):
        response = client.get(page_urls(catalogue)[page])
    assert response.status_code == 200

    assert large == small
