"""Gamification writes: the outbox turned into XP, streaks, levels, badges, boards and notices.

Processing follows DESIGN.md's one flow. A batch of pending events is claimed with
``SELECT ... FOR UPDATE SKIP LOCKED`` and the learners' XpTotal rows are locked in user order,
so two workers never reward the same learner at once and never deadlock. Everything a batch
writes (ledger, totals, days, awards, notifications, the database boards, the events' status)
commits together; the ledger's unique constraints make a re-delivered event a no-op.
"""

import datetime
import logging
import zoneinfo
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from courses import learner_cache
from courses.models import CoursePage, Enrolment, PathEnrolment
from gamification import boards, leaderboards, rules
from gamification.kpis.processing import KpiResults
from gamification.models import (
    ActivityDay,
    BadgeAward,
    BadgeClass,
    BadgeCriterion,
    Event,
    EventKind,
    LeaderboardScore,
    Level,
    Notification,
    Season,
    XpEntry,
    XpRule,
    XpTotal,
)
from lms.accounts.models import TeamMembership, User
from quizzes.models import Attempt
from scenarios.models import ScenarioRun

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
MAX_ATTEMPTS = 5
# Seconds before the n-th retry of a failed event: 30 s, 1 min, 2 min, 4 min ...
RETRY_BACKOFF_SECONDS = 30
# The sweeper leaves fresh events to the task queued on commit.
SWEEP_AFTER = datetime.timedelta(minutes=1)
MANUAL_AWARDS_PER_MONTH = 5


class GamificationError(Exception):
    """A request the rules refuse; the message is shown to the person who asked."""


# --- Processing the outbox -----------------------------------------------------------------


def events_process(*, event_ids: Sequence[int] | None = None, limit: int = BATCH_SIZE) -> int:
    """Process pending events (the given ones, or the oldest that are due); return how many.

    A batch that fails as a whole is retried one event at a time, so one bad event cannot hold
    the others back: it alone is marked with its error and retried later with backoff.
    """
    try:
        processed = _process_claimed(event_ids=event_ids, limit=limit)
    except Exception:
        logger.exception("gamification batch failed; processing its events one by one")
        processed = 0
        for event_id in _due_event_ids(event_ids=event_ids, limit=limit):
            try:
                processed += _process_claimed(event_ids=[event_id], limit=1)
            except Exception as error:
                _event_failed(event_id, error)
    if processed:
        leaderboards.push_unpushed()
    return processed


def events_process_all(*, limit: int = BATCH_SIZE, max_batches: int = 1000) -> int:
    """Drain every due event in batches (tests, benchmarks, a manual catch-up)."""
    total = 0
    for _batch in range(max_batches):
        done = events_process(limit=limit)
        total += done
        if not done:
            break
    return total


def events_sweep(*, limit: int = BATCH_SIZE, max_rounds: int = 100) -> int:
    """Process events left pending for over a minute: their on-commit task was lost, failed or
    is retrying after backoff. Fresh events are left to the task their commit queued."""
    processed = 0
    for _round in range(max_rounds):
        due = events_due_ids()
        done = 0
        for start in range(0, len(due), limit):
            done += events_process(event_ids=due[start : start + limit], limit=limit)
        processed += done
        if not done:
            break  # nothing due, or all of it claimed by another worker right now
    return processed


def events_due_ids(*, older_than: datetime.timedelta = SWEEP_AFTER) -> list[int]:
    """Pending events that nobody has processed for a while: the sweeper re-queues these."""
    now = timezone.now()
    return list(
        Event.objects.filter(status=Event.Status.PENDING, created_at__lte=now - older_than)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .order_by("pk")
        .values_list("pk", flat=True)[:10_000]
    )


def _due_event_ids(*, event_ids: Sequence[int] | None, limit: int) -> list[int]:
    return [event.pk for event in _due_events(event_ids=event_ids, limit=limit, lock=False)]


