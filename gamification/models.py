"""The gamification outbox: one row per thing a learner did that may earn XP or a badge.

Services write an Event in the same transaction as the progress row it describes, so an
event exists exactly when the progress does. Processing (XP, badges, leaderboards) reads
pending events; it is idempotent per event.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    LESSON_COMPLETED = "lesson.completed", _("Lesson completed")
    COURSE_COMPLETED = "course.completed", _("Course completed")
    PATH_COMPLETED = "path.completed", _("Learning path completed")
    QUIZ_PASSED = "quiz.passed", _("Quiz passed")
    QUIZ_PERFECT = "quiz.perfect", _("Perfect quiz score")
    SCENARIO_COMPLETED = "scenario.completed", _("Roleplay completed")
    SCENARIO_MASTERED = "scenario.mastered", _("Roleplay mastered")


class Event(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        PROCESSED = "processed", _("Processed")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gamification_events"
    )
    kind = models.CharField(_("kind"), max_length=64, choices=EventKind.choices)
    # Idempotency key: a repeated action produces the same key, and the database refuses it.
    key = models.CharField(_("key"), max_length=200, unique=True)
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    payload = models.JSONField(_("payload"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="event_status_created")]

    def __str__(self) -> str:
        return f"{self.kind} by {self.user_id} ({self.status})"
