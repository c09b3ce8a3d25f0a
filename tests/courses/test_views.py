import pytest
from django.test import Client

from courses import services
from courses.models import LessonCompletion
from tests.factories import (
    CoursePrerequisiteFactory,
    LearningPathCourseFactory,
    LearningPathPageFactory,
    course_with_lessons,
    lessons_of,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["catalogue", "course", "lesson", "path", "me"])
def test_anonymous_visitors_are_sent_to_login(client, catalogue, page):
    course = course_with_lessons(index=catalogue, lessons=1)
    urls = {
        "catalogue": catalogue.url,
        "course": course.url,
        "lesson": lessons_of(course)[0].url,
        "path": LearningPathPageFactory(parent=catalogue).url,
        "me": "/me/",
    }

    response = client.get(urls[page])

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_catalogue_filters_by_category(client, catalogue, agent):
    course_with_lessons(index=catalogue, title="Refunds and returns", category="protocol")
    course_with_lessons(index=catalogue, title="Empathy in writing", category="soft_skill")
    client.force_login(agent)

    everything = client.get(catalogue.url).content.decode()
    protocols = client.get(catalogue.url, {"category": "protocol"}).content.decode()
    nonsense = client.get(catalogue.url, {"category": "astrology"}).content.decode()

    assert "Refunds and returns" in everything and "Empathy in writing" in everything
    assert "Refunds and returns" in protocols and "Empathy in writing" not in protocols
    assert "Empathy in writing" in nonsense  # an unknown category shows everything


def test_mark_complete_moves_to_the_next_lesson_and_updates_progress(client, catalogue, agent):
    course = course_with_lessons(index=catalogue, lessons=3)
    first, second, _third = lessons_of(course)
    client.force_login(agent)

    response = client.post(f"/learn/lessons/{first.pk}/complete/")

    assert response.status_code == 302
    assert response["Location"] == second.url
    page = client.get(course.url)
    assert page.context["outline"].percent == 33
    assert 'aria-valuenow="33"' in page.content.decode()
    me = client.get("/me/").content.decode()
    assert course.title in me and "33% complete" in me


def test_finishing_the_last_lesson_returns_to_the_course_with_a_message(client, catalogue, agent):
    course = course_with_lessons(index=catalogue, lessons=1, title="Outage handling")
    client.force_login(agent)

    response = client.post(f"/learn/lessons/{lessons_of(course)[0].pk}/complete/", follow=True)

    assert response.redirect_chain[-1][0] == course.url
    assert "Course completed: Outage handling" in response.content.decode()


def test_completing_needs_post_and_a_csrf_token(catalogue, agent):
    lesson = lessons_of(course_with_lessons(index=catalogue, lessons=1))[0]
    client = Client(enforce_csrf_checks=True)
    client.force_login(agent)

    assert client.get(f"/learn/lessons/{lesson.pk}/complete/").status_code == 405
    assert client.post(f"/learn/lessons/{lesson.pk}/complete/").status_code == 403
    assert not LessonCompletion.objects.exists()


def test_locked_course_explains_which_courses_come_first(client, catalogue, agent):
    basics = course_with_lessons(index=catalogue, lessons=1, title="Refund basics")
    advanced = course_with_lessons(index=catalogue, lessons=1, title="Escalations")
    CoursePrerequisiteFactory(course=advanced, required_course=basics)
    client.force_login(agent)

    course_page = client.get(advanced.url).content.decode()
    lesson_page = client.get(lessons_of(advanced)[0].url).content.decode()
    blocked = client.post(f"/learn/lessons/{lessons_of(advanced)[0].pk}/complete/", follow=True)

    assert "This course is locked." in course_page and "Refund basics" in course_page
    assert "This lesson is locked." in lesson_page
    assert "Complete these courses first: Refund basics" in blocked.content.decode()
    assert not LessonCompletion.objects.exists()


def test_my_learning_shows_the_path_with_due_dates(client, catalogue, agent):
    import datetime

    path = LearningPathPageFactory(parent=catalogue, title="First two weeks")
    course = course_with_lessons(index=catalogue, lessons=2, title="Data protection")
    LearningPathCourseFactory(path=path, course=course, due_days=3)
    services.path_start(user=agent, path=path, started_on=datetime.date(2026, 11, 23))
    client.force_login(agent)

    me = client.get("/me/")

    item = me.context["me"].paths[0]
    assert item.steps[0].due == datetime.date(2026, 11, 26)
    assert "First two weeks" in me.content.decode()
    assert "Data protection" in me.content.decode()


def test_unknown_lesson_is_a_404(client, agent, catalogue):
    client.force_login(agent)
    assert client.post("/learn/lessons/999999/complete/").status_code == 404


def test_the_front_door_leads_signed_in_learners_to_my_learning(client, agent):
    assert client.get("/")["Location"] == "/accounts/login/?next=/"
    client.force_login(agent)
    assert client.get("/")["Location"] == "/me/"


def test_the_path_bar_moves_with_the_first_lesson(client, catalogue, agent):
    path = LearningPathPageFactory(parent=catalogue)
    first = course_with_lessons(index=catalogue, lessons=2)
    second = course_with_lessons(index=catalogue, lessons=2)
    LearningPathCourseFactory(path=path, course=first, sort_order=0)
    LearningPathCourseFactory(path=path, course=second, sort_order=1)
    services.path_start(user=agent, path=path)
    services.lesson_complete(user=agent, lesson=lessons_of(first)[0])
    client.force_login(agent)

    item = client.get(path.url).context["path_progress"]

    assert item.percent == 25  # one lesson of four
    assert [step.progress.percent for step in item.steps] == [50, 0]
