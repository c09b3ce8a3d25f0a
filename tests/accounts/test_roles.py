import pytest

from lms.accounts import roles
from lms.accounts.models import TeamMembership
from tests.factories import TeamFactory, TeamMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_roles_come_from_membership_group_and_superuser_flag():
    team = TeamFactory()
    lead = TeamMembershipFactory(team=team, role=TeamMembership.Role.LEAD).user
    agent = TeamMembershipFactory(team=team).user
    trainer = UserFactory(trainer=True)
    admin = UserFactory(is_superuser=True, is_staff=True)

    assert roles.is_team_lead(lead) and not roles.is_team_lead(agent)
    assert roles.is_trainer(trainer) and roles.is_trainer(admin) and not roles.is_trainer(agent)
    assert roles.led_team_ids(lead) == [team.pk]
    assert roles.led_team_ids(agent) == []


def test_a_lead_sees_only_their_own_teams_and_an_admin_all_led_teams():
    mine, other = TeamFactory(), TeamFactory()
    lead = TeamMembershipFactory(team=mine, role=TeamMembership.Role.LEAD).user
    TeamMembershipFactory(team=other, role=TeamMembership.Role.LEAD)
    admin = UserFactory(is_superuser=True)

    assert roles.led_team_ids(lead) == [mine.pk]
    assert sorted(roles.led_team_ids(admin)) == sorted([mine.pk, other.pk])


def test_trainers_reach_the_authoring_admin_and_agents_do_not(client):
    trainer = UserFactory(trainer=True)
    agent = UserFactory()

    client.force_login(agent)
    assert client.get("/cms/")["Location"].startswith("/accounts/login/")
    client.force_login(trainer)
    assert client.get("/cms/").status_code == 200


def test_trainers_may_translate_pages():
    trainer = UserFactory(trainer=True)

    assert trainer.has_perm("simple_translation.submit_translation")
