"""Recording gamification events: the one entry point services use to write to the outbox."""

import logging
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction

from gamification.models import Event

logger = logging.getLogger(__name__)


def record(
    *,
    user: Any,
    kind: str,
    subject: models.Model | None,
    key: str,
    payload: dict[str, Any] | None = None,
) -> Event | None:
    """Write an outbox row for ``user`` having done ``kind`` to ``subject``.

    Must run inside the caller's transaction so that the event exists exactly when the
    progress it describes does. A repeated ``key`` is a no-op and returns ``None``.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("gamification events must be recorded inside the service transaction")
    subject_type = ContentType.objects.get_for_model(subject) if subject is not None else None
    try:
        # A savepoint keeps the caller's transaction usable when the key already exists.
        with transaction.atomic():
            event = Event.objects.create(
                user=user,
                kind=kind,
                key=key,
                subject_type=subject_type,
                subject_id=subject.pk if subject is not None else None,
                payload=payload or {},
            )
    except IntegrityError:
        return None
    _queue_on_commit(event.pk)
    return event


def _queue_on_commit(event_id: int) -> None:
    """Queue processing once the transaction commits.

    If the broker is unreachable the event simply stays pending: the sweeper picks it up, and
    the learner's action has already succeeded.
    """

    def send() -> None:
        from gamification.tasks import process_events

        try:
            process_events.delay([event_id])
        except Exception:  # noqa: BLE001 - any broker failure; the sweeper is the safety net
            logger.warning("could not queue gamification event %s; the sweeper will", event_id)

    transaction.on_commit(send)
