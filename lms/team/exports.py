"""Team exports as tables, and the tables as CSV or Excel files. No database access.

A ``Table`` is one or more sections, each a header and rows of plain values. The matrix
export is one section in long format (one row per agent and assigned item: easy to filter
and pivot in a spreadsheet); the agent report has a section per kind of record. CSV puts
every section in one sheet behind a "Section" column; Excel gives each its own worksheet.

The files are opened by people in spreadsheet programs, so two things matter beyond the data:
text that a spreadsheet would run as a formula is neutralised, and CSV starts with a UTF-8
byte order mark, without which Excel reads "Järvinen" or "Олена" as mojibake.
"""

import codecs
import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.models import Assignment
from courses.progress import Status
from lms.team.matrix import Matrix

if TYPE_CHECKING:
    from lms.team.drilldown import AgentReport

Value = str | int | float | Decimal | date | datetime | None

# Rows written between two progress reports of a background export.
CHUNK_ROWS = 200

# Same words as templates/courses/_status.html, so the file says what the page says.
STATUS_LABELS = {
    Status.NOT_STARTED: gettext_lazy("Not started"),
    Status.IN_PROGRESS: gettext_lazy("In progress"),
    Status.COMPLETED: gettext_lazy("Completed"),
    Status.OVERDUE: gettext_lazy("Overdue"),
}

# Spreadsheets run a cell starting with these as a formula (OWASP "CSV injection"); tab and
# carriage return can hide such a prefix from a reader while Excel still strips them.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# Excel's limit for worksheet names, and characters it refuses in them.
SHEET_NAME_LENGTH = 31
SHEET_NAME_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))
MAX_COLUMN_WIDTH = 60
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


@dataclass
class Section:
    title: str
    header: list[str]
    rows: list[list[Value]] = field(default_factory=list)


@dataclass
class Table:
    sections: list[Section]

    @property
    def row_count(self) -> int:
        return sum(len(section.rows) for section in self.sections)


# --- Building tables ---------------------------------------------------------------------------


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(Status(status), status)) if status else ""


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def reason_label(reason: str) -> str:
    # The choices' labels only: importing the model class runs no query.
    return str(dict(Assignment.Reason.choices).get(reason, reason))


def matrix_table(matrix: Matrix) -> Table:
    """One row per agent and assigned item, in the matrix's (already filtered) order.

    Path progress is two number columns rather than "2/5", which Excel would read as a date.
    """
    header = [
        _("Agent"),
        _("Email"),
        _("Course or path"),
        _("Kind"),
        _("Status"),
        _("Due on"),
        _("Completed on"),
        _("Reason"),
        _("Path steps done"),
        _("Path steps total"),
    ]
    rows: list[list[Value]] = []
    for row in matrix.rows:
        for column, cell in zip(matrix.columns, row.cells_for(matrix.columns), strict=True):
            if cell is None:
                continue
            rows.append(
                [
                    row.name,
                    row.email,
                    column.title,
                    _("Path") if column.is_path else _("Course"),
                    status_label(cell.status),
                    cell.due_on,
                    cell.completed_on,
                    reason_label(cell.reason),
                    cell.steps_done if column.is_path else None,
                    cell.steps_total if column.is_path else None,
                ]
            )
    return Table([Section(_("Progress"), header, rows)])


def agent_table(report: "AgentReport") -> Table:
    """An agent's record, one section per kind: courses, assignments, quiz attempts, roleplay
    runs (a column per rubric dimension any run was scored on), badges and XP history."""
    courses = Section(
        _("Courses"),
        [
            _("Course"),
            _("Status"),
            _("Lessons done"),
            _("Lessons total"),
            _("Percent"),
            _("Due on"),
            _("Enrolled"),
            _("Completed"),
        ],
        [
            [
                c.title,
                status_label(c.status),
                c.done,
                c.total,
                c.percent,
                c.due_on,
                c.enrolled_at,
                c.completed_at,
            ]
            for c in report.courses
        ],
    )
    assignments = Section(
        _("Assignments"),
        [_("Course or path"), _("Kind"), _("Status"), _("Due on"), _("Reason")],
        [
            [
                a.title,
                _("Path") if a.is_path else _("Course"),
                status_label(a.status),
                a.due_on,
                a.reason_label,
            ]
            for a in report.assignments
        ],
    )
    attempts = Section(
        _("Quiz attempts"),
        [_("Quiz"), _("Attempt"), _("Score (%)"), _("Passed"), _("Submitted")],
        [
            [a.quiz_title, a.number, a.score, _yes_no(a.passed), a.submitted_at]
            for a in report.attempts
        ],
    )
    runs = Section(
        _("Roleplay runs"),
        [
            _("Scenario"),
            _("Outcome"),
            _("Overall score"),
            _("Mastered"),
            _("Finished"),
            *[str(dimension.name) for dimension in report.dimensions],
        ],
        [
            [
                r.scenario_title,
                r.outcome_label,
                r.overall,
                _yes_no(r.mastered),
                r.finished_at,
                *r.scores,
            ]
            for r in report.runs
        ],
    )
    badges = Section(
        _("Badges"),
        [_("Badge"), _("Awarded"), _("Reason")],
        [[b.name, b.awarded_at, b.reason] for b in report.badges],
    )
    xp = Section(
        _("XP history"),
        [_("Activity"), _("XP"), _("Awarded")],
        [[x.label, x.points, x.awarded_at] for x in report.xp_history],
    )
    return Table([courses, assignments, attempts, runs, badges, xp])


