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
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    user = UserFactory()
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def trainer_client(client, trainer):
    client.force_login(trainer)
    return client
