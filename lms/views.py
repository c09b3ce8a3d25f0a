"""Project-level views: health check, the entry point and the language switch."""

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect
from django.views import i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from lms.accounts.language import is_academy_language, language_preference_set
from lms.celery import app as celery_app

logger = logging.getLogger(__name__)


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_cache() -> str:
    cache.set("health:ping", "pong", timeout=10)
    if cache.get("health:ping") != "pong":
        raise RuntimeError("cache did not return the value just written")
    return "ok"


def _check_broker() -> str:
    if celery_app.conf.broker_url.startswith("memory://"):
        return "eager"  # no broker configured: tasks run in process
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


@never_cache
@require_GET
def health(request):
    """Status of each backing service as JSON; 503 when any of them is down."""
    checks = {"database": _check_database, "cache": _check_cache, "broker": _check_broker}
    report: dict[str, str] = {}
    healthy = True
    for name, check in checks.items():
        try:
            report[name] = check()
        except Exception as error:  # noqa: BLE001 - any failure means "down", reported as such
            logger.warning("health check %s failed: %s", name, error)
            report[name] = "error"
            healthy = False
    body = {
        "status": "ok" if healthy else "error",
        "checks": report,
        "backends": {
            "database": connection.vendor,
            "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
            "leaderboards": settings.LEADERBOARD_BACKEND,
        },
    }
    return JsonResponse(body, status=200 if healthy else 503)


@login_required
def home(request):
    """The front door: a learner's day starts at "My learning", not in the catalogue."""
    return redirect("courses:my_learning")


def set_language(request):
    """Django's language switch; a signed-in person's pick is also kept on her account."""
    response = i18n.set_language(request)
    language = request.POST.get(i18n.LANGUAGE_QUERY_PARAMETER)
    if request.method == "POST" and request.user.is_authenticated and is_academy_language(language):
        language_preference_set(user=request.user, language=language)
    return response
