"""Fixtures for the accessibility audit: the browser journeys' Chromium, live server and seeded
demo academy (tests/browser/conftest.py), plus axe-core from node_modules/ (`npm ci`)."""

from pathlib import Path

import pytest

# Imported by name so pytest registers them for this folder too; the underscored ones are the
# browser folder's workarounds that `browser` and every transactional browser test rely on.
from tests.browser.conftest import (  # noqa: F401
    CHROMIUM,
    CHROMIUM_ARGS,
    MISSING_CHROMIUM,
    REPO_ROOT,
    _allow_orm_beside_playwright,
    _migration_data,
    _with_migration_data,
    browser,
    seeded_live_academy,
)

AXE_SCRIPT = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
MISSING_AXE = (
    f"{AXE_SCRIPT.relative_to(REPO_ROOT)} is missing: run `npm ci` at the repository root "
    "(package.json pins axe-core) to run the accessibility checks"
)
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    """Skip the audit before its fixtures seed a database it could not check."""
    reason = MISSING_CHROMIUM if not CHROMIUM.exists() else None
    reason = reason or (MISSING_AXE if not AXE_SCRIPT.exists() else None)
    if reason is None:
        return
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.skip(reason=reason))
