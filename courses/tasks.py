"""Celery tasks: thin wrappers around the course services, safe to run twice or concurrently."""

from celery import shared_task
from django.db import DatabaseError

from courses.services import recertification, reminders


@shared_task(acks_late=True)
def send_reminders() -> dict[str, int]:
    """Every hour: start due recertifications, then send the reminders that are due.

    Hourly because reminders wait for 08:00 on each learner's own clock: every hour some time
    zone reaches it. Recertification runs first so that a renewed assignment replaces the old
    one before reminders look at it.
    """
    recertified = recertification.recertifications_due()
    run = reminders.reminders_send()
    return {
        "recertified": recertified,
        "due_soon": run.due_soon,
        "overdue": run.overdue,
        "digests": run.digests,
        "emails_requeued": run.emails_requeued,
    }


@shared_task(
    acks_late=True,
    # OSError covers SMTP and connection failures; the hourly run re-queues after the retries.
    autoretry_for=(DatabaseError, OSError),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=5,
)
def send_reminder_email(reminder_id: int) -> bool:
    """Email one recorded reminder unless it was already emailed."""
    return reminders.reminder_email_send(reminder_id=reminder_id)
