"""Fixtures for the real-browser journeys: Debian's Chromium driven by Playwright's sync API
against pytest-django's live server."""

import os
from collections.abc import Callable, Iterator
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
# Chromium asks every site for a favicon on its own; the academy has none and need not.
IGNORED_FAILURES = ("/favicon.ico",)


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


@pytest.fixture
def page(browser) -> Iterator:
    """A fresh, English-speaking browser tab that fails the test on broken pages.

    Every response of 400 and up (a missing stylesheet, a server error) and every uncaught
    JavaScript error is collected and asserted empty once the test body has passed.
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
    yield tab
    context.close()
    assert failures == [], "the browser saw broken responses or scripts"


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
