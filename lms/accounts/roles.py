"""Role questions asked by views and templates. One query at most per question."""

from django.conf import settings

from lms.accounts.models import TeamMembership, User


def is_admin(user: User) -> bool:
    return user.is_authenticated and user.is_superuser


def is_trainer(user: User) -> bool:
    if not user.is_authenticated:
        return False
    return is_admin(user) or user.groups.filter(name=settings.TRAINER_GROUP_NAME).exists()


def is_team_lead(user: User) -> bool:
    if not user.is_authenticated:
        return False
    return TeamMembership.objects.filter(user=user, role=TeamMembership.Role.LEAD).exists()


def led_team_ids(user: User) -> list[int]:
    """Teams whose members this user may see; admins see every team."""
    if not user.is_authenticated:
        return []
    memberships = TeamMembership.objects.filter(role=TeamMembership.Role.LEAD)
    if not is_admin(user):
        memberships = memberships.filter(user=user)
    return list(memberships.values_list("team_id", flat=True).distinct())
