"""Demo badges, a season and a little history, so boards and profiles have something to show.

Names and descriptions are data an admin edits, like course titles, so they are written in the
academy's default language rather than marked for translation.
"""

import datetime

from django.utils import timezone

from courses.models import CoursePage, LearningPathPage
from gamification.models import BadgeClass, Level, Season
from scenarios.models import Scenario

# (name, description, criterion, parameters)
BADGES = [
    (
        "Safe pair of hands",
        "Completed Data protection on calls: you verify every caller before you share a thing.",
        "course",
        {"course": "data-protection-on-calls"},
    ),
    (
        "Onboarded",
        "Finished the first-two-weeks onboarding path.",
        "path",
        {"path": "first-two-weeks"},
    ),
    (
        "Protocol pro",
        "Completed every protocol course: refunds, escalations, outages and data protection.",
        "category",
        {"category": "protocol"},
    ),
    (
        "Cool head",
        "Mastered the late-delivery roleplay with an angry caller.",
        "scenario",
        {"scenario": "late-delivery"},
    ),
    (
        "Roleplay regular",
        "Mastered three roleplay conversations.",
        "scenarios",
        {"threshold": 3},
    ),
    ("Five in a row", "Learned on five days in a row.", "streak", {"threshold": 5}),
    ("Specialist", "Reached the Specialist level.", "level", {"level": 3}),
    (
        "Customer hero",
        "Given by a team lead for a customer conversation worth sharing with the team.",
        "manual",
        {"repeat": "month"},
    ),
]


def ensure_demo_badges(
    *, courses: dict[str, CoursePage], paths: dict[str, LearningPathPage], scenarios: dict
) -> list[BadgeClass]:
    """Create the demo badges once (found again by name); returns them."""
    badges = []
    for order, (name, description, criterion, params) in enumerate(BADGES):
        badge = BadgeClass.objects.filter(name=name).first()
        if badge is None:
            badge = BadgeClass(name=name, description=description, criterion=criterion)
            badge.sort_order = order
            badge.course = courses.get(params.get("course", ""))
            badge.path = paths.get(params.get("path", ""))
            badge.category = params.get("category", "")
            scenario = scenarios.get(params.get("scenario", ""))
            badge.scenario = scenario if isinstance(scenario, Scenario) else None
            badge.threshold = params.get("threshold")
            badge.repeat = params.get("repeat", "")
            if "level" in params:
                badge.level = Level.objects.filter(number=params["level"]).first()
            badge.save()
        badges.append(badge)
    return badges


def ensure_demo_season() -> Season:
    """A season that began at the start of this month, so the season board has entries."""
    season = Season.objects.filter(ends_at__isnull=True).first()
    if season is None:
        start = timezone.localtime().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        season = Season.objects.create(
            name=f"Season {start:%B %Y}", starts_at=start - datetime.timedelta(seconds=1)
        )
    return season
