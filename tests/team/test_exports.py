"""Exports of the team progress matrix and of one agent's record: content, filters, Excel,
formula injection, the background build with its progress, and who may fetch what."""

import codecs
import csv
import datetime
import io

import openpyxl
import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from courses import services as course_services
from courses.models import Assignment
from lms.accounts.models import TeamMembership
from lms.team import exports, services
from lms.team.models import TeamExport
from tests.factories import (
    LearningPathCourseFactory,
    LearningPathPageFactory,
    TeamFactory,
    TeamMembershipFactory,
    UserFactory,
    course_with_lessons,
    lessons_of,
)

pytestmark = pytest.mark.django_db

HEADER = [
    "Agent",
    "Email",
    "Course or path",
    "Kind",
    "Status",
    "Due on",
    "Completed on",
    "Reason",
    "Path steps done",
    "Path steps total",
]


def _in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


# --- A team with work to export ---------------------------------------------------------------


@pytest.fixture
def team(db):
    return TeamFactory(name="Tampere Desk")


@pytest.fixture
def agents(team):
    """Names Excel garbles without a byte order mark: Finnish and Ukrainian."""
    people = [
        UserFactory(email="aino@example.test", first_name="Äino", last_name="Järvinen"),
        UserFactory(email="olena@example.test", first_name="Олена", last_name="Коваленко"),
    ]
    for person in people:
        TeamMembershipFactory(team=team, user=person)
    return people


@pytest.fixture
def other_lead(db):
    user = UserFactory(email="south-lead@example.test")
    TeamMembershipFactory(team=TeamFactory(), user=user, role=TeamMembership.Role.LEAD)
    return user


@pytest.fixture
def co_lead(team):
    user = UserFactory(email="co-lead@example.test")
    TeamMembershipFactory(team=team, user=user, role=TeamMembership.Role.LEAD)
    return user


@pytest.fixture
def admin_user(db):
    return UserFactory(email="admin@example.test", is_superuser=True, is_staff=True)


@pytest.fixture
def lead_client(client, lead):
    client.force_login(lead)
    return client


@pytest.fixture
def work(catalogue, lead, agents):
    """Refunds to both agents (Äino finished it), Escalation overdue for Olena, a path to Äino."""
    aino, olena = agents
    refunds = course_with_lessons(index=catalogue, lessons=1, title="Refunds")
    escalation = course_with_lessons(index=catalogue, lessons=1, title="Escalation")
    path = LearningPathPageFactory(parent=catalogue, title="First weeks")
    LearningPathCourseFactory(path=path, course=refunds, due_days=3)
    LearningPathCourseFactory(path=path, course=escalation, due_days=10)
    course_services.assignments_create(
        assigned_by=lead, users=agents, item=refunds, due_on=_in_days(7)
    )
    overdue = course_services.assignments_create(
        assigned_by=lead, users=[olena], item=escalation, due_on=_in_days(1)
    ).created[0]
    # Due dates in the past cannot be set through the service, which is the point of it.
    Assignment.objects.filter(pk=overdue.pk).update(due_on=_in_days(-2))
    course_services.assignments_create(
        assigned_by=lead, users=[aino], item=path, due_on=_in_days(14)
    )
    course_services.lesson_complete(user=aino, lesson=lessons_of(refunds)[0])
    return {"refunds": refunds, "escalation": escalation, "path": path}


def _content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _csv_rows(response) -> list[list[str]]:
    content = _content(response)
    assert content.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def _xlsx_rows(response, sheet: str | None = None) -> list[list]:
    workbook = openpyxl.load_workbook(io.BytesIO(_content(response)))
    worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
    return [list(row) for row in worksheet.iter_rows(values_only=True)]


def _matrix_url(team, fmt: str = "csv") -> str:
    return reverse("team:matrix_export", args=[team.pk, fmt])


# --- The matrix as CSV ---------------------------------------------------------------------------


