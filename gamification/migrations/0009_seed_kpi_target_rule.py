"""XP for a KPI target met in a period (only results with enough sample pay)."""

from django.db import migrations


def seed(apps, schema_editor):
    XpRule = apps.get_model("gamification", "XpRule")
    # No daily cap: one import can carry several KPIs and weeks, each paid once per period.
    XpRule.objects.get_or_create(code="kpi_target", defaults={"points": 50, "daily_cap": 0})


class Migration(migrations.Migration):
    dependencies = [("gamification", "0008_kpi_badges_remediation")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
