"""Reads of KPI results for the agent's own page (/me/) and the team lead's KPI page.

Both read a fixed number of queries, however many agents, KPIs and periods there are: results
are fetched in bulk for a window of recent periods and matched in Python.

Who may see what is the caller's business (the views check it and log access); these functions
only read. Several channels of one period are merged into one result, weighted by sample size
(the share of satisfied customers over all surveys, not the mean of the channels' shares).
"""

import datetime
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Max, Q
from django.utils import timezone

from courses import content_cache
from gamification.kpis import attainment, sparkline
from gamification.kpis.models import (
    Direction,
    KpiDefinition,
    KpiMeasurement,
    KpiTarget,
    RemediationFiring,
)
from gamification.kpis.targets import targets_in_force
from lms.accounts.models import Team, User

PLACES = Decimal("0.01")
# A roleplay given by a remediation rule has no assignment: /me/ mentions it this long.
SCENARIO_DAYS = 28


class Status:
    """What a result means against its target, for the templates' words and colours."""

    MET = "met"
    MISSED = "missed"
    FEW = "few"  # too few surveys or contacts to count
    NO_TARGET = "no-target"
    NO_RESULT = "no-result"


@dataclass(frozen=True)
class Result:
    """One person's (or the team's) result for one KPI in one period, channels merged."""

    period_start: datetime.date
    value: Decimal | None
    sample_size: int
    target: Decimal | None
    status: str

    @property
    def met(self) -> bool:
        return self.status == Status.MET

    @property
    def below(self) -> bool:
        """Below target on a result that counts; too few surveys is never "below"."""
        return self.status == Status.MISSED


@dataclass(frozen=True)
class Remediation:
    """Training assigned because a KPI missed its target; shown so the agent knows why."""

    title: str
    misses: int
    due_on: datetime.date | None


@dataclass
class KpiCard:
    kpi: KpiDefinition
    points: list[Result]  # oldest first, one per period of the window (gaps included)
    spark: sparkline.Sparkline
    remediations: list[Remediation] = field(default_factory=list)

    @property
    def latest(self) -> Result:
        return next(point for point in reversed(self.points) if point.value is not None)

    @property
    def lower_is_better(self) -> bool:
        return self.kpi.direction == Direction.LOWER


@dataclass
class AgentKpiRow:
    """One agent on the team KPI page: their latest results beside their training."""

    user: User
    completed: int
    assigned: int
    results: list[Result]  # one per KPI of ``TeamKpis.kpis``, in that order

    @property
    def below_count(self) -> int:
        return sum(1 for result in self.results if result.below)

    @property
    def has_values(self) -> bool:
        return any(result.value is not None for result in self.results)


@dataclass
class TeamKpi:
    kpi: KpiDefinition
    periods: list[Result]  # the team average per period, oldest first
    spark: sparkline.Sparkline
    below: list[tuple[User, Result]]  # agents below target in the latest period

    @property
    def latest(self) -> Result:
        return self.periods[-1]

    @property
    def lower_is_better(self) -> bool:
        return self.kpi.direction == Direction.LOWER


@dataclass
class TeamKpis:
    team: Team
    kpis: list[TeamKpi]
    agents: list[AgentKpiRow]

    @property
    def shown(self) -> list[User]:
        """The agents whose values the page shows: each look is logged (``KpiAccess``)."""
        return [row.user for row in self.agents if row.has_values]


# --- shared ---------------------------------------------------------------------------------


def window(latest: datetime.date, period: str, count: int) -> list[datetime.date]:
    """The ``count`` period starts ending at ``latest``, oldest first."""
    starts = [latest]
    while len(starts) < count:
        starts.append(attainment.previous_period(starts[-1], period))
    return starts[::-1]


def _merge(rows: Iterable[tuple[Decimal, int]]) -> tuple[Decimal | None, int]:
    """Channels of one period as one result, weighted by their samples."""
    rows = list(rows)
    if not rows:
        return None, 0
    total = sum(sample for _value, sample in rows)
    if total:
        value = sum(value * sample for value, sample in rows) / total
    else:
        value = sum(value for value, _sample in rows) / len(rows)
    return Decimal(value).quantize(PLACES), total


