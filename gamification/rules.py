"""Gamification rules with no database: XP per event, caps, levels, streaks and badge criteria.

Services gather plain facts from the database and ask this module what they mean, so every rule
here can be tested exhaustively without a database.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

# The seeded level names, so that the catalogues translate them (admins may rename levels).
SEEDED_LEVEL_NAMES = [
    gettext_noop("Trainee"),
    gettext_noop("Associate"),
    gettext_noop("Specialist"),
    gettext_noop("Expert"),
    gettext_noop("Mentor"),
]

# Totals that earn a notification on the way up.
XP_MILESTONES = (100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000)


# --- XP -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleConfig:
    points: int
    daily_cap: int = 0
    enabled: bool = True


@dataclass(frozen=True)
class Grant:
    """XP one rule gives for one event, before the daily cap."""

    rule: str
    source: str
    points: int


def grants_for_event(
    kind: str, subject_id: int | None, payload: Mapping[str, Any], rules: Mapping[str, RuleConfig]
) -> list[Grant]:
    """What an outbox event is worth. Sources name what is rewarded, so a retake earns nothing."""
    candidates: list[Grant] = []

    def add(rule: str, source: str, points: int) -> None:
        config = rules.get(rule)
        if config is not None and config.enabled and points > 0:
            candidates.append(Grant(rule, source, points))

    def points_of(rule: str) -> int:
        config = rules.get(rule)
        return config.points if config is not None else 0

    if kind == "lesson.completed":
        add("lesson", f"lesson:{subject_id}", points_of("lesson"))
    elif kind == "course.completed":
        add("course", f"course:{subject_id}", int(payload.get("xp_value") or 0))
    elif kind == "quiz.passed":
        quiz = payload.get("quiz_id")
        score = float(payload.get("score") or 0)
        add("quiz_pass", f"quiz:{quiz}", round(points_of("quiz_pass") * score / 100))
        if payload.get("attempt") == 1:
            add("quiz_first_attempt", f"quiz:{quiz}", points_of("quiz_first_attempt"))
    elif kind == "quiz.perfect":
        add("quiz_perfect", f"quiz:{payload.get('quiz_id')}", points_of("quiz_perfect"))
    elif kind == "scenario.mastered":
        scenario = payload.get("scenario_key") or payload.get("scenario_id")
        add("scenario_mastery", f"scenario:{scenario}", points_of("scenario_mastery"))
    return candidates


def kpi_target_grant(
    kpi_id: int, period_start: datetime.date, rules: Mapping[str, RuleConfig]
) -> Grant | None:
    """XP for a KPI target met in a period. The source names the KPI and the period, so a
    result sent again (or corrected) never pays twice."""
    config = rules.get("kpi_target")
    if config is None or not config.enabled or config.points <= 0:
        return None
    return Grant("kpi_target", f"kpi:{kpi_id}:{period_start.isoformat()}", config.points)


def streak_grant(day: datetime.date, streak: int, rules: Mapping[str, RuleConfig]) -> Grant | None:
    """The daily streak bonus for an active day that continues a streak of two days or more."""
    config = rules.get("daily_streak")
    if config is None or not config.enabled or config.points <= 0 or streak < 2:
        return None
    return Grant("daily_streak", f"day:{day.isoformat()}", config.points)


def capped(points: int, earned_today: int, daily_cap: int) -> int:
    """How much of ``points`` still fits under the day's cap (0 cap: no cap)."""
    if daily_cap <= 0:
        return points
    return max(0, min(points, daily_cap - earned_today))


def milestones_crossed(before: int, after: int) -> list[int]:
    return [m for m in XP_MILESTONES if before < m <= after]


# --- Levels ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LevelSpec:
    number: int
    name: str
    threshold: int


def level_for(total: int, levels: Iterable[LevelSpec]) -> LevelSpec | None:
    """The highest level whose threshold the total has reached."""
    reached = [level for level in levels if level.threshold <= total]
    return max(reached, key=lambda level: level.threshold) if reached else None


@dataclass(frozen=True)
class LevelProgress:
    level: LevelSpec | None
    next_level: LevelSpec | None
    percent: int  # towards the next level; 100 at the top
    xp_to_next: int


def level_progress(total: int, levels: Iterable[LevelSpec]) -> LevelProgress:
    ordered = sorted(levels, key=lambda level: level.threshold)
    current = level_for(total, ordered)
    upcoming = [level for level in ordered if level.threshold > total]
    if not upcoming:
        return LevelProgress(current, None, 100, 0)
    following = upcoming[0]
    floor = current.threshold if current else 0
    span = following.threshold - floor
    percent = int(100 * (total - floor) / span) if span else 100
    return LevelProgress(current, following, percent, following.threshold - total)


