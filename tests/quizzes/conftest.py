import pytest

from tests.factories import QuizFactory, question_with_choices


@pytest.fixture
def refund_quiz(db):
    """A three-question knowledge check: single choice, multiple response, short text."""
    quiz = QuizFactory(title="Refunds knowledge check", pass_mark=70)
    question_with_choices(
        quiz=quiz,
        kind="single",
        prompt="A customer returns an unopened router after 10 days. What applies?",
        choices=[("Full refund within the 14-day window", True), ("No refund", False)],
    )
    question_with_choices(
        quiz=quiz,
        kind="multiple",
        prompt="Which details do you verify before discussing a refund?",
        choices=[("Order number", True), ("Postcode", True), ("Full card number", False)],
    )
    question_with_choices(
        quiz=quiz,
        kind="short_text",
        prompt="One word: what do you do when the refund is above your limit?",
        choices=[("escalate", True)],
    )
    return quiz


def choice_id(quiz, text):
    from quizzes.models import Choice

    return Choice.objects.get(question__quiz=quiz, text=text).pk


def question_id(quiz, kind):
    return quiz.questions.get(kind=kind).pk


def perfect_responses(quiz) -> dict:
    return {
        question_id(quiz, "single"): {
            "choice": choice_id(quiz, "Full refund within the 14-day window")
        },
        question_id(quiz, "multiple"): {
            "choices": [choice_id(quiz, "Order number"), choice_id(quiz, "Postcode")]
        },
        question_id(quiz, "short_text"): {"text": " Escalate "},
    }
