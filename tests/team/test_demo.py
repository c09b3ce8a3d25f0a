"""The demo academy gives the demo lead a dashboard with something to act on."""

import os

import pytest
from django.core.management import call_command
from django.urls import reverse

from courses.models import Assignment
from lms.accounts.models import Invitation, Team, User

pytestmark = pytest.mark.django_db


def test_the_demo_lead_sees_onboarding_overdue_work_and_a_pending_invitation(
    seeded_academy, client, settings
):
    team = Team.objects.get(name="Helpdesk North")
    client.force_login(User.objects.get(email="lead@academy.test"))

    dashboard = client.get(reverse("team:dashboard", args=[team.pk]))
    rows = {row.email: row for row in dashboard.context["matrix"].rows}
    assert rows["mikko@academy.test"].overdue == 1
    assert rows["newhire@academy.test"].assigned == 1

    onboarding = client.get(reverse("team:onboarding", args=[team.pk])).context["onboarding"]
    assert [row.user.email for row in onboarding] == ["newhire@academy.test"]

    invitations = client.get(reverse("team:invitations", args=[team.pk])).content.decode()
    assert "sofia@academy.test" in invitations

    # Seeding again changes nothing.
    before = Assignment.objects.count()
    settings.DEBUG = True
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", stdout=quiet)
    assert Assignment.objects.count() == before
    assert Invitation.objects.filter(email="sofia@academy.test").count() == 1


def test_the_new_hire_sees_the_onboarding_path_with_due_dates_on_me(seeded_academy, client):
    client.force_login(User.objects.get(email="newhire@academy.test"))
    html = client.get(reverse("courses:my_learning")).content.decode()
    assert "Assigned to you" in html
    assert "Your team&#x27;s onboarding path." in html or "Your team's onboarding path." in html
