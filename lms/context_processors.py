from collections.abc import Callable
from functools import cache
from typing import TypeVar

from django.conf import settings
from django.db.models import Exists, OuterRef

from lms.accounts import roles
from lms.accounts.models import TeamMembership, User

T = TypeVar("T")


def _once(compute: Callable[[], T]) -> Callable[[], T]:
    """A value computed the first time a template asks for it, and only then.

    Templates call callables when they resolve a variable, so a page that never shows the
    value pays nothing; caching matters for toasts, which are consumed when taken.
    """
    return cache(compute)


def _nav_roles(user) -> dict[str, bool]:
    """Both role questions the navigation asks, in one query: roles.is_trainer and
    roles.is_team_lead (or admin), answered together because every page asks them."""
    if not user.is_authenticated:
        return {"trainer": False, "lead": False}
    if roles.is_admin(user):
        return {"trainer": True, "lead": True}
    flags = (
        User.objects.filter(pk=user.pk)
        .annotate(
            trainer=Exists(
                User.groups.through.objects.filter(
                    user_id=OuterRef("pk"), group__name=settings.TRAINER_GROUP_NAME
                )
            ),
            lead=Exists(
                TeamMembership.objects.filter(user_id=OuterRef("pk"), role=TeamMembership.Role.LEAD)
            ),
        )
        .values("trainer", "lead")
        .first()
    )
    return flags or {"trainer": False, "lead": False}


def navigation(request):
    """Role flags, the unread count and fresh toasts for the page chrome, all lazy."""
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    member: User = user  # type: ignore[assignment]  # only used when signed in
    nav_roles = _once(lambda: _nav_roles(user) if user else {"trainer": False, "lead": False})

    @cache
    def summary():
        from gamification import page_data

        return page_data.notification_summary(member) if signed_in else None

    def unread() -> int:
        return summary().unread if signed_in else 0

    def toasts() -> list:
        from gamification import page_data, services

        if not signed_in or not summary().fresh:
            return []
        return page_data.notification_items(services.notifications_take_toasts(user=member))

    return {
        "nav_is_trainer": _once(lambda: nav_roles()["trainer"]),
        "nav_is_lead": _once(lambda: nav_roles()["lead"]),
        "notifications_unread": _once(unread),
        "notification_toasts": _once(toasts),
    }
