"""Celery tasks of the team workspace: thin wrappers around the services, safe to run twice."""

from celery import shared_task

from lms.team import services


@shared_task(acks_late=True)
def build_export(export_id: int) -> str:
    """Build a queued export; a redelivered message finds it done and does nothing."""
    return services.export_build(export_id=export_id).status


@shared_task(acks_late=True)
def requeue_stale_exports() -> int:
    """Beat's safety net for exports whose task message was lost or whose worker died."""
    return len(services.exports_requeue_stale())
