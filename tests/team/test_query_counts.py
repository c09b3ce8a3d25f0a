"""The team pages issue the same, small number of queries for 5 agents x 3 courses and for
50 agents x 30 courses."""

import datetime
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses import services as course_services
from courses.models import Enrolment, LearningPathCourse
from lms.accounts.models import Team, TeamMembership
from tests.factories import (
    LearningPathPageFactory,
    TeamMembershipFactory,
    UserFactory,
    course_with_lessons,
)

pytestmark = pytest.mark.django_db

# Issue 6: the dashboard at most 12, whatever the size of the team.
MAX_QUERIES = {"dashboard": 12, "onboarding": 12}


def build_team(catalogue, lead, *, label: str, agents: int, courses: int) -> Team:
    team = Team.objects.create(name=f"{label} team")
    TeamMembershipFactory(team=team, user=lead, role=TeamMembership.Role.LEAD)
    people = [UserFactory(email=f"{label}{n}@example.test") for n in range(agents)]
    for person in people:
        TeamMembershipFactory(team=team, user=person)
    built = [
        course_with_lessons(index=catalogue, lessons=1, title=f"{label} course {n}")
        for n in range(courses)
    ]
    path = LearningPathPageFactory(parent=catalogue, title=f"{label} onboarding")
    for number, course in enumerate(built[:3]):
        LearningPathCourse.objects.create(path=path, course=course, due_days=number + 2)
    due = timezone.localdate() + datetime.timedelta(days=7)
    for course in built:
        course_services.assignments_create(assigned_by=lead, users=people, item=course, due_on=due)
    team.default_path = path
    team.save()
    for person in people:
        course_services.onboarding_assign(user=person, team=team, joined_on=timezone.localdate())
    # Progress of every kind: enrolled, completed, and some overdue.
    rng = random.Random(label)
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                user=person,
                course=course,
                completed_at=timezone.now() if rng.random() < 0.5 else None,
            )
            for person in people
            for course in built
            if rng.random() < 0.6
        ]
    )
    return team


def count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", sorted(MAX_QUERIES))
def test_team_pages_do_not_grow_with_agents_or_courses(
    page, client, catalogue, lead, django_assert_max_num_queries
):
    client.force_login(lead)
    small = build_team(catalogue, lead, label="small", agents=5, courses=3)
    large = build_team(catalogue, lead, label="large", agents=50, courses=30)

    small_url = reverse(f"team:{page}", args=[small.pk])
    large_url = reverse(f"team:{page}", args=[large.pk])
    small_count = count(client, small_url)
    large_count = count(client, large_url)
    with django_assert_max_num_queries(MAX_QUERIES[page]):
        response = client.get(large_url)

    assert large_count == small_count
    if page == "dashboard":
        matrix = response.context["matrix"]
        assert len(matrix.rows) == 50
        assert len(matrix.columns) == 31  # 30 courses and the onboarding path