def _result(
    kpi: KpiDefinition,
    start: datetime.date,
    value: Decimal | None,
    sample: int,
    target: Decimal | None,
) -> Result:
    if value is None:
        status = Status.NO_RESULT
    elif not attainment.counts(sample, kpi.min_sample_size):
        status = Status.FEW
    elif target is None:
        status = Status.NO_TARGET
    elif attainment.target_met(value, target, kpi.direction):
        status = Status.MET
    else:
        status = Status.MISSED
    return Result(start, value, sample, target, status)


def _spark(kpi: KpiDefinition, points: list[Result]) -> sparkline.Sparkline:
    targets = [point.target for point in points if point.target is not None]
    return sparkline.build(
        [point.value for point in points],
        target=targets[-1] if targets else None,
        lower_is_better=kpi.direction == Direction.LOWER,
    )


def _windows(
    latest: dict[int, datetime.date], kpis: dict[int, KpiDefinition], count: int
) -> dict[int, list[datetime.date]]:
    return {
        kpi_id: window(start, kpis[kpi_id].period, count)
        for kpi_id, start in latest.items()
        if kpi_id in kpis
    }


def _in_windows(windows: dict[int, list[datetime.date]]) -> Q:
    condition = Q(pk__in=[])
    for kpi_id, starts in windows.items():
        condition |= Q(kpi_id=kpi_id, period_start__gte=starts[0], period_start__lte=starts[-1])
    return condition


# --- the agent's own page -------------------------------------------------------------------


def _all_definitions() -> dict[int, KpiDefinition]:
    return {kpi.pk: kpi for kpi in KpiDefinition.objects.all()}


def my_kpis(*, user: User, periods: int = 8) -> list[KpiCard]:
    """The agent's own KPIs that have any result: the latest against the target in force, and
    the last ``periods`` periods for a trend line.

    Five queries (one without any result): the newest period per KPI, the results of the
    window, the targets (two) and the open remediations; the definitions come from the content
    cache (``courses.content_cache``), read again only after a definition changed.
    """
    latest = dict(
        KpiMeasurement.objects.filter(user=user)
        .order_by()  # no default ordering: a plain GROUP BY, no join
        .values("kpi_id")
        .annotate(latest=Max("period_start"))
        .values_list("kpi_id", "latest")
    )
    if not latest:
        return []
    # Definitions from the content cache (read-only, shared); the results are the agent's own.
    every = content_cache.get("kpi-definitions", _all_definitions)
    kpis = {pk: every[pk] for pk in latest if pk in every}
    windows = _windows(latest, kpis, periods)
    merged: dict[tuple[int, datetime.date], list[tuple[Decimal, int]]] = defaultdict(list)
    # One range from the earliest window start, the windows applied here: a simpler query to
    # build than one condition per KPI, and the same rows.
    in_window = {(kpi_id, start) for kpi_id, starts in windows.items() for start in starts}
    rows = (
        KpiMeasurement.objects.filter(
            user=user,
            kpi_id__in=list(windows),
            period_start__gte=min(starts[0] for starts in windows.values()),
        )
        .order_by()
        .values_list("kpi_id", "period_start", "value", "sample_size")
        if windows
        else []
    )
    for kpi_id, start, value, sample in rows:
        if (kpi_id, start) in in_window:
            merged[(kpi_id, start)].append((value, sample))
    targets = targets_in_force(
        user_ids=[user.pk],
        kpi_ids=list(windows),
        periods={start for starts in windows.values() for start in starts},
    )
    remediations = _open_remediations(user)
    cards = []
    for kpi in sorted(kpis.values(), key=lambda kpi: (kpi.sort_order, kpi.code)):
        points = []
        for start in windows[kpi.pk]:
            total, sample = _merge(merged.get((kpi.pk, start), []))
            points.append(_result(kpi, start, total, sample, targets.get((user.pk, kpi.pk, start))))
        cards.append(KpiCard(kpi, points, _spark(kpi, points), remediations.get(kpi.pk, [])))
    return cards


