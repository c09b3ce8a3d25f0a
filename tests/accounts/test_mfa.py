"""Two-factor authentication: required of trainers and admins, offered to everyone, and the
Django admin signs in through the same allauth login with the same limits."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
ACTIVATE = "/accounts/2fa/totp/activate/"


def current_code(secret: str) -> str:
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


def sign_in(client, email, password=PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password})


def open_totp_activation(client):
    """allauth asks for the password again before a second factor can be added."""
    first = client.get(ACTIVATE)
    assert first["Location"].startswith("/accounts/reauthenticate/")
    client.post(first["Location"], {"password": PASSWORD})
    return client.get(ACTIVATE)


@pytest.mark.parametrize(
    "role", [{"trainer": True}, {"is_superuser": True, "is_staff": True}], ids=["trainer", "admin"]
)
@pytest.mark.parametrize("path", ["/me/", "/cms/", "/django-admin/", "/leaderboards/"])
def test_a_trainer_or_admin_without_two_factor_is_sent_to_set_it_up(client, role, path):
    person = UserFactory(totp_secret=False, **role)
    client.force_login(person)

    response = client.get(path, follow=True)

    assert response.redirect_chain[0] == (ACTIVATE, 302)
    page = response.content.decode()
    assert "must use two-factor authentication" in page
    # The account pages stay open: they are where the second factor is set up.
    assert client.get("/accounts/email/").status_code == 200


def test_agents_and_leads_are_not_asked_for_a_second_factor(client, lead):
    agent = UserFactory()
    for person in (agent, lead):
        client.force_login(person)
        assert client.get("/me/").status_code == 200


def test_a_trainer_sets_up_totp_and_then_reaches_the_authoring_admin(client):
    trainer = UserFactory(email="tomas@example.test", trainer=True, totp_secret=False)
    assert sign_in(client, trainer.email)["Location"] == "/me/"
    assert client.get("/cms/")["Location"] == ACTIVATE

    assert open_totp_activation(client).status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    wrong = client.post(ACTIVATE, {"code": "000000" if current_code(secret) != "000000" else "1"})
    assert "Incorrect code" in wrong.content.decode()
    client.post(ACTIVATE, {"code": current_code(secret)})

    assert Authenticator.objects.filter(user=trainer, type=Authenticator.Type.TOTP).exists()
    assert client.get("/cms/").status_code == 200


def test_with_totp_the_password_alone_does_not_sign_a_trainer_in(client):
    secret = generate_totp_secret()
    trainer = UserFactory(email="tomas@example.test", trainer=True, totp_secret=secret)

    response = sign_in(client, trainer.email)

    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    assert client.get("/cms/")["Location"].startswith("/accounts/login/")
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "123456"})
    assert "_auth_user_id" not in client.session
    assert wrong.status_code == 200
    signed_in = client.post("/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert signed_in["Location"] == "/me/"
    assert client.get("/cms/").status_code == 200


def test_the_django_admin_login_is_allauths_login(client):
    admin = UserFactory(email="aada@example.test", is_superuser=True, is_staff=True)

    page = client.get("/django-admin/login/?next=/django-admin/")
    assert page.status_code == 302
    assert page["Location"].startswith("/accounts/login/?next=")

    # Posting a password to the admin's own form does not sign anyone in.
    client.post("/django-admin/login/", {"username": admin.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_failed_admin_logins_hit_the_same_rate_limit(client):
    admin = UserFactory(email="aada@example.test", is_superuser=True, is_staff=True)
    for _ in range(5):
        sign_in(client, admin.email, "wrong password")

    blocked = sign_in(client, admin.email)

    assert "Too many failed login attempts" in blocked.content.decode()
    admin_page = client.get("/django-admin/", follow=True)
    assert admin_page.redirect_chain[-1][0].startswith("/accounts/login/")


def test_failed_logins_are_limited_per_address_across_accounts(client):
    people = UserFactory.create_batch(11)
    for person in people[:10]:
        assert sign_in(client, person.email, "wrong password").status_code == 200

    blocked = sign_in(client, people[10].email)

    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in blocked.content.decode()


def test_any_learner_may_add_totp_to_their_account(client):
    agent = UserFactory()
    sign_in(client, agent.email)

    page = open_totp_activation(client)

    assert page.status_code == 200
    assert client.session[SECRET_SESSION_KEY]
