"""Course content (Wagtail pages) and learner progress (ordinary models).

Progress rows always point at the page in the default locale: a learner who completes the
Finnish translation of a lesson has completed the lesson. Pages of every locale are matched to
progress through their shared ``translation_key``.
"""

import copy

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from courses.blocks import LessonBodyBlock


class LearnerPage(Page):
    """Pages only signed-in people may read: the academy is for staff, not the public."""

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().serve(request, *args, **kwargs)

    # Routing and the view-restriction check read the page tree on every request; the tree
    # changes only when pages are saved, moved or deleted, so both read the content cache
    # (``courses.content_cache``) instead. Same results as Wagtail's own implementations.

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        from courses import content_cache

        slug = path_components[0]

        def child():
            return self.get_children().filter(slug=slug).specific().first()

        subpage = content_cache.get(f"child:{self.pk}:{self.path}:{slug}", child)
        if not subpage:
            raise Http404
        # A copy: the cached page is shared by the requests this process serves.
        subpage = copy.copy(subpage)
        subpage._cached_parent_obj = self
        return subpage.route(request, path_components[1:])

    def get_view_restrictions(self):
        from courses import content_cache

        def page_ids():
            # Wagtail's rule: this page and its ancestors, each alias replaced by its source.
            ids = set()

            def add(page):
                if page.alias_of_id:
                    add(page.alias_of)
                else:
                    ids.add(page.pk)

            add(self)
            for page in self.get_ancestors().only("alias_of"):
                add(page)
            return sorted(ids)

        ids = content_cache.get(f"restriction-pages:{self.pk}:{self.path}", page_ids)
        # Which pages have a restriction at all: usually none, and then no query.
        restricted = content_cache.get(
            "restricted-pages",
            lambda: sorted(set(PageViewRestriction.objects.values_list("page_id", flat=True))),
        )
        if not set(ids) & set(restricted):
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(page_id__in=ids)


def final_assessment_field(help_text) -> models.ForeignKey:
    """An optional quiz that must be passed before a course or path counts as completed."""
    return models.ForeignKey(
        "quizzes.Quiz",
        verbose_name=_("final assessment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


class CourseCategory(models.TextChoices):
    PRODUCT = "product", _("Product")
    PROTOCOL = "protocol", _("Protocol")
    SOFT_SKILL = "soft_skill", _("Soft skill")


class CourseIndexPage(LearnerPage):
    """The catalogue: every course and learning path of one locale."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    # The catalogue is the root of each locale's tree; courses and paths hang directly below it.
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CoursePage", "courses.LearningPathPage"]

    class Meta:
        verbose_name = _("course catalogue")

    @property
    def localized(self):
        """The catalogue in the active language, from the content cache.

        Wagtail routes every learner page through ``site.root_page.localized``, which costs a
        locale and a page query per request. A copy: the cached page is shared by requests.
        """
        from courses import content_cache

        key = f"catalogue:{self.pk}:{translation.get_language()}"
        return copy.copy(content_cache.get(key, lambda: super(CourseIndexPage, self).localized))

    def get_context(self, request, *args, **kwargs):
        from courses import selectors

        context = super().get_context(request, *args, **kwargs)
        category = request.GET.get("category", "")
        if category not in CourseCategory.values:
            category = ""
        context["category"] = category
        context["categories"] = CourseCategory.choices
        context["cards"] = selectors.catalogue_cards(
            user=request.user, index=self, category=category or None
        )
        context["paths"] = selectors.catalogue_paths(user=request.user, index=self)
        return context


class CoursePage(LearnerPage):
    category = models.CharField(
        _("category"), max_length=16, choices=CourseCategory.choices, db_index=True
    )
    summary = models.TextField(_("summary"), max_length=500)
    estimated_minutes = models.PositiveIntegerField(_("estimated minutes"), default=30)
    xp_value = models.PositiveIntegerField(
        _("XP value"), default=100, help_text=_("XP awarded once for completing the course.")
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    final_assessment = final_assessment_field(
        _("When set, the course completes only once this quiz is passed.")
    )
    valid_for_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        help_text=_(
            "For compliance courses: a completion expires after this many months and the "
            "course is assigned again before then. Leave empty when it never expires."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("category"),
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        MultiFieldPanel(
            [FieldPanel("estimated_minutes"), FieldPanel("xp_value")],
            heading=_("Effort and reward"),
        ),
        InlinePanel("prerequisites", label=_("Prerequisite courses")),
        FieldPanel("final_assessment"),
        FieldPanel("valid_for_months"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["courses.CourseIndexPage"]
    # A course is a sequence of lessons; nothing else belongs under it.
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("course")

    def get_context(self, request, *args, **kwargs):
        from courses import selectors

        context = super().get_context(request, *args, **kwargs)
        context["outline"] = selectors.course_outline(user=request.user, course=self)
        return context


class CoursePrerequisite(Orderable):
    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="prerequisites")
    required_course = models.ForeignKey(
        CoursePage,
        verbose_name=_("required course"),
        on_delete=models.CASCADE,
        related_name="required_by",
    )

    panels = [FieldPanel("required_course")]

    class Meta(Orderable.Meta):
        verbose_name = _("prerequisite")


class LessonPage(LearnerPage):
    estimated_minutes = models.PositiveIntegerField(_("estimated minutes"), default=10)
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("estimated_minutes"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")

    def get_context(self, request, *args, **kwargs):
        from courses import selectors

        context = super().get_context(request, *args, **kwargs)
        context["lesson_nav"] = selectors.lesson_navigation(user=request.user, lesson=self)
        return context


class LearningPathPage(LearnerPage):
    """An ordered list of courses with due dates counted from the day the learner starts."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    final_assessment = final_assessment_field(
        _("When set, the path completes only once this quiz is passed.")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("steps", label=_("Courses"), min_num=1),
        FieldPanel("final_assessment"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("learning path")

    def get_context(self, request, *args, **kwargs):
        from courses import selectors

        context = super().get_context(request, *args, **kwargs)
        context["path_progress"] = selectors.path_detail(user=request.user, path=self)
        return context


class LearningPathCourse(Orderable):
    path = ParentalKey(LearningPathPage, on_delete=models.CASCADE, related_name="steps")
    course = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.CASCADE, related_name="+"
    )
    due_days = models.PositiveIntegerField(
        _("due after (days)"), default=7, help_text=_("Due this many days after the path starts.")
    )

    panels = [FieldPanel("course"), FieldPanel("due_days")]

    class Meta(Orderable.Meta):
        verbose_name = _("course in path")


# --- Progress ---------------------------------------------------------------------------------


class Enrolment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="enrolments")
    enrolled_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # Set when recertification reopens a completed course: lessons finished before this moment
    # must be done again for the course to complete again.
    reopened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="unique_enrolment"),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.course}"

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