def _due_events(*, event_ids: Sequence[int] | None, limit: int, lock: bool) -> list[Event]:
    now = timezone.now()
    events = Event.objects.filter(status=Event.Status.PENDING)
    if event_ids is not None:
        events = events.filter(pk__in=event_ids)
    else:
        events = events.filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
    if lock:
        events = events.select_for_update(skip_locked=True, of=("self",))
    return list(events.order_by("pk")[:limit])


@transaction.atomic
def _process_claimed(*, event_ids: Sequence[int] | None, limit: int) -> int:
    events = _due_events(event_ids=event_ids, limit=limit, lock=True)
    if not events:
        return 0
    _Batch(events).run()
    return len(events)


def _event_failed(event_id: int, error: Exception) -> None:
    """Count the failure; retry later with backoff, or give up and show it in the admin."""
    with transaction.atomic():
        event = Event.objects.select_for_update().filter(pk=event_id).first()
        if event is None or event.status != Event.Status.PENDING:
            return
        event.attempts += 1
        event.last_error = f"{type(error).__name__}: {error}"[:2000]
        if event.attempts >= MAX_ATTEMPTS:
            event.status = Event.Status.FAILED
            event.next_attempt_at = None
        else:
            delay = RETRY_BACKOFF_SECONDS * 2 ** (event.attempts - 1)
            event.next_attempt_at = timezone.now() + datetime.timedelta(seconds=delay)
        event.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
    logger.warning("gamification event %s failed (%s)", event_id, event.last_error)


def event_retry(event: Event) -> None:
    """An admin action: give a failed event another go."""
    Event.objects.filter(pk=event.pk, status=Event.Status.FAILED).update(
        status=Event.Status.PENDING, attempts=0, next_attempt_at=None
    )


def _zone(name: str) -> datetime.tzinfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return timezone.get_default_timezone()


def _rule_configs() -> dict[str, rules.RuleConfig]:
    return {
        rule.code: rules.RuleConfig(rule.points, rule.daily_cap, rule.enabled)
        for rule in XpRule.objects.all()
    }


def _level_specs() -> list[tuple[rules.LevelSpec, int]]:
    return [
        (rules.LevelSpec(level.number, level.name, level.threshold), level.pk)
        for level in Level.objects.order_by("threshold")
    ]


def _season_at(seasons: Sequence[Season], moment: datetime.datetime) -> int | None:
    for season in seasons:
        if season.starts_at <= moment and (season.ends_at is None or moment < season.ends_at):
            return season.pk
    return None


@dataclass
class _Learner:
    user: User
    total: XpTotal
    team_ids: tuple[int, ...]
    streak: rules.Streak
    new_days: set[datetime.date] = field(default_factory=set)
    late_day: bool = False
    gained: int = 0
    level_number: int = 0


