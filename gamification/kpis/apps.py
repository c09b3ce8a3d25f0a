from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KpisConfig(AppConfig):
    """Contact-centre KPIs: definitions, targets, results from the help desk, remediation."""

    name = "gamification.kpis"
    label = "kpis"
    verbose_name = _("KPIs")
    default_auto_field = "django.db.models.BigAutoField"
