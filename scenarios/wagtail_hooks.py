"""Scenarios and the rubric in Wagtail admin; publishing an unplayable scenario is refused."""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from scenarios.models import RubricDimension, Scenario
from scenarios.validation import problem_messages


class ScenarioViewSet(SnippetViewSet):
    model = Scenario
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

    from scenarios.admin_views import ScenarioDiagramView

    return [
        path(
            "scenarios/<int:scenario_id>/diagram/",
            ScenarioDiagramView.as_view(),
            name="scenarios_diagram",
        )
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
