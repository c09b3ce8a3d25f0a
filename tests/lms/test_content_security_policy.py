"""The Content-Security-Policy allows only the academy's own script files on its pages, and the
templates keep to it: no inline script or event handler that the browser would refuse."""

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I)


def policy_of(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


@pytest.mark.django_db
def test_learner_pages_allow_only_the_academys_own_scripts(client, agent):
    client.force_login(agent)

    policy = policy_of(client.get("/me/"))

    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy["script-src"] + policy["style-src"]


@pytest.mark.django_db
def test_the_authoring_admin_gets_its_own_looser_policy(client, trainer):
    client.force_login(trainer)

    response = client.get("/cms/")

    assert response.status_code == 200
    policy = policy_of(response)
    # Wagtail ships inline scripts; its preview shows pages in a frame of the same origin.
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == "'self'"


def test_no_template_has_an_inline_script_or_event_handler():
    offenders = []
    for template in TEMPLATES.rglob("*.html"):
        if "admin" in template.relative_to(TEMPLATES).parts:
            continue  # rendered inside Wagtail's or Django's admin, under the admin policy
        text = template.read_text()
        for pattern in (INLINE_SCRIPT, INLINE_HANDLER):
            offenders += [f"{template.relative_to(TEMPLATES)}: {m}" for m in pattern.findall(text)]

    assert offenders == []
