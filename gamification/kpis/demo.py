"""Demo KPI results, targets, remediation rules and KPI badges for the demo team.

Twelve weeks of weekly results (CSAT, FCR, AHT, FRT, CES) and three months of NPS for every
agent of the demo lead's team, each agent with a character, so the pages have a story to tell:

- Aino (agent@) is strong and steady above every target;
- Mikko's CSAT slips below target in the last weeks (the CSAT remediation rule fires for him);
- Noah, the new hire, joined today: no results yet (results only count from the week an
  agent joined; his profile shows how a new hire typically improves once they arrive);
- Olena is steady around the targets; her last CES week had too few surveys to count.

Results go through ``measurements_import`` (source "demo") like an upload, so XP, badges and
remediation follow in the worker. Idempotent: only results for periods not yet stored are
imported, targets and rules are found before they are made, so a second run changes nothing.
Values are drawn from a random generator seeded by agent, KPI and period, so a result is the
same whichever day the seed runs.
"""

import datetime
import random
from collections.abc import Mapping
from decimal import Decimal

from django.utils import timezone

from courses.models import CoursePage
from gamification.kpis import attainment, ingest, services
from gamification.kpis.models import KpiDefinition, KpiMeasurement, KpiTarget, RemediationRule
from gamification.models import BadgeClass, BadgeCriterion
from lms.accounts.models import Team, TeamMembership, User
from scenarios.models import Scenario

WEEKS = 12
MONTHS = 3

# Team targets (KPI code -> target), in the units of the seeded KPI definitions.
TARGETS = {
    "csat": Decimal("85"),
    "fcr": Decimal("75"),
    "aht": Decimal("8.0"),
    "frt": Decimal("30"),
    "ces": Decimal("3.0"),
    "nps": Decimal("30"),
}

# KPI code -> (decimal places, typical sample size per period, sample spread).
SHAPES = {
    "csat": (1, 30, 12),
    "fcr": (1, 90, 30),
    "aht": (1, 90, 30),
    "frt": (0, 70, 25),
    "ces": (2, 22, 8),
    "nps": (0, 45, 15),
}

# Agent (email local part) -> KPI code -> (first value, last value, noise). A straight line
# from first to last across the periods, plus noise; ``OVERRIDES`` pin whole series.
PROFILES: dict[str, dict[str, tuple[float, float, float]]] = {
    "agent": {  # Aino: strong
        "csat": (92, 93, 1.5),
        "fcr": (82, 83, 2),
        "aht": (7.0, 6.8, 0.3),
        "frt": (18, 17, 2),
        "ces": (2.4, 2.3, 0.1),
        "nps": (52, 55, 3),
    },
    "mikko": {  # CSAT falling below target (series below); the rest close to target
        "csat": (87, 87, 1),
        "fcr": (78, 77, 1.5),
        "aht": (7.8, 7.9, 0.2),
        "frt": (26, 27, 2),
        "ces": (2.8, 2.9, 0.1),
        "nps": (34, 31, 2),
    },
    "newhire": {  # Noah: a new hire improving
        "csat": (74, 87, 1.5),
        "fcr": (60, 76, 2),
        "aht": (11.5, 7.9, 0.3),
        "frt": (48, 28, 2),
        "ces": (3.8, 2.9, 0.1),
        "nps": (12, 32, 2),
    },
    "olena": {  # steady around the targets
        "csat": (88, 88, 1),
        "fcr": (77, 77, 1.5),
        "aht": (7.7, 7.7, 0.2),
        "frt": (27, 27, 2),
        "ces": (2.8, 2.8, 0.1),
        "nps": (36, 36, 2),
    },
}
DEFAULT_PROFILE = PROFILES["olena"]
OVERRIDES: dict[tuple[str, str], list[float]] = {
    # Mikko's CSAT: fine for two months, then three weeks below the 85 target.
    ("mikko", "csat"): [88, 87, 89, 86, 87, 88, 86, 87, 86, 83, 81, 79],
}
# (agent, KPI) whose latest period had too few surveys: shown as "too few surveys".
SMALL_LAST_SAMPLE = {("olena", "ces"): 6}

# (KPI code, course slug or None, scenario slug or None). The refund roleplay is the one about
# escalating: a request over the agent's goodwill limit goes to the team lead.
RULES = [
    ("csat", "empathy-in-written-replies", None),
    ("fcr", None, "refund-outside-policy"),
]

# (name, description, criterion, KPI code, threshold): only where the criteria exist.
KPI_BADGES = [
    (
        "On target",
        "Met the CSAT target four weeks in a row, with enough surveys each week.",
        "kpi_streak",
        "csat",
        4,
    ),
    (
        "Rising star",
        "Improved a KPI by 10% over your own average of the weeks before.",
        "kpi_improved",
        None,
        10,
    ),
]


def demo_weeks(today: datetime.date) -> list[datetime.date]:
    """The last ``WEEKS`` full weeks (Mondays), oldest first."""
    this_monday = today - datetime.timedelta(days=today.weekday())
    return [this_monday - datetime.timedelta(weeks=WEEKS - n) for n in range(WEEKS)]


def demo_months(today: datetime.date) -> list[datetime.date]:
    """The last ``MONTHS`` full months (1st of the month), oldest first."""
    starts = [attainment.previous_period(today.replace(day=1), "month")]
    while len(starts) < MONTHS:
        starts.append(attainment.previous_period(starts[-1], "month"))
    return starts[::-1]


