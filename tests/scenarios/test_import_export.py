"""Trainers import Twee 3 scenarios as drafts and export scenarios as JSON."""

import json
from pathlib import Path

import pytest

from scenarios.models import Scenario
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
EXAMPLE = Path(__file__).resolve().parents[2] / "scenarios" / "examples" / "late-delivery.twee"


def test_a_twee_file_imports_as_a_draft(trainer_client):
    response = trainer_client.post(
        "/cms/scenarios/import/", {"twee_text": EXAMPLE.read_text(encoding="utf-8")}
    )

    assert response.status_code == 302
    scenario = Scenario.objects.get()
    assert not scenario.live and scenario.latest_revision is not None
    assert len(scenario.as_spec().nodes) >= 8
    assert response["Location"].endswith(f"/edit/{scenario.pk}/")


def test_malformed_twee_names_the_line_and_creates_nothing(trainer_client):
    broken = EXAMPLE.read_text(encoding="utf-8").replace("->", "-]", 1)

    response = trainer_client.post("/cms/scenarios/import/", {"twee_text": broken})

    assert response.status_code == 200
    assert "line" in response.content.decode().lower()
    assert not Scenario.objects.exists()


def test_export_gives_versioned_json_and_import_is_listed(trainer_client, late_parcel):
    exported = trainer_client.get(f"/cms/scenarios/{late_parcel.pk}/export.json")

    assert exported["Content-Type"] == "application/json"
    body = json.loads(exported.content)
    assert body["format"] == "service-academy-scenario" and body["version"] == 1
    listing = trainer_client.get("/cms/snippets/scenarios/scenario/").content.decode()
    assert "/cms/scenarios/import/" in listing


def test_agents_can_neither_import_nor_export(client, late_parcel):
    client.force_login(UserFactory())

    assert client.get("/cms/scenarios/import/").status_code == 302
    assert client.get(f"/cms/scenarios/{late_parcel.pk}/export.json").status_code == 302
