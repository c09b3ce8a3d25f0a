"""Wagtail admin page for trainers: the picture of a scenario's conversation graph."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from scenarios.diagram import render_svg
from scenarios.models import Scenario
from scenarios.validation import problem_messages

DIAGRAM_PERMISSION = "scenarios.change_scenario"


def user_can_see_diagram(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_perm(DIAGRAM_PERMISSION))


class ScenarioDiagramView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "scenarios/admin/diagram.html"
    page_title = _("Conversation map")
    header_icon = "group"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not user_can_see_diagram(request.user):
            raise PermissionDenied
        self.scenario = get_object_or_404(
            Scenario.objects.prefetch_related("nodes__replies", "dimensions__dimension"),
            pk=kwargs["scenario_id"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self) -> str:
        return self.scenario.title

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        spec = self.scenario.as_spec()
        # render_svg escapes every text it draws.
        context["svg"] = mark_safe(render_svg(spec, title=self.scenario.title))  # noqa: S308
        context["problems"] = problem_messages(spec)
        context["scenario"] = self.scenario
        return context
