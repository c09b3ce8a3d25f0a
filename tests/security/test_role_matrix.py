"""Every URL of the academy, for every role, for GET and POST: the answer each one gets.

The table is ``tests/security/matrix.py``. A new URL pattern of ours without an entry there, or
a new third-party mount, fails ``test_every_url_pattern_has_an_entry``.
"""

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import get_resolver, path, resolve

from tests.security.matrix import (
    LANGUAGE_PREFIX,
    OWN,
    ROLES,
    THIRD_PARTY,
    Case,
    Redirect,
    Route,
    missing_entries,
    walk,
)

pytestmark = pytest.mark.django_db

METHODS = ("get", "post")


def _checks() -> list:
    params = []
    for case in OWN + THIRD_PARTY:
        for method in METHODS:
            row = getattr(case, method)
            for role, expected in zip(ROLES, row, strict=True):
                params.append(
                    pytest.param(
                        case, role, method, expected, id=f"{case.key}|{case.label}|{role}|{method}"
                    )
                )
    return params


CHECKS = _checks()


def _signed_in(world, role: str) -> Client:
    """A fresh client with the role's session (made once for the module: signing in for each
    of the thousand checks would double the module's time)."""
    client = Client()
    if role != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    return client


def _outcome(response) -> str:
    if response.status_code in (301, 302, 303, 307, 308):
        return f"{response.status_code} to {response['Location']}"
    return str(response.status_code)


def _matches(response, expected) -> bool:
    if isinstance(expected, Redirect):
        return response.status_code == 302 and response["Location"].startswith(expected.to)
    return response.status_code == expected


@pytest.mark.parametrize(("case", "role", "method", "expected"), CHECKS)
def test_role_gets_the_expected_answer(world, case: Case, role: str, method: str, expected):
    user = world.users.get(role)
    url = case.url(world, user)
    if case in OWN:  # the entry really exercises the pattern it is filed under
        assert resolve(url.split("?")[0]).view_name == case.key, url
    with override_settings(**dict(case.settings)):
        response = getattr(_signed_in(world, role), method)(url)
    assert _matches(response, expected), (
        f"{method.upper()} {url} as {role} ({case.label}): "
        f"expected {expected}, got {_outcome(response)}"
    )


# --- coverage of the table ---------------------------------------------------------------------


def _routes() -> list[Route]:
    return list(walk(get_resolver().url_patterns))


def test_every_url_pattern_has_an_entry():
    own_keys = {case.key for case in OWN}
    prefixes = {case.key for case in THIRD_PARTY}
    missing = missing_entries(_routes(), own_keys, prefixes)
    assert not missing, "URL patterns without an entry in tests/security/matrix.py:\n" + "\n".join(
        missing
    )


def test_every_entry_names_a_real_pattern():
    """No stale entry: each key is a live URL name or include prefix."""
    routes = _routes()
    own = {route.key for route in routes if route.own}
    mounts = {route.mount for route in routes if not route.own}
    assert {case.key for case in OWN} <= own
    assert {case.key for case in THIRD_PARTY} <= mounts


def test_a_new_pattern_without_an_entry_is_reported():
    """The coverage check itself: fed a URL list with two uncovered patterns, it names both."""
    from django.urls import include

    from lms import views

    def vendor_view(request):
        raise AssertionError

    vendor_view.__module__ = "somepackage.views"
    fake = [
        path("health/", views.health, name="health"),  # ours and in the table
        path("reports/", views.health, name="reports"),  # ours, not in the table
        path("cms/", include([path("extra/", vendor_view)])),  # a known third-party mount
        path("vendor/", include([path("x/", vendor_view, name="vendor-x")])),  # a new mount
    ]
    own_keys = {case.key for case in OWN}
    prefixes = {case.key for case in THIRD_PARTY}

    missing = missing_entries(list(walk(fake)), own_keys, prefixes)

    assert missing == [
        "reports/ (name 'reports', view in lms.views)",
        "vendor/x/ (third-party somepackage.views, prefix 'vendor/')",
    ]


def test_the_language_prefix_is_one_mount():
    mounts = {route.mount for route in _routes() if route.route.startswith(LANGUAGE_PREFIX)}
    assert mounts == {LANGUAGE_PREFIX}


# --- CSRF: the test client skips it, a browser does not ----------------------------------------


def test_a_post_without_a_csrf_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.lead)
    own_posts = [
        "/leaderboards/privacy/",
        f"/team/{world.team.pk}/invitations/",
        f"/team/{world.team.pk}/assignments/{world.assignment.pk}/",
        f"/quizzes/{world.quiz.pk}/start/",
        f"/learn/courses/{world.course.pk}/enrol/",
        "/team/kpis/upload/",
    ]
    for url in own_posts:
        assert client.post(url).status_code == 403, url
    trainer = Client(enforce_csrf_checks=True)
    trainer.force_login(world.users["trainer"])
    assert trainer.post("/cms/scenarios/import/").status_code == 403
    # The API takes no cookies, so it needs no CSRF token: a missing token is a 401 there.
    assert client.post("/api/v1/kpi-measurements").status_code == 401


# --- objects with no id in their URL: a notification is its owner's alone -----------------------


def test_nobody_reads_or_marks_another_persons_notifications(world):
    from gamification.models import Notification

    agents_own = Notification.objects.filter(user=world.agent, read_at__isnull=True)
    assert agents_own.exists()  # the remediation in the world told the agent
    colleague = Client()
    colleague.force_login(world.colleague)

    page = colleague.get("/notifications/")
    colleague.post("/notifications/read/")

    shown = {item.notification.pk for item in page.context["items"]}
    assert not shown & set(agents_own.values_list("pk", flat=True))
    assert agents_own.exists()  # still unread
    owner = Client()
    owner.force_login(world.agent)
    mine = {item.notification.pk for item in owner.get("/notifications/").context["items"]}
    assert set(agents_own.values_list("pk", flat=True)) <= mine
