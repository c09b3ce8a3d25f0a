"""Reading and checking KPI results from a file or an API batch. No database access.

Every problem is reported with its line number and a reason a lead can act on; a batch with
any problem is imported not at all (the service enforces that). Lines are numbered as a
spreadsheet shows them: the header is line 1.
"""

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Protocol

from django.utils.translation import gettext as _

COLUMNS = ("agent_email", "kpi_code", "period_start", "value", "sample_size", "channel")
REQUIRED = COLUMNS[:5]
MAX_ROWS = 200_000
MAX_CHANNEL = 32
MAX_VALUE = Decimal("9999999999")


class IngestError(Exception):
    """The file as a whole cannot be read; the message says why and what to do."""


class KpiBounds(Protocol):
    """A KPI's possible range: a KpiSpec here, a KpiDefinition in forms."""

    @property
    def lowest(self) -> Decimal | None: ...

    @property
    def highest(self) -> Decimal | None: ...


@dataclass(frozen=True)
class KpiSpec:
    code: str
    kpi_id: int
    period: str  # "week" or "month"
    lowest: Decimal | None = None
    highest: Decimal | None = None


@dataclass(frozen=True)
class AgentRef:
    user_id: int
    team_ids: frozenset[int]


@dataclass(frozen=True)
class CleanRow:
    line: int
    user_id: int
    kpi_id: int
    period_start: date
    value: Decimal
    sample_size: int
    channel: str

    @property
    def key(self) -> tuple[int, int, date, str]:
        return (self.user_id, self.kpi_id, self.period_start, self.channel)


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


def read_table(*, filename: str, data: bytes) -> list[tuple[int, dict[str, str]]]:
    """(line number, column -> text) for every non-empty row of a CSV or XLSX file."""
    if not data.strip():
        raise IngestError(_("The file is empty."))
    table = _xlsx_rows(data) if filename.lower().endswith(".xlsx") else _csv_rows(data)
    if not table:
        raise IngestError(_("The file is empty."))
    header = [cell.strip().lower().replace(" ", "_") for cell in table[0]]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise IngestError(
            _("The first line must name the columns; missing: %(missing)s. Expected: %(expected)s.")
            % {"missing": ", ".join(missing), "expected": ", ".join(COLUMNS)}
        )
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        rows.append(
            (
                number,
                {
                    name: (cells[i].strip() if i < len(cells) else "")
                    for i, name in enumerate(header)
                },
            )
        )
    if len(rows) > MAX_ROWS:
        raise IngestError(
            _("The file has %(count)d rows; at most %(max)d can be imported at once. Split it.")
            % {"count": len(rows), "max": MAX_ROWS}
        )
    if not rows:
        raise IngestError(_("The file has a header but no results."))
    return rows


