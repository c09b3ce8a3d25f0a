"""The rubric every scenario starts from; trainers may rename, add or remove dimensions."""

from django.db import migrations

RUBRIC = [
    ("empathy", "Empathy", "Acknowledges the customer's feelings and situation."),
    ("accuracy", "Accuracy", "Gives correct information about products and processes."),
    ("policy", "Policy compliance", "Follows the SOPs: verification, refunds, data protection."),
    ("ownership", "Ownership and resolution", "Takes the next step rather than passing it on."),
    ("efficiency", "Efficiency", "Gets to a resolution without needless steps."),
    ("tone", "Tone", "Calm, positive, clear language that fits the channel."),
]

MODELS = ("scenario", "rubricdimension")
ACTIONS = ("add", "change", "delete", "view", "publish")


def seed(apps, schema_editor):
    RubricDimension = apps.get_model("scenarios", "RubricDimension")
    for order, (code, name, description) in enumerate(RUBRIC):
        RubricDimension.objects.get_or_create(
            code=code, defaults={"name": name, "description": description, "sort_order": order}
        )
    # Trainers (Wagtail's Editors group) author scenarios and the rubric.
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    for model in MODELS:
        content_type, _ = ContentType.objects.get_or_create(app_label="scenarios", model=model)
        for action in ACTIONS:
            if action == "publish" and model != "scenario":
                continue
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            editors.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("scenarios", "0001_initial"),
        ("wagtailcore", "0001_squashed_0016_change_page_url_path_to_text_field"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
