"""Gamification reads for pages: a constant number of queries whatever the data grows to."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from courses import content_cache
from gamification import boards, leaderboards, rules
from gamification.models import (
    BadgeAward,
    BadgeClass,
    Level,
    Notification,
    Season,
    XpEntry,
    XpTotal,
)
from lms.accounts.models import Team, TeamMembership, User
from lms.accounts.roles import is_admin

HISTORY_LENGTH = 10


# What each rule means to a learner reading their XP history (the admin labels explain more).
HISTORY_LABELS = {
    "lesson": gettext_lazy("Lesson completed"),
    "course": gettext_lazy("Course completed"),
    "quiz_pass": gettext_lazy("Quiz passed"),
    "quiz_perfect": gettext_lazy("Perfect score"),
    "quiz_first_attempt": gettext_lazy("Passed at the first attempt"),
    "scenario_mastery": gettext_lazy("Roleplay mastered"),
    "daily_streak": gettext_lazy("Streak day"),
    "kpi_target": gettext_lazy("KPI target met"),
}


def level_name(name: str) -> str:
    """Seeded level names are translated; names an admin typed are shown as typed."""
    return _(name) if name in rules.SEEDED_LEVEL_NAMES else name


# --- Profile ------------------------------------------------------------------------------


@dataclass
class BadgeCard:
    badge: BadgeClass
    award: BadgeAward | None
    how_to_earn: str

    @property
    def earned(self) -> bool:
        return self.award is not None

    @property
    def expired(self) -> bool:
        return bool(self.award and self.award.expires_at and self.award.expires_at < timezone.now())


@dataclass
class Profile:
    total: int
    level_name: str
    level_number: int
    next_level_name: str
    xp_to_next: int
    percent_to_next: int
    streak: int
    longest_streak: int
    earned: list[BadgeCard] = field(default_factory=list)
    locked: list[BadgeCard] = field(default_factory=list)
    history: list[XpEntry] = field(default_factory=list)


def _level_specs() -> list[rules.LevelSpec]:
    return [rules.LevelSpec(lv.number, lv.name, lv.threshold) for lv in Level.objects.all()]


def _all_badges() -> list[BadgeClass]:
    """Every badge, active or not, with what its criterion names and its picture's renditions."""
    badges = list(
        BadgeClass.objects.select_related(
            "image", "course", "path", "quiz", "scenario", "level", "kpi"
        )
    )
    # Every badge picture's renditions in one query, however many badges there are.
    prefetch_related_objects([badge.image for badge in badges if badge.image], "renditions")
    return badges


def profile(user: User) -> Profile:
    """XP, level, streak, badges earned and to earn, and recent XP for ``/me/``."""
    total = XpTotal.objects.filter(user=user).first() or XpTotal(user=user)
    levels = content_cache.get("levels", _level_specs)
    progress = rules.level_progress(total.total, levels)
    streak = rules.Streak(total.current_streak, total.longest_streak, total.last_active_day)
    awards = {
        award.badge_id: award
        for award in BadgeAward.objects.filter(user=user).order_by("awarded_at")
    }
    # Badge definitions come from the content cache (read-only, shared): only the awards are
    # the learner's own.
    badges = [
        badge
        for badge in content_cache.get("badges", _all_badges)
        if badge.active or badge.pk in awards
    ]
    result = Profile(
        total=total.total,
        level_name=level_name(progress.level.name) if progress.level else "",
        level_number=progress.level.number if progress.level else 0,
        next_level_name=level_name(progress.next_level.name) if progress.next_level else "",
        xp_to_next=progress.xp_to_next,
        percent_to_next=progress.percent,
        streak=rules.streak_shown(streak, user.local_today()),
        longest_streak=total.longest_streak,
        history=list(XpEntry.objects.filter(user=user)[:HISTORY_LENGTH]),
    )
    for entry in result.history:
        entry.label = HISTORY_LABELS.get(entry.rule, entry.get_rule_display())  # type: ignore[attr-defined]
    for badge in badges:
        card = BadgeCard(
            badge, awards.get(badge.pk), rules.CRITERIA[badge.criterion].describe(badge)
        )
        (result.earned if card.earned else result.locked).append(card)
    return result


# --- Notifications ------------------------------------------------------------------------


def _short_date(value: Any) -> str:
    """An ISO date from a notification's params in the reader's format; odd values as they are."""
    try:
        return date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
    except (TypeError, ValueError):
        return str(value or "")


