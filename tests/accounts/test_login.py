import pytest
from django.core import mail

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def login(client, email, password):
    return client.post("/accounts/login/", {"login": email, "password": password})


def test_people_sign_in_with_their_email_and_land_on_my_learning(client):
    UserFactory(email="noah@example.test")

    response = login(client, "noah@example.test", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/me/"


def test_an_unverified_email_cannot_sign_in_until_confirmed(client):
    UserFactory(email="new@example.test", verified=False)

    response = login(client, "new@example.test", PASSWORD)

    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session
    assert any("new@example.test" in m.to for m in mail.outbox)


def test_repeated_failed_logins_are_rate_limited(client):
    UserFactory(email="lena@example.test")
    for _ in range(5):
        assert login(client, "lena@example.test", "wrong password").status_code == 200

    blocked = login(client, "lena@example.test", PASSWORD)

    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in blocked.content.decode()


def test_password_reset_sends_a_link_by_email(client):
    UserFactory(email="aino@example.test")

    response = client.post("/accounts/password/reset/", {"email": "aino@example.test"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
