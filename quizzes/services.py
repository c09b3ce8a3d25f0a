"""Every write to quiz attempts: start, autosave, check one answer, submit.

Rules enforced here: attempt limits and cool-downs, the frozen question layout, the server-side
time limit, validation of every answer against its own question, and exactly-once scoring.
"""

import random
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gamification import events
from gamification.models import EventKind
from lms.accounts.models import User
from quizzes.models import Answer, Attempt, FeedbackMode, Question, Quiz
from quizzes.scoring import (
    InvalidAnswer,
    QuestionKey,
    QuestionKind,
    attempt_score,
    parse_response,
    question_credit,
)

# Answers saved up to this long after the deadline still count: the network is not instant.
DEADLINE_GRACE = timedelta(seconds=10)


class QuizError(Exception):
    """A refusal with a message the learner can read."""


class AttemptNotAllowed(QuizError):
    pass


class TimeIsUp(QuizError):
    pass


class AnswerLocked(QuizError):
    pass


def question_keys(questions: list[Question]) -> dict[int, QuestionKey]:
    """Scoring keys for questions whose choices are prefetched."""
    keys = {}
    for question in questions:
        choices = list(question.choices.all())
        keys[question.pk] = QuestionKey(
            id=question.pk,
            kind=QuestionKind(question.kind),
            choice_ids=tuple(choice.pk for choice in choices),
            correct_ids=frozenset(choice.pk for choice in choices if choice.is_correct),
            accepted_texts=tuple(choice.text for choice in choices),
            weight=question.weight,
        )
    return keys


def layout_questions(attempt: Attempt) -> list[Question]:
    """The attempt's questions in its frozen order, with choices, in two queries."""
    ids = [item["question"] for item in attempt.layout]
    by_id = Question.objects.prefetch_related("choices").in_bulk(ids)
    return [by_id[question_id] for question_id in ids if question_id in by_id]


def is_past_deadline(attempt: Attempt, *, now=None) -> bool:
    now = now or timezone.now()
    return attempt.deadline is not None and now > attempt.deadline + DEADLINE_GRACE


def _draw_layout(quiz: Quiz, rng: random.Random) -> list[dict[str, Any]]:
    questions = list(quiz.questions.prefetch_related("choices").order_by("sort_order", "pk"))
    if quiz.draw_topic_id and quiz.draw_count:
        bank = list(
            Question.objects.filter(topic_id=quiz.draw_topic_id)
            .exclude(quiz=quiz)
            .prefetch_related("choices")
            .order_by("pk")
        )
        questions += rng.sample(bank, min(quiz.draw_count, len(bank)))
    if quiz.shuffle_questions:
        rng.shuffle(questions)
    layout = []
    for question in questions:
        choice_ids = [choice.pk for choice in question.choices.all()]
        kind = QuestionKind(question.kind)
        # Ordering and matching would give the answer away in authoring order: always shuffle.
        if quiz.shuffle_choices or kind in (QuestionKind.ORDERING, QuestionKind.MATCHING):
            rng.shuffle(choice_ids)
        item: dict[str, Any] = {"question": question.pk, "choices": choice_ids}
        if kind is QuestionKind.MATCHING:
            targets = choice_ids[:]
            rng.shuffle(targets)
            item["targets"] = targets
        layout.append(item)
    return layout


