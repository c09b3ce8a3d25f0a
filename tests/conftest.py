"""Fixtures shared by every test folder."""

import os

import pytest


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters live in the cache (Redis in CI): no test inherits another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def seeded_academy(db, settings):
    """The demo academy exactly as `make run` builds it."""
    from django.core.management import call_command

    settings.DEBUG = True
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", stdout=quiet)
    settings.DEBUG = False


@pytest.fixture
def catalogue(db):
    """An empty catalogue served as the default site's root, as in the real academy."""
    from wagtail.models import Site

    from tests.factories import CourseIndexPageFactory

    index = CourseIndexPageFactory(title="Catalogue", slug="catalogue")
    site = Site.objects.get(is_default_site=True)
    site.root_page = index
    site.save()
    return index


@pytest.fixture
def agent(db):
    from tests.factories import UserFactory

    return UserFactory(email="agent@example.test")


@pytest.fixture
def trainer(db):
    """A trainer: a member of Wagtail's Editors group."""
    from tests.factories import UserFactory

    return UserFactory(trainer=True)


@pytest.fixture
def trainer_client(client, trainer):
    client.force_login(trainer)
    return client


# --- teams: a lead and agents, another team with its own lead, a small catalogue ----------


@pytest.fixture
def team(db):
    from tests.factories import TeamFactory

    return TeamFactory(name="Helpdesk North")


@pytest.fixture
def lead(team):
    from lms.accounts.models import TeamMembership
    from tests.factories import TeamMembershipFactory, UserFactory

    user = UserFactory(email="lead@example.test", first_name="Leena", last_name="Lead")
    TeamMembershipFactory(team=team, user=user, role=TeamMembership.Role.LEAD)
    return user


@pytest.fixture
def agents(team):
    from tests.factories import TeamMembershipFactory, UserFactory

    people = [
        UserFactory(email=f"{name.lower()}@example.test", first_name=name, last_name="Agent")
        for name in ("Aino", "Bo", "Chen")
    ]
    for person in people:
        TeamMembershipFactory(team=team, user=person)
    return people


@pytest.fixture
def other_lead(db):
    """The lead of another team: must see nothing of ``team``."""
    from lms.accounts.models import TeamMembership
    from tests.factories import TeamFactory, TeamMembershipFactory, UserFactory

    other_team = TeamFactory(name="Helpdesk South")
    user = UserFactory(email="south-lead@example.test")
    TeamMembershipFactory(team=other_team, user=user, role=TeamMembership.Role.LEAD)
    return user


@pytest.fixture
def admin_user(db):
    from tests.factories import UserFactory

    return UserFactory(email="admin@example.test", is_superuser=True, is_staff=True)


@pytest.fixture
def courses(catalogue):
    from tests.factories import course_with_lessons

    return [
        course_with_lessons(index=catalogue, lessons=2, title=title)
        for title in ("Refund policy", "Empathy basics", "Data protection")
    ]


@pytest.fixture
def onboarding_path(catalogue, courses):
    """A two-course path: the first course due after 3 days, the second after 10."""
    from tests.factories import LearningPathCourseFactory, LearningPathPageFactory

    path = LearningPathPageFactory(parent=catalogue, title="First two weeks")
    for course, due_days in zip(courses[:2], (3, 10), strict=True):
        LearningPathCourseFactory(path=path, course=course, due_days=due_days)
    return path


@pytest.fixture
def lead_client(client, lead):
    client.force_login(lead)
    return client
