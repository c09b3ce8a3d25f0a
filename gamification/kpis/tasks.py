"""Celery tasks of the KPI app: thin wrappers around the services, safe to run twice."""

from celery import shared_task

from gamification.kpis import services


@shared_task(acks_late=True)
def import_upload(import_id: int) -> str:
    """Import a confirmed large upload; a redelivered message finds it done and does nothing."""
    return services.upload_import(import_id=import_id).status
