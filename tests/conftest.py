"""Fixtures shared by every test folder."""

import os

import pytest


@pytest.fixture
def seeded_academy(db, settings):
    """The demo academy exactly as `make run` builds it."""
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    settings.DEBUG = False