def notification_text(notification: Notification) -> str:
    """The message in the reader's language, from what the notification is about."""
    params: dict[str, Any] = notification.params
    kind = notification.kind
    if kind == Notification.Kind.ASSIGNED:
        values = {
            "title": params.get("title", ""),
            "due": _short_date(params.get("due")),
            "by": params.get("by", ""),
        }
        if values["by"]:
            return _("New assignment from %(by)s: %(title)s, due %(due)s") % values
        return _("New assignment: %(title)s, due %(due)s") % values
    if kind == Notification.Kind.DUE_SOON:
        return _("Reminder: %(title)s is due %(due)s.") % {
            "title": params.get("title", ""),
            "due": _short_date(params.get("due")),
        }
    if kind == Notification.Kind.OVERDUE:
        return _("Overdue: %(title)s was due %(due)s. Please finish it as soon as you can.") % {
            "title": params.get("title", ""),
            "due": _short_date(params.get("due")),
        }
    if kind == Notification.Kind.RECERTIFY:
        return _(
            "Your certification for %(title)s expires on %(expires)s. Complete the course "
            "again by then to stay certified."
        ) % {"title": params.get("title", ""), "expires": _short_date(params.get("expires"))}
    if kind == Notification.Kind.TEAM_OVERDUE:
        count = int(params.get("count") or 0)
        return ngettext(
            "%(count)s assignment in your team is overdue.",
            "%(count)s assignments in your team are overdue.",
            count,
        ) % {"count": count}
    if kind == Notification.Kind.REMEDIATION:
        values = {
            "agent": params.get("agent", ""),
            "kpi": params.get("kpi", ""),
            "count": params.get("count", ""),
            "title": params.get("title", ""),
        }
        if params.get("item") == "lead":
            return (
                _(
                    "%(agent)s missed the %(kpi)s target %(count)s periods in a row: "
                    "“%(title)s” was assigned to help. You can cancel it on their page."
                )
                % values
            )
        return (
            _(
                "You missed the %(kpi)s target %(count)s periods in a row. The roleplay "
                "“%(title)s” helps: give it a go."
            )
            % values
        )
    if kind == Notification.Kind.XP_MILESTONE:
        return _("You passed %(xp)s XP. Keep going!") % {"xp": params.get("xp")}
    if notification.kind == Notification.Kind.LEVEL_UP:
        return _("Level up! You are now %(level)s.") % {
            "level": level_name(params.get("level", ""))
        }
    if params.get("by"):
        return _("%(by)s gave you the badge “%(badge)s”.") % params
    return _("Badge earned: %(badge)s") % {"badge": params.get("badge", "")}


def notifications(user: User, limit: int = 30) -> list[Notification]:
    return list(Notification.objects.filter(user=user)[:limit])


# --- Leaderboards -------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardRow:
    rank: int
    name: str
    score: int
    is_me: bool


@dataclass
class Board:
    key: str | None
    top: list[BoardRow]
    around: list[BoardRow]
    me: BoardRow | None
    backend: str


def current_season() -> Season | None:
    return Season.objects.filter(ends_at__isnull=True).first()


def board_for(
    *,
    viewer: User,
    scope: boards.Scope,
    period: boards.Period,
    team: Team | None = None,
    season: Season | None = None,
    today: datetime.date | None = None,
) -> Board:
    """Top 10, the viewer's rank and three above and below, with opted-out names hidden.

    Agents who opted out appear as "Anonymous agent" to everyone except themselves, their
    team's lead(s) and admins.
    """
    today = today or timezone.localdate()
    scope_id: int | str = team.pk if scope is boards.Scope.TEAM and team else "all"
    key = boards.current_board(scope, scope_id, period, today, season.pk if season else None)
    backend = leaderboards.reading_backend()
    if key is None:
        return Board(None, [], [], None, backend.__class__.__name__)
    top = backend.top(key, 10)
    around = backend.around(key, viewer.pk, 3)
    me = next((row for row in around if row.user_id == viewer.pk), None)
    user_ids = {row.user_id for row in [*top, *around]}
    people = User.objects.only("pk", "email", "first_name", "last_name", "leaderboard_opt_out")
    names = _visible_names(viewer, people.in_bulk(user_ids))

    def shown(row: leaderboards.Row) -> BoardRow:
        name = names.get(row.user_id, _("Anonymous agent"))
        return BoardRow(row.rank, name, row.score, row.user_id == viewer.pk)

    return Board(
        key,
        [shown(row) for row in top],
        [shown(row) for row in around],
        shown(me) if me else None,
        backend.__class__.__name__,
    )


def _visible_names(viewer: User, people: dict[int, User]) -> dict[int, str]:
    hidden = {pk for pk, person in people.items() if person.leaderboard_opt_out}
    hidden.discard(viewer.pk)
    if hidden and not is_admin(viewer):
        # A lead still sees the names of their own team.
        led = TeamMembership.objects.filter(user=viewer, role=TeamMembership.Role.LEAD).values(
            "team_id"
        )
        hidden -= set(
            TeamMembership.objects.filter(team_id__in=led, user_id__in=hidden).values_list(
                "user_id", flat=True
            )
        )
    elif is_admin(viewer):
        hidden = set()
    return {
        pk: (_("Anonymous agent") if pk in hidden else person.display_name)
        for pk, person in people.items()
    }


def teams_of(user: User) -> list[Team]:
    return list(Team.objects.filter(memberships__user=user).distinct().order_by("name"))