class _Batch:
    """One transaction's worth of events; a constant number of queries per batch and learner."""

    def __init__(self, events: list[Event]) -> None:
        self.events = events
        self.now = timezone.now()
        self.entries: list[XpEntry] = []
        self.notifications: list[Notification] = []

    def run(self) -> None:
        self._load_learners()
        self._load_context()
        for event in self.events:
            self._reward(event)
        XpEntry.objects.bulk_create(self.entries)
        ActivityDay.objects.bulk_create(
            [
                ActivityDay(user_id=user_id, day=day)
                for user_id, learner in self.learners.items()
                for day in learner.new_days
            ],
            ignore_conflicts=True,
        )
        self._update_totals()
        leaderboards.DatabaseBackend().add(self._board_deltas())
        self.kpi.write_standings()
        self._award_badges()
        Notification.objects.bulk_create(self.notifications, ignore_conflicts=True)
        self.kpi.remediate({user_id: learner.user for user_id, learner in self.learners.items()})
        Event.objects.filter(pk__in=[event.pk for event in self.events]).update(
            status=Event.Status.PROCESSED,
            processed_at=self.now,
            attempts=F("attempts") + 1,
            next_attempt_at=None,
        )
        # XP, streaks, levels and badges were written in bulk and by raw SQL: no signals.
        learner_cache.changed(self.learners)

    # -- loading

    def _load_learners(self) -> None:
        user_ids = sorted({event.user_id for event in self.events})
        XpTotal.objects.bulk_create(
            [XpTotal(user_id=user_id) for user_id in user_ids], ignore_conflicts=True
        )
        # Locked in user order: concurrent batches for the same learners queue, never deadlock.
        totals = XpTotal.objects.select_for_update().filter(user_id__in=user_ids).order_by("user")
        users = User.objects.in_bulk(user_ids)
        teams: dict[int, list[int]] = defaultdict(list)
        for user_id, team_id in TeamMembership.objects.filter(user_id__in=user_ids).values_list(
            "user_id", "team_id"
        ):
            teams[user_id].append(team_id)
        self.learners = {
            total.user_id: _Learner(
                user=users[total.user_id],
                total=total,
                team_ids=tuple(teams[total.user_id]),
                streak=rules.Streak(
                    total.current_streak, total.longest_streak, total.last_active_day
                ),
            )
            for total in totals
        }

    def _load_context(self) -> None:
        self.rules = _rule_configs()
        self.levels = _level_specs()
        self.seasons = list(Season.objects.all())
        self.local_days = {
            event.pk: timezone.localtime(
                event.created_at, _zone(self.learners[event.user_id].user.time_zone)
            ).date()
            for event in self.events
        }
        user_ids = list(self.learners)
        days = set(self.local_days.values())
        self.kpi = KpiResults(self.events)
        self.rewarded = set(
            XpEntry.objects.filter(
                user_id__in=user_ids, source__in=self._candidate_sources(days)
            ).values_list("user_id", "rule", "source")
        )
        self.earned_today: dict[tuple[int, str, datetime.date], int] = defaultdict(int)
        for row in (
            XpEntry.objects.filter(user_id__in=user_ids, day__in=days)
            .values("user_id", "rule", "day")
            .annotate(points=Sum("points"))
        ):
            self.earned_today[(row["user_id"], row["rule"], row["day"])] = row["points"]
        self.active_days = set(
            ActivityDay.objects.filter(user_id__in=user_ids, day__in=days).values_list(
                "user_id", "day"
            )
        )

    def _candidate_sources(self, days: set[datetime.date]) -> set[str]:
        sources = {f"day:{day.isoformat()}" for day in days}  # the streak bonus
        for event in self.events:
            grants = rules.grants_for_event(event.kind, event.subject_id, event.payload, self.rules)
            sources.update(grant.source for grant in grants)
        return sources | self.kpi.sources(self.rules)

    # -- rewarding

    def _reward(self, event: Event) -> None:
        learner = self.learners[event.user_id]
        day = self.local_days[event.pk]
        grants = rules.grants_for_event(event.kind, event.subject_id, event.payload, self.rules)
        if event.kind == EventKind.KPI_RESULTS:
            # Results arrive from the help desk, not from learning: no active day, no streak.
            for grant in self.kpi.grants_for(event, self.rules):
                self._grant(event, learner, day, grant)
            return
        if (event.user_id, day) not in self.active_days:
            self.active_days.add((event.user_id, day))
            learner.new_days.add(day)
            if learner.streak.last_day is not None and day < learner.streak.last_day:
                learner.late_day = True  # recomputed from every day once the batch is written
            else:
                learner.streak = rules.streak_after(learner.streak, day)
                streak_grant = rules.streak_grant(day, learner.streak.current, self.rules)
                if streak_grant is not None:
                    grants.append(streak_grant)
        for grant in grants:
            self._grant(event, learner, day, grant)

    def _grant(self, event: Event, learner: _Learner, day: datetime.date, grant: rules.Grant):
        once = (event.user_id, grant.rule, grant.source)
        if once in self.rewarded:
            return  # a retake, a repeat, or a re-delivered event: rewarded already
        config = self.rules[grant.rule]
        spent = self.earned_today[(event.user_id, grant.rule, day)]
        points = rules.capped(grant.points, spent, config.daily_cap)
        if points <= 0:
            return
        self.rewarded.add(once)
        self.earned_today[(event.user_id, grant.rule, day)] = spent + points
        learner.gained += points
        self.entries.append(
            XpEntry(
                user_id=event.user_id,
                event=event,
                rule=grant.rule,
                source=grant.source,
                points=points,
                day=day,
                awarded_at=event.created_at,
            )
        )

    # -- totals, levels, notifications

    def _update_totals(self) -> None:
        changed = []
        for user_id, learner in self.learners.items():
            if learner.late_day:
                learner.streak = rules.streak_from_days(
                    ActivityDay.objects.filter(user_id=user_id).values_list("day", flat=True)
                )
            if learner.gained or learner.new_days:
                changed.append((user_id, learner))
        _add_to_totals(changed)
        # Levels and milestones from the committed-to-be totals, read under the row lock.
        fresh = dict(
            XpTotal.objects.filter(user_id__in=list(self.learners)).values_list("user_id", "total")
        )
        level_ids = {spec.number: pk for spec, pk in self.levels}
        specs = [spec for spec, _pk in self.levels]
        for user_id, learner in self.learners.items():
            before, after = learner.total.total, fresh[user_id]
            learner.total.total = after
            for milestone in rules.milestones_crossed(before, after):
                self._notify(
                    user_id,
                    Notification.Kind.XP_MILESTONE,
                    f"xp:{milestone}",
                    {"xp": milestone},
                    "me",
                )
            old_level = rules.level_for(before, specs)
            new_level = rules.level_for(after, specs)
            learner.level_number = new_level.number if new_level else 0
            new_level_id = level_ids[new_level.number] if new_level else None
            if learner.total.level_id != new_level_id:
                # Compared with the stored level, not the one before: the first level starts at
                # 0 XP, so it is never crossed, but a learner's first XP must still record it.
                XpTotal.objects.filter(user_id=user_id).update(level_id=new_level_id)
                learner.total.level_id = new_level_id
            if (
                new_level is not None
                and new_level != old_level
                and (before > 0 or new_level.threshold > 0)
            ):
                self._notify(
                    user_id,
                    Notification.Kind.LEVEL_UP,
                    f"level:{new_level.number}",
                    {"level": new_level.name},
                    "me",
                )

    def _notify(self, user_id: int, kind: str, key: str, params: dict[str, Any], url_name: str):
        self.notifications.append(
            Notification(
                user_id=user_id,
                kind=kind,
                key=key,
                params=params,
                url=url_name,
                created_at=self.now,
            )
        )

    def _board_deltas(self) -> dict[tuple[str, int], int]:
        deltas: dict[tuple[str, int], int] = defaultdict(int)
        for entry in self.entries:
            learner = self.learners[entry.user_id]
            standing = boards.Standing(learner.team_ids, learner.user.date_joined.date())
            board_day = timezone.localdate(entry.awarded_at)
            season_id = _season_at(self.seasons, entry.awarded_at)
            for key in boards.boards_for(standing, board_day, season_id):
                deltas[(key, entry.user_id)] += entry.points
        return deltas

    # -- badges

    def _award_badges(self) -> None:
        badges = list(
            BadgeClass.objects.filter(active=True)
            .exclude(criterion=BadgeCriterion.MANUAL)
            .select_related("scenario", "level")
        )
        if not badges:
            return
        user_ids = list(self.learners)
        facts = learner_facts(user_ids)
        for user_id, learner in self.learners.items():
            facts[user_id].longest_streak = learner.streak.longest
            facts[user_id].level_number = learner.level_number
        self.kpi.fill_facts(facts)
        held = set(
            BadgeAward.objects.filter(user_id__in=user_ids, badge__in=badges).values_list(
                "user_id", "badge_id", "period"
            )
        )
        specs = {badge.pk: badge_spec(badge) for badge in badges}
        by_id = {badge.pk: badge for badge in badges}
        awards = []
        for user_id, learner in self.learners.items():
            today = learner.user.local_today()
            for spec in rules.badges_earned(specs.values(), facts[user_id]):
                period = rules.award_period(spec.repeat, today)
                if (user_id, spec.id, period) in held:
                    continue
                badge = by_id[spec.id]
                awards.append(_new_award(user_id, badge, period, self.now))
                self._notify(
                    user_id,
                    Notification.Kind.BADGE,
                    f"badge:{badge.pk}:{period}",
                    {"badge": badge.name, "badge_id": badge.pk},
                    "me",
                )
        BadgeAward.objects.bulk_create(awards, ignore_conflicts=True)


