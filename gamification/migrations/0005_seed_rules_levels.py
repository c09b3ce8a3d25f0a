"""The starting XP rules and levels; admins tune them, trainers edit badges."""

from django.db import migrations

# code, points, daily cap (0: none). Caps stop farming: a day of quizzes cannot top a board.
RULES = [
    ("lesson", 10, 150),
    ("course", 0, 0),
    ("quiz_pass", 50, 300),
    ("quiz_perfect", 25, 100),
    ("quiz_first_attempt", 15, 60),
    ("scenario_mastery", 60, 240),
    ("daily_streak", 5, 5),
]

LEVELS = [
    (1, "Trainee", 0),
    (2, "Associate", 300),
    (3, "Specialist", 1000),
    (4, "Expert", 2500),
    (5, "Mentor", 5000),
]


def seed(apps, schema_editor):
    XpRule = apps.get_model("gamification", "XpRule")
    Level = apps.get_model("gamification", "Level")
    for code, points, cap in RULES:
        XpRule.objects.get_or_create(code=code, defaults={"points": points, "daily_cap": cap})
    for number, name, threshold in LEVELS:
        Level.objects.get_or_create(number=number, defaults={"name": name, "threshold": threshold})
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="gamification", model="badgeclass")
    for action in ("add", "change", "delete", "view"):
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_badgeclass",
            defaults={"name": f"Can {action} badge"},
        )
        editors.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("gamification", "0004_ledger_levels_badges_boards"),
        ("wagtailcore", "0001_squashed_0016_change_page_url_path_to_text_field"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
