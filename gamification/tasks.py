"""Celery tasks: thin wrappers around the services, safe to run twice or concurrently."""

from celery import shared_task
from django.db import DatabaseError

from gamification import leaderboards, services


@shared_task(
    acks_late=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=8,
)
def process_events(event_ids: list[int] | None = None) -> int:
    """Process the events a transaction recorded (queued on commit), or any due ones."""
    return services.events_process(event_ids=event_ids)


@shared_task(acks_late=True)
def sweep_pending_events() -> int:
    """Every minute: process events whose queued task was lost, and unpushed board scores."""
    processed = services.events_sweep()
    leaderboards.push_unpushed()
    return processed
