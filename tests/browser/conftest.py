"""Fixtures for the real-browser journeys: Debian's Chromium driven by Playwright's sync API
against pytest-django's live server."""

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts" / "browser"
DEMO_PASSWORD = "academy-demo"  # seed_demo's password for every demo person
# Chromium asks every site for a favicon on its own; the academy has none and need not.
IGNORED_FAILURES = ("/favicon.ico",)


# Every journey's marks. The live server reads committed data in another thread (another
# connection on PostgreSQL), and the serialized rollback restores the migrations' data (root
# page, default locale, Editors group, rubric) for whichever test runs after the flush.
JOURNEY_MARKS = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MISSING_CHROMIUM = (
    f"{CHROMIUM} is missing: install Debian's chromium (`make chromium` or "
    "`apt-get install chromium`) to run the browser tests"
)


def pytest_collection_modifyitems(config, items):
    """Skip browser tests before their fixtures build a database they would not use."""
    if CHROMIUM.exists():
        return
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.skip(reason=MISSING_CHROMIUM))


def _reload_migration_data(contents: str) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection

    # As Django's own flush between tests: sequences keep counting past the restored ids.
    call_command(
        "flush",
        interactive=False,
        verbosity=0,
        reset_sequences=False,
        inhibit_post_migrate=True,
    )
    # Content types first: a flush that ran post_migrate may have given them other ids, and
    # building some objects (Wagtail's tasks) looks their content type up, creating it if the
    # cache is stale and the row is missing.
    objects = json.loads(contents)
    content_types = [obj for obj in objects if obj["model"] == "contenttypes.contenttype"]
    ContentType.objects.clear_cache()
    connection.creation.deserialize_db_from_string(json.dumps(content_types))
    ContentType.objects.clear_cache()
    connection.creation.deserialize_db_from_string(
        json.dumps([obj for obj in objects if obj["model"] != "contenttypes.contenttype"])
    )


@pytest.fixture(scope="session", autouse=True)
def _migration_data(django_db_setup, django_db_blocker):
    """Work around serialized rollback not reaching the browser tests.

    Django keeps the migration data (root page, default locale, groups) on the connection that
    built the test database and restores it before each ``serialized_rollback`` test. Once
    Playwright's sync API runs, ``django.db.connections`` hands the test another connection
    object (connections are context-local and Playwright switches contexts), without that
    data: the restore is skipped, and a browser test that follows another one finds an empty
    database. The data is taken here, before any browser starts, put back for each
    test if it is missing, and put back once more after the session's last flush.
    """
    from django.db import connection

    contents = getattr(connection, "_test_serialized_contents", None)
    yield contents
    if contents is not None:
        with django_db_blocker.unblock():
            _reload_migration_data(contents)


@pytest.fixture(autouse=True)
def _with_migration_data(transactional_db, _migration_data):
    from django.db import connection
    from wagtail.models import Page

    if _migration_data is None:
        return
    # With the data on the connection, the flush after the test keeps post_migrate quiet.
    connection._test_serialized_contents = _migration_data
    if not Page.objects.filter(depth=1).exists():
        _reload_migration_data(_migration_data)


@pytest.fixture(scope="module")
def _allow_orm_beside_playwright():
    """Playwright's sync API keeps an asyncio event loop running in the main thread while the
    browser is open. Django sees that loop and refuses ORM calls from the test body, fixtures and
    the transactional flush ("You cannot call this from an async context"), although those calls
    are synchronous and never run inside the loop. The tests seed and read the database from
    that thread, so the check is switched off, but only while a browser module runs: set for the
    whole session, the variable would leak into every later test and into subprocesses such as
    `manage.py check --deploy`, which rejects it (async.E001).
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="module")
def browser(_allow_orm_beside_playwright):
    if not CHROMIUM.exists():
        pytest.skip(MISSING_CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextmanager
def strict_tab(browser) -> Iterator:
    """A fresh, English-speaking browser tab in its own context that fails on broken pages.

    Every response of 400 and up (a missing stylesheet, a server error) and every uncaught
    JavaScript error is collected and asserted empty once the caller's block has passed.
    """
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    failures: list[str] = []
    tab.on(
        "response",
        lambda response: (
            failures.append(f"HTTP {response.status} {response.request.method} {response.url}")
            if response.status >= 400 and not response.url.endswith(IGNORED_FAILURES)
            else None
        ),
    )
    tab.on("pageerror", lambda error: failures.append(f"JavaScript error: {error}"))
    try:
        yield tab
    finally:
        context.close()
    assert failures == [], "the browser saw broken responses or scripts"


def sign_in(page, base_url: str, email: str, password: str) -> None:
    """Sign in through the real login form and land on My learning."""
    from playwright.sync_api import expect

    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.locator("form:has(input[name=password]) [type=submit]").click()
    expect(page).to_have_url(base_url + "/me/")


@pytest.fixture
def page(browser) -> Iterator:
    """The test's browser tab (see ``strict_tab``)."""
    with strict_tab(browser) as tab:
        yield tab


@pytest.fixture
def screenshot(page, request) -> Callable[[str], Path]:
    """``screenshot("step")`` saves test-artifacts/browser/<test name>-<step>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(step: str) -> Path:
        path = ARTIFACTS / f"{request.node.name}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def seeded_live_academy(transactional_db, settings, live_server):
    """The demo academy exactly as `make run` builds it, committed so the live server sees it.

    ``seed_demo`` refuses to run with DEBUG off; DEBUG is switched back off before the browser
    opens a page, so the server behaves (error pages, static files) as in production.
    """
    from django.core.management import call_command

    settings.DEBUG = True
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", stdout=quiet)
    settings.DEBUG = False
    return live_server


def long_date(day) -> str:
    """A date as the learner's pages write it (DATE_FORMAT in English)."""
    from django.utils import formats, translation

    with translation.override("en"):
        return formats.date_format(day, "DATE_FORMAT")


def short_date(day) -> str:
    """A date as the progress matrix writes it (SHORT_DATE_FORMAT in English)."""
    from django.utils import formats, translation

    with translation.override("en"):
        return formats.date_format(day, "SHORT_DATE_FORMAT")
