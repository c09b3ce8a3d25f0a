"""Assignments as the learner and the rules see them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from courses import services
from courses.models import Assignment, PathEnrolment
from courses.selectors import my_assignments
from gamification.models import Notification
from tests.factories import lessons_of

pytestmark = pytest.mark.django_db


def _in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def test_assigning_twice_keeps_one_open_assignment_and_its_due_date(lead, agents, courses):
    first = services.assignments_create(
        assigned_by=lead, users=agents, item=courses[0], due_on=_in_days(5)
    )
    second = services.assignments_create(
        assigned_by=lead, users=agents, item=courses[0], due_on=_in_days(30)
    )
    assert len(first.created) == 3 and not second.created
    assert len(second.already_assigned) == 3
    assert set(Assignment.objects.values_list("due_on", flat=True)) == {_in_days(5)}
    # Each agent was told once.
    assert Notification.objects.filter(kind=Notification.Kind.ASSIGNED).count() == 3


def test_a_cancelled_assignment_can_be_assigned_again(lead, agents, courses):
    assignment = services.assignments_create(
        assigned_by=lead, users=agents[:1], item=courses[0], due_on=_in_days(5)
    ).created[0]
    assert services.assignment_cancel(assignment=assignment)
    assert not services.assignment_cancel(assignment=assignment)
    again = services.assignments_create(
        assigned_by=lead, users=agents[:1], item=courses[0], due_on=_in_days(9)
    )
    assert len(again.created) == 1
    assert Assignment.objects.filter(closed_at__isnull=True).get().due_on == _in_days(9)


def test_due_dates_in_the_past_are_refused(lead, agents, courses):
    with pytest.raises(services.AssignmentError):
        services.assignments_create(
            assigned_by=lead, users=agents, item=courses[0], due_on=_in_days(-1)
        )
    assignment = services.assignments_create(
        assigned_by=lead, users=agents[:1], item=courses[0], due_on=_in_days(1)
    ).created[0]
    with pytest.raises(services.AssignmentError):
        services.assignment_due_change(assignment=assignment, due_on=_in_days(-2))


def test_assigning_a_path_starts_it_so_its_courses_have_due_dates(lead, agents, onboarding_path):
    services.assignments_create(
        assigned_by=lead, users=agents[:1], item=onboarding_path, due_on=_in_days(10)
    )
    assert PathEnrolment.objects.get(user=agents[0]).started_on == agents[0].local_today()


def test_me_shows_each_status_against_the_due_date(client, lead, agents, courses, onboarding_path):
    agent = agents[0]
    for course, days in zip(courses, (5, 5, 2), strict=True):
        services.assignments_create(
            assigned_by=lead, users=[agent], item=course, due_on=_in_days(days)
        )
    services.assignments_create(
        assigned_by=lead, users=[agent], item=onboarding_path, due_on=_in_days(10)
    )
    for lesson in lessons_of(courses[0]):
        services.lesson_complete(user=agent, lesson=lesson)
    services.lesson_complete(user=agent, lesson=lessons_of(courses[1])[0])
    Assignment.objects.filter(course=courses[2]).update(due_on=_in_days(-1))

    items = my_assignments(user=agent, locale=Locale.get_default())
    statuses = {item.page.title: str(item.status) for item in items}
    assert statuses == {
        "Data protection": "overdue",
        "Refund policy": "completed",
        "Empathy basics": "in_progress",
        # Its first course is done, so the path is under way.
        "First two weeks": "in_progress",
    }
    # Soonest due first.
    assert items[0].page.title == "Data protection"

    client.force_login(agent)
    html = client.get(reverse("courses:my_learning")).content.decode()
    assert "Assigned to you" in html
    assert "Overdue" in html
    assert "Assigned by Leena Lead" in html


def test_the_agent_sees_the_leads_note(client, lead, agents, courses):
    services.assignments_create(
        assigned_by=lead,
        users=agents[:1],
        item=courses[0],
        due_on=_in_days(3),
        note="Read this before Friday's refunds workshop",
    )
    client.force_login(agents[0])
    assert "Read this before Friday" in client.get(reverse("courses:my_learning")).content.decode()
    client.force_login(agents[1])
    assert "Assigned to you" not in client.get(reverse("courses:my_learning")).content.decode()
