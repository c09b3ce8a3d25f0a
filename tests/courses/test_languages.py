"""The interface and the content follow the learner's language; progress is shared."""

import pytest

from courses.models import CoursePage
from lms.accounts.models import User

pytestmark = pytest.mark.django_db


def test_switching_language_keeps_the_page_and_translates_the_interface(seeded_academy, client):
    client.force_login(User.objects.get(email="newhire@academy.test"))

    response = client.post(
        "/i18n/setlang/", {"language": "fi", "next": "/en/data-protection-on-calls/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/fi/data-protection-on-calls/"
    page = client.get(response["Location"]).content.decode()
    assert '<html lang="fi">' in page
    assert "Tietosuoja puheluissa" in page  # the translated course title
    assert "Oma oppiminen" in page  # the translated navigation


def test_my_learning_shows_translated_titles_and_the_same_progress(seeded_academy, client):
    agent = User.objects.get(email="agent@academy.test")
    client.force_login(agent)

    english = client.get("/me/", HTTP_ACCEPT_LANGUAGE="en").context["me"]
    client.cookies["django_language"] = "fi"
    finnish = client.get("/me/").context["me"]

    def titles(me):
        return [item.course.title for item in me.completed]

    def percents(me):
        return [item.percent for item in me.completed + me.in_progress]

    assert "Data protection on calls" in titles(english)
    assert "Tietosuoja puheluissa" in titles(finnish)
    assert percents(english) == percents(finnish)
    assert {item.course.locale.language_code for item in finnish.completed} == {"fi"}


def test_untranslated_courses_open_in_every_language_with_the_translated_interface(
    seeded_academy, client
):
    client.force_login(User.objects.get(email="agent@academy.test"))
    swedish_alias = CoursePage.objects.get(locale__language_code="sv", slug="nordlink-fibre-basics")
    assert swedish_alias.alias_of_id is not None

    page = client.get(swedish_alias.url).content.decode()

    assert '<html lang="sv">' in page
    assert "Mitt lärande" in page
