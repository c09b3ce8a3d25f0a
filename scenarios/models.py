"""Roleplay scenarios: a rubric, conversation graphs edited in Wagtail admin, and learners' runs.

Nodes and replies are edited inline in the scenario; a reply names the node it leads to by its
key, so a whole conversation can be written in one form. ``as_spec`` turns a scenario into the
plain ``ScenarioSpec`` that validation, scoring, import and export share.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin, TranslatableMixin
from wagtail.search import index

from scenarios.fields import RubricPointsField
from scenarios.spec import Channel, NodeSpec, Outcome, ReplySpec, ScenarioSpec

CHANNEL_CHOICES = [
    (Channel.PHONE.value, _("Phone")),
    (Channel.CHAT.value, _("Chat")),
    (Channel.EMAIL.value, _("Email")),
]
OUTCOME_CHOICES = [
    (Outcome.RESOLVED.value, _("Resolved")),
    (Outcome.ESCALATED.value, _("Escalated correctly")),
    (Outcome.LOST.value, _("Customer lost")),
]


class RubricDimension(models.Model):
    """A skill replies are scored on. The same rubric can later score live QA reviews."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("description")]

    class Meta:
        verbose_name = _("rubric dimension")
        verbose_name_plural = _("rubric dimensions")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Scenario(TranslatableMixin, DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel):
    title = models.CharField(_("title"), max_length=200)
    channel = models.CharField(
        _("channel"), max_length=8, choices=CHANNEL_CHOICES, default=Channel.PHONE.value
    )
    persona_name = models.CharField(_("customer's name"), max_length=80)
    persona_mood = models.CharField(_("customer's mood"), max_length=80, blank=True)
    situation = models.TextField(_("situation"), help_text=_("What the agent knows going in."))
    mastery_threshold = models.PositiveSmallIntegerField(
        _("mastery threshold (%)"),
        default=70,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    panels = [
        FieldPanel("title"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("channel"), FieldPanel("mastery_threshold")]),
                FieldRowPanel([FieldPanel("persona_name"), FieldPanel("persona_mood")]),
                FieldPanel("situation"),
            ],
            heading=_("Setting"),
        ),
        InlinePanel("dimensions", heading=_("Rubric"), label=_("Dimension")),
        InlinePanel("nodes", heading=_("Conversation"), label=_("Step")),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]
    # Deleting a scenario deletes its revisions too.
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="scenario")

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("roleplay scenario")
        verbose_name_plural = _("roleplay scenarios")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def revisions(self):
        return self._revisions

    def as_spec(self) -> ScenarioSpec:
        """The scenario as plain data; works on unsaved edits too (modelcluster keeps them)."""
        return ScenarioSpec(
            title=self.title,
            channel=Channel(self.channel),
            persona_name=self.persona_name,
            persona_mood=self.persona_mood,
            situation=self.situation,
            dimensions={d.dimension.code: d.weight for d in self.dimensions.all()},
            mastery_threshold=self.mastery_threshold,
            nodes=[node.as_spec() for node in self.nodes.all()],
        )


class ScenarioDimension(Orderable):
    scenario = ParentalKey(Scenario, on_delete=models.CASCADE, related_name="dimensions")
    dimension = models.ForeignKey(
        RubricDimension, verbose_name=_("dimension"), on_delete=models.PROTECT, related_name="+"
    )
    weight = models.FloatField(_("weight"), default=1.0, validators=[MinValueValidator(0)])

    panels = [FieldRowPanel([FieldPanel("dimension"), FieldPanel("weight")])]

    class Meta(Orderable.Meta):
        verbose_name = _("scored dimension")
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "dimension"], name="unique_scenario_dimension"
            ),
        ]