def _csv_rows(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise IngestError(
            _(
                "The file is not UTF-8 text. In Excel choose “CSV UTF-8” when saving, "
                "or upload the .xlsx file."
            )
        ) from error
    if "\x00" in text:
        raise IngestError(_("This does not look like a CSV file. Upload a .csv or .xlsx file."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as error:
        raise IngestError(
            _("The CSV file could not be read: %(reason)s") % {"reason": error}
        ) from error


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise IngestError(
            _("The Excel file could not be opened. Save it again as .xlsx.")
        ) from error
    sheet = workbook.worksheets[0]
    rows = []
    for values in sheet.iter_rows(values_only=True):
        rows.append([_cell_text(value) for value in values])
    workbook.close()
    return rows


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "date") and callable(value.date):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def parse_date(text: str) -> date | None:
    """ISO dates (2026-11-23) and the Nordic way of writing them (23.11.2026)."""
    text = text.strip()
    try:
        if "." in text:
            day, month, year = text.split(".")
            return date(int(year), int(month), int(day))
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse_decimal(text: str) -> Decimal | None:
    """A number with a dot or a decimal comma; nothing infinite, not-a-number or huge."""
    try:
        value = Decimal(text.strip().replace(",", ".").replace("\u00a0", "").replace(" ", ""))
    except InvalidOperation:
        return None
    if not value.is_finite() or abs(value) > MAX_VALUE:
        return None
    return value.quantize(Decimal("0.01"))


def period_problem(period: str, start: date) -> str | None:
    if period == "week" and start.weekday() != 0:
        return _("%(date)s is not the start of a week: weekly results start on a Monday.") % {
            "date": start.isoformat()
        }
    if period == "month" and start.day != 1:
        return _("%(date)s is not the start of a month: monthly results start on the 1st.") % {
            "date": start.isoformat()
        }
    return None


def clean_rows(
    rows: Iterable[tuple[int, Mapping[str, object]]],
    *,
    kpis: Mapping[str, KpiSpec],
    agents: Mapping[str, AgentRef],
    allowed_team_ids: frozenset[int] | None,
) -> tuple[list[CleanRow], list[RowError]]:
    """Check every row; ``allowed_team_ids`` None means any team (an admin)."""
    cleaned: list[CleanRow] = []
    errors: list[RowError] = []
    seen: dict[tuple[int, int, date, str], int] = {}
    for line, raw in rows:
        values = {
            name: ("" if raw.get(name) is None else str(raw.get(name)).strip()) for name in COLUMNS
        }
        problems = _row_problems(
            values, kpis=kpis, agents=agents, allowed_team_ids=allowed_team_ids
        )
        if problems:
            errors.extend(RowError(line, problem) for problem in problems)
            continue
        row = _clean(line, values, kpis=kpis, agents=agents)
        if row.key in seen:
            errors.append(
                RowError(
                    line,
                    _("The same agent, KPI, period and channel as line %(line)d.")
                    % {"line": seen[row.key]},
                )
            )
            continue
        seen[row.key] = line
        cleaned.append(row)
    return cleaned, errors


def _row_problems(
    values: Mapping[str, str],
    *,
    kpis: Mapping[str, KpiSpec],
    agents: Mapping[str, AgentRef],
    allowed_team_ids: frozenset[int] | None,
) -> list[str]:
    empty = [name for name in REQUIRED if not values[name]]
    if empty:
        return [_("Missing %(columns)s.") % {"columns": ", ".join(empty)}]
    problems = []
    agent = agents.get(values["agent_email"].lower())
    if agent is None:
        problems.append(_("No agent with the email %(email)s.") % {"email": values["agent_email"]})
    elif allowed_team_ids is not None and not agent.team_ids & allowed_team_ids:
        problems.append(
            _("%(email)s is not in a team you lead; ask an admin to import their results.")
            % {"email": values["agent_email"]}
        )
    spec = kpis.get(values["kpi_code"].lower())
    if spec is None:
        problems.append(
            _("Unknown KPI code “%(code)s”; use one of: %(codes)s.")
            % {"code": values["kpi_code"], "codes": ", ".join(sorted(kpis))}
        )
    start = parse_date(values["period_start"])
    if start is None:
        problems.append(
            _("“%(text)s” is not a date; write it as 2026-11-23.")
            % {"text": values["period_start"]}
        )
    elif spec is not None and (problem := period_problem(spec.period, start)):
        problems.append(problem)
    value = parse_decimal(values["value"])
    if value is None:
        problems.append(_("“%(text)s” is not a number.") % {"text": values["value"]})
    elif spec is not None and not within_range(value, spec):
        problems.append(
            _("%(value)s is outside the possible range of %(code)s (%(low)s to %(high)s).")
            % {
                "value": value,
                "code": spec.code,
                "low": "…" if spec.lowest is None else spec.lowest,
                "high": "…" if spec.highest is None else spec.highest,
            }
        )
    sample = values["sample_size"]
    if not (sample.isdigit() and int(sample) < 10**9):
        problems.append(
            _("The sample size “%(text)s” must be a whole number of 0 or more.") % {"text": sample}
        )
    if len(values["channel"]) > MAX_CHANNEL:
        problems.append(
            _("The channel name is longer than %(max)d characters.") % {"max": MAX_CHANNEL}
        )
    return problems


def within_range(value: Decimal, spec: KpiBounds) -> bool:
    """Whether ``value`` lies in the KPI's possible range (either bound may be open)."""
    if spec.lowest is not None and value < spec.lowest:
        return False
    return not (spec.highest is not None and value > spec.highest)


def _clean(
    line: int,
    values: Mapping[str, str],
    *,
    kpis: Mapping[str, KpiSpec],
    agents: Mapping[str, AgentRef],
) -> CleanRow:
    start = parse_date(values["period_start"])
    value = parse_decimal(values["value"])
    if start is None or value is None:  # _row_problems has already refused such rows
        raise ValueError(f"line {line} was not checked")
    return CleanRow(
        line=line,
        user_id=agents[values["agent_email"].lower()].user_id,
        kpi_id=kpis[values["kpi_code"].lower()].kpi_id,
        period_start=start,
        value=value,
        sample_size=int(values["sample_size"]),
        channel=values["channel"].lower(),
    )