def demo_value(
    name: str, code: str, index: int, count: int, start: datetime.date
) -> tuple[Decimal, int]:
    """(value, sample size) of one agent's result for one period."""
    rng = random.Random(f"{name}:{code}:{start.isoformat()}")  # noqa: S311 - demo data, not secrets
    places, sample, spread = SHAPES[code]
    series = OVERRIDES.get((name, code))
    if series is not None:
        raw = series[min(index, len(series) - 1)]
    else:
        first, last, noise = PROFILES.get(name, DEFAULT_PROFILE)[code]
        raw = first + (last - first) * index / max(count - 1, 1) + rng.uniform(-noise, noise)
    value = Decimal(str(round(raw, places)))
    size = max(1, sample + rng.randint(-spread, spread))
    if index == count - 1 and (name, code) in SMALL_LAST_SAMPLE:
        size = SMALL_LAST_SAMPLE[(name, code)]
    return value, size


def ensure_demo_kpis(
    *,
    people: Mapping[str, User],
    courses: Mapping[str, CoursePage],
    scenarios: Mapping[str, object],
) -> int:
    """Targets, remediation rules, KPI badges and results for the demo lead's team. Returns how
    many results were imported (0 on a repeat run)."""
    lead = people["lead"]
    membership = (
        TeamMembership.objects.filter(user=lead, role=TeamMembership.Role.LEAD)
        .select_related("team")
        .first()
    )
    if membership is None:
        return 0
    team = membership.team
    kpis = {kpi.code: kpi for kpi in KpiDefinition.objects.filter(code__in=TARGETS)}
    today = timezone.localdate()
    weeks, months = demo_weeks(today), demo_months(today)
    _ensure_targets(team=team, lead=lead, kpis=kpis, weeks=weeks, months=months)
    _ensure_rules(kpis=kpis, courses=courses, scenarios=scenarios)
    _ensure_badges(kpis=kpis)
    return _ensure_results(team=team, kpis=kpis, weeks=weeks, months=months)


def _ensure_targets(
    *,
    team: Team,
    lead: User,
    kpis: Mapping[str, KpiDefinition],
    weeks: list[datetime.date],
    months: list[datetime.date],
) -> None:
    existing = set(
        KpiTarget.objects.filter(team=team, user__isnull=True).values_list("kpi__code", flat=True)
    )
    for code, value in TARGETS.items():
        kpi = kpis.get(code)
        if kpi is None or code in existing:
            continue
        valid_from = months[0] if kpi.period == "month" else weeks[0]
        services.target_set(kpi=kpi, team=team, value=value, valid_from=valid_from, set_by=lead)


def _ensure_rules(
    *,
    kpis: Mapping[str, KpiDefinition],
    courses: Mapping[str, CoursePage],
    scenarios: Mapping[str, object],
) -> None:
    for code, course_slug, scenario_slug in RULES:
        kpi = kpis.get(code)
        course = courses.get(course_slug) if course_slug else None
        scenario = scenarios.get(scenario_slug) if scenario_slug else None
        if not isinstance(scenario, Scenario):
            scenario = None
        if kpi is None or (course is None) == (scenario is None):
            continue
        RemediationRule.objects.get_or_create(
            kpi=kpi,
            course=course,
            scenario=scenario,
            defaults={"consecutive_misses": 2, "due_days": 7, "cooldown_days": 28},
        )


def _ensure_badges(*, kpis: Mapping[str, KpiDefinition]) -> None:
    """KPI badges, only where this version of the badge rules knows KPI criteria."""
    criteria = set(BadgeCriterion.values)
    has_kpi_field = any(field.name == "kpi" for field in BadgeClass._meta.get_fields())
    for order, (name, description, criterion, code, threshold) in enumerate(KPI_BADGES):
        if criterion not in criteria or not has_kpi_field:
            continue
        if BadgeClass.objects.filter(name=name).exists():
            continue
        badge = BadgeClass(
            name=name, description=description, criterion=criterion, threshold=threshold
        )
        badge.kpi = kpis.get(code) if code else None
        badge.sort_order = 50 + order
        badge.save()


def _ensure_results(
    *,
    team: Team,
    kpis: Mapping[str, KpiDefinition],
    weeks: list[datetime.date],
    months: list[datetime.date],
) -> int:
    memberships = list(
        TeamMembership.objects.filter(team=team, role=TeamMembership.Role.MEMBER).select_related(
            "user"
        )
    )
    agents = {m.user.email.split("@", 1)[0]: m.user for m in memberships}
    # Nobody has results from before they joined: a new hire on day one has none.
    joined = {m.user_id: timezone.localtime(m.joined_at).date() for m in memberships}
    existing = set(
        KpiMeasurement.objects.filter(
            user__in=agents.values(), kpi__in=kpis.values(), channel=""
        ).values_list("user_id", "kpi_id", "period_start")
    )
    rows = []
    for name, user in sorted(agents.items()):
        for code, kpi in kpis.items():
            starts = months if kpi.period == "month" else weeks
            for index, start in enumerate(starts):
                if (user.pk, kpi.pk, start) in existing or start < joined[user.pk]:
                    continue
                value, size = demo_value(name, code, index, len(starts), start)
                rows.append(
                    ingest.CleanRow(
                        line=len(rows) + 2,
                        user_id=user.pk,
                        kpi_id=kpi.pk,
                        period_start=start,
                        value=value,
                        sample_size=size,
                        channel="",
                    )
                )
    if not rows:
        return 0
    services.measurements_import(rows=rows, source=KpiMeasurement.Source.DEMO)
    return len(rows)