class LessonCompletion(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_completions"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="completions")
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lesson completion")
        verbose_name_plural = _("lesson completions")
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="unique_lesson_completion"),
        ]

    def __str__(self) -> str:
        return f"{self.user} completed {self.lesson}"


class PathEnrolment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="path_enrolments"
    )
    path = models.ForeignKey(
        LearningPathPage, on_delete=models.CASCADE, related_name="path_enrolments"
    )
    started_on = models.DateField(_("started on"))
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("learning path enrolment")
        verbose_name_plural = _("learning path enrolments")
        constraints = [
            models.UniqueConstraint(fields=["user", "path"], name="unique_path_enrolment"),
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.path}"


# --- Assignments -------------------------------------------------------------------------------


class Assignment(models.Model):
    """A course or learning path someone must finish by a due date."""

    class Reason(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned by a team lead")
        ONBOARDING = "onboarding", _("Team onboarding")
        RECERTIFICATION = "recertification", _("Recertification")
        REMEDIATION = "remediation", _("KPI target missed")

    class Closed(models.TextChoices):
        CANCELLED = "cancelled", _("Cancelled")
        RENEWED = "renewed", _("Replaced by a recertification")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments"
    )
    course = models.ForeignKey(
        CoursePage, null=True, blank=True, on_delete=models.CASCADE, related_name="assignments"
    )
    path = models.ForeignKey(
        LearningPathPage,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    due_on = models.DateField(_("due on"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    reason = models.CharField(
        _("reason"), max_length=20, choices=Reason.choices, default=Reason.ASSIGNED
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assignments_given",
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_reason = models.CharField(max_length=16, choices=Closed.choices, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(course__isnull=False, path__isnull=True)
                    | models.Q(course__isnull=True, path__isnull=False)
                ),
                name="assignment_course_xor_path",
            ),
            # Assigning what is already assigned must not duplicate it.
            models.UniqueConstraint(
                fields=["user", "course"],
                condition=models.Q(closed_at__isnull=True, course__isnull=False),
                name="one_open_course_assignment",
            ),
            models.UniqueConstraint(
                fields=["user", "path"],
                condition=models.Q(closed_at__isnull=True, path__isnull=False),
                name="one_open_path_assignment",
            ),
        ]
        indexes = [models.Index(fields=["due_on"], name="assignment_due")]

    def __str__(self) -> str:
        return f"{self.item} for {self.user} by {self.due_on}"

    @property
    def item(self) -> "CoursePage | LearningPathPage":
        return self.course or self.path  # type: ignore[return-value]

    @property
    def item_key(self) -> str:
        """A stable column key for matrices: ``c<id>`` for courses, ``p<id>`` for paths."""
        return f"c{self.course_id}" if self.course_id else f"p{self.path_id}"


class Certification(models.Model):
    """A completion of an expiring course, kept when recertification reopens the course."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certifications"
    )
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField(_("completed"))
    expires_on = models.DateField(_("expires on"))
    renewal = models.OneToOneField(
        Assignment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course", "completed_at"], name="unique_certification"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.course} until {self.expires_on}"


class SentReminder(models.Model):
    """One row per reminder ever sent; its unique key makes re-runs and retries no-ops."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")
        LEAD_DIGEST = "lead_digest", _("Weekly overdue digest")

    key = models.CharField(max_length=120, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    assignment = models.ForeignKey(
        Assignment, null=True, blank=True, on_delete=models.CASCADE, related_name="reminders"
    )
    created_at = models.DateTimeField(default=timezone.now)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")

    def __str__(self) -> str:
        return self.key
