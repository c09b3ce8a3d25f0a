"""Whatever a lead uploads: never a server error, never a partial import, and a bad file is
always explained by at least one message."""

import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gamification.kpis.models import KpiImport, KpiMeasurement
from tests.factories import TeamMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

COLUMNS = ["agent_email", "kpi_code", "period_start", "value", "sample_size", "channel"]
MONDAYS = ["2026-01-05", "2026-01-12", "2026-01-19"]

# A good row is (agent index, KPI, period, value, sample, channel); a corruption replaces one
# cell with something that must be refused.
CORRUPTIONS = {
    "agent_email": ["nobody@example.test", "", "stranger@example.test"],
    "kpi_code": ["xyz", "", "csat2"],
    "period_start": ["2026-01-06", "not a date", "31.02.2026", ""],
    "value": ["abc", "1e999", "NaN", "150", "-1", ""],
    "sample_size": ["-3", "1.5", "x", ""],
    "channel": ["c" * 40],
}

good_row = st.tuples(
    st.integers(0, 2),
    st.sampled_from(["csat", "fcr"]),
    st.sampled_from(MONDAYS),
    st.decimals(0, 100, places=2, allow_nan=False, allow_infinity=False).map(str),
    st.integers(0, 500).map(str),
    st.sampled_from(["", "chat", "phone", "Sähköposti"]),
)
corruption = st.one_of(
    st.none(),
    st.sampled_from(sorted(CORRUPTIONS)).flatmap(
        lambda column: st.tuples(st.just(column), st.sampled_from(CORRUPTIONS[column]))
    ),
)
files = st.fixed_dictionaries(
    {
        "rows": st.lists(st.tuples(good_row, corruption), min_size=0, max_size=12),
        "duplicate": st.booleans(),
        "header": st.sampled_from(["ok", "missing_column", "shuffled", "none"]),
        "delimiter": st.sampled_from([",", ";", "\t"]),
        "encoding": st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "utf-16"]),
        "garbage": st.one_of(st.none(), st.binary(min_size=0, max_size=200)),
        "suffix": st.sampled_from([".csv", ".xlsx"]),
    }
)


def build(spec, emails) -> tuple[bytes, bool]:
    """The file's bytes, and whether every row in it must be imported."""
    if spec["garbage"] is not None:
        return spec["garbage"], False
    columns = list(COLUMNS)
    valid = spec["header"] in ("ok", "shuffled") and spec["suffix"] == ".csv"
    if spec["header"] == "shuffled":
        random.Random(len(spec["rows"])).shuffle(columns)
    lines = []
    seen = set()
    rows = list(spec["rows"])
    if spec["duplicate"] and rows:
        rows.append((rows[0][0], None))
    for (agent, kpi, monday, value, sample, channel), broken in rows:
        cells = dict(
            zip(COLUMNS, (emails[agent], kpi, monday, value, sample, channel), strict=True)
        )
        if broken is not None:
            cells[broken[0]] = broken[1]
            valid = False
        key = (agent, kpi, monday, channel.lower())
        if key in seen:
            valid = False
        seen.add(key)
        lines.append([cells[c] for c in columns])
    if not rows:
        valid = False
    header = [c for c in columns if not (spec["header"] == "missing_column" and c == "value")]
    if spec["header"] == "missing_column":
        lines = [
            [cell for c, cell in zip(columns, line, strict=True) if c != "value"] for line in lines
        ]
    if spec["header"] == "none":
        header = []
    text = "\n".join(spec["delimiter"].join(line) for line in ([header] if header else []) + lines)
    encoding = spec["encoding"]
    if encoding == "utf-16" or (encoding == "latin-1" and "ä" in text):
        valid = False
    return text.encode(encoding), valid


@pytest.fixture
def world(team, lead, agents):
    stranger = UserFactory(email="stranger@example.test")
    TeamMembershipFactory(user=stranger)
    return [agent.email for agent in agents]


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(spec=files)
def test_any_upload_is_all_or_nothing(lead_client, world, spec):
    KpiMeasurement.objects.all().delete()
    data, must_import = build(spec, world)
    response = lead_client.post(
        reverse("kpis:upload"), {"file": SimpleUploadedFile("results" + spec["suffix"], data)}
    )
    if not data:  # an empty upload is refused by the form itself
        assert response.status_code == 200
        assert "empty" in response.content.decode()
        return
    assert response.status_code == 302
    kpi_import = KpiImport.objects.latest("pk")
    assert lead_client.get(response.url).status_code == 200
    if not must_import:
        # Garbage can by chance be a readable file; anything built broken must say why.
        assert kpi_import.errors or spec["garbage"] is not None
    else:
        assert kpi_import.errors == []
    response = lead_client.post(reverse("kpis:import_confirm", args=[kpi_import.pk]))
    assert response.status_code == 302
    kpi_import.refresh_from_db()
    count = KpiMeasurement.objects.count()
    if kpi_import.errors:
        assert count == 0
        assert kpi_import.status != KpiImport.Status.DONE
    else:
        assert kpi_import.status == KpiImport.Status.DONE
        assert count == kpi_import.rows_total
    if must_import:
        assert count == len(spec["rows"])