def _add_to_totals(changed: list[tuple[int, "_Learner"]]) -> None:
    """Add each learner's XP and set their streak in one UPDATE per chunk (F() semantics: the
    increment happens in SQL on the locked row). ``UPDATE ... FROM (VALUES ...)`` works on
    PostgreSQL and SQLite; a VALUES list names its columns column1, column2 ... on both."""
    table = connection.ops.quote_name(XpTotal._meta.db_table)
    for start in range(0, len(changed), 1000):
        chunk = changed[start : start + 1000]
        values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(chunk))
        params: list[Any] = []
        for user_id, learner in chunk:
            streak = learner.streak
            params += [user_id, learner.gained, streak.current, streak.longest, streak.last_day]
        # PostgreSQL types a VALUES column from its values: one of only NULLs (a batch of KPI
        # results, which are not learning days) would be text. SQLite must not cast: its
        # "date" affinity is numeric.
        last_day = "v.column5::date" if connection.vendor == "postgresql" else "v.column5"
        with connection.cursor() as cursor:
            cursor.execute(
                # Only the table name is interpolated; every value is a parameter.
                f"UPDATE {table} SET total = {table}.total + v.column2, "  # noqa: S608
                "current_streak = v.column3, longest_streak = v.column4, "
                f"last_active_day = {last_day} FROM (VALUES {values}) AS v "
                f"WHERE {table}.user_id = v.column1",
                params,
            )


