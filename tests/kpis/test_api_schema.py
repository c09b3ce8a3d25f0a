"""Property-based tests of the API against its own OpenAPI schema (schemathesis).

Whatever a client sends that the schema allows (and much that it does not), the answer is
never a 5xx. Requests go straight to the Django WSGI application, inside the test's database
transaction, with a valid token, so the checks reach the views rather than stopping at 401.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from gamification.kpis.tokens import api_token_create
from lms.wsgi import application

pytestmark = pytest.mark.django_db


# Serving the schema needs no database, so it is loaded once, when the module is collected.
# (schemathesis.pytest.from_fixture would load it per test, but fails under pytest 9.)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def bearer(db, team, agents, admin_user):
    """A valid token, with Django's per-request connection closing switched off.

    Django closes "old" connections at the start and end of each request; inside a test's
    transaction that would close the connection under the test. Django's test Client unhooks
    them the same way; schemathesis calls the WSGI application directly.
    """
    _, raw = api_token_create(name="schemathesis", teams=[team], created_by=admin_user)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield {"Authorization": f"Bearer {raw}"}
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_server_errors(case, bearer):
    case.call_and_validate(headers=bearer, checks=[not_a_server_error])
