"""Trainers (Wagtail's Editors group) author quizzes, the question bank and topics."""

from django.db import migrations

MODELS = ("quiz", "question", "topic")
ACTIONS = ("add", "change", "delete", "view")


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    for model in MODELS:
        # Permissions are normally created after all migrations ran; create them now if needed.
        content_type, _ = ContentType.objects.get_or_create(app_label="quizzes", model=model)
        for action in ACTIONS:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            editors.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0001_initial"),
        ("wagtailcore", "0001_squashed_0016_change_page_url_path_to_text_field"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
