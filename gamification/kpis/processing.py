"""The KPI part of processing the outbox: ``kpi.results`` events into XP, standings (the KPI
boards), badge facts and remediation. Called by ``gamification.services._Batch``.

One ``KpiResults`` per batch loads, in a constant number of queries, every result of the
batch's agents for the KPIs their events name (history included: runs and baselines need
it), the targets in force and the definitions. Everything it writes is keyed by what it is
about (XP source ``kpi:<kpi>:<period>``, one standing per agent, KPI and period, one firing
per rule, agent and last missed period), so processing an event twice changes nothing.

Several channels of one period count together: values weighted by sample size, samples added
(the targets are per KPI, not per channel).
"""

import datetime
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from gamification import rules
from gamification.kpis import attainment
from gamification.kpis.models import (
    KpiDefinition,
    KpiMeasurement,
    KpiStanding,
    RemediationRule,
)
from gamification.kpis.targets import targets_in_force
from gamification.models import Event, EventKind


@dataclass(frozen=True)
class PeriodResult:
    period_start: datetime.date
    value: Decimal
    sample_size: int
    counted: bool
    target: Decimal | None
    met: bool | None  # None: not counted or no target
    attainment: Decimal | None
    improvement: Decimal | None


def _combine(rows: Sequence[tuple[Decimal, int]]) -> tuple[Decimal, int]:
    """One value for a period from its channels: weighted by sample size."""
    samples = sum(sample for _value, sample in rows)
    if samples <= 0:
        return sum((value for value, _s in rows), Decimal(0)) / len(rows), 0
    return sum((value * sample for value, sample in rows), Decimal(0)) / samples, samples


def evaluate_series(
    periods: Mapping[datetime.date, tuple[Decimal, int]],
    *,
    kpi: KpiDefinition,
    targets: Mapping[datetime.date, Decimal],
) -> list[PeriodResult]:
    """Each period's meaning, oldest first. Pure apart from reading the definition's fields."""
    results = []
    counted_values: list[Decimal] = []  # newest last
    for start in sorted(periods):
        value, sample = periods[start]
        counted = attainment.counts(sample, kpi.min_sample_size)
        target = targets.get(start)
        met = attain = improve = None
        if counted:
            if target is not None:
                met = attainment.target_met(value, target, kpi.direction)
                attain = attainment.attainment(value, target, kpi.direction)
            base = attainment.baseline(reversed(counted_values))
            improve = attainment.improvement(value, base, kpi.direction)
            counted_values.append(value)
        results.append(PeriodResult(start, value, sample, counted, target, met, attain, improve))
    return results


def statuses_newest_first(results: Sequence[PeriodResult], period: str) -> list[bool | None]:
    """Met / missed / unknown per calendar period from the newest result back; gaps are None."""
    if not results:
        return []
    by_start = {result.period_start: result.met for result in results}
    starts = attainment.periods_between(results[0].period_start, results[-1].period_start, period)
    return [by_start.get(start) for start in reversed(starts)]


