"""`make run`'s seed gives the demo people XP, badges and a season board to look at."""

import os

import pytest
from django.core.management import call_command

from gamification import services
from gamification.models import BadgeAward, Event, LeaderboardScore, Season, XpTotal
from lms.accounts.models import User


@pytest.mark.django_db
def test_the_seeded_academy_has_xp_badges_and_a_running_season(
    settings, django_capture_on_commit_callbacks
):
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True), open(os.devnull, "w") as quiet:
        call_command("seed_demo", stdout=quiet)

    agent = User.objects.get(email="agent@academy.test")
    newhire = User.objects.get(email="newhire@academy.test")
    assert not Event.objects.exclude(status=Event.Status.PROCESSED).exists()
    assert XpTotal.objects.get(user=agent).total > 0
    assert not XpTotal.objects.filter(user=newhire, total__gt=0).exists()
    assert BadgeAward.objects.filter(user=agent, badge__name="Safe pair of hands").exists()
    season = Season.objects.get(ends_at__isnull=True)
    assert LeaderboardScore.objects.filter(board=f"academy:all:season:{season.pk}").count() >= 3
    assert User.objects.get(email="olena@academy.test").leaderboard_opt_out
    assert services.ledger_drift() == []
