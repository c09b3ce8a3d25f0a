import os

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Locale, Page

from courses.models import CoursePage, LearningPathPage, LessonCompletion, LessonPage
from gamification.models import Event
from lms.accounts.models import Team, TeamMembership, User

pytestmark = pytest.mark.django_db

DEMO_LOGINS = ["newhire", "agent", "lead", "trainer", "admin"]


def english(model):
    return model.objects.filter(locale__language_code="en")


def snapshot():
    return (
        Page.objects.count(),
        User.objects.count(),
        TeamMembership.objects.count(),
        LessonCompletion.objects.count(),
        Event.objects.count(),
    )


def test_demo_academy_has_real_courses_a_path_a_team_and_logins(seeded_academy, client):
    courses = list(english(CoursePage))
    assert len(courses) >= 6
    assert {c.category for c in courses} == {"product", "protocol", "soft_skill"}
    for course in courses:
        assert LessonPage.objects.child_of(course).live().count() >= 3, course.title

    path = english(LearningPathPage).get(slug="first-two-weeks")
    assert path.steps.count() >= 3

    team = Team.objects.get()
    assert team.memberships.filter(role=TeamMembership.Role.LEAD).count() == 1
    assert team.memberships.filter(role=TeamMembership.Role.MEMBER).count() == 4

    for name in DEMO_LOGINS:
        response = client.post(
            "/accounts/login/", {"login": f"{name}@academy.test", "password": "academy-demo"}
        )
        assert response.status_code == 302, name
        client.logout()
    assert User.objects.get(email="admin@academy.test").is_superuser
    assert User.objects.get(email="trainer@academy.test").groups.filter(name="Editors").exists()


def test_each_language_has_a_translated_course_and_every_page_in_every_locale(seeded_academy):
    english_pages = Page.objects.filter(locale__language_code="en", depth__gt=1).count()
    for code in ("fi", "sv", "uk"):
        locale = Locale.objects.get(language_code=code)
        translated = CoursePage.objects.filter(locale=locale, alias_of__isnull=True)
        assert translated.exists(), f"no course translated into {code}"
        english_course = translated.first().get_translation(Locale.get_default())
        assert translated.first().title != english_course.title
        assert Page.objects.filter(locale=locale, depth__gt=1).count() == english_pages


def test_running_the_seed_twice_changes_nothing(seeded_academy, settings):
    before = snapshot()

    settings.DEBUG = True
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", stdout=quiet)

    assert snapshot() == before


def test_seed_refuses_to_create_demo_logins_when_debug_is_off(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")

    assert not User.objects.filter(email__endswith="@academy.test").exists()


def test_demo_pages_render_for_a_signed_in_agent(seeded_academy, client):
    client.force_login(User.objects.get(email="agent@academy.test"))
    course = english(CoursePage).first()
    pages = [
        "/me/",
        "/en/",
        course.url,
        LessonPage.objects.child_of(course).first().url,
        english(LearningPathPage).get().url,
        "/fi/",
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url


def test_translated_lessons_keep_their_knowledge_checks(seeded_academy):
    from courses.blocks import required_quiz_ids

    for lesson in LessonPage.objects.filter(alias_of__isnull=True).exclude(
        locale__language_code="en"
    ):
        english = lesson.get_translation(Locale.get_default())
        assert required_quiz_ids(lesson.body) == required_quiz_ids(english.body), lesson.url_path
