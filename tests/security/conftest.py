"""One academy for the whole role matrix, built once per module and rolled back at its end.

Every test of the matrix runs in its own savepoint inside that academy (pytest-django's usual
per-test transaction), so a POST that succeeds (a confirmed import, a revoked invitation) is
undone before the next check: no check depends on the order they run in.
"""

import datetime
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client

ROLES = ("anonymous", "agent", "lead_same_team", "lead_other_team", "trainer", "admin")


@dataclass
class World:
    """Who is who, and what each of them owns."""

    users: dict  # role -> User (no entry for anonymous)
    team: object
    other_team: object
    co_lead: object  # a second lead of ``team``
    colleague: object  # another agent of ``team``
    other_agent: object  # an agent of ``other_team``
    catalogue: object
    course: object
    lesson: object
    draft_course: object
    path: object
    quiz: object
    question: object
    scenario: object
    draft_scenario: object
    assignment: object  # of the agent, in ``team``
    other_assignment: object  # of ``other_agent``, in ``other_team``
    invitation: object  # open, ``team``
    other_invitation: object  # open, ``other_team``
    tokens: dict  # "new", "agent", "revoked" -> raw invitation token
    imports: dict  # "lead", "other_lead" -> KpiImport uploaded by them
    exports: dict  # "lead", "co_lead" -> finished TeamExport asked for by them
    firing: object  # a remediation of the agent
    document: object
    sessions: dict = field(default_factory=dict)  # role -> session key of a signed-in client

    @property
    def agent(self):
        return self.users["agent"]

    @property
    def lead(self):
        return self.users["lead_same_team"]

    @property
    def other_lead(self):
        return self.users["lead_other_team"]

    def attempt_of(self, user):
        """``user``'s open attempt at the quiz (the agent's when nobody is signed in)."""
        from quizzes.services import attempt_start

        return attempt_start(user=user or self.agent, quiz=self.quiz)

    def run_of(self, user):
        """``user``'s open run of the scenario (the agent's when nobody is signed in)."""
        from scenarios.services import scenario_start

        return scenario_start(user=user or self.agent, scenario=self.scenario)


def _monday(weeks_ago: int) -> datetime.date:
    today = datetime.date(2026, 3, 2)  # a Monday; KPI periods start on one
    return today - datetime.timedelta(weeks=weeks_ago)


def _people():
    from lms.accounts.models import TeamMembership
    from tests.factories import TeamFactory, TeamMembershipFactory, UserFactory

    lead_role = TeamMembership.Role.LEAD
    team = TeamFactory(name="Helpdesk North")
    other_team = TeamFactory(name="Helpdesk South")
    users = {
        "agent": UserFactory(email="agent@example.test"),
        "lead_same_team": UserFactory(email="lead@example.test"),
        "lead_other_team": UserFactory(email="south-lead@example.test"),
        # Trainers and admins as the shared factories make them (with their TOTP device).
        "trainer": UserFactory(email="trainer@example.test", trainer=True),
        "admin": UserFactory(email="admin@example.test", is_superuser=True, is_staff=True),
    }
    co_lead = UserFactory(email="co-lead@example.test")
    colleague = UserFactory(email="colleague@example.test")
    other_agent = UserFactory(email="south-agent@example.test")
    TeamMembershipFactory(team=team, user=users["agent"])
    TeamMembershipFactory(team=team, user=colleague)
    TeamMembershipFactory(team=team, user=users["lead_same_team"], role=lead_role)
    TeamMembershipFactory(team=team, user=co_lead, role=lead_role)
    TeamMembershipFactory(team=other_team, user=users["lead_other_team"], role=lead_role)
    TeamMembershipFactory(team=other_team, user=other_agent)
    return users, team, other_team, co_lead, colleague, other_agent


def _catalogue():
    from wagtail.models import Site

    from tests.factories import (
        CourseIndexPageFactory,
        CoursePageFactory,
        LearningPathCourseFactory,
        LearningPathPageFactory,
        course_with_lessons,
        lessons_of,
    )

    catalogue = CourseIndexPageFactory(title="Catalogue", slug="catalogue")
    site = Site.objects.get(is_default_site=True)
    site.root_page = catalogue
    site.save()
    course = course_with_lessons(index=catalogue, lessons=2, title="Refund policy")
    draft = CoursePageFactory(parent=catalogue, title="Unpublished course", live=False)
    path = LearningPathPageFactory(parent=catalogue, title="First two weeks")
    LearningPathCourseFactory(path=path, course=course, due_days=3)
    return catalogue, course, lessons_of(course)[0], draft, path


def _quiz():
    from tests.factories import QuizFactory, question_with_choices

    quiz = QuizFactory(title="Refunds check", pass_mark=70, max_attempts=None)
    question = question_with_choices(
        quiz=quiz, prompt="Refund in the window?", choices=[("Yes", True), ("No", False)]
    )
    return quiz, question


