"""Quizzes, the question bank and attempts.

Content (quizzes, questions, choices) is edited in Wagtail admin; graded data (attempts,
answers, scores) lives in ordinary models. A question either belongs to one quiz (edited
inline in it) or sits in the bank under a topic, from which quizzes draw at random.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from quizzes.forms import QuestionForm, QuizForm
from quizzes.scoring import QuestionKind

QUESTION_KIND_CHOICES = [
    (QuestionKind.SINGLE.value, _("Single choice")),
    (QuestionKind.MULTIPLE.value, _("Multiple response")),
    (QuestionKind.TRUE_FALSE.value, _("True or false")),
    (QuestionKind.ORDERING.value, _("Put in order")),
    (QuestionKind.MATCHING.value, _("Matching")),
    (QuestionKind.SHORT_TEXT.value, _("Short text")),
]


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)

    panels = [FieldPanel("name")]

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FeedbackMode(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediately after each question")
    DEFERRED = "deferred", _("After submitting the whole quiz")


class RevealAnswers(models.TextChoices):
    AFTER_ATTEMPT = "after_attempt", _("After each attempt")
    AFTER_PASS = "after_pass", _("Only after passing")
    NEVER = "never", _("Never")


class Quiz(index.Indexed, ClusterableModel):
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=80, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("maximum attempts"), null=True, blank=True, help_text=_("Empty means unlimited.")
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"), null=True, blank=True, help_text=_("Empty means no limit.")
    )
    cooldown_minutes = models.PositiveIntegerField(
        _("cool-down between attempts (minutes)"), default=0
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_choices = models.BooleanField(_("shuffle choices"), default=True)
    feedback_mode = models.CharField(
        _("feedback"), max_length=16, choices=FeedbackMode.choices, default=FeedbackMode.DEFERRED
    )
    reveal_answers = models.CharField(
        _("show correct answers"),
        max_length=16,
        choices=RevealAnswers.choices,
        default=RevealAnswers.AFTER_ATTEMPT,
    )
    draw_topic = models.ForeignKey(
        Topic,
        verbose_name=_("draw questions from topic"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    draw_count = models.PositiveSmallIntegerField(
        _("number of questions to draw"),
        default=0,
        help_text=_("Each attempt adds this many random questions from the topic's bank."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("max_attempts")]),
                FieldRowPanel([FieldPanel("time_limit_minutes"), FieldPanel("cooldown_minutes")]),
                FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_choices")]),
                FieldRowPanel([FieldPanel("feedback_mode"), FieldPanel("reveal_answers")]),
            ],
            heading=_("Settings"),
        ),
        InlinePanel("questions", heading=_("Questions"), label=_("Question")),
        MultiFieldPanel(
            [FieldPanel("draw_topic"), FieldPanel("draw_count")], heading=_("Question bank")
        ),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]
    base_form_class = QuizForm

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pass_mark__lte=100), name="quiz_pass_mark_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class QuestionTag(TaggedItemBase):
    content_object = ParentalKey(
        "quizzes.Question", on_delete=models.CASCADE, related_name="tagged_items"
    )


class Question(index.Indexed, ClusterableModel, Orderable):
    quiz = ParentalKey(
        Quiz, null=True, blank=True, on_delete=models.CASCADE, related_name="questions"
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    tags = ClusterTaggableManager(through=QuestionTag, blank=True)
    kind = models.CharField(
        _("type"), max_length=16, choices=QUESTION_KIND_CHOICES, default=QuestionKind.SINGLE.value
    )
    prompt = models.TextField(_("question"))
    explanation = models.TextField(
        _("explanation"), blank=True, help_text=_("Shown with the feedback: why this is right.")
    )
    weight = models.PositiveSmallIntegerField(_("points"), default=1)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("topic"), FieldPanel("weight")]),
        FieldPanel("prompt"),
        FieldPanel("explanation"),
        FieldPanel("tags"),
        InlinePanel(
            "choices",
            heading=_("Choices"),
            label=_("Choice"),
            help_text=_(
                "Single, multiple and true/false: tick the correct choices. Ordering: list the "
                "items in the correct order. Matching: give each item its match. Short text: "
                "each choice is an accepted answer."
            ),
        ),
    ]
    search_fields = [index.SearchField("prompt"), index.FilterField("topic_id")]
    base_form_class = QuestionForm

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.prompt[:80]


class Choice(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("text"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)
    match_text = models.CharField(
        _("matches"), max_length=500, blank=True, help_text=_("Matching questions only.")
    )
    feedback = models.CharField(_("feedback"), max_length=500, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("text"), FieldPanel("is_correct")]),
        FieldRowPanel([FieldPanel("match_text"), FieldPanel("feedback")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("choice")

    def __str__(self) -> str:
        return self.text


class Attempt(models.Model):
    """One sitting of a quiz. The questions and their order are frozen when it starts."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveSmallIntegerField(_("attempt number"))
    # [{"question": id, "choices": [ids in display order], "targets": [ids] (matching)}]
    layout = models.JSONField(default=list)
    started_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    score = models.DecimalField(
        _("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    passed = models.BooleanField(null=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz", "number"], name="unique_attempt_number"
            ),
            models.UniqueConstraint(
                fields=["user", "quiz"],
                condition=models.Q(submitted_at__isnull=True),
                name="one_open_attempt_per_quiz",
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=0, score__lte=100),
                name="attempt_score_0_to_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.quiz} #{self.number}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Answer(models.Model):
    """A learner's answer to one question of an attempt; scored when the attempt is submitted."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    response = models.JSONField(default=dict)
    saved_at = models.DateTimeField(default=timezone.now)
    # Set when feedback was shown for this question alone (immediate mode): no more changes.
    locked = models.BooleanField(default=False)
    credit = models.FloatField(null=True, blank=True)  # 0..1, once scored

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="unique_answer"),
            models.CheckConstraint(
                condition=models.Q(credit__isnull=True) | models.Q(credit__gte=0, credit__lte=1),
                name="answer_credit_0_to_1",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attempt} · question {self.question_id}"