def _open_remediations(user: User) -> dict[int, list[Remediation]]:
    """Training a remediation rule gave the agent, by KPI: course assignments still open, and
    roleplays (which have no assignment) fired within the last ``SCENARIO_DAYS`` days."""
    since = timezone.now() - datetime.timedelta(days=SCENARIO_DAYS)
    found: dict[int, list[Remediation]] = defaultdict(list)
    # Plain values, not model instances: this runs on every /me/ request.
    firings = (
        RemediationFiring.objects.filter(user=user, cancelled_at__isnull=True)
        .filter(
            Q(assignment__isnull=False, assignment__closed_at__isnull=True)
            | Q(assignment__isnull=True, rule__scenario__isnull=False, fired_at__gte=since)
        )
        .order_by("-fired_at")
        .values_list(
            "rule__kpi_id",
            "rule__course__title",
            "rule__scenario__title",
            "rule__consecutive_misses",
            "rule__due_days",
            "assignment_id",
            "assignment__due_on",
            "fired_at",
        )
    )
    for row in firings:
        kpi_id, course_title, scenario_title, misses, due_days, assignment_id = row[:6]
        assignment_due_on, fired_at = row[6:]
        # The rule gives a course or a roleplay, never both.
        title = course_title if course_title is not None else scenario_title
        if assignment_id is not None:
            due_on = assignment_due_on
        else:
            fired_on = timezone.localtime(fired_at, user.local_zone).date()
            due_on = fired_on + datetime.timedelta(days=due_days)
        found[kpi_id].append(Remediation(title=str(title or ""), misses=misses, due_on=due_on))
    return found


# --- the team lead's page -------------------------------------------------------------------


def team_kpis(*, team: Team, periods: int = 8) -> TeamKpis:
    """The team's KPIs: the team average against the team target per period, who is below
    target in the latest period, and each agent's training completion beside their results.

    Reads the training matrix of ``lms.team.selectors.team_progress`` (its own fixed queries)
    plus at most five: the newest period per KPI, the definitions, the results of the window,
    the agents' targets (two) and the team's own targets.
    """
    from lms.team.selectors import team_progress

    progress = team_progress(team=team)
    users = {membership.user_id: membership.user for membership in progress.members}
    training = {row.user_id: (row.completed, row.assigned) for row in progress.matrix.rows}
    latest = (
        dict(
            KpiMeasurement.objects.filter(user_id__in=users)
            .values("kpi_id")
            .annotate(latest=Max("period_start"))
            .values_list("kpi_id", "latest")
        )
        if users
        else {}
    )
    kpis = {kpi.pk: kpi for kpi in KpiDefinition.objects.filter(pk__in=latest)} if latest else {}
    windows = _windows(latest, kpis, periods)
    merged: dict[tuple[int, int, datetime.date], list[tuple[Decimal, int]]] = defaultdict(list)
    if windows:
        for user_id, kpi_id, start, value, sample in KpiMeasurement.objects.filter(
            _in_windows(windows), user_id__in=users
        ).values_list("user_id", "kpi_id", "period_start", "value", "sample_size"):
            merged[(user_id, kpi_id, start)].append((value, sample))
    all_starts = {start for starts in windows.values() for start in starts}
    targets = targets_in_force(user_ids=list(users), kpi_ids=list(windows), periods=all_starts)
    team_targets = _team_targets(team, list(windows), all_starts)

    ordered = sorted(kpis.values(), key=lambda kpi: (kpi.sort_order, kpi.code))
    per_agent: dict[int, list[Result]] = {user_id: [] for user_id in users}
    team_rows = []
    for kpi in ordered:
        starts = windows[kpi.pk]
        averages = []
        for start in starts:
            total, sample = _merge(
                row for user_id in users for row in merged.get((user_id, kpi.pk, start), [])
            )
            averages.append(_result(kpi, start, total, sample, team_targets.get((kpi.pk, start))))
        below = []
        for user_id, user in users.items():
            total, sample = _merge(merged.get((user_id, kpi.pk, starts[-1]), []))
            result = _result(
                kpi, starts[-1], total, sample, targets.get((user_id, kpi.pk, starts[-1]))
            )
            per_agent[user_id].append(result)
            if result.below:
                below.append((user, result))
        team_rows.append(TeamKpi(kpi, averages, _spark(kpi, averages), below))
    agents = [
        AgentKpiRow(user, *training.get(user_id, (0, 0)), per_agent[user_id])
        for user_id, user in users.items()
    ]
    return TeamKpis(team=team, kpis=team_rows, agents=agents)


