"""factory-boy factories for people, teams and course pages.

Page factories add each page under a parent (the catalogue by default), the way Wagtail needs.
"""

import factory
from wagtail.models import Page

from courses.models import (
    CourseIndexPage,
    CoursePage,
    CoursePrerequisite,
    LearningPathCourse,
    LearningPathPage,
    LessonPage,
)
from lms.accounts.models import Team, TeamMembership, User
from quizzes.models import Choice, Question, Quiz, Topic


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"agent{n}@example.test")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):  # noqa: N805 - factory-boy's signature
        """Users can sign in unless built with ``verified=False``."""
        if create and extracted is not False:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)

    @factory.post_generation
    def trainer(obj, create, extracted, **kwargs):  # noqa: N805
        """``trainer=True`` puts the user in Wagtail's Editors group, as a trainer is."""
        if create and extracted:
            from django.conf import settings
            from django.contrib.auth.models import Group

            obj.groups.add(Group.objects.get(name=settings.TRAINER_GROUP_NAME))

    @factory.post_generation
    def totp_secret(obj, create, extracted, **kwargs):  # noqa: N805
        """Trainers and admins have a TOTP authenticator, as the academy requires of them;
        ``totp_secret="BASE32"`` picks its secret, ``totp_secret=False`` leaves it out."""
        if not create or extracted is False:
            return
        if extracted or obj.is_superuser or obj.is_staff or obj.groups.exists():
            from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

            TOTP.activate(obj, extracted or generate_totp_secret())


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Team {n}")


class TeamMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMembership

    team = factory.SubFactory(TeamFactory)
    user = factory.SubFactory(UserFactory)
    role = TeamMembership.Role.MEMBER


class PageFactory(factory.django.DjangoModelFactory):
    """Creates a live page as a child of ``parent``."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.LazyAttribute(lambda page: page.title.lower().replace(" ", "-"))

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        return page


class CourseIndexPageFactory(PageFactory):
    class Meta:
        model = CourseIndexPage

    title = factory.Sequence(lambda n: f"Catalogue {n}")
    parent = factory.LazyFunction(Page.get_first_root_node)


class CoursePageFactory(PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Course {n}")
    category = "protocol"
    summary = "What every agent needs to know."
    estimated_minutes = 30
    xp_value = 100
    parent = factory.SubFactory(CourseIndexPageFactory)


class LessonPageFactory(PageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Lesson {n}")
    estimated_minutes = 10
    body = factory.LazyFunction(
        lambda: [{"type": "paragraph", "value": "<p>Listen first, then act.</p>"}]
    )
    parent = factory.SubFactory(CoursePageFactory)


class LearningPathPageFactory(PageFactory):
    class Meta:
        model = LearningPathPage

    title = factory.Sequence(lambda n: f"Path {n}")
    parent = factory.SubFactory(CourseIndexPageFactory)


class LearningPathCourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningPathCourse

    path = factory.SubFactory(LearningPathPageFactory)
    course = factory.SubFactory(CoursePageFactory)
    due_days = 7


class CoursePrerequisiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoursePrerequisite

    course = factory.SubFactory(CoursePageFactory)
    required_course = factory.SubFactory(CoursePageFactory)


def course_with_lessons(*, index: CourseIndexPage, lessons: int = 3, **fields) -> CoursePage:
    course = CoursePageFactory(parent=index, **fields)
    for _ in range(lessons):
        LessonPageFactory(parent=course)
    return course


def lessons_of(course: CoursePage) -> list[LessonPage]:
    return list(LessonPage.objects.child_of(course).order_by("path"))


# --- quizzes -----------------------------------------------------------------------------------


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Topic {n}")


class QuizFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quiz

    title = factory.Sequence(lambda n: f"Knowledge check {n}")
    pass_mark = 80
    shuffle_choices = False


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    quiz = factory.SubFactory(QuizFactory)
    kind = "single"
    prompt = factory.Sequence(lambda n: f"Question {n}: what do you do first?")
    sort_order = factory.Sequence(lambda n: n)


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory)
    text = factory.Sequence(lambda n: f"Choice {n}")
    sort_order = factory.Sequence(lambda n: n)


def question_with_choices(*, quiz=None, kind="single", choices=(), **fields) -> Question:
    """A question whose choices are given as (text, is_correct) or (text, is_correct, match)."""
    question = QuestionFactory(quiz=quiz, kind=kind, **fields)
    for order, spec in enumerate(choices):
        text, is_correct, match = (*spec, "")[:3]
        ChoiceFactory(
            question=question, text=text, is_correct=is_correct, match_text=match, sort_order=order
        )
    return question


# --- gamification ------------------------------------------------------------------------------


class BadgeClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "gamification.BadgeClass"

    name = factory.Sequence(lambda n: f"Badge {n}")
    description = "For doing the right thing for the customer."
    criterion = "manual"


class EventFactory(factory.django.DjangoModelFactory):
    """An outbox row as a service writes it (a lesson completed, unless told otherwise)."""

    class Meta:
        model = "gamification.Event"

    user = factory.SubFactory(UserFactory)
    kind = "lesson.completed"
    key = factory.Sequence(lambda n: f"test-event:{n}")
    subject_id = factory.Sequence(lambda n: n + 1)
    payload = factory.LazyFunction(dict)


# --- KPIs (results, targets, remediation) ----------------------------------------------------


class KpiTargetFactory(factory.django.DjangoModelFactory):
    """A team's target (an agent's with ``user=``), from the Monday ``valid_from`` on."""

    class Meta:
        model = "kpis.KpiTarget"

    kpi = factory.LazyFunction(lambda: _kpi("csat"))
    team = factory.SubFactory(TeamFactory)
    value = 85
    valid_from = factory.LazyFunction(lambda: _monday())


class RemediationRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "kpis.RemediationRule"

    kpi = factory.LazyFunction(lambda: _kpi("csat"))
    consecutive_misses = 2
    due_days = 7
    cooldown_days = 28


def _monday():
    from datetime import date

    return date(2026, 11, 2)


def _kpi(code: str):
    from gamification.kpis.models import KpiDefinition

    return KpiDefinition.objects.get(code=code)


def kpi_results_send(*, user, kpi, period_start, value, sample_size=40, channel="", process=True):
    """Results as the upload and the API write them (one outbox event), then processed."""
    from decimal import Decimal

    from gamification.kpis.ingest import CleanRow
    from gamification.kpis.services import measurements_import
    from gamification.services import events_process_all

    measurements_import(
        rows=[CleanRow(1, user.pk, kpi.pk, period_start, Decimal(value), sample_size, channel)],
        source="api",
    )
    if process:
        events_process_all()
