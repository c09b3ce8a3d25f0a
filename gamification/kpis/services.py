"""Writes of KPI results and targets. Uploads and the API go through the same two steps:
``measurements_check`` (every problem, with its line) and ``measurements_import`` (all rows or
none, in one transaction, updating results sent before)."""

import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.cache import cache
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses import learner_cache
from gamification import events
from gamification.kpis import ingest
from gamification.kpis.models import KpiDefinition, KpiImport, KpiMeasurement, KpiTarget
from gamification.models import EventKind
from lms.accounts.models import Team, TeamMembership, User

logger = logging.getLogger(__name__)

# Up to this many rows an upload is imported inside the request; more go to a Celery task.
INLINE_IMPORT_ROWS = 5000
CHUNK = 2000


@dataclass
class CheckResult:
    rows: list[ingest.CleanRow] = field(default_factory=list)
    errors: list[ingest.RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors


@dataclass(frozen=True)
class ImportCounts:
    created: int
    updated: int


def ingest_context(
    *, allowed_team_ids: frozenset[int] | None
) -> tuple[dict[str, ingest.KpiSpec], dict[str, ingest.AgentRef]]:
    """The KPIs and the agents a batch may name, in two queries. Agents of other teams are
    included so that a lead is told "not in your team" rather than "unknown"."""
    kpis = {
        kpi.code: ingest.KpiSpec(kpi.code, kpi.pk, kpi.period, kpi.lowest, kpi.highest)
        for kpi in KpiDefinition.objects.all()
    }
    teams: dict[tuple[str, int], set[int]] = defaultdict(set)
    for email, user_id, team_id in TeamMembership.objects.values_list(
        "user__email", "user_id", "team_id"
    ):
        teams[(email.lower(), user_id)].add(team_id)
    agents = {
        email: ingest.AgentRef(user_id, frozenset(team_ids))
        for (email, user_id), team_ids in teams.items()
    }
    return kpis, agents


def measurements_check(
    *, rows: Iterable[tuple[int, Mapping[str, object]]], allowed_team_ids: frozenset[int] | None
) -> CheckResult:
    """Every row checked against the KPIs, the agents and the teams the sender may write for."""
    kpis, agents = ingest_context(allowed_team_ids=allowed_team_ids)
    cleaned, errors = ingest.clean_rows(
        rows, kpis=kpis, agents=agents, allowed_team_ids=allowed_team_ids
    )
    return CheckResult(rows=cleaned, errors=errors)


@transaction.atomic
def measurements_import(*, rows: list[ingest.CleanRow], source: str, progress=None) -> ImportCounts:
    """Write checked rows as one unit: all of them or, on any failure, none.

    A row for an (agent, KPI, period, channel) that exists updates it. Each agent whose
    results arrived gets one outbox event, so XP, badges and remediation follow in the worker.
    """
    now = timezone.now()
    created = updated = 0
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        existing = _existing_keys(chunk)
        KpiMeasurement.objects.bulk_create(
            [
                KpiMeasurement(
                    user_id=row.user_id,
                    kpi_id=row.kpi_id,
                    period_start=row.period_start,
                    channel=row.channel,
                    value=row.value,
                    sample_size=row.sample_size,
                    source=source,
                    imported_at=now,
                )
                for row in chunk
            ],
            update_conflicts=True,
            unique_fields=["user", "kpi", "period_start", "channel"],
            update_fields=["value", "sample_size", "source", "imported_at"],
        )
        updated += len(existing)
        created += len(chunk) - len(existing)
        if progress is not None:
            progress(start + len(chunk))
    _record_events(rows, now=now)
    learner_cache.changed(row.user_id for row in rows)  # bulk_create sends no signals
    return ImportCounts(created=created, updated=updated)


def _existing_keys(rows: list[ingest.CleanRow]) -> set[tuple[int, int, date, str]]:
    wanted = {row.key for row in rows}
    found = KpiMeasurement.objects.filter(
        user_id__in={row.user_id for row in rows},
        kpi_id__in={row.kpi_id for row in rows},
        period_start__in={row.period_start for row in rows},
    ).values_list("user_id", "kpi_id", "period_start", "channel")
    return {key for key in found if key in wanted}


def _record_events(rows: list[ingest.CleanRow], *, now) -> None:
    periods: dict[int, set[tuple[int, str]]] = defaultdict(set)
    for row in rows:
        periods[row.user_id].add((row.kpi_id, row.period_start.isoformat()))
    stamp = now.strftime("%Y%m%d%H%M%S%f")
    for user_id, kpi_periods in periods.items():
        events.record(
            user=User(pk=user_id),
            kind=EventKind.KPI_RESULTS,
            subject=None,
            key=f"{EventKind.KPI_RESULTS}:{user_id}:{stamp}",
            payload={"periods": sorted([kpi_id, start] for kpi_id, start in kpi_periods)},
        )


# --- Uploads ----------------------------------------------------------------------------------


def upload_allowed_teams(user: User) -> frozenset[int] | None:
    """Teams whose agents' results ``user`` may upload; ``None`` for an admin (every team)."""
    from lms.accounts import roles

    if roles.is_admin(user):
        return None
    return frozenset(roles.led_team_ids(user))


def upload_preview(*, uploaded_by: User, team: Team | None, upload: UploadedFile) -> KpiImport:
    """Store the file and check it; nothing is imported until the lead confirms."""
    data = upload.read()
    kpi_import = KpiImport(uploaded_by=uploaded_by, team=team, filename=upload.name or "")
    _check_into(kpi_import, data)
    upload.seek(0)
    kpi_import.file.save(f"{timezone.now():%H%M%S}-{kpi_import.filename[-60:]}", upload, save=False)
    kpi_import.save()
    return kpi_import


def _check_into(kpi_import: KpiImport, data: bytes) -> CheckResult:
    try:
        table = ingest.read_table(filename=kpi_import.filename, data=data)
    except ingest.IngestError as error:
        kpi_import.errors = [{"line": 0, "message": str(error)}]
        kpi_import.rows_total = 0
        return CheckResult()
    result = measurements_check(
        rows=table, allowed_team_ids=upload_allowed_teams(kpi_import.uploaded_by)
    )
    kpi_import.rows_total = len(table)
    kpi_import.errors = [{"line": e.line, "message": e.message} for e in result.errors]
    return result


def upload_confirm(*, kpi_import: KpiImport) -> KpiImport:
    """Import a previewed file as one unit. The file is checked again: agents or KPIs may have
    changed since the preview. A preview with problems is never imported. Large files are
    imported by a Celery task."""
    if kpi_import.status != KpiImport.Status.PREVIEW or kpi_import.errors:
        return kpi_import
    if kpi_import.rows_total > INLINE_IMPORT_ROWS:
        KpiImport.objects.filter(pk=kpi_import.pk).update(status=KpiImport.Status.PENDING)
        cache.set(_progress_key(kpi_import.pk), 0, PROGRESS_TIMEOUT)
        transaction.on_commit(lambda: _queue_import(kpi_import.pk))
        kpi_import.status = KpiImport.Status.PENDING
        return kpi_import
    return upload_import(import_id=kpi_import.pk)


def _queue_import(import_id: int) -> None:
    from gamification.kpis.tasks import import_upload

    try:
        import_upload.delay(import_id)
    except Exception:
        logger.exception("could not queue KPI import %s", import_id)


# ``measurements_import`` writes in one transaction, so a ``rows_done`` saved inside it stays
# invisible to the page polling for progress until the very end: the count goes to the cache.
PROGRESS_TIMEOUT = 6 * 60 * 60


def _progress_key(import_id: int) -> str:
    return f"kpis:import-progress:{import_id}"


def upload_progress(*, kpi_import: KpiImport) -> int:
    """Rows written so far: the live count from the cache while the import runs."""
    if kpi_import.status in (KpiImport.Status.PENDING, KpiImport.Status.RUNNING):
        return int(cache.get(_progress_key(kpi_import.pk)) or kpi_import.rows_done)
    return kpi_import.rows_done


def upload_import(*, import_id: int) -> KpiImport:
    """Check and import a stored upload; safe to run twice (a done import is left alone)."""
    kpi_import = KpiImport.objects.select_related("uploaded_by").get(pk=import_id)
    if kpi_import.status in (KpiImport.Status.DONE, KpiImport.Status.FAILED):
        return kpi_import
    rows = KpiImport.objects.filter(pk=kpi_import.pk)
    key = _progress_key(import_id)
    cache.set(key, 0, PROGRESS_TIMEOUT)
    rows.update(status=KpiImport.Status.RUNNING, rows_done=0)
    try:
        with kpi_import.file.open("rb") as stored:
            data = stored.read()
    except (OSError, ValueError):  # ValueError: no file stored with the import
        logger.exception("KPI import %s: stored file unreadable", import_id)
        data = b""
    result = _check_into(kpi_import, data)
    if not result.ok:
        rows.update(
            status=KpiImport.Status.FAILED, errors=kpi_import.errors, finished_at=timezone.now()
        )
        cache.delete(key)
        kpi_import.refresh_from_db()
        return kpi_import
    try:
        counts = measurements_import(
            rows=result.rows,
            source=KpiMeasurement.Source.UPLOAD,
            progress=lambda done: cache.set(key, done, PROGRESS_TIMEOUT),
        )
    except Exception:
        logger.exception("KPI import %s failed", import_id)
        rows.update(
            status=KpiImport.Status.FAILED,
            errors=[{"line": 0, "message": _("The import failed and nothing was saved.")}],
            finished_at=timezone.now(),
        )
    else:
        rows.update(
            status=KpiImport.Status.DONE,
            rows_done=len(result.rows),
            created_count=counts.created,
            updated_count=counts.updated,
            finished_at=timezone.now(),
        )
    cache.delete(key)
    kpi_import.refresh_from_db()
    return kpi_import


# --- Targets ----------------------------------------------------------------------------------


@transaction.atomic
def target_set(
    *,
    kpi: KpiDefinition,
    team: Team,
    value: Decimal,
    valid_from: date,
    set_by: User,
    user: User | None = None,
) -> KpiTarget:
    """A new target from ``valid_from`` on; earlier targets stay as history."""
    problem = ingest.period_problem(kpi.period, valid_from)
    if problem:
        raise ValueError(problem)
    return KpiTarget.objects.create(
        kpi=kpi, team=team, user=user, value=value, valid_from=valid_from, set_by=set_by
    )