class KpiResults:
    """What the ``kpi.results`` events of one batch mean."""

    def __init__(self, events: Sequence[Event]) -> None:
        self.events = [event for event in events if event.kind == EventKind.KPI_RESULTS]
        self.series: dict[tuple[int, int], list[PeriodResult]] = {}
        self.kpis: dict[int, KpiDefinition] = {}
        self.results: dict[tuple[int, int, datetime.date], PeriodResult] = {}
        # Per agent and KPI the oldest period the events name: standings from there on change.
        self.changed_from: dict[tuple[int, int], datetime.date] = {}
        if not self.events:
            return
        user_ids = {event.user_id for event in self.events}
        kpi_ids = {
            int(kpi_id)
            for event in self.events
            for kpi_id, _start in (event.payload or {}).get("periods", [])
        }
        self.kpis = KpiDefinition.objects.in_bulk(kpi_ids)
        for event in self.events:
            for kpi_id, start in (event.payload or {}).get("periods", []):
                key, day = (event.user_id, int(kpi_id)), datetime.date.fromisoformat(start)
                self.changed_from[key] = min(day, self.changed_from.get(key, day))
        raw: dict[tuple[int, int], dict[datetime.date, list[tuple[Decimal, int]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for user_id, kpi_id, start, value, sample in KpiMeasurement.objects.filter(
            user_id__in=user_ids, kpi_id__in=list(self.kpis)
        ).values_list("user_id", "kpi_id", "period_start", "value", "sample_size"):
            raw[(user_id, kpi_id)][start].append((value, sample))
        targets = targets_in_force(
            user_ids=user_ids,
            kpi_ids=list(self.kpis),
            periods={start for periods in raw.values() for start in periods},
        )
        for (user_id, kpi_id), periods in raw.items():
            self.series[(user_id, kpi_id)] = evaluate_series(
                {start: _combine(rows) for start, rows in periods.items()},
                kpi=self.kpis[kpi_id],
                targets={
                    start: targets[(user_id, kpi_id, start)]
                    for start in periods
                    if (user_id, kpi_id, start) in targets
                },
            )
        self.results = {
            (user_id, kpi_id, result.period_start): result
            for (user_id, kpi_id), series in self.series.items()
            for result in series
        }

    # -- XP

    def grants_for(self, event: Event, configs: Mapping[str, rules.RuleConfig]) -> list:
        """XP for every target met (with enough sample) in the periods the event names."""
        if event.kind != EventKind.KPI_RESULTS:
            return []
        grants = []
        for kpi_id, start in (event.payload or {}).get("periods", []):
            period_start = datetime.date.fromisoformat(start)
            result = self.results.get((event.user_id, int(kpi_id), period_start))
            if result is None or result.met is not True:
                continue
            grant = rules.kpi_target_grant(int(kpi_id), period_start, configs)
            if grant is not None:
                grants.append(grant)
        return grants

    def sources(self, configs: Mapping[str, rules.RuleConfig]) -> set[str]:
        return {grant.source for event in self.events for grant in self.grants_for(event, configs)}

    # -- boards

    def write_standings(self) -> None:
        """Upsert one standing per agent, KPI and period from the oldest period the events
        name on (a corrected old period changes the baselines after it)."""
        if not self.series:
            return
        now = timezone.now()
        KpiStanding.objects.bulk_create(
            [
                KpiStanding(
                    user_id=user_id,
                    kpi_id=kpi_id,
                    period_start=result.period_start,
                    counted=result.counted,
                    met=result.met,
                    attainment=result.attainment,
                    improvement=result.improvement,
                    updated_at=now,
                )
                for (user_id, kpi_id), series in self.series.items()
                for result in series
                if (user_id, kpi_id) in self.changed_from
                and result.period_start >= self.changed_from[(user_id, kpi_id)]
            ],
            update_conflicts=True,
            unique_fields=["user", "kpi", "period_start"],
            update_fields=["counted", "met", "attainment", "improvement", "updated_at"],
            batch_size=2000,
        )

    # -- badges

    def fill_facts(self, facts: Mapping[int, rules.Facts]) -> None:
        for (user_id, kpi_id), series in self.series.items():
            if user_id not in facts:
                continue
            statuses = statuses_newest_first(series, self.kpis[kpi_id].period)
            facts[user_id].kpi_met_runs[kpi_id] = attainment.longest_met_run(statuses[::-1])
            improvements = [r.improvement for r in series if r.improvement is not None]
            if improvements:
                facts[user_id].kpi_improvements[kpi_id] = max(improvements)

    # -- remediation

    def remediate(self, users: Mapping[int, object]) -> list:
        """Fire every active rule whose KPI was missed often enough in a row, ending at the
        agent's newest result. Returns the new firings."""
        from gamification.kpis import remediation

        if not self.series:
            return []
        by_kpi: dict[int, list[RemediationRule]] = defaultdict(list)
        for rule in RemediationRule.objects.filter(
            active=True, kpi_id__in=list(self.kpis)
        ).select_related("kpi", "course", "scenario"):
            by_kpi[rule.kpi_id].append(rule)
        fired = []
        for (user_id, kpi_id), series in sorted(self.series.items()):
            if not by_kpi.get(kpi_id):
                continue
            misses = attainment.consecutive_misses(
                statuses_newest_first(series, self.kpis[kpi_id].period)
            )
            for rule in by_kpi[kpi_id]:
                if misses < max(rule.consecutive_misses, 1):
                    continue
                firing = remediation.remediation_fire(
                    rule=rule,
                    user=users[user_id],  # type: ignore[arg-type]
                    period_start=series[-1].period_start,
                    misses=misses,
                )
                if firing is not None:
                    fired.append(firing)
        return fired
