"""A person's language goes with her account (lms/accounts/language.py).

Picking a language while signed in keeps it on the account; signing in on another device brings
it back; the emails the academy sends her are written in it.
"""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import date_format

from courses import services
from lms.accounts.language import language_preference_set
from lms.accounts.models import User
from tests.factories import UserFactory, course_with_lessons

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
COOKIE = settings.LANGUAGE_COOKIE_NAME


def switch(client, language: str, next_url: str = "/me/"):
    return client.post("/i18n/setlang/", {"language": language, "next": next_url})


def sign_in(client, user):
    return client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})


def heading(client) -> str:
    html = client.get("/me/").content.decode()
    return html.split("<h1>", 1)[1].split("</h1>", 1)[0]


def in_language(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


def test_picking_a_language_while_signed_in_keeps_it_on_the_account(client, agent):
    client.force_login(agent)

    response = switch(client, "fi")

    assert response.status_code == 302 and response["Location"] == "/me/"
    assert response.cookies[COOKIE].value == "fi"
    assert User.objects.get(pk=agent.pk).language == "fi"
    assert heading(client) == in_language("fi", "My learning") != "My learning"


def test_signed_out_the_pick_stays_in_the_browser_only(client):
    response = switch(client, "sv", "/accounts/login/")

    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "sv"
    assert not User.objects.exclude(language="").exists()


def test_a_language_the_academy_does_not_offer_is_not_kept(client, agent):
    agent.language = "sv"
    agent.save()
    client.force_login(agent)

    switch(client, "de")  # Django itself speaks German; the academy does not

    assert User.objects.get(pk=agent.pk).language == "sv"
    with pytest.raises(ValueError):
        language_preference_set(user=agent, language="de")


def test_signing_in_on_a_new_device_brings_her_language_back(client, agent):
    agent.language = "uk"
    agent.save()

    response = sign_in(client, agent)  # a browser with no language cookie: English so far

    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "uk"
    assert heading(client) == in_language("uk", "My learning") != "My learning"


def test_without_a_pick_signing_in_keeps_the_browsers_language(client, agent):
    assert agent.language == ""

    response = sign_in(client, agent)
    swedish = client.get("/me/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()

    assert COOKIE not in response.cookies
    assert f"<h1>{in_language('sv', 'My learning')}</h1>" in swedish
    assert User.objects.get(pk=agent.pk).language == ""


def test_reminder_emails_are_written_in_her_language(catalogue, django_capture_on_commit_callbacks):
    course = course_with_lessons(index=catalogue, lessons=1, title="Refund policy")
    finnish = UserFactory(email="aino@example.test", language="fi")
    english = UserFactory(email="bo@example.test")
    due = timezone.now().astimezone(datetime.UTC).date() + datetime.timedelta(days=10)
    services.assignments_create(assigned_by=None, users=[finnish, english], item=course, due_on=due)

    three_days_before = datetime.datetime.combine(
        due - datetime.timedelta(days=3), datetime.time(12), tzinfo=datetime.UTC
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.reminders_send(now=three_days_before)

    subjects = {message.to[0]: message.subject for message in mail.outbox}
    for user, language in ((finnish, "fi"), (english, "en")):
        with translation.override(language):
            expected = translation.gettext("Reminder: %(title)s is due on %(due)s") % {
                "title": "Refund policy",
                "due": date_format(due, "SHORT_DATE_FORMAT"),
            }
        assert subjects[user.email] == settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + expected
    assert subjects[finnish.email] != subjects[english.email]
