"""The gamification outbox: one row per thing a learner did that may earn XP or a badge.

Services write an Event in the same transaction as the progress row it describes, so an
event exists exactly when the progress does. Processing (XP, badges, leaderboards) reads
pending events; it is idempotent per event.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from courses.models import CourseCategory


class EventKind(models.TextChoices):
    LESSON_COMPLETED = "lesson.completed", _("Lesson completed")
    COURSE_COMPLETED = "course.completed", _("Course completed")
    PATH_COMPLETED = "path.completed", _("Learning path completed")
    QUIZ_PASSED = "quiz.passed", _("Quiz passed")
    QUIZ_PERFECT = "quiz.perfect", _("Perfect quiz score")
    SCENARIO_COMPLETED = "scenario.completed", _("Roleplay completed")
    SCENARIO_MASTERED = "scenario.mastered", _("Roleplay mastered")
    KPI_RESULTS = "kpi.results", _("KPI results received")


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
    # After a failure the event waits until then before the sweeper tries it again (backoff).
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="event_status_created")]

    def __str__(self) -> str:
        return f"{self.kind} by {self.user_id} ({self.status})"


class XpRule(models.Model):
    """How much XP one kind of achievement is worth; editable in the admin."""

    class Code(models.TextChoices):
        LESSON = "lesson", _("Lesson completed")
        COURSE = "course", _("Course completed (the course's own XP value)")
        QUIZ_PASS = "quiz_pass", _("Quiz passed (scaled by the score)")
        QUIZ_PERFECT = "quiz_perfect", _("Perfect quiz score bonus")
        QUIZ_FIRST_ATTEMPT = "quiz_first_attempt", _("Quiz passed at the first attempt bonus")
        SCENARIO_MASTERY = "scenario_mastery", _("Roleplay mastered")
        DAILY_STREAK = "daily_streak", _("Daily streak (each active day in a row after the first)")
        KPI_TARGET = "kpi_target", _("KPI target met in a period (with enough sample)")

    code = models.CharField(_("rule"), max_length=32, choices=Code.choices, unique=True)
    points = models.PositiveIntegerField(
        _("points"),
        default=0,
        help_text=_("For courses the course's XP value is used; this is ignored."),
    )
    daily_cap = models.PositiveIntegerField(
        _("daily cap"),
        default=0,
        help_text=_("Most XP one person can earn from this rule in a day; 0 means no cap."),
    )
    enabled = models.BooleanField(_("enabled"), default=True)

    class Meta:
        verbose_name = _("XP rule")
        verbose_name_plural = _("XP rules")
        ordering = ["code"]

    def __str__(self) -> str:
        return str(self.get_code_display())


class XpEntry(models.Model):
    """The XP ledger: the truth that totals and leaderboards are rebuilt from."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="xp_entries"
    )
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="xp_entries")
    rule = models.CharField(_("rule"), max_length=32, choices=XpRule.Code.choices)
    # What was rewarded ("quiz:7", "day:2026-11-30"): one reward per user, rule and source.
    source = models.CharField(_("source"), max_length=120)
    points = models.PositiveIntegerField(_("points"))
    # The learner's local date of the action: daily caps and streaks count in their time zone.
    day = models.DateField(_("day"))
    awarded_at = models.DateTimeField(_("earned at"))

    class Meta:
        verbose_name = _("XP entry")
        verbose_name_plural = _("XP ledger")
        ordering = ["-awarded_at", "-pk"]
        constraints = [
            # One KPI results event can meet several targets (KPIs, periods): each is its own
            # source, and the (user, rule, source) constraint below keeps it paid once.
            models.UniqueConstraint(
                fields=["event", "rule"],
                condition=~models.Q(rule="kpi_target"),
                name="xp_entry_once_per_event_rule",
            ),
            models.UniqueConstraint(
                fields=["user", "rule", "source"], name="xp_entry_once_per_source"
            ),
        ]
        indexes = [
            models.Index(fields=["user", "day"], name="xp_entry_user_day"),
            models.Index(fields=["user", "-awarded_at"], name="xp_entry_user_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.points} XP to {self.user_id} for {self.source}"


class Level(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=60)
    threshold = models.PositiveIntegerField(_("XP needed"), unique=True)

    class Meta:
        verbose_name = _("level")
        verbose_name_plural = _("levels")
        ordering = ["threshold"]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class XpTotal(models.Model):
    """One row per learner: denormalised total, level and streak, updated with F()."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="xp"
    )
    total = models.PositiveIntegerField(_("total XP"), default=0)
    level = models.ForeignKey(
        Level, verbose_name=_("level"), null=True, blank=True, on_delete=models.SET_NULL
    )
    current_streak = models.PositiveIntegerField(_("current streak"), default=0)
    longest_streak = models.PositiveIntegerField(_("longest streak"), default=0)
    last_active_day = models.DateField(_("last active day"), null=True, blank=True)

    class Meta:
        verbose_name = _("XP total")
        verbose_name_plural = _("XP totals")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.total} XP"


class ActivityDay(models.Model):
    """A day, in the learner's time zone, on which they earned something: streaks count these."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activity_days"
    )
    day = models.DateField(_("day"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="activity_day_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} active on {self.day}"


class Season(models.Model):
    """A season board starts at zero when an admin starts a season; all-time keeps history."""

    name = models.CharField(_("name"), max_length=80)
    starts_at = models.DateTimeField(_("starts"), default=timezone.now)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)

    class Meta:
        verbose_name = _("season")
        verbose_name_plural = _("seasons")
        ordering = ["-starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["ends_at"],
                condition=models.Q(ends_at__isnull=True),
                name="season_one_running",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class LeaderboardScore(models.Model):
    """The database leaderboard backend: one denormalised score per board and user.

    Always written in the processing transaction, so it is the durable copy; the Redis backend
    mirrors it, and ``pushed`` says whether Redis has seen the latest score.
    """

    board = models.CharField(_("board"), max_length=80)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="leaderboard_scores"
    )
    score = models.PositiveIntegerField(_("score"), default=0)
    pushed = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["board", "user"], name="leaderboard_score_once"),
        ]
        indexes = [
            models.Index(fields=["board", "-score", "-user"], name="leaderboard_rank"),
            models.Index(
                fields=["board"], condition=models.Q(pushed=False), name="leaderboard_unpushed"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.board}: {self.user_id} {self.score}"


class Notification(models.Model):
    """The in-app notification centre; a fresh one is also shown once as a toast."""

    class Kind(models.TextChoices):
        XP_MILESTONE = "xp_milestone", _("XP milestone")
        LEVEL_UP = "level_up", _("Level up")
        BADGE = "badge", _("Badge earned")
        ASSIGNED = "assigned", _("New assignment")
        DUE_SOON = "due_soon", _("Assignment due soon")
        OVERDUE = "overdue", _("Assignment overdue")
        RECERTIFY = "recertify", _("Recertification due")
        TEAM_OVERDUE = "team_overdue", _("Team overdue digest")
        REMEDIATION = "remediation", _("KPI target missed: training assigned")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    # What the message is about ({"xp": 500}, {"level": "Expert"}, {"badge": "First call"}):
    # the text is rendered in the reader's language when shown.
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=300, blank=True)
    # Unique per user: a re-processed event cannot notify twice.
    key = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    toasted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notification_once"),
        ]
        indexes = [
            models.Index(
                fields=["user"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}"


class BadgeCriterion(models.TextChoices):
    """The kinds of badge criteria; each has one small class in ``gamification.rules``."""

    COURSE = "course", _("Complete a course")
    CATEGORY = "category", _("Complete every course of a category")
    PATH = "path", _("Complete a learning path")
    # xgettext:no-python-format
    QUIZ_SCORE = "quiz_score", _("Pass a quiz at N% or better")
    SCENARIO = "scenario", _("Master a roleplay")
    SCENARIOS = "scenarios", _("Master N roleplays")
    STREAK = "streak", _("Keep an N-day streak")
    LEVEL = "level", _("Reach a level")
    KPI_STREAK = "kpi_streak", _("Meet a KPI target N periods in a row")
    # xgettext:no-python-format
    KPI_IMPROVED = "kpi_improved", _("Improve a KPI by N% over one's own baseline")
    MANUAL = "manual", _("Awarded by a team lead")


class BadgeRepeat(models.TextChoices):
    ONCE = "", _("Once")
    MONTHLY = "month", _("Once a month")
    WEEKLY = "week", _("Once a week")


class BadgeClass(index.Indexed, models.Model):
    """A badge and what earns it. Trainers edit these in Wagtail admin."""

    name = models.CharField(_("name"), max_length=80)
    description = models.TextField(_("description"), max_length=400)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    criterion = models.CharField(_("criterion"), max_length=16, choices=BadgeCriterion.choices)
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    category = models.CharField(
        _("course category"), max_length=16, choices=CourseCategory.choices, blank=True
    )
    path = models.ForeignKey(
        "courses.LearningPathPage",
        verbose_name=_("learning path"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    quiz = models.ForeignKey(
        "quizzes.Quiz",
        verbose_name=_("quiz"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    scenario = models.ForeignKey(
        "scenarios.Scenario",
        verbose_name=_("roleplay"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    level = models.ForeignKey(
        Level,
        verbose_name=_("level"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    kpi = models.ForeignKey(
        "kpis.KpiDefinition",
        verbose_name=_("KPI"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("For KPI criteria; leave empty for any KPI."),
    )
    threshold = models.PositiveIntegerField(
        _("N"),
        null=True,
        blank=True,
        help_text=_(
            "The score in percent, number of roleplays, days or periods, or the improvement "
            "in percent the criterion asks for."
        ),
    )
    repeat = models.CharField(
        _("can be earned"), max_length=8, choices=BadgeRepeat.choices, blank=True, default=""
    )
    valid_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a badge that never expires."),
    )
    active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("image"),
        MultiFieldPanel(
            [
                FieldPanel("criterion"),
                FieldPanel("course"),
                FieldPanel("category"),
                FieldPanel("path"),
                FieldPanel("quiz"),
                FieldPanel("scenario"),
                FieldPanel("level"),
                FieldPanel("kpi"),
                FieldPanel("threshold"),
            ],
            heading=_("What earns it"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("repeat"),
                FieldPanel("valid_months"),
                FieldPanel("active"),
                FieldPanel("sort_order"),
            ],
            heading=_("Availability"),
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("badge")
        verbose_name_plural = _("badges")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from gamification.rules import CRITERIA

        missing = CRITERIA[self.criterion].missing_params(self)
        if missing:
            raise ValidationError({name: _("This criterion needs this field.") for name in missing})


class BadgeAward(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="badge_awards"
    )
    badge = models.ForeignKey(BadgeClass, on_delete=models.CASCADE, related_name="awards")
    # "" for a badge earned once; "2026-11" or "2026-W48" for a repeatable one.
    period = models.CharField(max_length=10, blank=True, default="")
    awarded_at = models.DateTimeField(_("awarded"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("awarded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="badges_given",
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("badge award")
        verbose_name_plural = _("badge awards")
        ordering = ["-awarded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "badge", "period"], name="badge_award_once_per_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.badge} to {self.user_id}"
