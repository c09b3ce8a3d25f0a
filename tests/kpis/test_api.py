"""The help-desk API: token authentication, all-or-nothing imports, errors as JSON."""

import json
import re
from datetime import date, timedelta

import pytest
from django.urls import reverse

from gamification.kpis.models import ApiToken, KpiMeasurement
from gamification.kpis.tokens import (
    api_token_authenticate,
    api_token_create,
    api_token_revoke,
    token_hash,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/kpi-measurements"
MONDAY = date(2026, 11, 23)
assert MONDAY.weekday() == 0


@pytest.fixture
def token(team, admin_user):
    return api_token_create(name="Zendesk", teams=[team], created_by=admin_user)


@pytest.fixture
def raw(token):
    return token[1]


def auth(raw_token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw_token}"}


def item(email: str, **changes) -> dict:
    return {
        "agent_email": email,
        "kpi_code": "csat",
        "period_start": MONDAY.isoformat(),
        "value": 87.5,
        "sample_size": 40,
        **changes,
    }


def send(client, raw_token: str | None, body) -> object:
    headers = auth(raw_token) if raw_token else {}
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(URL, data=data, content_type="application/json", headers=headers)


# --- tokens -----------------------------------------------------------------------------------


def test_token_is_stored_hashed(token):
    api_token, raw_token = token
    assert raw_token.startswith("sa_") and len(raw_token) > 40
    stored = ApiToken.objects.get(pk=api_token.pk)
    assert stored.token_hash == token_hash(raw_token)
    assert stored.prefix == raw_token[:8]
    row = ApiToken.objects.filter(pk=api_token.pk).values()[0]
    assert all(raw_token not in str(value) for value in row.values())


def test_authenticate_updates_last_used_at_most_once_a_minute(token):
    api_token, raw_token = token
    assert api_token_authenticate(raw_token).pk == api_token.pk
    first = ApiToken.objects.get(pk=api_token.pk).last_used_at
    assert first is not None
    api_token_authenticate(raw_token)
    assert ApiToken.objects.get(pk=api_token.pk).last_used_at == first
    ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=first - timedelta(minutes=2))
    api_token_authenticate(raw_token)
    assert ApiToken.objects.get(pk=api_token.pk).last_used_at > first - timedelta(minutes=2)


def test_revoked_and_unknown_tokens_do_not_authenticate(token):
    api_token, raw_token = token
    assert api_token_authenticate("sa_nonsense") is None
    assert api_token_authenticate("") is None
    assert api_token_authenticate("x" * 10_000) is None
    api_token_revoke(token=api_token)
    assert api_token_authenticate(raw_token) is None


# --- authentication ---------------------------------------------------------------------------


@pytest.mark.parametrize("header", [None, "Bearer sa_wrong", "Basic dXNlcjpwYXNz", "Bearer "])
def test_missing_or_invalid_token_is_401(client, agents, header):
    headers = {"Authorization": header} if header else {}
    response = client.post(
        URL,
        data=json.dumps({"measurements": [item(agents[0].email)]}),
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]
    assert KpiMeasurement.objects.count() == 0


def test_revoked_token_is_401(client, token, agents):
    api_token, raw_token = token
    assert send(client, raw_token, {"measurements": [item(agents[0].email)]}).status_code == 200
    api_token_revoke(token=api_token)
    response = send(client, raw_token, {"measurements": [item(agents[0].email)]})
    assert response.status_code == 401
    assert client.get("/api/v1/kpis", headers=auth(raw_token)).status_code == 401


def test_session_without_token_is_refused_even_for_an_admin(client, admin_user, agents):
    client.force_login(admin_user)
    response = send(client, None, {"measurements": [item(agents[0].email)]})
    assert response.status_code == 401
    assert client.get("/api/v1/kpis").status_code == 401
    assert KpiMeasurement.objects.count() == 0


def test_token_needs_no_csrf_token(token, agents):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    response = send(csrf_client, token[1], {"measurements": [item(agents[0].email)]})
    assert response.status_code == 200


# --- importing --------------------------------------------------------------------------------


def test_batch_imports_and_resend_updates(client, raw, agents):
    batch = {
        "measurements": [
            item(agents[0].email),
            item(agents[1].email, value=91, channel="chat"),
            item(agents[2].email, kpi_code="nps", period_start="2026-11-01", value=-12),
        ]
    }
    response = send(client, raw, batch)
    assert response.status_code == 200, response.content
    assert response.json() == {"created": 3, "updated": 0}
    assert KpiMeasurement.objects.count() == 3
    saved = KpiMeasurement.objects.get(user=agents[1])
    assert str(saved.value) == "91.00"
    assert saved.channel == "chat"
    assert saved.source == KpiMeasurement.Source.API

    batch["measurements"][0]["value"] = 70.25
    response = send(client, raw, batch)
    assert response.json() == {"created": 0, "updated": 3}
    assert KpiMeasurement.objects.count() == 3
    assert str(KpiMeasurement.objects.get(user=agents[0]).value) == "70.25"


def test_one_bad_item_imports_nothing(client, raw, agents):
    batch = {
        "measurements": [
            item(agents[0].email),
            item(agents[1].email, kpi_code="nope"),
            item(agents[2].email, period_start="2026-11-24"),  # a Tuesday
        ]
    }
    response = send(client, raw, batch)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"]
    items = {error["item"] for error in body["errors"]}
    assert items == {2, 3}
    assert any("nope" in error["message"] for error in body["errors"])
    assert KpiMeasurement.objects.count() == 0


def test_duplicate_items_are_refused(client, raw, agents):
    batch = {"measurements": [item(agents[0].email), item(agents[0].email, value=1)]}
    response = send(client, raw, batch)
    assert response.status_code == 422
    assert [error["item"] for error in response.json()["errors"]] == [2]
    assert KpiMeasurement.objects.count() == 0


