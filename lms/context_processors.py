from collections.abc import Callable
from functools import cache
from typing import TypeVar

from lms.accounts import roles
from lms.accounts.models import User

T = TypeVar("T")


def _once(compute: Callable[[], T]) -> Callable[[], T]:
    """A value computed the first time a template asks for it, and only then.

    Templates call callables when they resolve a variable, so a page that never shows the
    value pays nothing; caching matters for toasts, which are consumed when taken.
    """
    return cache(compute)


def navigation(request):
    """Role flags, the unread count and fresh toasts for the page chrome, all lazy."""
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    member: User = user  # type: ignore[assignment]  # only used when signed in
    nav_roles = _once(lambda: roles.request_roles(request))

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
