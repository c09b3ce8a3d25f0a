"""Build the demo academy: content in four languages, a team, demo logins and some progress.

Idempotent: everything is looked up before it is created, and progress goes through the
same services learners use, which are no-ops on repeat. Refuses to run with DEBUG off so the
well-known demo passwords never reach a production database.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from courses import learner_cache, services
from courses.blocks import required_quiz_ids
from courses.demo_content import CATALOGUE, COURSES, PATHS, TRANSLATIONS
from courses.models import (
    Assignment,
    CourseIndexPage,
    CoursePage,
    CoursePrerequisite,
    LearningPathCourse,
    LearningPathPage,
    LessonPage,
)
from gamification.demo import ensure_demo_badges, ensure_demo_season
from gamification.kpis.demo import ensure_demo_kpis
from lms.accounts.models import Invitation, Team, TeamMembership, User, token_digest
from quizzes import services as quiz_services
from quizzes.demo import ensure_demo_quizzes
from quizzes.models import Quiz
from quizzes.scoring import model_response
from quizzes.selectors import passed_quiz_ids
from scenarios.demo import ensure_demo_scenarios

DEMO_PASSWORD = "academy-demo"

# (email, first name, last name, role in the demo team or None)
DEMO_PEOPLE = [
    ("admin@academy.test", "Aada", "Admin", None),
    ("trainer@academy.test", "Tomas", "Trainer", None),
    ("lead@academy.test", "Leena", "Virtanen", TeamMembership.Role.LEAD),
    ("newhire@academy.test", "Noah", "Lindqvist", TeamMembership.Role.MEMBER),
    ("agent@academy.test", "Aino", "Korhonen", TeamMembership.Role.MEMBER),
    ("mikko@academy.test", "Mikko", "Nieminen", TeamMembership.Role.MEMBER),
    ("olena@academy.test", "Olena", "Kovalenko", TeamMembership.Role.MEMBER),
]
DEMO_TEAM = "Helpdesk North"
# Experienced people joined long ago (their KPI history starts then); the new hire joins today.
JOINED_DAYS_AGO = {"lead": 900, "agent": 700, "mikko": 420, "olena": 260}


class Command(BaseCommand):
    help = "Create the demo academy (content, team, logins). Safe to run more than once."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates logins with a published password and only runs with DEBUG on."
            )
        with transaction.atomic():
            locales = self._ensure_locales()
            index = self._ensure_catalogue()
            courses = {spec["slug"]: self._ensure_course(index, spec) for spec in COURSES}
            self._ensure_prerequisites(courses)
            paths = {spec["slug"]: self._ensure_path(index, spec, courses) for spec in PATHS}
            ensure_demo_quizzes(courses=courses, paths=paths)
            scenarios = ensure_demo_scenarios()
            ensure_demo_badges(courses=courses, paths=paths, scenarios=scenarios)
            ensure_demo_season()
            for code, locale in locales.items():
                if code != settings.LANGUAGE_CODE:
                    self._ensure_locale_tree(index, locale, TRANSLATIONS.get(code, {}))
            people = self._ensure_people()
            self._ensure_progress(people, courses, paths)
            self._ensure_assignments(people, courses, paths)
            ensure_demo_kpis(people=people, courses=courses, scenarios=scenarios)
            # Olena keeps her name off the leaderboards: others see "Anonymous agent".
            User.objects.filter(email="olena@academy.test").update(leaderboard_opt_out=True)
            # Progress and assignments above were partly written with update(): no signals.
            learner_cache.everyone_changed()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo academy ready: {len(courses)} courses, {len(paths)} paths, "
                f"{len(people)} logins (password '{DEMO_PASSWORD}')."
            )
        )

    # --- content ------------------------------------------------------------------------------

    def _ensure_locales(self) -> dict[str, Locale]:
        return {
            code: Locale.objects.get_or_create(language_code=code)[0]
            for code, _name in settings.LANGUAGES
        }

    def _publish(self, page: Page) -> None:
        page.save_revision().publish()

    def _ensure_catalogue(self) -> CourseIndexPage:
        default_locale = Locale.get_default()
        index = CourseIndexPage.objects.filter(locale=default_locale).first()
        if index is None:
            root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
            index = CourseIndexPage(
                title=CATALOGUE["title"], slug=CATALOGUE["slug"], intro=CATALOGUE["intro"]
            )
            root.add_child(instance=index)
            self._publish(index)
            # Wagtail's migrations leave a placeholder welcome page; the catalogue replaces it.
            Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=index,
                is_default_site=True,
                site_name=str(settings.WAGTAIL_SITE_NAME),
            )
        elif site.root_page_id != index.pk:
            site.root_page = index
            site.save()
        return index

    def _child(self, parent: Page, model, slug: str):
        return model.objects.child_of(parent).filter(slug=slug).first()

    def _ensure_course(self, index: CourseIndexPage, spec: dict) -> CoursePage:
        course = self._child(index, CoursePage, spec["slug"])
        if course is None:
            course = CoursePage(
                title=spec["title"],
                slug=spec["slug"],
                category=spec["category"],
                summary=spec["summary"],
                estimated_minutes=spec["estimated_minutes"],
                xp_value=spec["xp_value"],
            )
            index.add_child(instance=course)
            self._publish(course)
        for lesson_spec in spec["lessons"]:
            if self._child(course, LessonPage, lesson_spec["slug"]) is None:
                lesson = LessonPage(
                    title=lesson_spec["title"],
                    slug=lesson_spec["slug"],
                    estimated_minutes=lesson_spec["estimated_minutes"],
                    body=lesson_spec["body"],
                )
                course.add_child(instance=lesson)
                self._publish(lesson)
        return course

    def _ensure_prerequisites(self, courses: dict[str, CoursePage]) -> None:
        for spec in COURSES:
            course = courses[spec["slug"]]
            for sort_order, required_slug in enumerate(spec.get("prerequisites", [])):
                CoursePrerequisite.objects.get_or_create(
                    course=course,
                    required_course=courses[required_slug],
                    defaults={"sort_order": sort_order},
                )

    def _ensure_path(
        self, index: CourseIndexPage, spec: dict, courses: dict[str, CoursePage]
    ) -> LearningPathPage:
        path = self._child(index, LearningPathPage, spec["slug"])
        if path is None:
            path = LearningPathPage(title=spec["title"], slug=spec["slug"], intro=spec["intro"])
            for sort_order, (course_slug, due_days) in enumerate(spec["courses"]):
                path.steps.add(
                    LearningPathCourse(
                        course=courses[course_slug], due_days=due_days, sort_order=sort_order
                    )
                )
            index.add_child(instance=path)
            self._publish(path)
        return path

    def _ensure_locale_tree(self, index: CourseIndexPage, locale: Locale, content: dict) -> None:
        """Give ``locale`` a copy of every page: a translation where demo content has one,
        otherwise an alias that shows the English page under the translated interface."""
        translated = self._translate(
            index, locale, content.get("catalogue"), self._catalogue_fields
        )
        del translated
        for course in CoursePage.objects.child_of(index).order_by("path"):
            course_content = content.get("courses", {}).get(course.slug)
            self._translate(course, locale, course_content, self._course_fields)
            lessons = (course_content or {}).get("lessons", {})
            for lesson in LessonPage.objects.child_of(course).order_by("path"):
                self._translate(lesson, locale, lessons.get(lesson.slug), self._lesson_fields)
        for path in LearningPathPage.objects.child_of(index).order_by("path"):
            self._translate(
                path, locale, content.get("paths", {}).get(path.slug), self._path_fields
            )

    def _translate(self, page: Page, locale: Locale, fields: dict | None, apply) -> Page:
        existing = page.get_translation_or_none(locale)
        if existing is not None:
            return existing
        if not fields:
            return page.copy_for_translation(locale, copy_parents=True, alias=True)
        translation = page.copy_for_translation(locale, copy_parents=True).specific
        apply(translation, fields)
        translation.save()
        self._publish(translation)
        return translation

    @staticmethod
    def _catalogue_fields(page: CourseIndexPage, fields: dict) -> None:
        page.title = fields["title"]
        page.intro = fields.get("intro", page.intro)

    @staticmethod
    def _course_fields(page: CoursePage, fields: dict) -> None:
        page.title = fields["title"]
        page.summary = fields.get("summary", page.summary)

    @staticmethod
    def _lesson_fields(page: LessonPage, fields: dict) -> None:
        page.title = fields["title"]
        if "body" in fields:
            # The copy still carries the English body: keep its knowledge checks at the end.
            checks = [
                {"type": block["type"], "value": block["value"]}
                for block in page.body.raw_data
                if block["type"] == "quiz"
            ]
            page.body = [*fields["body"], *checks]

    @staticmethod
    def _path_fields(page: LearningPathPage, fields: dict) -> None:
        page.title = fields["title"]
        page.intro = fields.get("intro", page.intro)

    # --- people and progress ------------------------------------------------------------------

    def _ensure_people(self) -> dict[str, User]:
        from allauth.account.models import EmailAddress

        team, _created = Team.objects.get_or_create(name=DEMO_TEAM)
        trainers = Group.objects.get(name=settings.TRAINER_GROUP_NAME)
        people = {}
        for email, first_name, last_name, role in DEMO_PEOPLE:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(
                    email=email, password=DEMO_PASSWORD, first_name=first_name, last_name=last_name
                )
                if email.startswith("admin@"):
                    user.is_staff = user.is_superuser = True
                    user.save(update_fields=["is_staff", "is_superuser"])
                if email.startswith("trainer@"):
                    # Also a moderator, so the demo trainer can publish without a second person.
                    user.groups.add(trainers, Group.objects.get(name="Moderators"))
            EmailAddress.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            if role is not None:
                days = JOINED_DAYS_AGO.get(email.split("@", 1)[0], 0)
                TeamMembership.objects.get_or_create(
                    team=team,
                    user=user,
                    defaults={"role": role, "joined_at": timezone.now() - timedelta(days=days)},
                )
            people[email.split("@", 1)[0]] = user
        return people

    def _ensure_progress(
        self,
        people: dict[str, User],
        courses: dict[str, CoursePage],
        paths: dict[str, LearningPathPage],
    ) -> None:
        onboarding = next(iter(paths.values()))
        for name in ("newhire", "agent", "mikko", "olena"):
            services.path_start(user=people[name], path=onboarding)
        # Experienced agents have finished some courses; the new hire starts from zero.
        finished = {"agent": 3, "mikko": 2, "olena": 1}
        course_list = list(courses.values())
        for name, count in finished.items():
            for course in course_list[:count]:
                if services.missing_prerequisites(user=people[name], course=course):
                    continue
                for lesson in LessonPage.objects.live().child_of(course).order_by("path"):
                    self._pass_knowledge_checks(people[name], lesson)
                    services.lesson_complete(user=people[name], lesson=lesson)

    def _ensure_assignments(
        self,
        people: dict[str, User],
        courses: dict[str, CoursePage],
        paths: dict[str, LearningPathPage],
    ) -> None:
        """What a lead's Friday looks like: onboarding under way, one item overdue, one invite."""
        team = Team.objects.get(name=DEMO_TEAM)
        team.default_path = next(iter(paths.values()))
        team.save(update_fields=["default_path"])
        # Data protection is a compliance course: it must be redone every year.
        CoursePage.objects.filter(pk=courses["data-protection-on-calls"].pk).update(
            valid_for_months=12
        )
        lead = people["lead"]
        today = lead.local_today()
        services.onboarding_assign(user=people["newhire"], team=team, joined_on=today)
        services.assignments_create(
            assigned_by=lead,
            users=[people["agent"], people["mikko"], people["olena"]],
            item=courses["refunds-and-returns"],
            due_on=today + timedelta(days=10),
            note="The goodwill credit limits changed on the 1st: please refresh before peak.",
        )
        empathy = services.assignments_create(
            assigned_by=lead,
            users=[people["mikko"]],
            item=courses["empathy-in-written-replies"],
            due_on=today,
        )
        # Assigned two weeks ago and due yesterday, so the dashboard has something overdue.
        Assignment.objects.filter(pk__in=[a.pk for a in empathy.created]).update(
            due_on=today - timedelta(days=1), created_at=timezone.now() - timedelta(days=14)
        )
        Invitation.objects.get_or_create(
            team=team,
            email="sofia@academy.test",
            accepted_at=None,
            revoked_at=None,
            defaults={
                "invited_by": lead,
                "token_hash": token_digest(secrets.token_urlsafe(32)),
                "expires_at": timezone.now() + timedelta(days=14),
            },
        )

    def _pass_knowledge_checks(self, user: User, lesson: LessonPage) -> None:
        """Demo agents who finished a course passed its knowledge checks, first time."""
        required = required_quiz_ids(lesson.body)
        for quiz in Quiz.objects.filter(pk__in=required):
            if passed_quiz_ids(user=user, quiz_ids=[quiz.pk]):
                continue
            attempt = quiz_services.attempt_start(user=user, quiz=quiz)
            keys = quiz_services.question_keys(quiz_services.layout_questions(attempt))
            quiz_services.answers_save(
                user=user,
                attempt_id=attempt.pk,
                responses={qid: model_response(key) for qid, key in keys.items()},
            )
            quiz_services.attempt_submit(user=user, attempt_id=attempt.pk)