def _team_targets(
    team: Team, kpi_ids: Collection[int], starts: Collection[datetime.date]
) -> dict[tuple[int, datetime.date], Decimal]:
    """The team's own target (not an agent's) in force per KPI and period."""
    if not kpi_ids or not starts:
        return {}
    history: dict[int, list[tuple[datetime.date, Decimal]]] = defaultdict(list)
    for kpi_id, valid_from, value in (
        KpiTarget.objects.filter(
            team=team, user__isnull=True, kpi_id__in=kpi_ids, valid_from__lte=max(starts)
        )
        .order_by("-valid_from", "-created_at", "-pk")
        .values_list("kpi_id", "valid_from", "value")
    ):
        history[kpi_id].append((valid_from, value))
    found = {}
    for kpi_id in kpi_ids:
        for start in starts:
            target = next((value for day, value in history[kpi_id] if day <= start), None)
            if target is not None:
                found[(kpi_id, start)] = target
    return found


# --- remediation outcomes on the team lead's page -------------------------------------------

OUTCOME_LIMIT = 20
OUTCOME_WIDTH = 200
OUTCOME_HEIGHT = 48


@dataclass(frozen=True)
class ChartLabel:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class OutcomeChart:
    """A sparkline over the periods before and after a firing, with a marker between them."""

    spark: sparkline.Sparkline
    marker_x: float
    labels: tuple[ChartLabel, ...]


@dataclass(frozen=True)
class RemediationOutcome:
    """One rule firing for one agent and whether the KPI recovered afterwards."""

    firing: RemediationFiring
    user: User
    kpi: KpiDefinition
    title: str  # the course or roleplay the rule gave
    period_start: datetime.date  # the last missed period
    cancelled: bool
    completed: bool | None  # the assigned course finished; None: no assignment (roleplay)
    before: list[Result]  # oldest first, up to the firing's period (the misses included)
    after: list[Result]  # oldest first, up to the newest period with a result
    recovered: bool | None  # the newest counted result after: met / missed; None: none yet
    chart: OutcomeChart

    @property
    def verdict(self) -> str:
        return {True: "recovered", False: "not-yet", None: "waiting"}[self.recovered]

    @property
    def lower_is_better(self) -> bool:
        return self.kpi.direction == Direction.LOWER


def _outcome_chart(
    kpi: KpiDefinition, before: list[Result], after: list[Result], periods: int
) -> OutcomeChart:
    """Always ``periods`` slots on each side, so the marker sits at the same place on every
    row; the last miss and the newest result after it are labelled with their values."""
    values: list[Decimal | None] = [None] * (periods - len(before))
    values += [point.value for point in before]
    values += [point.value for point in after]
    values += [None] * (2 * periods - len(values))
    targets = [point.target for point in [*before, *after] if point.target is not None]
    spark = sparkline.build(
        values,
        target=targets[-1] if targets else None,
        lower_is_better=kpi.direction == Direction.LOWER,
        width=OUTCOME_WIDTH,
        height=OUTCOME_HEIGHT,
    )
    step = (OUTCOME_WIDTH - 2 * sparkline.PAD) / max(len(values) - 1, 1)
    marker_x = round(sparkline.PAD + step * (periods - 0.5), 2)
    dots = iter(spark.dots)
    at = {index: next(dots) for index, value in enumerate(values) if value is not None}
    labelled = [
        index
        for index in (
            max((i for i in at if i < periods), default=None),
            max((i for i in at if i >= periods), default=None),
        )
        if index is not None
    ]
    labels = []
    for index in labelled:
        dot = at[index]
        # Above the dot, or below it when the dot is near the top edge.
        y = dot.y - 4 if dot.y > 12 else dot.y + 11
        value = values[index]
        if value is None:
            continue
        labels.append(ChartLabel(dot.x, round(y, 2), f"{Decimal(value).normalize():f}"))
    return OutcomeChart(spark, marker_x, tuple(labels))


