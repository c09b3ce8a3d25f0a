from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamConfig(AppConfig):
    """The team lead's workspace: dashboard, drill-down, assignments and exports."""

    name = "lms.team"
    label = "team"
    verbose_name = _("Team workspace")
    default_auto_field = "django.db.models.BigAutoField"