def test_csv_has_a_line_per_agent_and_item_with_status_and_dates(lead_client, team, agents, work):
    response = lead_client.get(_matrix_url(team))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    today = timezone.localdate()
    assert response["Content-Disposition"] == (
        f'attachment; filename="tampere-desk-progress-{today.isoformat()}.csv"'
    )
    header, *rows = _csv_rows(response)
    assert header == HEADER
    aino, olena = (agent.display_name for agent in agents)
    assert sorted(rows) == sorted(
        [
            [aino, "aino@example.test", "Refunds", "Course", "Completed",
             _in_days(7).isoformat(), today.isoformat(), "Assigned by a team lead", "", ""],
            [aino, "aino@example.test", "First weeks", "Path", "In progress",
             _in_days(14).isoformat(), "", "Assigned by a team lead", "1", "2"],
            [olena, "olena@example.test", "Refunds", "Course", "Not started",
             _in_days(7).isoformat(), "", "Assigned by a team lead", "", ""],
            [olena, "olena@example.test", "Escalation", "Course", "Overdue",
             _in_days(-2).isoformat(), "", "Assigned by a team lead", "", ""],
        ]
    )  # fmt: skip
    assert aino == "Äino Järvinen" and olena == "Олена Коваленко"


def test_the_status_filter_exports_only_overdue_rows(lead_client, team, work):
    _header, *rows = _csv_rows(lead_client.get(_matrix_url(team), {"status": "overdue"}))

    assert [(row[2], row[4]) for row in rows] == [("Escalation", "Overdue")]


def test_the_item_filter_exports_only_that_course(lead_client, team, work):
    refunds = work["refunds"]
    _header, *rows = _csv_rows(lead_client.get(_matrix_url(team), {"item": f"c{refunds.pk}"}))

    assert sorted((row[1], row[2]) for row in rows) == [
        ("aino@example.test", "Refunds"),
        ("olena@example.test", "Refunds"),
    ]


def test_the_dashboard_links_carry_its_filters(team):
    html = render_to_string(
        "team/_export_links.html", {"team": team, "export_query": "status=overdue&sort=-overdue"}
    )

    assert f'href="{_matrix_url(team, "csv")}?status=overdue&amp;sort=-overdue"' in html
    assert f'href="{_matrix_url(team, "xlsx")}?status=overdue&amp;sort=-overdue"' in html
    assert "Download CSV" in html and "Download Excel" in html


def test_an_unknown_format_is_not_found(lead_client, team, work):
    assert lead_client.get(_matrix_url(team, "pdf")).status_code == 404


# --- The matrix as Excel -------------------------------------------------------------------------


def test_xlsx_has_the_same_rows_with_real_dates(lead_client, team, work):
    csv_rows = _csv_rows(lead_client.get(_matrix_url(team)))
    response = lead_client.get(_matrix_url(team, "xlsx"))

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    header, *rows = _xlsx_rows(response)
    assert list(header) == HEADER
    assert len(rows) == len(csv_rows) - 1
    due = {(row[1], row[2]): row[5] for row in rows}
    # openpyxl reads dates back as datetimes at midnight: a real date, not text.
    assert due[("olena@example.test", "Escalation")] == datetime.datetime.combine(
        _in_days(-2), datetime.time()
    )
    assert sorted([_as_csv_text(value) for value in row] for row in rows) == sorted(csv_rows[1:])


def _as_csv_text(value) -> str:
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return "" if value is None else str(value)


