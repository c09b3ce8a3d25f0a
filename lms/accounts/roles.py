"""Role questions asked by views and templates. One query at most per question."""

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.http import HttpRequest

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


def request_roles(request: HttpRequest) -> dict[str, bool]:
    """Whether the signed-in person is a trainer, a lead (or admin) and has a TOTP second
    factor, in one query asked once per request: the navigation and the two-factor check
    (lms/accounts/mfa.py) both need it on every page."""
    cached = getattr(request, "_academy_roles", None)
    if cached is not None:
        return cached
    from allauth.mfa.models import Authenticator

    user = getattr(request, "user", None)
    flags = {"trainer": False, "lead": False, "second_factor": False}
    if user is not None and user.is_authenticated:
        found = (
            User.objects.filter(pk=user.pk)
            .annotate(
                trainer=Exists(
                    User.groups.through.objects.filter(
                        user_id=OuterRef("pk"), group__name=settings.TRAINER_GROUP_NAME
                    )
                ),
                lead=Exists(
                    TeamMembership.objects.filter(
                        user_id=OuterRef("pk"), role=TeamMembership.Role.LEAD
                    )
                ),
                second_factor=Exists(
                    Authenticator.objects.filter(
                        user_id=OuterRef("pk"), type=Authenticator.Type.TOTP
                    )
                ),
            )
            .values("trainer", "lead", "second_factor")
            .first()
        )
        flags.update(found or {})
        if is_admin(user):
            flags.update(trainer=True, lead=True)
    request._academy_roles = flags  # type: ignore[attr-defined]
    return flags
