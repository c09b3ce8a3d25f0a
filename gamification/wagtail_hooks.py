"""Badges in Wagtail admin: trainers design them next to the courses they reward."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from gamification.models import BadgeClass


class BadgeViewSet(SnippetViewSet):
    model = BadgeClass
    icon = "pick"
    menu_label = _("Badges")
    menu_name = "badges"
    add_to_admin_menu = True
    list_display = ["name", "criterion", "repeat", "valid_months", "active"]
    list_filter = ["criterion", "active"]
    search_fields = ["name"]


register_snippet(BadgeViewSet)
