"""Taking quizzes. Views parse the request, check the attempt is the user's, call a service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.http import safe_next_url
from quizzes import selectors, services
from quizzes.models import Attempt, Quiz
from quizzes.payloads import raw_response
from quizzes.scoring import InvalidAnswer, QuestionKind


def _own_attempt(request, attempt_id: int) -> Attempt:
    """Another learner's attempt does not exist as far as this user is concerned."""
    return get_object_or_404(
        Attempt.objects.select_related("quiz"), pk=attempt_id, user=request.user
    )


def _redirect_keeping_next(request, url: str):
    """Carry the way back to the lesson along, when there is a safe one."""
    next_url = safe_next_url(request)
    return redirect(f"{url}?{urlencode({'next': next_url})}" if next_url else url)


def _responses_from_form(attempt: Attempt, data) -> dict[int, dict]:
    """Every question of the attempt that the posted form says something about."""
    responses = {}
    questions = {q.pk: q for q in services.layout_questions(attempt)}
    for item in attempt.layout:
        question = questions.get(item["question"])
        if question is None:
            continue
        raw = raw_response(
            QuestionKind(question.kind), question.pk, data, choice_count=len(item["choices"])
        )
        if raw is not None:
            responses[question.pk] = raw
    return responses


@login_required
def quiz_detail(request, quiz_id: int):
    quiz = get_object_or_404(Quiz, pk=quiz_id)
    overview = selectors.quiz_overview(user=request.user, quiz=quiz)
    return render(
        request, "quizzes/quiz_detail.html", {"overview": overview, "next": safe_next_url(request)}
    )


@login_required
@require_POST
def attempt_start(request, quiz_id: int):
    quiz = get_object_or_404(Quiz, pk=quiz_id)
    try:
        attempt = services.attempt_start(user=request.user, quiz=quiz)
    except services.AttemptNotAllowed as error:
        messages.error(request, str(error))
        return redirect("quizzes:quiz_detail", quiz_id=quiz.pk)
    return _redirect_keeping_next(request, reverse("quizzes:attempt", args=[attempt.pk]))


@login_required
def attempt_take(request, attempt_id: int):
    attempt = _own_attempt(request, attempt_id)
    if attempt.is_submitted:
        return redirect("quizzes:attempt_result", attempt_id=attempt.pk)
    if services.is_past_deadline(attempt):
        services.attempt_submit(user=request.user, attempt_id=attempt.pk)
        messages.info(request, _("Time ran out; your saved answers were submitted."))
        return redirect("quizzes:attempt_result", attempt_id=attempt.pk)
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "sheet": selectors.attempt_sheet(attempt=attempt),
        "seconds_left": selectors.seconds_left(attempt, now=timezone.now()),
        "next": safe_next_url(request),
    }
    return render(request, "quizzes/attempt.html", context)


@login_required
@require_POST
def attempt_save(request, attempt_id: int):
    """Autosave from the page's script: JSON in reply, never any correctness data."""
    attempt = _own_attempt(request, attempt_id)
    try:
        saved = services.answers_save(
            user=request.user,
            attempt_id=attempt.pk,
            responses=_responses_from_form(attempt, request.POST),
        )
    except InvalidAnswer as error:
        return JsonResponse({"error": str(error)}, status=400)
    except services.QuizError as error:
        return JsonResponse({"error": str(error)}, status=409)
    return JsonResponse(
        {"saved": sorted(answer.question_id for answer in saved), "saved_at": timezone.now()}
    )


@login_required
@require_POST
def answer_check(request, attempt_id: int, question_id: int):
    """Immediate-feedback mode: lock one answer and show how it did."""
    attempt = _own_attempt(request, attempt_id)
    responses = _responses_from_form(attempt, request.POST)
    if question_id not in {item["question"] for item in attempt.layout}:
        raise Http404
    try:
        services.answer_check(
            user=request.user,
            attempt_id=attempt.pk,
            question_id=question_id,
            raw=responses.get(question_id, {}),
        )
    except InvalidAnswer as error:
        return HttpResponseBadRequest(str(error))
    except services.QuizError as error:
        messages.error(request, str(error))
    url = reverse("quizzes:attempt", args=[attempt.pk])
    return redirect(f"{url}#question-{question_id}")


@login_required
@require_POST
def attempt_submit(request, attempt_id: int):
    attempt = _own_attempt(request, attempt_id)
    if not attempt.is_submitted:
        try:
            responses = _responses_from_form(attempt, request.POST)
            if responses and not services.is_past_deadline(attempt):
                services.answers_save(user=request.user, attempt_id=attempt.pk, responses=responses)
        except InvalidAnswer as error:
            return HttpResponseBadRequest(str(error))
        except services.AnswerLocked:
            pass  # checked answers are already saved; the rest is scored as it stands
        except services.TimeIsUp:
            pass  # scored on what was saved in time
        services.attempt_submit(user=request.user, attempt_id=attempt.pk)
    return _redirect_keeping_next(request, reverse("quizzes:attempt_result", args=[attempt.pk]))


@login_required
def attempt_result(request, attempt_id: int):
    attempt = _own_attempt(request, attempt_id)
    if not attempt.is_submitted:
        return redirect("quizzes:attempt", attempt_id=attempt.pk)
    context = {
        "result": selectors.attempt_result(attempt=attempt, user=request.user),
        "overview": selectors.quiz_overview(user=request.user, quiz=attempt.quiz),
        "next": safe_next_url(request),
    }
    return render(request, "quizzes/attempt_result.html", context)
