"""Recording gamification events: the one entry point services use to write to the outbox."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction

from gamification.models import Event


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
            return Event.objects.create(
                user=user,
                kind=kind,
                key=key,
                subject_type=subject_type,
                subject_id=subject.pk if subject is not None else None,
                payload=payload or {},
            )
    except IntegrityError:
        return None
