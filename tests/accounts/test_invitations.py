"""Joining a team by invitation: the link, sign-up with the email fixed, onboarding assigned."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from courses.models import Assignment, PathEnrolment
from lms.accounts.models import Invitation, TeamMembership, User
from lms.accounts.services import (
    INVITATION_VALID_FOR,
    InvitationError,
    invitation_accept,
    invitation_create,
    invitation_resend,
    invitation_revoke,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase 42"


def _invite(team, lead, email="nora@example.test", capture=None):
    link = invitation_create(team=team, email=email, invited_by=lead, base_url="http://testserver/")
    return link


def _sign_up(client, url, email, **overrides):
    client.get(url)
    data = {
        "first_name": "Nora",
        "last_name": "Newhire",
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }
    return client.post(reverse("account_signup"), data)


def test_a_new_hire_signs_up_from_the_link_and_gets_the_onboarding_path(
    client, team, lead, onboarding_path, django_capture_on_commit_callbacks
):
    team.default_path = onboarding_path
    team.save()
    with django_capture_on_commit_callbacks(execute=True):
        _invite(team, lead)
    url = re.search(r"http://testserver(/invitations/\S+/)", mail.outbox[0].body).group(1)

    follow = client.get(url)
    assert follow.status_code == 302 and follow["Location"] == reverse("account_signup")
    form_page = client.get(reverse("account_signup"))
    html = form_page.content.decode()
    assert 'value="nora@example.test"' in html and "readonly" in html

    response = _sign_up(client, url, "nora@example.test")

    assert response.status_code == 302
    assert response["Location"] == reverse("courses:my_learning")
    user = User.objects.get(email="nora@example.test")
    assert user.get_full_name() == "Nora Newhire"
    assert TeamMembership.objects.filter(team=team, user=user, role="member").exists()
    assignment = Assignment.objects.get(user=user)
    assert assignment.path == onboarding_path
    assert assignment.reason == Assignment.Reason.ONBOARDING
    assert assignment.due_on == user.local_today() + datetime.timedelta(days=10)
    assert PathEnrolment.objects.get(user=user).started_on == user.local_today()
    assert Invitation.objects.get().status == Invitation.Status.ACCEPTED

    me = client.get(reverse("courses:my_learning")).content.decode()
    assert "Assigned to you" in me and "First two weeks" in me
    # Following the emailed link proved the address: no verification mail was needed.
    assert len(mail.outbox) == 1


def test_the_email_cannot_be_changed_on_the_sign_up_form(client, team, lead):
    link = _invite(team, lead)
    response = _sign_up(client, link.path, "someone-else@example.test")
    assert response.status_code == 200
    assert "Sign up with the address your invitation was sent to." in response.content.decode()
    assert not User.objects.filter(email="someone-else@example.test").exists()


def test_sign_up_without_an_invitation_is_closed(client):
    response = client.get(reverse("account_signup"))
    assert "Sign-up by invitation" in response.content.decode()
    client.post(
        reverse("account_signup"),
        {"email": "x@example.test", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert not User.objects.filter(email="x@example.test").exists()


def test_an_expired_link_says_so(client, team, lead):
    link = _invite(team, lead)
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = client.get(link.path)
    assert response.status_code == 410
    assert "expired" in response.content.decode()


def test_a_withdrawn_or_unknown_link_does_not_work(client, team, lead):
    link = _invite(team, lead)
    invitation_revoke(invitation=link.invitation)
    assert client.get(link.path).status_code == 410
    assert client.get("/invitations/not-a-token/").status_code == 404


def test_resending_replaces_the_link_and_extends_it(team, lead, client):
    link = _invite(team, lead)
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(days=1))
    fresh = invitation_resend(invitation=Invitation.objects.get(), base_url="http://testserver/")
    assert client.get(link.path).status_code == 404
    assert client.get(fresh.path).status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.expires_at > timezone.now() + INVITATION_VALID_FOR - datetime.timedelta(
        minutes=1
    )


def test_inviting_the_same_person_twice_resends_the_open_invitation(team, lead):
    _invite(team, lead)
    _invite(team, lead, email="NORA@example.test")
    invitation = Invitation.objects.get()
    assert invitation.send_count == 2


def test_an_existing_user_signs_in_and_joins(client, team, lead):
    existing = UserFactory(email="mover@example.test")
    link = _invite(team, lead, email="mover@example.test")
    response = client.get(link.path)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    client.force_login(existing)
    confirm = client.get(link.path)
    assert "Join the team" in confirm.content.decode()
    assert not TeamMembership.objects.filter(user=existing).exists()
    client.post(link.path)
    assert TeamMembership.objects.filter(user=existing, team=team).exists()


def test_someone_signed_in_as_another_person_cannot_use_the_link(client, team, lead):
    link = _invite(team, lead)
    intruder = UserFactory(email="intruder@example.test")
    client.force_login(intruder)
    assert "This invitation is for nora@example.test" in client.get(link.path).content.decode()
    response = client.post(link.path)
    assert response.status_code == 403
    assert not TeamMembership.objects.filter(user=intruder).exists()


def test_a_link_works_once(team, lead):
    link = _invite(team, lead)
    user = UserFactory(email="nora@example.test")
    invitation_accept(invitation=link.invitation, user=user)
    with pytest.raises(InvitationError, match="already been used"):
        invitation_accept(invitation=link.invitation, user=user)


def test_only_the_hash_of_the_token_is_stored(team, lead):
    link = _invite(team, lead)
    stored = Invitation.objects.get()
    assert link.token not in stored.token_hash
    assert len(stored.token_hash) == 64
