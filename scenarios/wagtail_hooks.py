"""Scenarios and the rubric in Wagtail admin; publishing an unplayable scenario is refused."""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from scenarios.models import RubricDimension, Scenario
from scenarios.validation import problem_messages


class ScenarioIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        # "Import from Twee" sits next to "Add" above the listing.
        buttons = list(super().header_buttons)
        if self.request.user.has_perm("scenarios.add_scenario"):
            buttons.append(
                HeaderButton(
                    _("Import from Twee"), url=reverse("scenarios_import"), icon_name="upload"
                )
            )
        return buttons


class ScenarioViewSet(SnippetViewSet):
    model = Scenario
    index_view_class = ScenarioIndexView
    icon = "group"
    menu_label = _("Scenarios")
    list_display = ["title", "channel", "mastery_threshold"]
    search_fields = ["title"]


class RubricViewSet(SnippetViewSet):
    model = RubricDimension
    icon = "list-ul"
    menu_label = _("Rubric")


class ScenariosGroup(SnippetViewSetGroup):
    items = (ScenarioViewSet, RubricViewSet)
    menu_icon = "group"
    menu_label = _("Roleplay")
    menu_name = "roleplay"


register_snippet(ScenariosGroup)


@hooks.register("before_publish")
def refuse_unplayable_scenarios(request, instance):
    """The draft is saved; publishing waits until every problem is fixed."""
    if not isinstance(instance, Scenario):
        return None
    problems = problem_messages(instance.as_spec())
    if not problems:
        return None
    for problem in problems:
        messages.error(request, problem)
    return redirect(reverse("wagtailsnippets_scenarios_scenario:edit", args=[quote(instance.pk)]))


@hooks.register("register_admin_urls")
def register_diagram_url():
    from django.urls import path

    from scenarios.admin_views import ScenarioDiagramView, ScenarioImportView, scenario_export

    return [
        path(
            "scenarios/<int:scenario_id>/diagram/",
            ScenarioDiagramView.as_view(),
            name="scenarios_diagram",
        ),
        path("scenarios/import/", ScenarioImportView.as_view(), name="scenarios_import"),
        path(
            "scenarios/<int:scenario_id>/export.json",
            scenario_export,
            name="scenarios_export",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def diagram_listing_button(snippet, user, next_url=None):
    from wagtail.admin.widgets import ListingButton

    from scenarios.admin_views import user_can_see_diagram

    if isinstance(snippet, Scenario) and user_can_see_diagram(user):
        yield ListingButton(
            _("Conversation map"),
            reverse("scenarios_diagram", args=[snippet.pk]),
            icon_name="site",
            priority=50,
        )
        yield ListingButton(
            _("Export JSON"),
            reverse("scenarios_export", args=[snippet.pk]),
            icon_name="download",
            priority=60,
        )