# --- Streaks --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Streak:
    current: int
    longest: int
    last_day: datetime.date | None


def streak_after(streak: Streak, day: datetime.date) -> Streak:
    """The streak once ``day`` is known to be active (days may arrive late or twice)."""
    last = streak.last_day
    if last is not None and day <= last:
        return streak  # the same day again, or a late event for a day already counted
    current = streak.current + 1 if last is not None and (day - last).days == 1 else 1
    return Streak(current, max(streak.longest, current), day)


def streak_from_days(days: Iterable[datetime.date]) -> Streak:
    """The streak recomputed from every active day (for late events and rebuilds)."""
    streak = Streak(0, 0, None)
    for day in sorted(set(days)):
        streak = streak_after(streak, day)
    return streak


def streak_shown(streak: Streak, today: datetime.date) -> int:
    """The streak as it stands today: alive if the last active day was today or yesterday."""
    if streak.last_day is None or (today - streak.last_day).days > 1:
        return 0
    return streak.current


# --- Badges ---------------------------------------------------------------------------------


@dataclass
class Facts:
    """What one learner has done, as far as badge criteria ask."""

    completed_courses: set[int] = field(default_factory=set)
    completed_paths: set[int] = field(default_factory=set)
    # course ids per category, of every live course (to know what "all of a category" means)
    courses_by_category: dict[str, set[int]] = field(default_factory=dict)
    best_quiz_scores: dict[int, float] = field(default_factory=dict)
    mastered_scenarios: set[str] = field(default_factory=set)  # translation keys
    longest_streak: int = 0
    level_number: int = 0
    # Per KPI id: the longest run of periods with the target met, and the best improvement
    # over the own baseline as a fraction (0.15: 15 % better). Only counted results.
    kpi_met_runs: dict[int, int] = field(default_factory=dict)
    kpi_improvements: dict[int, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class BadgeSpec:
    """A badge class as plain data (ids of the course, path, quiz ... it names)."""

    id: int
    criterion: str
    course_id: int | None = None
    category: str = ""
    path_id: int | None = None
    quiz_id: int | None = None
    scenario_key: str | None = None
    level_number: int | None = None
    threshold: int | None = None
    repeat: str = ""
    kpi_id: int | None = None


# Criterion parameters that are foreign keys on the badge class.
RELATIONS = frozenset({"course", "path", "quiz", "scenario", "level", "kpi"})


class Criterion:
    """One kind of badge criterion. A new kind is one subclass registered in CRITERIA."""

    code: ClassVar[str]
    params: ClassVar[tuple[str, ...]] = ()

    def met(self, badge: BadgeSpec, facts: Facts) -> bool:
        raise NotImplementedError

    def missing_params(self, badge: Any) -> list[str]:
        """Fields the badge must fill for this criterion (the admin form's validation)."""
        missing = []
        for name in self.params:
            value = getattr(badge, f"{name}_id" if name in RELATIONS else name, None)
            if value in (None, ""):
                missing.append(name)
        return missing

    def describe(self, badge: Any) -> str:
        """How to earn it, for the locked badges on the profile."""
        raise NotImplementedError


class CourseCompleted(Criterion):
    code = "course"
    params = ("course",)

    def met(self, badge: BadgeSpec, facts: Facts) -> bool:
        return badge.course_id in facts.completed_courses

    def describe(self, badge: Any) -> str:
        return _("Complete the course “%(course)s”.") % {"course": badge.course}


class CategoryCompleted(Criterion):
    code = "category"
    params = ("category",)

    def met(self, badge: BadgeSpec, facts: Facts) -> bool:
        courses = facts.courses_by_category.get(badge.category, set())
        return bool(courses) and courses <= facts.completed_courses

    def describe(self, badge: Any) -> str:
        return _("Complete every %(category)s course.") % {
            "category": badge.get_category_display().lower()
        }


class PathCompleted(Criterion):
    code = "path"
    params = ("path",)

    def met(self, badge: BadgeSpec, facts: Facts) -> bool:
        return badge.path_id in facts.completed_paths

    def describe(self, badge: Any) -> str:
        return _("Complete the learning path “%(path)s”.") % {"path": badge.path}


class QuizScore(Criterion):
    code = "quiz_score"
    params = ("quiz", "threshold")

    def met(self, badge: BadgeSpec, facts: Facts) -> bool:
        best = facts.best_quiz_scores.get(badge.quiz_id or 0)
        return best is not None and best >= (badge.threshold or 0)

    def describe(self, badge: Any) -> str:
        return _("Pass the quiz “%(quiz)s” with %(score)s%% or better.") % {
            "quiz": badge.quiz,
            "score": badge.threshold,
        }


class ScenarioMastered(Criterion):
    code = "scenario"
    params = ("scenario",)

    def met(self, badge: BadgeSpec, facts: Facts) -> bool:
        return badge.scenario_key in facts.mastered_scenarios

    def describe(self, badge: Any) -> str:
        return _("Master the roleplay “%(scenario)s”.") % {"scenario": badge.scenario}


class ScenariosMastered(Criterion):
    code = "scenarios"
    params = ("threshold",)

    def met(self, badge: BadgeSpec, facts: Facts) -> bool:
        return len(facts.mastered_scenarios) >= (badge.threshold or 0)

    def describe(self, badge: Any) -> str:
        return _("Master %(count)s roleplays.") % {"count": badge.threshold}


class StreakReached(Criterion):
    code = "streak"
    params = ("threshold",)

    def met(self, badge: BadgeSpec, facts: Facts) -> bool:
        return facts.longest_streak >= (badge.threshold or 0)

    def describe(self, badge: Any) -> str:
        return _("Learn on %(days)s days in a row.") % {"days": badge.threshold}


class LevelReached(Criterion):
    code = "level"
    params = ("level",)

    def met(self, badge: BadgeSpec, facts: Facts) -> bool:
        return badge.level_number is not None and facts.level_number >= badge.level_number

    def describe(self, badge: Any) -> str:
        return _("Reach the level %(level)s.") % {"level": _(badge.level.name)}


def _for_kpi(badge: BadgeSpec, per_kpi: Mapping[int, Any]) -> list[Any]:
    """The values for the badge's KPI, or for every KPI when the badge names none."""
    if badge.kpi_id is None:
        return list(per_kpi.values())
    return [per_kpi[badge.kpi_id]] if badge.kpi_id in per_kpi else []


def _kpi_name(badge: Any) -> str:
    return str(badge.kpi.name) if getattr(badge, "kpi", None) else _("a KPI")


class KpiTargetStreak(Criterion):
    """Meet the target N periods in a row (only results with enough sample count)."""

    code = "kpi_streak"
    params = ("threshold",)

    def met(self, badge: BadgeSpec, facts: Facts) -> bool:
        return any(run >= (badge.threshold or 1) for run in _for_kpi(badge, facts.kpi_met_runs))

    def describe(self, badge: Any) -> str:
        return _("Meet the target for %(kpi)s %(count)s periods in a row.") % {
            "kpi": _kpi_name(badge),
            "count": badge.threshold,
        }


class KpiImproved(Criterion):
    """Beat the own baseline (the mean of the previous 4 counted periods) by N %."""

    code = "kpi_improved"
    params = ("threshold",)

    def met(self, badge: BadgeSpec, facts: Facts) -> bool:
        wanted = Decimal(badge.threshold or 0) / 100
        return any(best >= wanted for best in _for_kpi(badge, facts.kpi_improvements))

    def describe(self, badge: Any) -> str:
        return _("Improve %(kpi)s by %(percent)s%% over your own recent average.") % {
            "kpi": _kpi_name(badge),
            "percent": badge.threshold,
        }


class ManualAward(Criterion):
    """Given by a team lead with a reason; never earned automatically."""

    code = "manual"

    def met(self, badge: BadgeSpec, facts: Facts) -> bool:
        return False

    def describe(self, badge: Any) -> str:
        return _("Awarded by a team lead for great work.")


CRITERIA: dict[str, Criterion] = {
    criterion.code: criterion
    for criterion in (
        CourseCompleted(),
        CategoryCompleted(),
        PathCompleted(),
        QuizScore(),
        ScenarioMastered(),
        ScenariosMastered(),
        StreakReached(),
        LevelReached(),
        KpiTargetStreak(),
        KpiImproved(),
        ManualAward(),
    )
}


def badges_earned(badges: Iterable[BadgeSpec], facts: Facts) -> list[BadgeSpec]:
    return [badge for badge in badges if CRITERIA[badge.criterion].met(badge, facts)]


def award_period(repeat: str, day: datetime.date) -> str:
    """The period an award belongs to: "" for once-only badges, else the week or month."""
    if repeat == "week":
        year, week, _weekday = day.isocalendar()
        return f"{year}-W{week:02d}"
    if repeat == "month":
        return f"{day.year}-{day.month:02d}"
    return ""


def add_months(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day ``months`` later, clamped to the month's end (31 Jan + 1 month: 28/29 Feb)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    for day in range(moment.day, 27, -1):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return moment.replace(year=year, month=month, day=min(moment.day, 28))
