"""Two submits of one attempt racing on PostgreSQL: exactly one scoring, one event."""

import os
import threading

import pytest
from django.db import connection

from gamification.models import Event, EventKind
from quizzes import services
from quizzes.models import Answer
from tests.quizzes.conftest import perfect_responses

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="DATABASE_URL does not point at PostgreSQL: row locks need a real server",
    ),
]


def test_concurrent_double_submit_scores_once(agent, refund_quiz):
    attempt = services.attempt_start(user=agent, quiz=refund_quiz)
    services.answers_save(
        user=agent, attempt_id=attempt.pk, responses=perfect_responses(refund_quiz)
    )
    barrier = threading.Barrier(2)
    results, errors = [], []

    def submit():
        try:
            barrier.wait(timeout=10)
            results.append(services.attempt_submit(user=agent, attempt_id=attempt.pk))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert {r.submitted_at for r in results} == {results[0].submitted_at}
    assert Event.objects.filter(kind=EventKind.QUIZ_PASSED).count() == 1
    assert Event.objects.filter(kind=EventKind.QUIZ_PERFECT).count() == 1
    assert Answer.objects.filter(attempt=attempt).count() == 3