class ScenarioNode(ClusterableModel, Orderable):
    """What the customer says at one point of the conversation."""

    scenario = ParentalKey(Scenario, on_delete=models.CASCADE, related_name="nodes")
    key = models.SlugField(
        _("key"), max_length=60, help_text=_("A short name replies use to lead here.")
    )
    customer_text = models.TextField(_("the customer says"))
    mood = models.CharField(_("mood from here"), max_length=80, blank=True)
    narrator_note = models.TextField(_("narrator note"), blank=True)
    is_start = models.BooleanField(_("start"), default=False)
    outcome = models.CharField(
        _("outcome (end steps only)"), max_length=16, choices=OUTCOME_CHOICES, blank=True
    )
    simulated_csat = models.PositiveSmallIntegerField(
        _("simulated CSAT (1-5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    debrief = models.TextField(_("debrief"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("key"), FieldPanel("is_start"), FieldPanel("mood")]),
        FieldPanel("customer_text"),
        FieldPanel("narrator_note"),
        FieldRowPanel([FieldPanel("outcome"), FieldPanel("simulated_csat")]),
        FieldPanel("debrief"),
        InlinePanel("replies", heading=_("Agent replies"), label=_("Reply")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("conversation step")
        constraints = [
            models.UniqueConstraint(fields=["scenario", "key"], name="unique_node_key"),
        ]

    def __str__(self) -> str:
        return self.key

    def as_spec(self) -> NodeSpec:
        return NodeSpec(
            key=self.key,
            customer_text=self.customer_text,
            mood=self.mood,
            narrator_note=self.narrator_note,
            is_start=self.is_start,
            outcome=Outcome(self.outcome) if self.outcome else None,
            simulated_csat=self.simulated_csat,
            debrief=self.debrief,
            replies=[reply.as_spec() for reply in self.replies.all()],
        )


class ScenarioReply(Orderable):
    """One thing the agent can say, scored on the rubric."""

    node = ParentalKey(ScenarioNode, on_delete=models.CASCADE, related_name="replies")
    text = models.TextField(_("the agent says"))
    target_key = models.SlugField(_("leads to step"), max_length=60)
    points = RubricPointsField(_("rubric points"), default=dict, blank=True)
    feedback = models.TextField(_("feedback"), blank=True, help_text=_("Why this works or not."))
    is_continue = models.BooleanField(
        _("continue"), default=False, help_text=_("The only way on: no real choice here.")
    )
    auto_fail = models.BooleanField(_("auto-fail"), default=False)
    auto_fail_reason = models.CharField(_("auto-fail reason"), max_length=250, blank=True)

    panels = [
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("target_key"), FieldPanel("points"), FieldPanel("is_continue")]),
        FieldPanel("feedback"),
        FieldRowPanel([FieldPanel("auto_fail"), FieldPanel("auto_fail_reason")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("reply")

    def __str__(self) -> str:
        return self.text[:80]

    def as_spec(self) -> ReplySpec:
        return ReplySpec(
            text=self.text,
            target=self.target_key,
            points=dict(self.points or {}),
            feedback=self.feedback,
            auto_fail=self.auto_fail,
            auto_fail_reason=self.auto_fail_reason,
            is_continue=self.is_continue,
        )


class ScenarioRun(models.Model):
    """One play-through. Saved after every reply, so it resumes after a reload."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scenario_runs"
    )
    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="runs")
    current_node = models.ForeignKey(
        ScenarioNode, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True, db_index=True)
    outcome = models.CharField(max_length=16, choices=OUTCOME_CHOICES, blank=True)
    simulated_csat = models.PositiveSmallIntegerField(null=True, blank=True)
    dimension_scores = models.JSONField(default=dict, blank=True)  # code -> 0..100
    overall = models.FloatField(null=True, blank=True)
    auto_failed = models.BooleanField(default=False)
    mastered = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("scenario run")
        verbose_name_plural = _("scenario runs")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "scenario"],
                condition=models.Q(finished_at__isnull=True),
                name="one_open_run_per_scenario",
            ),
            models.CheckConstraint(
                condition=models.Q(overall__isnull=True)
                | models.Q(overall__gte=0, overall__lte=100),
                name="run_overall_0_to_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.scenario}"

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None


class RunStep(models.Model):
    run = models.ForeignKey(ScenarioRun, on_delete=models.CASCADE, related_name="steps")
    number = models.PositiveSmallIntegerField()
    node = models.ForeignKey(ScenarioNode, null=True, on_delete=models.SET_NULL, related_name="+")
    reply = models.ForeignKey(ScenarioReply, null=True, on_delete=models.SET_NULL, related_name="+")
    taken_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("run step")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["run", "number"], name="unique_run_step"),
        ]

    def __str__(self) -> str:
        return f"{self.run} · step {self.number}"
