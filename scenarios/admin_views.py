"""Wagtail admin page for trainers: the picture of a scenario's conversation graph."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from scenarios.diagram import render_svg
from scenarios.json_format import to_json
from scenarios.models import Scenario
from scenarios.services import UnknownDimension, scenario_create_from_spec
from scenarios.twee import TweeError, parse_twee
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


class ImportForm(forms.Form):
    twee_file = forms.FileField(
        label=_("Twee 3 file"),
        required=False,
        help_text=_("Export from Twine as Twee 3, following docs/scenario-formats.md."),
    )
    twee_text = forms.CharField(label=_("…or paste it"), required=False, widget=forms.Textarea)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("twee_file")
        if upload is not None:
            try:
                cleaned["source"] = upload.read().decode("utf-8")
            except UnicodeDecodeError as error:
                raise forms.ValidationError(_("The file is not UTF-8 text.")) from error
        else:
            cleaned["source"] = cleaned.get("twee_text", "")
        if not cleaned["source"].strip():
            raise forms.ValidationError(_("Choose a file or paste the scenario."))
        return cleaned


class ScenarioImportView(WagtailAdminTemplateMixin, FormView):
    """Import a Twee 3 scenario as a draft; a malformed file creates nothing."""

    template_name = "scenarios/admin/import.html"
    page_title = _("Import a scenario")
    header_icon = "upload"
    form_class = ImportForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.has_perm("scenarios.add_scenario"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: ImportForm) -> HttpResponseBase:
        try:
            spec = parse_twee(form.cleaned_data["source"])
            scenario = scenario_create_from_spec(spec=spec, live=False)
        except (TweeError, UnknownDimension) as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        scenario.save_revision(user=self.request.user)
        messages.success(
            self.request,
            _("Imported “%(title)s” as a draft: check it, then publish.") % {"title": scenario},
        )
        viewset = Scenario.snippet_viewset  # type: ignore[attr-defined]
        return redirect(reverse(viewset.get_url_name("edit"), args=[quote(scenario.pk)]))


def scenario_export(request: HttpRequest, scenario_id: int) -> HttpResponse:
    """The scenario as versioned JSON, for backups and moving between academies."""
    if not request.user.has_perm("scenarios.change_scenario"):
        raise PermissionDenied
    scenario = get_object_or_404(
        Scenario.objects.prefetch_related("nodes__replies", "dimensions__dimension"),
        pk=scenario_id,
    )
    response = HttpResponse(to_json(scenario.as_spec()), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="scenario-{scenario.pk}.json"'
    return response