def remediation_outcomes(*, team: Team, periods: int = 4) -> list[RemediationOutcome]:
    """For each remediation fired for the team's agents (newest first, at most 20): the KPI
    against its target for up to ``periods`` periods up to the firing's (last missed) period
    and up to ``periods`` after, and whether it recovered.

    ``recovered`` reads the newest result after the firing that counts (enough sample and a
    target): met is True, missed False; with none yet it is None. At most five queries, however
    many firings: the firings, their results, the targets (two) and the course completions.
    """
    from courses.models import Enrolment
    from lms.accounts.models import TeamMembership

    periods = max(periods, 1)
    firings = list(
        RemediationFiring.objects.filter(
            user__team_memberships__team=team,
            user__team_memberships__role=TeamMembership.Role.MEMBER,
        )
        .select_related(
            "user",
            "rule__kpi",
            "rule__course",
            "rule__scenario",
            "assignment__course",
        )
        .order_by("-fired_at", "-pk")[:OUTCOME_LIMIT]
    )
    if not firings:
        return []
    spans = {}
    for firing in firings:
        kpi = firing.rule.kpi
        earlier = window(firing.period_start, kpi.period, periods)
        later = [attainment.next_period(firing.period_start, kpi.period)]
        while len(later) < periods:
            later.append(attainment.next_period(later[-1], kpi.period))
        spans[firing.pk] = (earlier, later)
    condition = Q(pk__in=[])
    for firing in firings:
        earlier, later = spans[firing.pk]
        condition |= Q(
            user_id=firing.user_id,
            kpi_id=firing.rule.kpi_id,
            period_start__gte=earlier[0],
            period_start__lte=later[-1],
        )
    merged: dict[tuple[int, int, datetime.date], list[tuple[Decimal, int]]] = defaultdict(list)
    for user_id, kpi_id, start, value, sample in KpiMeasurement.objects.filter(
        condition
    ).values_list("user_id", "kpi_id", "period_start", "value", "sample_size"):
        merged[(user_id, kpi_id, start)].append((value, sample))
    targets = targets_in_force(
        user_ids={firing.user_id for firing in firings},
        kpi_ids={firing.rule.kpi_id for firing in firings},
        periods={start for earlier, later in spans.values() for start in [*earlier, *later]},
    )
    courses = {
        (firing.user_id, firing.assignment.course.translation_key)
        for firing in firings
        if firing.assignment is not None and firing.assignment.course is not None
    }
    completed = (
        set(
            Enrolment.objects.filter(
                user_id__in={user_id for user_id, _key in courses},
                course__translation_key__in={key for _user_id, key in courses},
                completed_at__isnull=False,
            ).values_list("user_id", "course__translation_key")
        )
        if courses
        else set()
    )

    outcomes = []
    for firing in firings:
        rule, kpi = firing.rule, firing.rule.kpi

        def result(start: datetime.date, firing=firing, kpi=kpi) -> Result:
            total, sample = _merge(merged.get((firing.user_id, kpi.pk, start), []))
            return _result(kpi, start, total, sample, targets.get((firing.user_id, kpi.pk, start)))

        before_starts, after_starts = spans[firing.pk]
        before = [result(start) for start in before_starts]
        while len(before) > 1 and before[0].value is None:
            before.pop(0)
        after = [result(start) for start in after_starts]
        while after and after[-1].value is None:
            after.pop()
        counted = [point for point in after if point.status in (Status.MET, Status.MISSED)]
        recovered = counted[-1].met if counted else None
        assignment = firing.assignment
        if assignment is not None and assignment.course is not None:
            done = (firing.user_id, assignment.course.translation_key) in completed
        else:
            done = None
        item = rule.course or rule.scenario
        outcomes.append(
            RemediationOutcome(
                firing=firing,
                user=firing.user,
                kpi=kpi,
                title=str(getattr(item, "title", "")),
                period_start=firing.period_start,
                cancelled=firing.cancelled_at is not None,
                completed=done,
                before=before,
                after=after,
                recovered=recovered,
                chart=_outcome_chart(kpi, before, after, periods),
            )
        )
    return outcomes