def export_filename(*, team_name: str, subject: str, on: date, fmt: str) -> str:
    """``team-a-progress-2025-03-01.csv``: ASCII only, so every browser keeps it intact."""
    parts = [slugify(team_name) or "team", slugify(subject), on.isoformat()]
    return "-".join(part for part in parts if part) + f".{fmt}"


# --- Cell values -------------------------------------------------------------------------------


def safe_text(value: str) -> str:
    """Text a spreadsheet shows rather than runs: a leading ' makes a formula plain text."""
    if value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _local(moment: datetime) -> datetime:
    # Excel has no time zones: write the wall-clock time the reader's academy runs on.
    if timezone.is_aware(moment):
        return timezone.localtime(moment).replace(tzinfo=None)
    return moment


def _csv_value(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return _local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float | Decimal):
        return str(value)
    return safe_text(str(value))


def _xlsx_value(value: Value) -> Value:
    if isinstance(value, datetime):
        return _local(value)
    if isinstance(value, date | int | float | Decimal) or value is None:
        return value
    return safe_text(str(value))


# --- Writing files -----------------------------------------------------------------------------

Progress = Callable[[int], object]


def _chunks(rows: Iterable[list[Value]], size: int) -> Iterator[list[list[Value]]]:
    chunk: list[list[Value]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _Utf8Writer:
    """A text face on a binary stream, enough for ``csv.writer``."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(text.encode("utf-8"))


def write_csv(
    table: Table,
    stream: IO[bytes],
    *,
    progress: Progress | None = None,
    chunk_rows: int | None = None,
) -> None:
    """CSV in UTF-8 with a byte order mark. Several sections share one sheet: each row starts
    with its section's name, and each section repeats the header under a blank line.

    ``progress`` is told the number of rows written so far after every ``chunk_rows``.
    """
    stream.write(codecs.BOM_UTF8)
    writer = csv.writer(_Utf8Writer(stream))
    sectioned = len(table.sections) > 1
    written = 0
    for position, section in enumerate(table.sections):
        prefix: list[Value] = [section.title] if sectioned else []
        header = [_("Section"), *section.header] if sectioned else section.header
        if sectioned and position:
            writer.writerow([])
        writer.writerow([safe_text(title) for title in header])
        for chunk in _chunks(section.rows, chunk_rows or CHUNK_ROWS):
            writer.writerows([_csv_value(value) for value in [*prefix, *row]] for row in chunk)
            written += len(chunk)
            if progress:
                progress(written)


def write_xlsx(
    table: Table,
    stream: IO[bytes],
    *,
    progress: Progress | None = None,
    chunk_rows: int | None = None,
) -> None:
    """An Excel workbook, a worksheet per section: bold frozen header, columns wide enough
    for their contents, dates and times as real dates a spreadsheet can sort and filter."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    written = 0
    used_names: set[str] = set()
    for section in table.sections:
        sheet = workbook.create_sheet(_sheet_name(section.title, used_names))
        sheet.append([safe_text(title) for title in section.header])
        for cell in sheet[1]:
            cell.font = bold
        sheet.freeze_panes = "A2"
        widths = [len(title) for title in section.header]
        for chunk in _chunks(section.rows, chunk_rows or CHUNK_ROWS):
            for row in chunk:
                values = [_xlsx_value(value) for value in row]
                sheet.append(values)
                for cell in sheet[sheet.max_row]:
                    if isinstance(cell.value, datetime):
                        cell.number_format = DATETIME_FORMAT
                    elif isinstance(cell.value, date):
                        cell.number_format = DATE_FORMAT
                for index, value in enumerate(values):
                    if index >= len(widths):
                        widths.append(0)
                    widths[index] = max(widths[index], _display_width(value))
            written += len(chunk)
            if progress:
                progress(written)
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = min(
                MAX_COLUMN_WIDTH, width + 2
            )
    workbook.save(stream)


def _sheet_name(title: str, used: set[str]) -> str:
    base = title.translate(SHEET_NAME_FORBIDDEN).strip()[:SHEET_NAME_LENGTH] or "Sheet"
    name, number = base, 2
    while name.casefold() in used:
        suffix = f" ({number})"
        name = base[: SHEET_NAME_LENGTH - len(suffix)] + suffix
        number += 1
    used.add(name.casefold())
    return name


def _display_width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return len(DATETIME_FORMAT)
    if isinstance(value, date):
        return len(DATE_FORMAT)
    return max((len(line) for line in str(value).splitlines()), default=0)
