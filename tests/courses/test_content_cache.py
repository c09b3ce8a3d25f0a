"""The content cache (courses/content_cache.py) never shows stale published content.

Course structure, levels, badge and KPI definitions are cached between requests; every change an
editor or admin makes must show on the very next page, and so must a learner's own progress
(see also test_learner_cache.py). The cache must also actually save queries.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Site

from courses import services
from courses.models import LessonPage
from gamification.models import Level
from tests.factories import (
    BadgeClassFactory,
    CourseIndexPageFactory,
    LessonPageFactory,
    course_with_lessons,
    lessons_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def taking(catalogue, agent, client):
    """The agent signed in and half-way through a three-lesson course."""
    course = course_with_lessons(index=catalogue, lessons=3, title="Refund policy")
    lessons = lessons_of(course)
    services.course_enrol(user=agent, course=course)
    services.lesson_complete(user=agent, lesson=lessons[0])
    client.force_login(agent)
    return course, lessons


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_renamed_lesson_shows_its_new_title_at_once(client, taking):
    course, lessons = taking
    assert "Lesson" in page(client, lessons[0].url)  # fills the cache
    assert lessons[1].title in page(client, "/me/")  # "Continue: <next lesson>"

    lessons[1].title = "Refunds over 100 euros"
    lessons[1].save_revision().publish()

    assert "Refunds over 100 euros" in page(client, lessons[0].url)  # the outline
    assert "Continue: Refunds over 100 euros" in page(client, "/me/")


def test_unpublishing_and_publishing_a_lesson_shows_at_once(client, taking):
    course, lessons = taking
    assert "Lesson 1 of 3" in page(client, lessons[0].url)
    assert "33% complete" in page(client, "/me/")

    lessons[2].unpublish()

    assert "Lesson 1 of 2" in page(client, lessons[0].url)
    assert lessons[2].title not in page(client, lessons[0].url)
    assert "50% complete" in page(client, "/me/")
    assert client.get(lessons[2].url).status_code == 404

    LessonPageFactory(parent=course, title="Partial refunds")

    html = page(client, lessons[0].url)
    assert "Lesson 1 of 3" in html and "Partial refunds" in html
    assert page(client, lessons_of(course)[-1].url)  # the new lesson is routed to at once


def test_a_moved_slug_routes_at_once(client, taking):
    _course, lessons = taking
    old_url = lessons[1].url
    assert page(client, old_url)

    lessons[1].slug = "refunds-moved"
    lessons[1].save_revision().publish()

    assert client.get(old_url).status_code == 404
    moved = LessonPage.objects.get(pk=lessons[1].pk)
    assert moved.url.endswith("/refunds-moved/")
    assert "Refund policy" in page(client, moved.url)


def test_the_learners_own_progress_shows_at_once(client, taking):
    _course, lessons = taking
    assert "33% complete" in page(client, "/me/")
    page(client, lessons[1].url)

    client.post(reverse("courses:lesson_complete", args=[lessons[1].pk]))

    assert "66% complete" in page(client, "/me/")
    assert "66% complete" in page(client, lessons[1].url)


def test_level_and_badge_edits_show_on_me_at_once(client, taking):
    course, _lessons = taking
    Level.objects.all().delete()
    Level.objects.create(number=1, name="Rookie", threshold=0)
    badge = BadgeClassFactory(name="Refund ace", criterion="course", course=course)
    html = page(client, "/me/")
    assert "Rookie" in html and "Refund ace" in html

    level = Level.objects.get()
    level.name = "Trainee"
    level.save()
    badge.name = "Refund master"
    badge.save()

    html = page(client, "/me/")
    assert "Trainee" in html and "Rookie" not in html
    assert "Refund master" in html and "Refund ace" not in html


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("which", "ceiling"),
    # Before the content cache: lesson 19 queries, /me/ 31 (PostgreSQL, the demo academy).
    [("lesson", 11), ("me", 19)],
)
def test_a_warm_cache_saves_queries(client, taking, which, ceiling):
    _course, lessons = taking
    url = {"lesson": lessons[1].url, "me": "/me/"}[which]
    client.get(url)  # the session is touched on the first request
    cache.clear()
    cold = count(client, url)
    warm = count(client, url)

    assert warm < cold
    assert warm <= ceiling


def test_pointing_the_site_at_another_catalogue_routes_at_once(client, taking, catalogue):
    other = CourseIndexPageFactory(title="Second academy", slug="second-academy")
    course_with_lessons(index=other, lessons=1, title="Roaming charges")
    assert "Refund policy" in page(client, "/en/")  # the site and its root page are cached

    site = Site.objects.get(is_default_site=True)
    site.root_page = other
    site.save()

    html = page(client, "/en/")
    assert "Roaming charges" in html and "Refund policy" not in html


def test_a_warm_lesson_page_reads_no_content_and_no_site(client, taking):
    """Left per request: session, user, roles, her progress (2), the unread count."""
    _course, lessons = taking
    client.get(lessons[1].url)
    count(client, lessons[1].url)  # fills the cache

    with CaptureQueriesContext(connection) as queries:
        assert client.get(lessons[1].url).status_code == 200
    tables = " ".join(query["sql"] for query in queries)

    assert "wagtailcore_site" not in tables and "wagtailcore_locale" not in tables
    assert 'FROM "wagtailcore_page"' not in tables  # her progress joins pages for their keys
    assert len(queries) <= 6
