"""The pure reading and checking of KPI result files: every problem with its line number."""

import io
from datetime import date
from decimal import Decimal

import pytest

from gamification.kpis import ingest

HEADER = "agent_email,kpi_code,period_start,value,sample_size,channel\n"
KPIS = {
    "csat": ingest.KpiSpec("csat", 1, "week", Decimal("0"), Decimal("100")),
    "nps": ingest.KpiSpec("nps", 2, "month", Decimal("-100"), Decimal("100")),
}
AGENTS = {
    "aino@example.test": ingest.AgentRef(10, frozenset({1})),
    "bo@example.test": ingest.AgentRef(11, frozenset({1})),
    "south@example.test": ingest.AgentRef(20, frozenset({2})),
}


def check(text: str, *, allowed=frozenset({1}), filename="r.csv", encoding="utf-8"):
    table = ingest.read_table(filename=filename, data=text.encode(encoding))
    return ingest.clean_rows(table, kpis=KPIS, agents=AGENTS, allowed_team_ids=allowed)


def only_error(text: str, **kwargs) -> ingest.RowError:
    rows, errors = check(text, **kwargs)
    assert len(errors) == 1, errors
    return errors[0]


def test_a_good_file_is_cleaned():
    rows, errors = check(
        HEADER
        + "aino@example.test,csat,2026-01-05,86.5,42,Chat\n"
        + "BO@example.test,NPS,01.02.2026,-12,120,\n"
    )
    assert errors == []
    assert [(r.line, r.user_id, r.kpi_id, r.period_start, r.value, r.channel) for r in rows] == [
        (2, 10, 1, date(2026, 1, 5), Decimal("86.50"), "chat"),
        (3, 11, 2, date(2026, 2, 1), Decimal("-12.00"), ""),
    ]


@pytest.mark.parametrize(
    ("row", "fragment"),
    [
        ("nobody@example.test,csat,2026-01-05,80,10,", "No agent"),
        ("south@example.test,csat,2026-01-05,80,10,", "not in a team you lead"),
        ("aino@example.test,xyz,2026-01-05,80,10,", "Unknown KPI"),
        ("aino@example.test,csat,5.1.2026x,80,10,", "is not a date"),
        ("aino@example.test,csat,2026-01-06,80,10,", "Monday"),
        ("aino@example.test,nps,2026-02-02,10,10,", "1st"),
        ("aino@example.test,csat,2026-01-05,eighty,10,", "is not a number"),
        ("aino@example.test,csat,2026-01-05,101,10,", "outside the possible range"),
        ("aino@example.test,csat,2026-01-05,80,-1,", "whole number"),
        ("aino@example.test,csat,2026-01-05,80,1.5,", "whole number"),
        ("aino@example.test,csat,,80,10,", "Missing period_start"),
        ("aino@example.test,csat,2026-01-05,80,10," + "x" * 33, "longer than"),
    ],
)
def test_each_problem_is_reported_with_its_line(row, fragment):
    error = only_error(HEADER + "aino@example.test,csat,2026-01-05,80,10,\n" + row + "\n")
    assert error.line == 3
    assert fragment in error.message


def test_blank_lines_keep_spreadsheet_line_numbers():
    error = only_error(HEADER + "\n\naino@example.test,csat,2026-01-05,x,10,\n")
    assert error.line == 4


def test_an_admin_may_name_any_team():
    rows, errors = check(HEADER + "south@example.test,csat,2026-01-05,80,10,\n", allowed=None)
    assert errors == [] and rows[0].user_id == 20


def test_duplicate_rows_point_at_the_first():
    rows, errors = check(
        HEADER
        + "aino@example.test,csat,2026-01-05,80,10,chat\n"
        + "aino@example.test,csat,2026-01-05,81,10,Chat\n"
    )
    assert len(rows) == 1
    assert errors[0].line == 3 and "line 2" in errors[0].message


def test_a_different_channel_is_not_a_duplicate():
    rows, errors = check(
        HEADER
        + "aino@example.test,csat,2026-01-05,80,10,chat\n"
        + "aino@example.test,csat,2026-01-05,81,10,phone\n"
    )
    assert errors == [] and len(rows) == 2


def test_decimal_comma_in_a_semicolon_file():
    rows, errors = check(
        HEADER.replace(",", ";") + "aino@example.test;csat;2026-01-05;86,5;42;chat\n"
    )
    assert errors == []
    assert rows[0].value == Decimal("86.50")


def test_quoted_decimal_comma_in_a_comma_file():
    rows, errors = check(HEADER + 'aino@example.test,csat,2026-01-05,"86,25",42,\n')
    assert errors == [] and rows[0].value == Decimal("86.25")


def test_byte_order_mark_is_ignored():
    rows, errors = check(
        HEADER + "aino@example.test,csat,2026-01-05,80,10,\n", encoding="utf-8-sig"
    )
    assert errors == [] and len(rows) == 1


def test_header_names_are_forgiving():
    text = "Agent Email,KPI Code,Period Start,Value,Sample Size\n"
    text += "aino@example.test,csat,2026-01-05,80,10\n"
    rows, errors = check(text)
    assert errors == [] and rows[0].channel == ""


def test_xlsx_is_read():
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(ingest.COLUMNS))
    sheet.append(["aino@example.test", "csat", date(2026, 1, 5), 86.5, 42, "chat"])
    sheet.append(["bo@example.test", "csat", "2026-01-05", "oops", 42, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = ingest.read_table(filename="results.XLSX", data=buffer.getvalue())
    rows, errors = ingest.clean_rows(table, kpis=KPIS, agents=AGENTS, allowed_team_ids=None)
    assert [(r.line, r.period_start, r.value) for r in rows] == [
        (2, date(2026, 1, 5), Decimal("86.50"))
    ]
    assert [e.line for e in errors] == [3]


@pytest.mark.parametrize(
    ("data", "filename", "fragment"),
    [
        (b"", "r.csv", "empty"),
        (b"  \n", "r.csv", "empty"),
        (HEADER.encode(), "r.csv", "no results"),
        (b"email,value\nx,1\n", "r.csv", "missing"),
        (
            "agent_email,kpi_code,period_start,value,sample_size\nä,csat,x,1,1\n".encode("latin-1"),
            "r.csv",
            "UTF-8",
        ),
        (HEADER.encode("utf-16"), "r.csv", "CSV"),
        (b"PK\x03\x04 not really a workbook", "r.xlsx", "Excel"),
    ],
)
def test_unreadable_files_say_why(data, filename, fragment):
    with pytest.raises(ingest.IngestError) as raised:
        ingest.read_table(filename=filename, data=data)
    assert fragment.lower() in str(raised.value).lower()