def test_xlsx_header_is_bold_and_frozen(lead_client, team, work):
    response = lead_client.get(_matrix_url(team, "xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(_content(response))).worksheets[0]

    assert sheet.freeze_panes == "A2"
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.column_dimensions["C"].width >= len("Course or path")
    assert sheet["F2"].number_format == "yyyy-mm-dd"


# --- Formula injection -----------------------------------------------------------------------


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_text_that_a_spreadsheet_would_run_is_quoted(text):
    assert exports.safe_text(text) == "'" + text


def test_plain_text_is_left_alone():
    assert exports.safe_text("Äino = great") == "Äino = great"


def test_a_formula_in_a_name_is_plain_text_in_both_formats(lead_client, team, lead, work):
    sneaky = UserFactory(
        email="sneaky@example.test", first_name='=HYPERLINK("http://evil.test")', last_name="X"
    )
    TeamMembershipFactory(team=team, user=sneaky)
    course_services.assignments_create(
        assigned_by=lead, users=[sneaky], item=work["refunds"], due_on=_in_days(3)
    )

    _header, *rows = _csv_rows(lead_client.get(_matrix_url(team)))
    names = [row[0] for row in rows if row[1] == "sneaky@example.test"]
    assert names == ['\'=HYPERLINK("http://evil.test") X']

    response = lead_client.get(_matrix_url(team, "xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(_content(response))).worksheets[0]
    cells = [row[0] for row in sheet.iter_rows(min_row=2) if row[1].value == "sneaky@example.test"]
    assert [(cell.value, cell.data_type) for cell in cells] == [
        ('\'=HYPERLINK("http://evil.test") X', "s")
    ]


# --- Writers on their own ----------------------------------------------------------------------


def test_writers_report_progress_every_chunk():
    table = exports.Table([exports.Section("Rows", ["n"], [[n] for n in range(5)])])
    for write in (exports.write_csv, exports.write_xlsx):
        seen: list[int] = []
        write(table, io.BytesIO(), progress=seen.append, chunk_rows=2)
        assert seen == [2, 4, 5], write


def test_sections_share_one_csv_sheet_and_get_a_worksheet_each_in_excel():
    table = exports.Table(
        [
            exports.Section("Badges", ["Badge"], [["Calm voice"]]),
            exports.Section("XP history", ["Activity", "XP"], [["Lesson", 10], ["Quiz", 5]]),
        ]
    )
    stream = io.BytesIO()
    exports.write_csv(table, stream)
    assert list(csv.reader(io.StringIO(stream.getvalue().decode("utf-8-sig")))) == [
        ["Section", "Badge"],
        ["Badges", "Calm voice"],
        [],
        ["Section", "Activity", "XP"],
        ["XP history", "Lesson", "10"],
        ["XP history", "Quiz", "5"],
    ]
    stream = io.BytesIO()
    exports.write_xlsx(table, stream)
    workbook = openpyxl.load_workbook(stream)
    assert workbook.sheetnames == ["Badges", "XP history"]
    assert list(workbook["XP history"].iter_rows(values_only=True)) == [
        ("Activity", "XP"),
        ("Lesson", 10),
        ("Quiz", 5),
    ]


# --- One agent's record --------------------------------------------------------------------------


def test_agent_export_has_a_section_per_kind_of_record(lead_client, team, agents, work):
    aino = agents[0]
    url = reverse("team:agent_export", args=[team.pk, aino.pk, "csv"])

    response = lead_client.get(url)

    assert response.status_code == 200
    assert 'filename="tampere-desk-aino-jarvinen-' in response["Content-Disposition"]
    rows = _csv_rows(response)
    sections = {row[0] for row in rows if row and row[0] != "Section"}
    assert {"Courses", "Assignments"} <= sections
    courses = [row[:3] for row in rows if row[:1] == ["Courses"]]
    assert courses == [["Courses", "Refunds", "Completed"]]
    assignments = sorted(row[1] for row in rows if row[:1] == ["Assignments"])
    assert assignments == ["First weeks", "Refunds"]

    response = lead_client.get(reverse("team:agent_export", args=[team.pk, aino.pk, "xlsx"]))
    workbook = openpyxl.load_workbook(io.BytesIO(_content(response)))
    assert workbook.sheetnames == [
        "Courses",
        "Assignments",
        "Quiz attempts",
        "Roleplay runs",
        "Badges",
        "XP history",
    ]
    assert workbook["Courses"]["A2"].value == "Refunds"


def test_agent_export_of_someone_outside_the_team_is_not_found(lead_client, team, work):
    stranger = UserFactory()
    url = reverse("team:agent_export", args=[team.pk, stranger.pk, "csv"])

    assert lead_client.get(url).status_code == 404


# --- Big exports in the background ---------------------------------------------------------------


def test_a_big_export_is_built_by_the_task_and_can_be_downloaded(
    lead_client, team, lead, work, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_INLINE_ROWS = 4  # at the limit: still answered at once
    inline_rows = _csv_rows(lead_client.get(_matrix_url(team), {"sort": "name"}))
    settings.EXPORT_INLINE_ROWS = 3

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = lead_client.get(_matrix_url(team), {"status": "", "sort": "name"})

    export = TeamExport.objects.get()
    assert len(callbacks) == 1
    assert response.status_code == 302
    assert response["Location"] == reverse("team:export_detail", args=[team.pk, export.pk])
    assert export.requested_by == lead
    assert export.kind == "matrix" and export.format == "csv"
    assert export.status == TeamExport.Status.DONE
    assert export.rows_done == export.rows_total == 4
    assert export.finished_at is not None
    assert export.file.name.startswith("exports/")
    assert "tampere" not in export.file.name  # not guessable from the team's name

    download = lead_client.get(reverse("team:export_download", args=[team.pk, export.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="tampere-desk-')
    assert _csv_rows(download) == inline_rows


def test_a_big_export_keeps_the_filters(
    lead_client, team, work, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_INLINE_ROWS = 0

    with django_capture_on_commit_callbacks(execute=True):
        lead_client.get(_matrix_url(team, "xlsx"), {"status": "overdue"})

    export = TeamExport.objects.get()
    assert export.params["filters"] == {"status": "overdue"}
    assert export.rows_total == 1
    download = lead_client.get(reverse("team:export_download", args=[team.pk, export.pk]))
    _header, *rows = _xlsx_rows(download)
    assert [(row[2], row[4]) for row in rows] == [("Escalation", "Overdue")]


def test_building_a_done_export_again_leaves_it_alone(team, lead, work):
    export = services.export_start(
        requested_by=lead, team=team, kind="matrix", format="csv", params={}
    )
    built = services.export_build(export_id=export.pk)
    assert built.status == TeamExport.Status.DONE

    again = services.export_build(export_id=export.pk)

    assert again.file.name == built.file.name
    assert again.finished_at == built.finished_at


def test_the_build_moves_the_progress_every_chunk(team, lead, work, monkeypatch):
    monkeypatch.setattr(exports, "CHUNK_ROWS", 1)
    export = services.export_start(
        requested_by=lead, team=team, kind="matrix", format="csv", params={}
    )
    seen = []

    def spying_writer(table, stream, *, progress):
        def report(done):
            progress(done)
            row = TeamExport.objects.get(pk=export.pk)
            seen.append((row.status, row.rows_done, row.rows_total))

        exports.write_csv(table, stream, progress=report)

    monkeypatch.setitem(services.WRITERS, TeamExport.Format.CSV, spying_writer)
    services.export_build(export_id=export.pk)

    assert seen == [("running", done, 4) for done in (1, 2, 3, 4)]
    assert TeamExport.objects.get(pk=export.pk).status == TeamExport.Status.DONE


def test_the_status_json_follows_the_build(lead_client, team, lead, work):
    # Without capturing on-commit callbacks the task is never queued: the export waits.
    export = services.export_start(
        requested_by=lead, team=team, kind="matrix", format="csv", params={}
    )
    url = reverse("team:export_status", args=[team.pk, export.pk])

    waiting = lead_client.get(url).json()
    assert waiting["status"] == "pending"
    assert waiting["percent"] == 0
    assert waiting["download_url"] is None

    TeamExport.objects.filter(pk=export.pk).update(status="running", rows_done=1, rows_total=4)
    running = lead_client.get(url).json()
    assert (running["status"], running["percent"]) == ("running", 25)
    assert running["progress_text"] == "1 of 4 rows (25%)"

    services.export_build(export_id=export.pk)
    done = lead_client.get(url).json()
    assert (done["status"], done["percent"]) == ("done", 100)
    assert done["download_url"] == reverse("team:export_download", args=[team.pk, export.pk])


def test_the_progress_page_has_a_bar_and_its_script(lead_client, team, lead, work):
    export = services.export_start(
        requested_by=lead, team=team, kind="matrix", format="csv", params={}
    )
    TeamExport.objects.filter(pk=export.pk).update(status="running", rows_done=3, rows_total=4)

    response = lead_client.get(reverse("team:export_detail", args=[team.pk, export.pk]))

    html = response.content.decode()
    assert '<progress id="export-progress-bar" class="level-progress" max="100" value="75">' in html
    assert "3 of 4 rows (75%)" in html
    assert "js/job_progress.js" in html
    assert reverse("team:export_status", args=[team.pk, export.pk]) in html
    assert 'http-equiv="refresh"' in html  # without JavaScript the page reloads itself
    assert reverse("team:export_download", args=[team.pk, export.pk]) not in html


def test_a_failed_build_is_marked_failed_and_the_page_says_so(
    lead_client, team, lead, work, monkeypatch
):
    export = services.export_start(
        requested_by=lead, team=team, kind="matrix", format="xlsx", params={}
    )

    def broken(export):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_export_table", broken)
    failed = services.export_build(export_id=export.pk)

    assert failed.status == TeamExport.Status.FAILED
    assert failed.error.startswith("The export could not be built.")
    assert failed.finished_at is not None and not failed.file
    page = lead_client.get(reverse("team:export_detail", args=[team.pk, export.pk]))
    assert failed.error in page.content.decode()
    assert 'http-equiv="refresh"' not in page.content.decode()
    state = lead_client.get(reverse("team:export_status", args=[team.pk, export.pk])).json()
    assert (state["status"], state["error"]) == ("failed", failed.error)
    download = reverse("team:export_download", args=[team.pk, export.pk])
    assert lead_client.get(download).status_code == 404


# --- Who may fetch what ----------------------------------------------------------------------


@pytest.fixture
def built_export(team, lead, work):
    export = services.export_start(
        requested_by=lead, team=team, kind="matrix", format="csv", params={}
    )
    return services.export_build(export_id=export.pk)


def _export_urls(team, agents, export) -> list[str]:
    t = team.pk
    return [
        reverse("team:matrix_export", args=[t, "csv"]),
        reverse("team:matrix_export", args=[t, "xlsx"]),
        reverse("team:agent_export", args=[t, agents[0].pk, "csv"]),
        reverse("team:agent_export", args=[t, agents[0].pk, "xlsx"]),
        reverse("team:export_detail", args=[t, export.pk]),
        reverse("team:export_status", args=[t, export.pk]),
        reverse("team:export_download", args=[t, export.pk]),
    ]


def test_every_export_url_is_covered_by_the_permission_tests(team, agents, built_export):
    from django.urls import resolve

    from lms.team import urls

    covered = {resolve(url).url_name for url in _export_urls(team, agents, built_export)}
    assert covered == {p.name for p in urls.urlpatterns if "export" in p.name}


def test_the_lead_who_asked_gets_every_export_url(lead_client, team, agents, built_export):
    for url in _export_urls(team, agents, built_export):
        assert lead_client.get(url).status_code == 200, url


def test_an_agent_of_the_team_gets_403_on_every_export_url(client, team, agents, built_export):
    client.force_login(agents[1])
    for url in _export_urls(team, agents, built_export):
        assert client.get(url).status_code == 403, url


def test_a_lead_of_another_team_gets_404_on_every_export_url(
    client, other_lead, team, agents, built_export
):
    client.force_login(other_lead)
    for url in _export_urls(team, agents, built_export):
        assert client.get(url).status_code == 404, url


def test_anonymous_visitors_are_sent_to_sign_in(client, team, agents, built_export):
    for url in _export_urls(team, agents, built_export):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("account_login")), url


def test_another_lead_of_the_team_cannot_open_someone_elses_export(
    client, co_lead, team, built_export
):
    client.force_login(co_lead)
    for name in ("team:export_detail", "team:export_status", "team:export_download"):
        url = reverse(name, args=[team.pk, built_export.pk])
        assert client.get(url).status_code == 404, name
    # The team's own table is theirs to export, just not another lead's file.
    assert client.get(_matrix_url(team)).status_code == 200


def test_an_admin_can_open_any_export(client, admin_user, team, built_export):
    client.force_login(admin_user)
    for name in ("team:export_detail", "team:export_status", "team:export_download"):
        url = reverse(name, args=[team.pk, built_export.pk])
        assert client.get(url).status_code == 200, name


def test_an_export_is_only_found_under_its_own_team(client, lead, team, built_export):
    """A lead of two teams cannot reach team A's export through team B's URL."""
    second = TeamFactory(name="Second Desk")
    TeamMembershipFactory(team=second, user=lead, role=TeamMembership.Role.LEAD)
    client.force_login(lead)

    url = reverse("team:export_download", args=[second.pk, built_export.pk])

    assert client.get(url).status_code == 404


def test_an_export_whose_task_was_lost_is_queued_again_and_built(lead_client, team, work, settings):
    """The broker lost the message (the on-commit queueing never ran): beat's sweep builds it."""
    from lms.team.services import STALE_PENDING, exports_requeue_stale

    settings.EXPORT_INLINE_ROWS = 1
    lead_client.get(_matrix_url(team))  # callbacks not run: as if the message was lost
    export = TeamExport.objects.get()
    assert export.status == TeamExport.Status.PENDING

    assert exports_requeue_stale() == []  # too fresh: its task may still be on its way
    later = timezone.now() + STALE_PENDING + datetime.timedelta(seconds=1)
    assert exports_requeue_stale(now=later) == [export.pk]

    export.refresh_from_db()
    assert export.status == TeamExport.Status.DONE
    assert exports_requeue_stale(now=later) == []