def test_agent_of_another_team_is_refused(client, raw, agents, other_lead):
    batch = {"measurements": [item(agents[0].email), item(other_lead.email)]}
    response = send(client, raw, batch)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [error["item"] for error in errors] == [2]
    assert other_lead.email in errors[0]["message"]
    assert KpiMeasurement.objects.count() == 0


@pytest.mark.parametrize(
    "body",
    [
        {"measurements": [{"agent_email": 5, "kpi_code": "csat"}]},
        {"measurements": [{"value": "lots", "sample_size": -1}]},
        {"measurements": "all of them"},
        {"measurements": []},
        {"something": "else"},
        [1, 2, 3],
        {"measurements": [None]},
    ],
)
def test_wrong_types_are_422_json(client, raw, body):
    response = send(client, raw, body)
    assert response.status_code == 422
    payload = response.json()
    assert payload["detail"]
    assert payload["errors"]
    assert all(isinstance(error["item"], int) and error["message"] for error in payload["errors"])
    assert KpiMeasurement.objects.count() == 0


def test_schema_errors_name_the_item(client, raw, agents):
    batch = {"measurements": [item(agents[0].email), item(agents[1].email, sample_size=-3)]}
    response = send(client, raw, batch)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [error["item"] for error in errors] == [2]
    assert "sample_size" in errors[0]["message"]


def test_too_many_items_are_refused(client, raw, agents):
    batch = {"measurements": [item(agents[0].email)] * 5001}
    response = send(client, raw, batch)
    assert response.status_code == 422
    assert KpiMeasurement.objects.count() == 0


@pytest.mark.parametrize("body", ["{not json", "", "NaN", '{"measurements": [{"value": NaN}]}'])
def test_unreadable_bodies_are_client_errors(client, raw, body):
    response = send(client, raw, body)
    assert 400 <= response.status_code < 500
    assert response.json()["detail"]


def test_token_without_teams_may_import_nobody(client, admin_user, agents):
    _, raw_token = api_token_create(name="Nobody", teams=[], created_by=admin_user)
    response = send(client, raw_token, {"measurements": [item(agents[0].email)]})
    assert response.status_code == 422
    assert KpiMeasurement.objects.count() == 0


# --- discovery and documentation --------------------------------------------------------------


def test_kpi_list(client, raw):
    response = client.get("/api/v1/kpis", headers=auth(raw))
    assert response.status_code == 200
    csat = next(kpi for kpi in response.json() if kpi["code"] == "csat")
    assert set(csat) == {"code", "name", "unit", "direction", "period", "min_sample_size"}
    assert csat["period"] == "week"


def test_openapi_schema_lists_the_endpoints(client):
    response = client.get(reverse("api-v1:openapi-json"))
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Service Academy API"
    assert "/api/v1/kpi-measurements" in schema["paths"]
    assert "/api/v1/kpis" in schema["paths"]
    post = schema["paths"]["/api/v1/kpi-measurements"]["post"]
    assert post["summary"]
    assert "5000" in json.dumps(schema["components"]["schemas"])
    assert (
        "BearerAuth" in json.dumps(schema["components"]["securitySchemes"])
        or schema["components"]["securitySchemes"]
    )


def test_docs_page(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content


# --- Django admin -----------------------------------------------------------------------------


def test_admin_add_shows_the_token_once(client, admin_user, team):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:kpis_apitoken_add"),
        {"name": "Freshdesk", "teams": [team.pk]},
        follow=True,
    )
    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    shown = [m for m in messages if "Copy this token now" in m]
    assert len(shown) == 1
    raw_token = re.search(r"(sa_[A-Za-z0-9_-]+)", shown[0]).group(1)
    api_token = ApiToken.objects.get(name="Freshdesk")
    assert list(api_token.teams.all()) == [team]
    assert api_token.created_by == admin_user
    assert api_token.token_hash == token_hash(raw_token)
    assert api_token_authenticate(raw_token) == api_token

    again = client.get(reverse("admin:kpis_apitoken_change", args=[api_token.pk]))
    assert raw_token.encode() not in again.content
    listing = client.get(reverse("admin:kpis_apitoken_changelist"))
    assert raw_token.encode() not in listing.content
    assert api_token.prefix.encode() in listing.content

    renamed = client.post(
        reverse("admin:kpis_apitoken_change", args=[api_token.pk]),
        {"name": "Freshdesk EU", "teams": [team.pk]},
    )
    assert renamed.status_code == 302
    api_token.refresh_from_db()
    assert api_token.name == "Freshdesk EU"
    assert api_token.token_hash == token_hash(raw_token)


def test_admin_revoke_action(client, admin_user, token):
    api_token, raw_token = token
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:kpis_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [api_token.pk]},
        follow=True,
    )
    assert response.status_code == 200
    api_token.refresh_from_db()
    assert api_token.revoked_at is not None
    assert api_token_authenticate(raw_token) is None


def test_admin_tokens_are_for_superusers_only(client, token):
    from tests.factories import UserFactory

    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    assert client.get(reverse("admin:kpis_apitoken_changelist")).status_code == 403
    assert client.get(reverse("admin:kpis_apitoken_add")).status_code == 403


@pytest.mark.parametrize(
    "name",
    [
        "kpidefinition",
        "kpitarget",
        "kpimeasurement",
        "kpiimport",
        "remediationrule",
        "remediationfiring",
        "kpiaccess",
        "apitoken",
    ],
)
def test_admin_pages_render(client, admin_user, name):
    client.force_login(admin_user)
    assert client.get(reverse(f"admin:kpis_{name}_changelist")).status_code == 200
