"""Small reads the gamification pages need on top of ``selectors``; no writes here.

Kept apart from ``selectors`` so the pages can grow without touching the core module.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse

from gamification import selectors
from gamification.models import Notification
from lms.accounts.models import Team, User
from lms.accounts.roles import is_admin

# Notifications store where they lead as a short name, so a changed URL never strands old rows.
NOTIFICATION_TARGETS = {"me": "courses:my_learning", "team": "team:home"}


def notification_url(notification: Notification) -> str:
    target = notification.url
    if not target:
        return ""
    if target.startswith("/"):
        return target
    try:
        return reverse(NOTIFICATION_TARGETS.get(target, target))
    except NoReverseMatch:
        return ""


@dataclass(frozen=True)
class NotificationSummary:
    unread: int
    fresh: int  # not yet shown as a toast


def notification_summary(user: User) -> NotificationSummary:
    """The bell's unread count and whether any toast waits, in one query for every page."""
    counts = (
        Notification.objects.filter(user=user)
        .filter(Q(read_at__isnull=True) | Q(toasted_at__isnull=True))
        .aggregate(
            unread=Count("pk", filter=Q(read_at__isnull=True)),
            fresh=Count("pk", filter=Q(toasted_at__isnull=True)),
        )
    )
    return NotificationSummary(counts["unread"], counts["fresh"])


@dataclass(frozen=True)
class NotificationItem:
    notification: Notification
    text: str
    url: str

    @property
    def unread(self) -> bool:
        return self.notification.read_at is None


def notification_items(notifications: Iterable[Notification]) -> list[NotificationItem]:
    return [
        NotificationItem(n, selectors.notification_text(n), notification_url(n))
        for n in notifications
    ]


def viewable_team(viewer: User, team_id: int) -> Team | None:
    """A team whose board the viewer may open: their own (as agent or lead); admins any."""
    teams = Team.objects.all()
    if not is_admin(viewer):
        teams = teams.filter(memberships__user=viewer)
    return teams.filter(pk=team_id).first()