def _new_award(
    user_id: int, badge: BadgeClass, period: str, now: datetime.datetime, **extra: Any
) -> BadgeAward:
    expires = rules.add_months(now, badge.valid_months) if badge.valid_months else None
    return BadgeAward(
        user_id=user_id, badge=badge, period=period, awarded_at=now, expires_at=expires, **extra
    )


def badge_spec(badge: BadgeClass) -> rules.BadgeSpec:
    return rules.BadgeSpec(
        id=badge.pk,
        criterion=badge.criterion,
        course_id=badge.course_id,
        category=badge.category,
        path_id=badge.path_id,
        quiz_id=badge.quiz_id,
        scenario_key=str(badge.scenario.translation_key) if badge.scenario else None,
        level_number=badge.level.number if badge.level else None,
        threshold=badge.threshold,
        repeat=badge.repeat,
        kpi_id=badge.kpi_id,
    )


def learner_facts(user_ids: Sequence[int]) -> dict[int, rules.Facts]:
    """What badge criteria ask about these learners, in a constant number of queries."""
    facts = {user_id: rules.Facts() for user_id in user_ids}
    for user_id, course_id in Enrolment.objects.filter(
        user_id__in=user_ids, completed_at__isnull=False
    ).values_list("user_id", "course_id"):
        facts[user_id].completed_courses.add(course_id)
    for user_id, path_id in PathEnrolment.objects.filter(
        user_id__in=user_ids, completed_at__isnull=False
    ).values_list("user_id", "path_id"):
        facts[user_id].completed_paths.add(path_id)
    by_category: dict[str, set[int]] = defaultdict(set)
    for course_id, category in (
        CoursePage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .values_list("pk", "category")
    ):
        by_category[category].add(course_id)
    for row in (
        Attempt.objects.filter(user_id__in=user_ids, passed=True)
        .values("user_id", "quiz_id")
        .annotate(best=Max("score"))
    ):
        facts[row["user_id"]].best_quiz_scores[row["quiz_id"]] = float(row["best"])
    for user_id, key in (
        ScenarioRun.objects.filter(user_id__in=user_ids, mastered=True)
        .values_list("user_id", "scenario__translation_key")
        .distinct()
    ):
        facts[user_id].mastered_scenarios.add(str(key))
    for user_facts in facts.values():
        user_facts.courses_by_category = by_category
    return facts


# --- Requests from people ------------------------------------------------------------------


