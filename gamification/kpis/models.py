"""KPI definitions, targets and results, the integrations that send them, remediation rules
and the log of who looked at whose numbers.

Results are personal data: only the agent, their team's leads and admins may see them, and
every look at another person's values is written to ``KpiAccess``.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.accounts.models import Team


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Period(models.TextChoices):
    WEEK = "week", _("Week")
    MONTH = "month", _("Month")


class KpiDefinition(models.Model):
    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=80)
    unit = models.CharField(_("unit"), max_length=16, blank=True, help_text=_("%, s, min, points"))
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices)
    period = models.CharField(
        _("period"),
        max_length=8,
        choices=Period.choices,
        default=Period.WEEK,
        help_text=_("How often results are reported: weeks start on Monday, months on the 1st."),
    )
    min_sample_size = models.PositiveIntegerField(
        _("minimum sample size"),
        default=1,
        help_text=_(
            "A result counts towards targets, XP and badges only from this many surveys "
            "or contacts."
        ),
    )
    lowest = models.DecimalField(
        _("lowest possible value"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    highest = models.DecimalField(
        _("highest possible value"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return f"{self.code.upper()} ({self.name})"


class KpiTarget(models.Model):
    """A team's (or one agent's) target from a date on. Never edited: a change is a new row,
    so the history of targets stays readable and past periods keep the target they had."""

    kpi = models.ForeignKey(KpiDefinition, on_delete=models.CASCADE, related_name="targets")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="kpi_targets")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="kpi_targets",
        help_text=_("Leave empty for the whole team."),
    )
    value = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    valid_from = models.DateField(_("from period starting"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("KPI target")
        verbose_name_plural = _("KPI targets")
        ordering = ["kpi", "-valid_from", "-created_at", "-pk"]
        indexes = [models.Index(fields=["team", "kpi", "valid_from"], name="kpi_target_lookup")]

    def __str__(self) -> str:
        return f"{self.kpi.code} {self.value} for {self.user or self.team} from {self.valid_from}"


class KpiMeasurement(models.Model):
    """One agent's result for one KPI in one period (and channel)."""

    class Source(models.TextChoices):
        UPLOAD = "upload", _("File upload")
        API = "api", _("API")
        DEMO = "demo", _("Demo data")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kpi_measurements"
    )
    kpi = models.ForeignKey(KpiDefinition, on_delete=models.CASCADE, related_name="measurements")
    period_start = models.DateField(_("period start"))
    channel = models.CharField(_("channel"), max_length=32, blank=True, default="")
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    sample_size = models.PositiveIntegerField(_("sample size"))
    source = models.CharField(max_length=8, choices=Source.choices)
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("KPI result")
        verbose_name_plural = _("KPI results")
        ordering = ["kpi", "-period_start"]
        constraints = [
            # Re-sending the same result updates it instead of adding a second one.
            models.UniqueConstraint(
                fields=["user", "kpi", "period_start", "channel"], name="one_result_per_period"
            ),
        ]
        indexes = [models.Index(fields=["kpi", "period_start"], name="kpi_result_period")]

    def __str__(self) -> str:
        return f"{self.kpi.code} {self.value} for {self.user_id} from {self.period_start}"


class KpiImport(models.Model):
    """One upload: previewed first, imported as one unit on confirmation."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Checked, waiting for confirmation")
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Not imported")

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kpi_imports"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.CASCADE, related_name="kpi_imports"
    )
    file = models.FileField(upload_to="kpi-imports/%Y/%m/")
    filename = models.CharField(max_length=255)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PREVIEW)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    # [{"line": 7, "message": "..."}]: every problem with its line number, for the preview.
    errors = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("KPI import")
        verbose_name_plural = _("KPI imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.status})"


class ApiToken(models.Model):
    """A help-desk integration's key to the API, scoped to teams. Stored hashed, shown once."""

    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(max_length=12, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    teams = models.ManyToManyField(Team, related_name="api_tokens", verbose_name=_("teams"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class RemediationRule(models.Model):
    """When a KPI misses its target N periods in a row, assign the training that helps."""

    kpi = models.ForeignKey(
        KpiDefinition, on_delete=models.CASCADE, related_name="remediation_rules"
    )
    consecutive_misses = models.PositiveSmallIntegerField(_("missed periods in a row"), default=2)
    course = models.ForeignKey(
        "courses.CoursePage", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    scenario = models.ForeignKey(
        "scenarios.Scenario", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    due_days = models.PositiveSmallIntegerField(_("due after (days)"), default=7)
    cooldown_days = models.PositiveSmallIntegerField(
        _("cool-down (days)"),
        default=28,
        help_text=_("Not fired again for the same agent before this."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("remediation rule")
        verbose_name_plural = _("remediation rules")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(course__isnull=False, scenario__isnull=True)
                    | models.Q(course__isnull=True, scenario__isnull=False)
                ),
                name="remediation_course_xor_scenario",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kpi.code}: {self.consecutive_misses} misses"


class RemediationFiring(models.Model):
    rule = models.ForeignKey(RemediationRule, on_delete=models.CASCADE, related_name="firings")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="remediations"
    )
    # The last missed period: the same misses never fire the rule twice.
    period_start = models.DateField()
    assignment = models.ForeignKey(
        "courses.Assignment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    fired_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("remediation")
        verbose_name_plural = _("remediations")
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "user", "period_start"], name="remediation_once_per_miss"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule} for {self.user_id} at {self.period_start}"


class KpiAccess(models.Model):
    """Someone saw or exported another person's KPI values."""

    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kpi_accesses"
    )
    action = models.CharField(max_length=16)  # "view", "export", "api"
    path = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("KPI access")
        verbose_name_plural = _("KPI access log")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.viewer_id} {self.action} {self.subject_id} at {self.at}"


class KpiStanding(models.Model):
    """What one agent's result in one period means, for boards and badges: attainment against
    the target in force and improvement over their own baseline, never the raw value.

    Written by event processing from ``KpiMeasurement`` and ``KpiTarget`` (all channels of a
    period together); rewritten whenever results for the period arrive again, so it can always
    be recomputed. ``counted`` is false when the sample was too small: such rows rank nowhere.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kpi_standings"
    )
    kpi = models.ForeignKey(KpiDefinition, on_delete=models.CASCADE, related_name="standings")
    period_start = models.DateField(_("period start"))
    counted = models.BooleanField(default=False)
    met = models.BooleanField(null=True, blank=True)
    # 1.0 = on target, direction-aware (see gamification.kpis.attainment); None: no target.
    attainment = models.DecimalField(max_digits=8, decimal_places=4, null=True, blank=True)
    # Fraction better than the mean of the previous counted periods; None: no baseline yet.
    improvement = models.DecimalField(max_digits=10, decimal_places=4, null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("KPI standing")
        verbose_name_plural = _("KPI standings")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kpi", "period_start"], name="kpi_standing_once_per_period"
            ),
        ]
        indexes = [models.Index(fields=["period_start", "kpi"], name="kpi_standing_board")]

    def __str__(self) -> str:
        return f"{self.kpi_id} {self.attainment} for {self.user_id} from {self.period_start}"