def _scenarios():
    from scenarios.services import scenario_create_from_spec
    from tests.scenarios.conftest import late_parcel_spec

    live = scenario_create_from_spec(spec=late_parcel_spec())
    draft = scenario_create_from_spec(spec=late_parcel_spec(), live=False)
    return live, draft


def _invitations(team, other_team, lead, other_lead, agent):
    from lms.accounts.services import invitation_create, invitation_revoke

    base = "http://testserver/"
    new = invitation_create(team=team, email="new@example.test", invited_by=lead, base_url=base)
    theirs = invitation_create(
        team=other_team, email="elsewhere@example.test", invited_by=other_lead, base_url=base
    )
    # The agent is asked to join the other team too: only the agent may accept it.
    for_agent = invitation_create(
        team=other_team, email=agent.email, invited_by=other_lead, base_url=base
    )
    revoked = invitation_create(
        team=team, email="withdrawn@example.test", invited_by=lead, base_url=base
    )
    invitation_revoke(invitation=revoked.invitation)
    tokens = {"new": new.token, "agent": for_agent.token, "revoked": revoked.token}
    return new.invitation, theirs.invitation, tokens


def _kpi_import(user, team, agent):
    from gamification.kpis.services import upload_preview

    header = "agent_email,kpi_code,period_start,value,sample_size,channel"
    body = f"{header}\r\n{agent.email},csat,{_monday(1)},90,40,\r\n"
    upload = SimpleUploadedFile("results.csv", body.encode(), content_type="text/csv")
    return upload_preview(uploaded_by=user, team=team, upload=upload)


def _finished_export(user, team):
    from django.utils import timezone

    from lms.team.models import TeamExport
    from lms.team.services import export_start

    export = export_start(
        requested_by=user,
        team=team,
        kind=TeamExport.Kind.MATRIX,
        format=TeamExport.Format.CSV,
        params={"filters": {}},
    )
    # Built as the task would have: the file and the DONE status the download needs.
    export.file.save("progress.csv", ContentFile(b"agent,course\r\n"), save=False)
    export.status = TeamExport.Status.DONE
    export.finished_at = timezone.now()
    export.save()
    return export


def _remediation(team, agent, course):
    from gamification.kpis.models import KpiDefinition, RemediationFiring
    from tests.factories import KpiTargetFactory, RemediationRuleFactory, kpi_results_send

    csat = KpiDefinition.objects.get(code="csat")
    KpiTargetFactory(team=team, kpi=csat, value=85, valid_from=_monday(5))
    RemediationRuleFactory(kpi=csat, course=course, consecutive_misses=2)
    for weeks_ago in (3, 2):
        kpi_results_send(user=agent, kpi=csat, period_start=_monday(weeks_ago), value="70")
    return RemediationFiring.objects.get(user=agent)


def _document():
    from wagtail.documents.models import Document

    document = Document(title="Refund form")
    document.file.save("refund-form.txt", ContentFile(b"Refund form"), save=False)
    document.save()
    return document


def build_world() -> World:
    from courses import services as course_services

    users, team, other_team, co_lead, colleague, other_agent = _people()
    agent, lead, other_lead = users["agent"], users["lead_same_team"], users["lead_other_team"]
    catalogue, course, lesson, draft_course, path = _catalogue()
    quiz, question = _quiz()
    scenario, draft_scenario = _scenarios()
    due = datetime.date.today() + datetime.timedelta(days=7)  # noqa: DTZ011 - a date only
    assignment = course_services.assignments_create(
        assigned_by=lead, users=[agent], item=course, due_on=due
    ).created[0]
    other_assignment = course_services.assignments_create(
        assigned_by=other_lead, users=[other_agent], item=course, due_on=due
    ).created[0]
    invitation, other_invitation, tokens = _invitations(team, other_team, lead, other_lead, agent)
    world = World(
        users=users,
        team=team,
        other_team=other_team,
        co_lead=co_lead,
        colleague=colleague,
        other_agent=other_agent,
        catalogue=catalogue,
        course=course,
        lesson=lesson,
        draft_course=draft_course,
        path=path,
        quiz=quiz,
        question=question,
        scenario=scenario,
        draft_scenario=draft_scenario,
        assignment=assignment,
        other_assignment=other_assignment,
        invitation=invitation,
        other_invitation=other_invitation,
        tokens=tokens,
        imports={
            "lead": _kpi_import(lead, team, agent),
            "other_lead": _kpi_import(other_lead, other_team, other_agent),
        },
        exports={"lead": _finished_export(lead, team), "co_lead": _finished_export(co_lead, team)},
        firing=_remediation(team, agent, course),
        document=_document(),
    )
    # Attempts and runs of the people who own objects before any test starts.
    for user in (agent, colleague, lead, other_lead):
        world.attempt_of(user)
        world.run_of(user)
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        world.sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The academy, inside a transaction rolled back when the module is done."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


def pytest_terminal_summary(terminalreporter):
    from tests.security.matrix import matrix_size

    terminalreporter.write_line(matrix_size())
