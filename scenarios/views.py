"""The roleplay player. Each reply is a plain form post; with htmx it swaps in place."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from scenarios import selectors, services
from scenarios.models import Scenario, ScenarioRun


def _own_run(request, run_id: int) -> ScenarioRun:
    return get_object_or_404(
        ScenarioRun.objects.select_related("scenario"), pk=run_id, user=request.user
    )


@login_required
def practice(request):
    return render(
        request, "scenarios/practice.html", {"cards": selectors.practice_list(user=request.user)}
    )


@login_required
def scenario_detail(request, scenario_id: int):
    # Learners play the scenario in their language when a translation exists.
    scenario = get_object_or_404(Scenario, pk=scenario_id, live=True).localized
    runs = ScenarioRun.objects.filter(user=request.user, scenario=scenario).order_by("-started_at")
    context = {
        "scenario": scenario,
        "runs": [run for run in runs if run.is_finished],
        "open_run": next((run for run in runs if not run.is_finished), None),
    }
    return render(request, "scenarios/scenario_detail.html", context)


@login_required
@require_POST
def scenario_start(request, scenario_id: int):
    scenario = get_object_or_404(Scenario, pk=scenario_id, live=True).localized
    try:
        run = services.scenario_start(user=request.user, scenario=scenario)
    except services.ScenarioNotPlayable as error:
        messages.error(request, str(error))
        return redirect("scenarios:detail", scenario_id=scenario.pk)
    return redirect("scenarios:run", run_id=run.pk)


@login_required
def run_play(request, run_id: int):
    run = _own_run(request, run_id)
    if run.is_finished:
        return redirect("scenarios:debrief", run_id=run.pk)
    return render(request, "scenarios/run.html", {"player": selectors.player(run=run)})


@login_required
@require_POST
def run_choose(request, run_id: int):
    run = _own_run(request, run_id)
    try:
        reply_id, step = int(request.POST["reply"]), int(request.POST["step"])
    except (KeyError, ValueError):
        return HttpResponseBadRequest("reply and step must be numbers")
    try:
        run = services.run_choose(user=request.user, run_id=run.pk, reply_id=reply_id, step=step)
    except services.RunError as error:
        return HttpResponseBadRequest(str(error))
    if run.is_finished:
        url = reverse("scenarios:debrief", args=[run.pk])
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return redirect(url)
    if request.headers.get("HX-Request"):
        return render(
            request, "scenarios/_conversation.html", {"player": selectors.player(run=run)}
        )
    return redirect("scenarios:run", run_id=run.pk)


@login_required
def run_debrief(request, run_id: int):
    run = _own_run(request, run_id)
    if not run.is_finished:
        return redirect("scenarios:run", run_id=run.pk)
    return render(request, "scenarios/debrief.html", {"debrief": selectors.debrief(run=run)})
