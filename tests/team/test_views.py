"""The team lead's pages: who may see them, and what a lead sees and does there."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from courses import services as course_services
from courses.models import Assignment, Enrolment
from lms.accounts.models import Invitation, TeamMembership
from lms.accounts.services import invitation_create
from tests.factories import UserFactory, lessons_of

pytestmark = pytest.mark.django_db


def _in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def assignment(lead, agents, courses):
    outcome = course_services.assignments_create(
        assigned_by=lead, users=agents[:1], item=courses[0], due_on=_in_days(7)
    )
    return outcome.created[0]


@pytest.fixture
def invitation(team, lead):
    return invitation_create(
        team=team, email="new@example.test", invited_by=lead, base_url="http://testserver/"
    ).invitation


def _team_urls(team, agents, assignment, invitation):
    """(method, url) for every team view; a new view must be added here to be covered."""
    t = team.pk
    return [
        ("get", reverse("team:dashboard", args=[t])),
        ("get", reverse("team:onboarding", args=[t])),
        ("get", reverse("team:insights", args=[t])),
        ("get", reverse("team:kpis", args=[t])),
        ("get", reverse("team:assign", args=[t])),
        ("post", reverse("team:assign", args=[t])),
        ("get", reverse("team:agent", args=[t, agents[0].pk])),
        ("post", reverse("team:assignment_update", args=[t, assignment.pk])),
        ("get", reverse("team:invitations", args=[t])),
        ("post", reverse("team:invitations", args=[t])),
        ("post", reverse("team:invitation_resend", args=[t, invitation.pk])),
        ("post", reverse("team:invitation_revoke", args=[t, invitation.pk])),
    ]


def test_every_team_view_is_covered_by_the_permission_tests(team, agents, assignment, invitation):
    """A new team view without an entry in ``_team_urls`` fails here (exports have their own)."""
    from django.urls import resolve

    from lms.team import urls

    covered = {
        resolve(url).url_name for _m, url in _team_urls(team, agents, assignment, invitation)
    }
    exports = {name for name in (p.name for p in urls.urlpatterns) if "export" in name}
    # Tested with a remediation firing in tests/kpis/test_remediation.py.
    elsewhere = {"remediation_cancel"}
    assert {p.name for p in urls.urlpatterns} - exports - elsewhere - {"home"} == covered


def test_an_agent_gets_403_on_every_team_view(client, team, agents, assignment, invitation):
    client.force_login(agents[1])
    for method, url in _team_urls(team, agents, assignment, invitation):
        response = getattr(client, method)(url)
        assert response.status_code == 403, (method, url)
    assert client.get(reverse("team:home")).status_code == 403
    assert Assignment.objects.get(pk=assignment.pk).closed_at is None
    assert Invitation.objects.get(pk=invitation.pk).revoked_at is None


def test_a_lead_of_another_team_gets_404_on_every_team_view(
    client, other_lead, team, agents, assignment, invitation
):
    client.force_login(other_lead)
    for method, url in _team_urls(team, agents, assignment, invitation):
        response = getattr(client, method)(url, {"action": "cancel"} if method == "post" else None)
        assert response.status_code == 404, (method, url)
    assert Assignment.objects.get(pk=assignment.pk).closed_at is None
    assert Invitation.objects.get(pk=invitation.pk).revoked_at is None


def test_anonymous_visitors_are_sent_to_sign_in(client, team, agents, assignment, invitation):
    for method, url in _team_urls(team, agents, assignment, invitation):
        response = getattr(client, method)(url)
        assert response.status_code == 302, (method, url)
        assert reverse("account_login") in response["Location"]


def test_the_lead_and_an_admin_can_open_every_page(
    client, lead, admin_user, team, agents, assignment, invitation
):
    for user in (lead, admin_user):
        client.force_login(user)
        for method, url in _team_urls(team, agents, assignment, invitation):
            if method == "get":
                assert client.get(url).status_code == 200, (user, url)


def test_a_lead_cannot_drill_into_someone_outside_the_team(lead_client, team, other_lead):
    response = lead_client.get(reverse("team:agent", args=[team.pk, other_lead.pk]))
    assert response.status_code == 404


def test_a_lead_cannot_change_an_assignment_of_another_team(lead_client, team, other_lead, courses):
    theirs = course_services.assignments_create(
        assigned_by=other_lead, users=[other_lead], item=courses[0], due_on=_in_days(3)
    ).created[0]
    url = reverse("team:assignment_update", args=[team.pk, theirs.pk])
    assert lead_client.post(url, {"action": "cancel"}).status_code == 404
    assert Assignment.objects.get(pk=theirs.pk).closed_at is None


def test_home_sends_a_lead_of_one_team_to_its_dashboard(lead_client, team):
    response = lead_client.get(reverse("team:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("team:dashboard", args=[team.pk])


# --- the matrix -----------------------------------------------------------------------------


def test_the_matrix_shows_each_agents_status_and_due_date(lead_client, lead, team, agents, courses):
    course_services.assignments_create(
        assigned_by=lead, users=agents, item=courses[0], due_on=_in_days(5)
    )
    overdue = Assignment.objects.get(user=agents[2], course=courses[0])
    Assignment.objects.filter(pk=overdue.pk).update(due_on=_in_days(-2))
    course_services.course_enrol(user=agents[1], course=courses[0])
    for lesson in lessons_of(courses[0]):
        course_services.lesson_complete(user=agents[0], lesson=lesson)

    response = lead_client.get(reverse("team:dashboard", args=[team.pk]))

    rows = {row.name: row for row in response.context["matrix"].rows}
    key = f"c{courses[0].pk}"
    assert rows[agents[0].display_name].cells[key].status == "completed"
    assert rows[agents[1].display_name].cells[key].status == "in_progress"
    assert rows[agents[2].display_name].cells[key].status == "overdue"
    html = response.content.decode()
    assert "Refund policy" in html
    assert "Overdue" in html and "Completed" in html and "In progress" in html


def test_filters_and_sorting(lead_client, lead, team, agents, courses):
    course_services.assignments_create(
        assigned_by=lead, users=agents, item=courses[0], due_on=_in_days(5)
    )
    course_services.assignments_create(
        assigned_by=lead, users=agents[:1], item=courses[1], due_on=_in_days(5)
    )
    Assignment.objects.filter(user=agents[2]).update(due_on=_in_days(-1))
    url = reverse("team:dashboard", args=[team.pk])

    overdue = lead_client.get(url, {"status": "overdue"}).context["matrix"]
    assert [row.user_id for row in overdue.rows] == [agents[2].pk]

    one_course = lead_client.get(url, {"item": f"c{courses[1].pk}"}).context["matrix"]
    assert [column.title for column in one_course.columns] == ["Empathy basics"]
    assert [row.user_id for row in one_course.rows] == [agents[0].pk]

    by_overdue = lead_client.get(url, {"sort": "-overdue"}).context["matrix"]
    assert by_overdue.rows[0].user_id == agents[2].pk

    only_overdue_agents = lead_client.get(url, {"overdue": "1"}).context["matrix"]
    assert [row.user_id for row in only_overdue_agents.rows] == [agents[2].pk]

    nonsense = lead_client.get(url, {"status": "<script>", "sort": "drop", "item": "x1"})
    assert nonsense.status_code == 200
    assert len(nonsense.context["matrix"].rows) == 3


def test_an_empty_team_gets_an_invitation_prompt(lead_client, team):
    response = lead_client.get(reverse("team:dashboard", args=[team.pk]))
    assert "Invite your first agent" in response.content.decode()


# --- assigning --------------------------------------------------------------------------------


def test_assigning_to_the_whole_team_updates_the_matrix_once(lead_client, team, agents, courses):
    url = reverse("team:assign", args=[team.pk])
    data = {
        "item": f"c{courses[2].pk}",
        "everyone": "on",
        "due_on": _in_days(10).isoformat(),
        "note": "Before the GDPR audit",
    }
    response = lead_client.post(url, data, follow=True)
    assert "Assigned to 3 agents." in response.content.decode()
    again = lead_client.post(url, data, follow=True)
    assert "Already assigned, left unchanged" in again.content.decode()
    assert Assignment.objects.filter(course=courses[2]).count() == 3
    matrix = again.context["matrix"]
    assert [c.title for c in matrix.columns] == ["Data protection"]
    assert all(row.cells[f"c{courses[2].pk}"].due_on == _in_days(10) for row in matrix.rows)


def test_assigning_checks_the_form(lead_client, team, agents, courses):
    url = reverse("team:assign", args=[team.pk])
    past = lead_client.post(
        url, {"item": f"c{courses[0].pk}", "agents": [agents[0].pk], "due_on": _in_days(-1)}
    )
    assert "Choose today or a later date." in past.content.decode()
    nobody = lead_client.post(url, {"item": f"c{courses[0].pk}", "due_on": _in_days(3)})
    assert "Choose at least one agent, or the whole team." in nobody.content.decode()
    assert not Assignment.objects.exists()


def test_a_lead_cannot_assign_to_someone_outside_the_team(lead_client, team, other_lead, courses):
    url = reverse("team:assign", args=[team.pk])
    response = lead_client.post(
        url, {"item": f"c{courses[0].pk}", "agents": [other_lead.pk], "due_on": _in_days(3)}
    )
    assert response.status_code == 200
    assert not Assignment.objects.exists()


def test_the_lead_changes_a_due_date_and_cancels(lead_client, team, assignment):
    url = reverse("team:assignment_update", args=[team.pk, assignment.pk])
    lead_client.post(url, {"due_on": _in_days(20).isoformat()})
    assert Assignment.objects.get(pk=assignment.pk).due_on == _in_days(20)
    lead_client.post(url, {"due_on": _in_days(-3).isoformat()})
    assert Assignment.objects.get(pk=assignment.pk).due_on == _in_days(20)
    lead_client.post(url, {"action": "cancel"})
    cancelled = Assignment.objects.get(pk=assignment.pk)
    assert cancelled.closed_reason == Assignment.Closed.CANCELLED
    dashboard = lead_client.get(reverse("team:dashboard", args=[team.pk]))
    assert not dashboard.context["matrix"].columns


# --- onboarding and invitations -------------------------------------------------------------


def test_onboarding_view_shows_path_progress_against_due_dates(
    lead_client, team, onboarding_path, courses
):
    team.default_path = onboarding_path
    team.save()
    hire = UserFactory(first_name="Nora", last_name="New")
    TeamMembershipFactory = TeamMembership.objects.create
    TeamMembershipFactory(team=team, user=hire)
    course_services.onboarding_assign(user=hire, team=team, joined_on=hire.local_today())
    for lesson in lessons_of(courses[0]):
        course_services.lesson_complete(user=hire, lesson=lesson)

    response = lead_client.get(reverse("team:onboarding", args=[team.pk]))

    row = response.context["onboarding"][0]
    assert row.user == hire
    assert (row.done, len(row.steps)) == (1, 2)
    assert [step.due_on for step in row.steps] == [_in_days(3), _in_days(10)]
    assert row.due_on == _in_days(10)
    assert "1 of 2 courses done" in response.content.decode()


def test_inviting_sends_a_link_and_lists_the_invitation(
    lead_client, team, django_capture_on_commit_callbacks
):
    url = reverse("team:invitations", args=[team.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = lead_client.post(url, {"email": "Newbie@Example.test"}, follow=True)
    assert "Invitation sent to newbie@example.test." in response.content.decode()
    assert len(mail.outbox) == 1
    assert "/invitations/" in mail.outbox[0].body
    invitation = Invitation.objects.get()
    assert invitation.email == "newbie@example.test"
    assert invitation.role == TeamMembership.Role.MEMBER


def test_a_lead_cannot_invite_a_lead_but_an_admin_can(client, lead, admin_user, team):
    url = reverse("team:invitations", args=[team.pk])
    client.force_login(lead)
    client.post(url, {"email": "boss@example.test", "role": "lead"})
    assert Invitation.objects.get(email="boss@example.test").role == "member"
    client.force_login(admin_user)
    client.post(url, {"email": "boss2@example.test", "role": "lead"})
    assert Invitation.objects.get(email="boss2@example.test").role == "lead"


def test_inviting_someone_already_in_the_team_says_so(lead_client, team, agents):
    url = reverse("team:invitations", args=[team.pk])
    response = lead_client.post(url, {"email": agents[0].email})
    assert "is already in Helpdesk North" in response.content.decode()
    assert not Invitation.objects.exists()


def test_resend_and_withdraw(lead_client, team, invitation):
    resend = reverse("team:invitation_resend", args=[team.pk, invitation.pk])
    old_hash = invitation.token_hash
    lead_client.post(resend)
    invitation.refresh_from_db()
    assert invitation.send_count == 2
    assert invitation.token_hash != old_hash
    lead_client.post(reverse("team:invitation_revoke", args=[team.pk, invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.REVOKED
    page = lead_client.get(reverse("team:invitations", args=[team.pk]))
    assert "Revoked" in page.content.decode()


def test_enrolment_is_not_required_for_an_assignment_to_show(lead_client, team, assignment):
    assert not Enrolment.objects.exists()
    response = lead_client.get(reverse("team:dashboard", args=[team.pk]))
    assert "Not started" in response.content.decode()


def test_the_agent_page_offers_due_date_and_cancel_for_open_assignments(
    lead_client, team, agents, assignment
):
    html = lead_client.get(reverse("team:agent", args=[team.pk, agents[0].pk])).content.decode()
    action = reverse("team:assignment_update", args=[team.pk, assignment.pk])
    assert html.count(f'action="{action}"') == 2
    assert "Change due date" in html


def test_assigning_from_an_agents_page_preselects_the_agent(lead_client, team, agents):
    url = reverse("team:agent", args=[team.pk, agents[1].pk])
    assert f"?agent={agents[1].pk}" in lead_client.get(url).content.decode()
    form = lead_client.get(reverse("team:assign", args=[team.pk]), {"agent": agents[1].pk})
    html = form.content.decode()
    assert f'value="{agents[1].pk}"' in html
    checked = [line for line in html.splitlines() if "checked" in line and "agents" in line]
    assert len(checked) == 1 and f'value="{agents[1].pk}"' in checked[0]
