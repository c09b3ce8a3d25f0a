"""Load benchmark (tests/benchmarks/bench_load.py): production-like, plus one bare baseline view.

Everything that shapes a request's cost is as in production: DEBUG off, PostgreSQL with
persistent connections (``DB_CONN_MAX_AGE``), the Redis cache, broker and leaderboards, whitenoise
with the manifest storage, the full middleware stack. What differs is what the benchmark needs
to talk plain HTTP on loopback (no TLS redirect, no Secure-only cookies), a placeholder secret and
``ROOT_URLCONF``, which adds the baseline view ``/bench/bare/`` that the production urlconf must
never contain.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, REDIS_URL, VAR_DIR

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY") or "bench-only-insecure-key-never-used-in-production"
ROOT_URLCONF = "lms.bench_urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql" or not REDIS_URL:
    raise ImproperlyConfigured(
        "The load benchmark measures the production stack: set DATABASE_URL to PostgreSQL and "
        "REDIS_URL."
    )
# Production keeps connections open between requests; without this every request would pay
# for a new PostgreSQL connection and the benchmark would measure connection setup.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "600"))

STATIC_ROOT = VAR_DIR / "bench-static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Requests and SQL are not logged per line in production either.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