@transaction.atomic
def badge_award_manual(*, lead: User, user: User, badge: BadgeClass, reason: str) -> BadgeAward:
    """A team lead recognises an agent of their team; a few awards per lead and month."""
    from lms.accounts.roles import is_admin, led_team_ids

    if badge.criterion != BadgeCriterion.MANUAL or not badge.active:
        raise GamificationError(_("This badge is earned, not given."))
    if not reason.strip():
        raise GamificationError(_("Say why the agent earns this badge."))
    team_ids = set(led_team_ids(lead))
    if not TeamMembership.objects.filter(user=user, team_id__in=team_ids).exists():
        raise GamificationError(_("You can only award badges to your own team."))
    # Lock the lead's row so two quick awards cannot both pass the monthly limit.
    User.objects.select_for_update().filter(pk=lead.pk).first()
    now = timezone.now()
    month_start = timezone.localtime(now).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    given = BadgeAward.objects.filter(awarded_by=lead, awarded_at__gte=month_start).count()
    if given >= MANUAL_AWARDS_PER_MONTH and not is_admin(lead):
        raise GamificationError(
            _("You have given %(count)s badges this month, the most a lead can give.")
            % {"count": MANUAL_AWARDS_PER_MONTH}
        )
    period = rules.award_period(badge.repeat, user.local_today())
    if BadgeAward.objects.filter(user=user, badge=badge, period=period).exists():
        raise GamificationError(_("%(name)s already has this badge.") % {"name": user})
    award = _new_award(user.pk, badge, period, now, awarded_by=lead, reason=reason.strip())
    award.save()
    Notification.objects.get_or_create(
        user=user,
        key=f"badge:{badge.pk}:{period}",
        defaults={
            "kind": Notification.Kind.BADGE,
            "params": {"badge": badge.name, "badge_id": badge.pk, "by": str(lead)},
            "url": "me",
        },
    )
    return award


@transaction.atomic
def season_start(*, name: str, starts_at: datetime.datetime | None = None) -> Season:
    """End the running season and start a new one: its boards start at zero."""
    starts_at = starts_at or timezone.now()
    Season.objects.select_for_update().filter(ends_at__isnull=True).update(ends_at=starts_at)
    return Season.objects.create(name=name, starts_at=starts_at)


def leaderboard_opt_out_set(*, user: User, opted_out: bool) -> None:
    User.objects.filter(pk=user.pk).update(leaderboard_opt_out=opted_out)
    user.leaderboard_opt_out = opted_out


def notifications_mark_read(*, user: User, ids: Sequence[int] | None = None) -> int:
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())


def notifications_take_toasts(*, user: User, limit: int = 3) -> list[Notification]:
    """Fresh notifications to show once as toasts; they stay unread in the centre."""
    fresh = list(
        Notification.objects.filter(user=user, toasted_at__isnull=True).order_by("-pk")[:limit]
    )
    if fresh:
        Notification.objects.filter(user=user, toasted_at__isnull=True).update(
            toasted_at=timezone.now()
        )
    return fresh


# --- Truth and repair ----------------------------------------------------------------------


def expected_boards() -> dict[str, dict[int, int]]:
    """Every board's scores as the ledger says they should be (teams as they are now)."""
    seasons = list(Season.objects.all())
    teams: dict[int, list[int]] = defaultdict(list)
    for user_id, team_id in TeamMembership.objects.values_list("user_id", "team_id"):
        teams[user_id].append(team_id)
    joined = dict(User.objects.values_list("pk", "date_joined"))
    expected: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for user_id, awarded_at, points in XpEntry.objects.values_list(
        "user_id", "awarded_at", "points"
    ).iterator(chunk_size=5000):
        standing = boards.Standing(tuple(teams[user_id]), joined[user_id].date())
        day = timezone.localdate(awarded_at)
        for key in boards.boards_for(standing, day, _season_at(seasons, awarded_at)):
            expected[key][user_id] += points
    return {key: dict(scores) for key, scores in expected.items()}


