import os

import pytest

pytestmark = pytest.mark.django_db


def test_health_reports_each_backing_service(client):
    response = client.get("/health/")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"] == "ok"
    expected_broker = "ok" if os.environ.get("REDIS_URL") else "eager"
    assert body["checks"]["broker"] == expected_broker


def test_health_is_503_when_the_broker_is_unreachable(client, settings):
    from lms.celery import app

    previous = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    try:
        response = client.get("/health/")
    finally:
        app.conf.task_always_eager, app.conf.broker_url = previous

    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == "error"
    assert response.json()["checks"]["database"] == "ok"


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set")
def test_with_redis_configured_cache_and_broker_are_redis(client):
    body = client.get("/health/").json()

    assert body["backends"]["cache"] == "RedisCache"
    assert body["backends"]["leaderboards"] == "redis"
    assert body["checks"]["broker"] == "ok"