def attempt_start(*, user: User, quiz: Quiz, rng: random.Random | None = None) -> Attempt:
    """Resume the open attempt, or start a new one if the limits allow.

    An open attempt whose time ran out is submitted first, so it counts against the limit.
    """
    open_attempt = Attempt.objects.filter(user=user, quiz=quiz, submitted_at__isnull=True).first()
    if open_attempt is not None:
        if not is_past_deadline(open_attempt):
            return open_attempt
        attempt_submit(user=user, attempt_id=open_attempt.pk)

    now = timezone.now()
    submitted = Attempt.objects.filter(user=user, quiz=quiz, submitted_at__isnull=False)
    summary = submitted.aggregate(count=Max("number"), last=Max("submitted_at"))
    used = submitted.count()
    if quiz.max_attempts is not None and used >= quiz.max_attempts:
        raise AttemptNotAllowed(
            _("You have used all %(count)s attempts at this quiz.") % {"count": quiz.max_attempts}
        )
    if quiz.cooldown_minutes and summary["last"] is not None:
        available = summary["last"] + timedelta(minutes=quiz.cooldown_minutes)
        if now < available:
            minutes = int((available - now).total_seconds() // 60) + 1
            raise AttemptNotAllowed(
                _("You can try again in %(minutes)s minutes.") % {"minutes": minutes}
            )

    deadline = now + timedelta(minutes=quiz.time_limit_minutes) if quiz.time_limit_minutes else None
    try:
        with transaction.atomic():
            return Attempt.objects.create(
                user=user,
                quiz=quiz,
                number=(summary["count"] or 0) + 1,
                layout=_draw_layout(quiz, rng or random.Random()),  # noqa: S311 - not security
                started_at=now,
                deadline=deadline,
            )
    except IntegrityError:
        # A second tab started the same quiz at the same moment: use its attempt.
        return Attempt.objects.get(user=user, quiz=quiz, submitted_at__isnull=True)


def _open_attempt_for_update(user: User, attempt_id: int) -> Attempt:
    return Attempt.objects.select_for_update().get(pk=attempt_id, user=user)


@transaction.atomic
def answers_save(*, user: User, attempt_id: int, responses: dict[int, Any]) -> list[Answer]:
    """Autosave: validate every response against its own question, then store all or none.

    Raises ``InvalidAnswer`` for a response that does not fit its question (nothing is saved),
    ``TimeIsUp`` after the deadline, ``AnswerLocked`` for a question already checked.
    """
    attempt = _open_attempt_for_update(user, attempt_id)
    if attempt.is_submitted:
        raise TimeIsUp(_("This attempt has already been submitted."))
    if is_past_deadline(attempt):
        raise TimeIsUp(_("Time is up: answers can no longer be changed."))
    in_layout = {item["question"] for item in attempt.layout}
    unknown = set(responses) - in_layout
    if unknown:
        raise InvalidAnswer(f"questions {sorted(unknown)} are not part of this attempt")
    keys = question_keys(
        list(Question.objects.filter(pk__in=responses).prefetch_related("choices"))
    )
    parsed = {qid: parse_response(keys[qid], raw) for qid, raw in responses.items()}
    existing = {
        answer.question_id: answer for answer in attempt.answers.filter(question__in=parsed)
    }
    if any(existing[qid].locked for qid in parsed if qid in existing):
        raise AnswerLocked(_("You already checked this answer; it can't be changed."))
    now = timezone.now()
    to_update, to_create = [], []
    for qid, response in parsed.items():
        if qid in existing:
            existing[qid].response, existing[qid].saved_at = response, now
            to_update.append(existing[qid])
        else:
            to_create.append(
                Answer(attempt=attempt, question_id=qid, response=response, saved_at=now)
            )
    Answer.objects.bulk_update(to_update, ["response", "saved_at"])
    Answer.objects.bulk_create(to_create)
    return to_update + to_create


@transaction.atomic
def answer_check(*, user: User, attempt_id: int, question_id: int, raw: Any) -> Answer:
    """Immediate feedback: save one answer, lock it and score it on its own."""
    attempt = _open_attempt_for_update(user, attempt_id)
    if attempt.quiz.feedback_mode != FeedbackMode.IMMEDIATE:
        raise AnswerLocked(_("This quiz gives feedback after you submit it."))
    (answer,) = answers_save(user=user, attempt_id=attempt_id, responses={question_id: raw})
    key = question_keys(list(Question.objects.filter(pk=question_id).prefetch_related("choices")))[
        question_id
    ]
    answer.locked = True
    answer.credit = question_credit(key, answer.response)
    answer.save(update_fields=["locked", "credit"])
    return answer


@transaction.atomic
def attempt_submit(*, user: User, attempt_id: int) -> Attempt:
    """Score the attempt once. Submitting again returns the same result and records nothing.

    Only answers saved by the deadline exist (later saves are refused), so a late submit is
    scored on what was saved in time.
    """
    attempt = _open_attempt_for_update(user, attempt_id)
    if attempt.is_submitted:
        return attempt
    questions = layout_questions(attempt)
    keys = question_keys(questions)
    answers = {answer.question_id: answer for answer in attempt.answers.all()}
    scored, missing = [], []
    for question in questions:
        answer = answers.get(question.pk)
        if answer is None:
            answer = Answer(attempt=attempt, question=question, response={})
            missing.append(answer)
        answer.credit = question_credit(keys[question.pk], answer.response)
        scored.append((keys[question.pk], answer.credit))
    Answer.objects.bulk_update([a for a in answers.values() if a.credit is not None], ["credit"])
    Answer.objects.bulk_create(missing)

    quiz = attempt.quiz
    score = attempt_score(scored)
    attempt.score = Decimal(str(score))
    attempt.passed = score >= quiz.pass_mark
    attempt.submitted_at = timezone.now()
    attempt.save(update_fields=["score", "passed", "submitted_at"])

    payload = {"quiz_id": quiz.pk, "score": score, "attempt": attempt.number}
    if attempt.passed:
        events.record(
            user=user,
            kind=EventKind.QUIZ_PASSED,
            subject=attempt,
            key=f"{EventKind.QUIZ_PASSED}:{attempt.pk}",
            payload=payload,
        )
        from courses.services import assessment_passed

        assessment_passed(user=user, quiz=quiz)
    if score == 100:
        events.record(
            user=user,
            kind=EventKind.QUIZ_PERFECT,
            subject=attempt,
            key=f"{EventKind.QUIZ_PERFECT}:{attempt.pk}",
            payload=payload,
        )
    return attempt