@transaction.atomic
def leaderboards_rebuild() -> int:
    """Rebuild totals and every board (database and Redis) from the ledger; returns boards."""
    sums = dict(
        XpEntry.objects.values("user_id")
        .annotate(points=Sum("points"))
        .values_list("user_id", "points")
    )
    XpTotal.objects.bulk_create(
        [XpTotal(user_id=user_id) for user_id in sums], ignore_conflicts=True
    )
    levels = _level_specs()
    specs = [spec for spec, _pk in levels]
    level_ids = {spec.number: pk for spec, pk in levels}
    totals = list(XpTotal.objects.select_for_update())
    for total in totals:
        points = sums.get(total.user_id, 0)
        level = rules.level_for(points, specs)
        total.total = points
        total.level_id = level_ids[level.number] if level else None
        streak = rules.streak_from_days(
            ActivityDay.objects.filter(user_id=total.user_id).values_list("day", flat=True)
        )
        total.current_streak, total.longest_streak = streak.current, streak.longest
        total.last_active_day = streak.last_day
    # One UPDATE per batch, not a save() (and a cache invalidation) per learner: every learner's
    # page is invalidated at once below.
    XpTotal.objects.bulk_update(
        totals,
        ["total", "level", "current_streak", "longest_streak", "last_active_day"],
        batch_size=1000,
    )
    expected = expected_boards()
    LeaderboardScore.objects.all().delete()
    LeaderboardScore.objects.bulk_create(
        [
            LeaderboardScore(board=key, user_id=user_id, score=score, pushed=False)
            for key, scores in expected.items()
            for user_id, score in scores.items()
        ],
        batch_size=5000,
    )
    if settings.LEADERBOARD_BACKEND == "redis":
        backend = leaderboards.RedisBackend()
        for key in set(backend.board_keys()) - set(expected):
            backend.replace_board(key, {})
        for key, scores in expected.items():
            backend.replace_board(key, scores)
        LeaderboardScore.objects.update(pushed=True)
    learner_cache.everyone_changed()
    return len(expected)


def ledger_drift() -> list[str]:
    """Every disagreement between the ledger, the totals and the boards, in words."""
    problems = []
    sums = dict(
        XpEntry.objects.values("user_id")
        .annotate(points=Sum("points"))
        .values_list("user_id", "points")
    )
    totals = dict(XpTotal.objects.values_list("user_id", "total"))
    for user_id in sorted(set(sums) | set(totals)):
        if sums.get(user_id, 0) != totals.get(user_id, 0):
            problems.append(
                f"user {user_id}: ledger {sums.get(user_id, 0)} XP, "
                f"total {totals.get(user_id, 0)} XP"
            )
    expected = expected_boards()
    stored: dict[str, dict[int, int]] = defaultdict(dict)
    for key, user_id, score in LeaderboardScore.objects.values_list("board", "user_id", "score"):
        stored[key][user_id] = score
    problems += _board_drift("database", expected, stored)
    if settings.LEADERBOARD_BACKEND == "redis":
        backend = leaderboards.RedisBackend()
        redis_boards = {key: backend.scores(key) for key in backend.board_keys()}
        problems += _board_drift("redis", expected, redis_boards)
    return problems


def _board_drift(
    name: str, expected: dict[str, dict[int, int]], actual: dict[str, dict[int, int]]
) -> list[str]:
    problems = []
    for key in sorted(set(expected) | set(actual)):
        want, have = expected.get(key, {}), actual.get(key, {})
        for user_id in sorted(set(want) | set(have)):
            if want.get(user_id, 0) != have.get(user_id, 0):
                problems.append(
                    f"{name} board {key}, user {user_id}: ledger {want.get(user_id, 0)}, "
                    f"board {have.get(user_id, 0)}"
                )
    return problems


def notification_send(
    *, user: User, kind: str, params: dict[str, Any], key: str, url: str = "me"
) -> Notification | None:
    """Put a message in the user's notification centre once per ``key``.

    Other apps (assignments, reminders) notify through this; a repeated key is a no-op so
    retried tasks never notify twice. Returns the new notification, or ``None`` for a repeat.
    """
    notification, created = Notification.objects.get_or_create(
        user=user, key=key, defaults={"kind": kind, "params": params, "url": url}
    )
    return notification if created else None
