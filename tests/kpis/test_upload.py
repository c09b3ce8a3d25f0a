"""Uploading KPI results: preview with every problem, all-or-nothing import, progress."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gamification.kpis import services
from gamification.kpis.models import KpiImport, KpiMeasurement
from lms.accounts.models import TeamMembership
from tests.factories import TeamMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADER = "agent_email,kpi_code,period_start,value,sample_size,channel\n"
MONDAYS = ["2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26"]


def good_rows(agents, weeks=1, value="80") -> str:
    return "".join(
        f"{agent.email},csat,{monday},{value},20,chat\n"
        for monday in MONDAYS[:weeks]
        for agent in agents
    )


def upload(client, text: str | bytes, name="results.csv") -> KpiImport | None:
    data = text.encode() if isinstance(text, str) else text
    response = client.post(reverse("kpis:upload"), {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 302, response.content[:500]
    return KpiImport.objects.get(pk=int(response.url.rstrip("/").split("/")[-1]))


def confirm(client, kpi_import: KpiImport):
    response = client.post(reverse("kpis:import_confirm", args=[kpi_import.pk]))
    assert response.status_code == 302
    kpi_import.refresh_from_db()
    return kpi_import


def test_preview_shows_counts_and_errors_with_line_numbers(lead_client, agents):
    text = HEADER + good_rows(agents) + "nobody@example.test,csat,2026-01-05,80,20,\n"
    text += f"{agents[0].email},csat,2026-01-06,80,20,phone\n"
    kpi_import = upload(lead_client, text)
    page = lead_client.get(reverse("kpis:import_detail", args=[kpi_import.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert kpi_import.status == KpiImport.Status.PREVIEW
    assert kpi_import.rows_total == 5
    assert "<td>5</td>" in html and "<td>6</td>" in html
    assert "No agent with the email nobody@example.test" in html
    assert "Monday" in html
    assert "Confirm the import" not in html
    assert "Upload a corrected file" in html
    assert KpiMeasurement.objects.count() == 0


def test_confirm_imports_every_row(lead_client, agents):
    kpi_import = upload(lead_client, HEADER + good_rows(agents, weeks=2))
    page = lead_client.get(reverse("kpis:import_detail", args=[kpi_import.pk]))
    assert "Confirm the import" in page.content.decode()
    kpi_import = confirm(lead_client, kpi_import)
    assert kpi_import.status == KpiImport.Status.DONE
    assert KpiMeasurement.objects.count() == 6
    page = lead_client.get(reverse("kpis:import_detail", args=[kpi_import.pk]))
    assert "Imported 6 results (6 new, 0 updated)." in page.content.decode()


def test_one_bad_row_imports_nothing_even_when_confirm_is_forced(lead_client, agents):
    kpi_import = upload(lead_client, HEADER + good_rows(agents) + "x@example.test,csat,1,2,3,\n")
    kpi_import = confirm(lead_client, kpi_import)
    assert kpi_import.status == KpiImport.Status.PREVIEW
    assert KpiMeasurement.objects.count() == 0


def test_a_failure_while_writing_leaves_nothing(lead_client, agents, monkeypatch):
    kpi_import = upload(lead_client, HEADER + good_rows(agents, weeks=3))
    monkeypatch.setattr(services, "CHUNK", 2)
    original = KpiMeasurement.objects.bulk_create
    calls = []

    def failing(objs, **kwargs):
        calls.append(len(objs))
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return original(objs, **kwargs)

    monkeypatch.setattr(KpiMeasurement.objects, "bulk_create", failing)
    kpi_import = confirm(lead_client, kpi_import)
    assert kpi_import.status == KpiImport.Status.FAILED
    assert KpiMeasurement.objects.count() == 0


def test_reupload_updates_instead_of_duplicating(lead_client, agents):
    confirm(lead_client, upload(lead_client, HEADER + good_rows(agents)))
    second = confirm(lead_client, upload(lead_client, HEADER + good_rows(agents, 2, "90.5")))
    assert (second.created_count, second.updated_count) == (3, 3)
    assert KpiMeasurement.objects.count() == 6
    assert {str(v) for v in KpiMeasurement.objects.values_list("value", flat=True)} == {"90.50"}


def test_another_teams_agent_is_refused_and_nothing_imported(lead_client, agents):
    stranger = UserFactory(email="stranger@example.test")
    TeamMembershipFactory(user=stranger)
    kpi_import = upload(
        lead_client, HEADER + good_rows(agents) + "stranger@example.test,csat,2026-01-05,1,2,\n"
    )
    assert kpi_import.errors[0]["line"] == 5
    assert "not in a team you lead" in kpi_import.errors[0]["message"]
    confirm(lead_client, kpi_import)
    assert KpiMeasurement.objects.count() == 0


def test_an_admin_may_upload_for_every_team(client, admin_user, agents):
    stranger = UserFactory(email="stranger@example.test")
    TeamMembershipFactory(user=stranger)
    client.force_login(admin_user)
    text = HEADER + good_rows(agents) + "stranger@example.test,csat,2026-01-05,1,2,\n"
    kpi_import = confirm(client, upload(client, text))
    assert kpi_import.status == KpiImport.Status.DONE
    assert KpiMeasurement.objects.count() == 4


def test_wrong_extension_and_oversized_files_are_refused(lead_client, agents, monkeypatch):
    from gamification.kpis import forms

    response = lead_client.post(reverse("kpis:upload"), {"file": SimpleUploadedFile("r.txt", b"x")})
    assert response.status_code == 200 and "not allowed" in response.content.decode()
    monkeypatch.setattr(forms, "MAX_UPLOAD_BYTES", 10)
    response = lead_client.post(
        reverse("kpis:upload"), {"file": SimpleUploadedFile("r.csv", HEADER.encode())}
    )
    assert response.status_code == 200 and "at most" in response.content.decode()
    assert not KpiImport.objects.exists()


def test_large_files_go_through_the_task_with_progress(
    lead_client, agents, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "INLINE_IMPORT_ROWS", 5)
    monkeypatch.setattr(services, "CHUNK", 4)
    progress = []
    original_set = services.cache.set

    def spy(key, value, *args, **kwargs):
        if key.startswith("kpis:import-progress"):
            progress.append(value)
        return original_set(key, value, *args, **kwargs)

    monkeypatch.setattr(services.cache, "set", spy)
    queued = []
    from gamification.kpis import tasks

    original_delay = tasks.import_upload.delay
    monkeypatch.setattr(
        tasks.import_upload, "delay", lambda pk: queued.append(pk) or original_delay(pk)
    )
    kpi_import = upload(lead_client, HEADER + good_rows(agents, weeks=4))
    with django_capture_on_commit_callbacks(execute=True):
        response = lead_client.post(reverse("kpis:import_confirm", args=[kpi_import.pk]))
    assert response.status_code == 302
    assert queued == [kpi_import.pk]
    kpi_import.refresh_from_db()
    assert kpi_import.status == KpiImport.Status.DONE
    assert KpiMeasurement.objects.count() == 12
    assert progress == [0, 0, 4, 8, 12]
    state = lead_client.get(reverse("kpis:import_status", args=[kpi_import.pk])).json()
    assert state["finished"] and state["percent"] == 100
    assert "12 results" in state["progress_text"]


def test_status_reads_live_progress_from_the_cache(lead_client, lead):
    from django.core.cache import cache

    kpi_import = KpiImport.objects.create(
        uploaded_by=lead, filename="big.csv", status=KpiImport.Status.RUNNING, rows_total=200
    )
    cache.set(services._progress_key(kpi_import.pk), 50)
    state = lead_client.get(reverse("kpis:import_status", args=[kpi_import.pk])).json()
    assert (state["rows_done"], state["percent"], state["finished"]) == (50, 25, False)
    page = lead_client.get(reverse("kpis:import_detail", args=[kpi_import.pk])).content.decode()
    assert "<progress" in page and "js/job_progress.js" in page
    assert "<script>" not in page


def test_template_csv_has_header_and_two_examples(lead_client):
    response = lead_client.get(reverse("kpis:template"))
    lines = response.content.decode().strip().splitlines()
    assert response["Content-Type"].startswith("text/csv")
    assert lines[0] == HEADER.strip() and len(lines) == 3


# --- who may do what ---------------------------------------------------------------------------


@pytest.fixture
def own_import(lead, agents):
    return KpiImport.objects.create(uploaded_by=lead, filename="mine.csv", rows_total=1)


def urls(kpi_import, team):
    return [
        ("get", reverse("kpis:index")),
        ("get", reverse("kpis:upload")),
        ("get", reverse("kpis:template")),
        ("get", reverse("kpis:import_detail", args=[kpi_import.pk])),
        ("get", reverse("kpis:import_status", args=[kpi_import.pk])),
        ("post", reverse("kpis:import_confirm", args=[kpi_import.pk])),
        ("get", reverse("kpis:targets", args=[team.pk])),
    ]


def test_anonymous_is_sent_to_sign_in(client, own_import, team):
    for method, url in urls(own_import, team):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url, url


def test_an_agent_is_forbidden(client, agents, own_import, team):
    client.force_login(agents[0])
    for method, url in urls(own_import, team):
        assert getattr(client, method)(url).status_code == 403, url


def test_another_lead_sees_none_of_this_leads_imports(client, other_lead, own_import, team):
    client.force_login(other_lead)
    statuses = {
        url: getattr(client, method)(url).status_code for method, url in urls(own_import, team)
    }
    assert list(statuses.values()) == [302, 200, 200, 404, 404, 404, 404]


def test_the_lead_and_an_admin_see_everything(client, lead, admin_user, own_import, team):
    for user in (lead, admin_user):
        client.force_login(user)
        statuses = [getattr(client, m)(url).status_code for m, url in urls(own_import, team)]
        assert statuses == [302, 200, 200, 200, 200, 302, 200], user


def test_a_lead_of_two_teams_may_upload_for_both(client, lead, agents):
    from tests.factories import TeamFactory

    second = TeamFactory()
    TeamMembershipFactory(team=second, user=lead, role=TeamMembership.Role.LEAD)
    other_agent = TeamMembershipFactory(team=second).user
    client.force_login(lead)
    kpi_import = confirm(client, upload(client, HEADER + good_rows([*agents, other_agent])))
    assert kpi_import.status == KpiImport.Status.DONE
    assert kpi_import.team is None
