from decimal import Decimal

from django.db import migrations

# The contact-centre KPIs of DOMAIN.md. Editable afterwards in Django admin.
DEFINITIONS = [
    # code, name, unit, direction, period, minimum sample, lowest, highest
    ("csat", "Customer satisfaction (CSAT)", "%", "higher", "week", 10, 0, 100),
    ("nps", "Net Promoter Score (NPS)", "points", "higher", "month", 20, -100, 100),
    ("ces", "Customer effort score (CES)", "1-7", "lower", "week", 10, 1, 7),
    ("fcr", "First contact resolution (FCR)", "%", "higher", "week", 20, 0, 100),
    ("frt", "First response time", "min", "lower", "week", 20, 0, None),
    ("aht", "Average handle time", "min", "lower", "week", 20, 0, None),
]


def seed(apps, schema_editor):
    KpiDefinition = apps.get_model("kpis", "KpiDefinition")
    for order, (code, name, unit, direction, period, sample, low, high) in enumerate(DEFINITIONS):
        KpiDefinition.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "unit": unit,
                "direction": direction,
                "period": period,
                "min_sample_size": sample,
                "lowest": None if low is None else Decimal(low),
                "highest": None if high is None else Decimal(high),
                "sort_order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("kpis", "0001_kpis")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
