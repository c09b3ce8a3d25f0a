import datetime
import random

import pytest
from django.utils import timezone

from gamification.models import Event, EventKind
from quizzes import services
from quizzes.models import Answer, Attempt
from quizzes.scoring import InvalidAnswer
from tests.factories import QuizFactory, TopicFactory, question_with_choices
from tests.quizzes.conftest import choice_id, perfect_responses, question_id

pytestmark = pytest.mark.django_db


def take(user, quiz, responses):
    attempt = services.attempt_start(user=user, quiz=quiz)
    services.answers_save(user=user, attempt_id=attempt.pk, responses=responses)
    return services.attempt_submit(user=user, attempt_id=attempt.pk)


def test_a_perfect_attempt_passes_and_records_pass_and_perfect_events(agent, refund_quiz):
    attempt = take(agent, refund_quiz, perfect_responses(refund_quiz))

    assert attempt.score == 100 and attempt.passed
    kinds = sorted(Event.objects.filter(user=agent).values_list("kind", flat=True))
    assert kinds == [EventKind.QUIZ_PASSED, EventKind.QUIZ_PERFECT]
    passed = Event.objects.get(kind=EventKind.QUIZ_PASSED)
    assert passed.payload == {"quiz_id": refund_quiz.pk, "score": 100.0, "attempt": 1}


def test_partial_credit_and_a_failed_attempt_records_no_event(agent, refund_quiz):
    responses = perfect_responses(refund_quiz)
    responses[question_id(refund_quiz, "short_text")] = {"text": "refund it"}
    responses[question_id(refund_quiz, "multiple")] = {
        "choices": [choice_id(refund_quiz, "Order number")]
    }

    attempt = take(agent, refund_quiz, responses)

    assert float(attempt.score) == 50.0  # 1 + 0.5 + 0 of 3
    assert attempt.passed is False
    assert not Event.objects.exists()


def test_submitting_twice_returns_the_same_result_and_records_nothing_new(agent, refund_quiz):
    attempt = take(agent, refund_quiz, perfect_responses(refund_quiz))

    again = services.attempt_submit(user=agent, attempt_id=attempt.pk)

    assert again.submitted_at == attempt.submitted_at and again.score == attempt.score
    assert Event.objects.count() == 2
    assert Answer.objects.filter(attempt=attempt).count() == 3


def test_starting_freezes_the_questions_and_resumes_the_open_attempt(agent, refund_quiz):
    first = services.attempt_start(user=agent, quiz=refund_quiz)
    question_with_choices(
        quiz=refund_quiz, prompt="Added later", choices=[("a", True), ("b", False)]
    )

    resumed = services.attempt_start(user=agent, quiz=refund_quiz)

    assert resumed.pk == first.pk
    assert len(resumed.layout) == 3


def test_an_answer_from_another_question_is_refused_and_nothing_is_saved(agent, refund_quiz):
    attempt = services.attempt_start(user=agent, quiz=refund_quiz)
    single = question_id(refund_quiz, "single")
    foreign_choice = choice_id(refund_quiz, "Postcode")

    with pytest.raises(InvalidAnswer):
        services.answers_save(
            user=agent,
            attempt_id=attempt.pk,
            responses={
                question_id(refund_quiz, "short_text"): {"text": "escalate"},
                single: {"choice": foreign_choice},
            },
        )

    assert not Answer.objects.exists()


def test_answers_after_the_deadline_are_refused_and_the_submit_scores_what_was_saved(
    agent, refund_quiz
):
    refund_quiz.time_limit_minutes = 5
    refund_quiz.save()
    attempt = services.attempt_start(user=agent, quiz=refund_quiz)
    responses = perfect_responses(refund_quiz)
    single = question_id(refund_quiz, "single")
    services.answers_save(user=agent, attempt_id=attempt.pk, responses={single: responses[single]})

    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - services.DEADLINE_GRACE - datetime.timedelta(seconds=1)
    )
    with pytest.raises(services.TimeIsUp):
        services.answers_save(user=agent, attempt_id=attempt.pk, responses=responses)
    submitted = services.attempt_submit(user=agent, attempt_id=attempt.pk)

    assert float(submitted.score) == pytest.approx(33.33)


def test_maximum_attempts_and_cooldown_are_enforced(agent, refund_quiz):
    refund_quiz.max_attempts = 2
    refund_quiz.cooldown_minutes = 30
    refund_quiz.save()
    first = take(agent, refund_quiz, {})

    with pytest.raises(services.AttemptNotAllowed, match="try again in 30 minutes"):
        services.attempt_start(user=agent, quiz=refund_quiz)

    Attempt.objects.filter(pk=first.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(minutes=31)
    )
    second = take(agent, refund_quiz, {})
    assert second.number == 2
    Attempt.objects.filter(pk=second.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(minutes=31)
    )
    with pytest.raises(services.AttemptNotAllowed, match="all 2 attempts"):
        services.attempt_start(user=agent, quiz=refund_quiz)


def test_bank_questions_are_drawn_at_random_and_frozen_per_attempt(agent):
    topic = TopicFactory(name="Onboarding essentials")
    bank = [
        question_with_choices(topic=topic, quiz=None, choices=[("a", True), ("b", False)])
        for _ in range(6)
    ]
    quiz = QuizFactory(draw_topic=topic, draw_count=3)

    attempt = services.attempt_start(user=agent, quiz=quiz, rng=random.Random(7))

    drawn = [item["question"] for item in attempt.layout]
    assert len(drawn) == 3 and len(set(drawn)) == 3
    assert set(drawn) <= {q.pk for q in bank}


def test_checking_an_answer_locks_it_in_immediate_mode(agent, refund_quiz):
    refund_quiz.feedback_mode = "immediate"
    refund_quiz.save()
    attempt = services.attempt_start(user=agent, quiz=refund_quiz)
    single = question_id(refund_quiz, "single")

    answer = services.answer_check(
        user=agent,
        attempt_id=attempt.pk,
        question_id=single,
        raw={"choice": choice_id(refund_quiz, "No refund")},
    )

    assert answer.locked and answer.credit == 0
    with pytest.raises(services.AnswerLocked):
        services.answers_save(
            user=agent,
            attempt_id=attempt.pk,
            responses={single: perfect_responses(refund_quiz)[single]},
        )


def test_shuffling_changes_the_order_per_attempt_and_ordering_items_are_always_mixed(agent):
    quiz = QuizFactory(shuffle_questions=True, shuffle_choices=False)
    questions = [
        question_with_choices(quiz=quiz, choices=[("a", True), ("b", False)]) for _ in range(8)
    ]
    steps = question_with_choices(
        quiz=quiz,
        kind="ordering",
        choices=[("Listen", False), ("Acknowledge", False), ("Act", False), ("Confirm", False)],
    )

    attempt = services.attempt_start(user=agent, quiz=quiz, rng=random.Random(3))

    order = [item["question"] for item in attempt.layout]
    assert sorted(order) == sorted([q.pk for q in questions] + [steps.pk])
    assert order != [q.pk for q in questions] + [steps.pk]
    single = next(item for item in attempt.layout if item["question"] == questions[0].pk)
    assert single["choices"] == [c.pk for c in questions[0].choices.all()]  # not shuffled
    ordering = next(item for item in attempt.layout if item["question"] == steps.pk)
    assert ordering["choices"] != [c.pk for c in steps.choices.all()]  # never the answer
