"""Trainers author quizzes and bank questions in Wagtail admin; broken questions are refused."""

import pytest

from quizzes.models import Question
from tests.factories import QuizFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db


def question_form(topic, choices):
    data = {
        "kind": "single",
        "topic": topic.pk,
        "weight": 1,
        "prompt": "A caller asks for the card number on file. What do you say?",
        "explanation": "Card numbers are never read out.",
        "tags": "",
        "choices-TOTAL_FORMS": len(choices),
        "choices-INITIAL_FORMS": 0,
        "choices-MIN_NUM_FORMS": 0,
        "choices-MAX_NUM_FORMS": 1000,
    }
    for index, (text, correct) in enumerate(choices):
        data |= {
            f"choices-{index}-text": text,
            f"choices-{index}-match_text": "",
            f"choices-{index}-feedback": "",
            f"choices-{index}-ORDER": index + 1,
            f"choices-{index}-id": "",
            f"choices-{index}-DELETE": "",
        }
        if correct:
            data[f"choices-{index}-is_correct"] = "on"
    return data


def test_trainers_open_the_quiz_editor_and_the_question_bank(trainer_client):
    quiz = QuizFactory()

    assert trainer_client.get("/cms/snippets/quizzes/quiz/add/").status_code == 200
    assert trainer_client.get(f"/cms/snippets/quizzes/quiz/edit/{quiz.pk}/").status_code == 200
    assert trainer_client.get("/cms/snippets/quizzes/question/").status_code == 200


def test_a_bank_question_with_one_correct_choice_is_saved(trainer_client):
    topic = TopicFactory(name="Data protection")
    data = question_form(
        topic, [("I can confirm the last four digits only", True), ("Sure", False)]
    )

    response = trainer_client.post("/cms/snippets/quizzes/question/add/", data)

    assert response.status_code == 302, response.content.decode()[:2000]
    question = Question.objects.get()
    assert question.topic == topic and question.quiz is None
    assert question.choices.filter(is_correct=True).count() == 1


def test_a_single_choice_question_without_a_correct_choice_is_refused(trainer_client):
    data = question_form(TopicFactory(), [("Sure", False), ("Of course", False)])

    response = trainer_client.post("/cms/snippets/quizzes/question/add/", data)

    assert response.status_code == 200
    assert "Mark exactly one choice as correct." in response.content.decode()
    assert not Question.objects.exists()


def test_agents_cannot_reach_quiz_authoring(client):
    client.force_login(UserFactory())

    response = client.get("/cms/snippets/quizzes/quiz/add/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def quiz_form(choices):
    data = {
        "title": "Data protection check",
        "intro": "",
        "pass_mark": 80,
        "max_attempts": "",
        "time_limit_minutes": "",
        "cooldown_minutes": 0,
        "shuffle_choices": "on",
        "feedback_mode": "deferred",
        "reveal_answers": "after_attempt",
        "draw_topic": "",
        "draw_count": 0,
        "questions-TOTAL_FORMS": 1,
        "questions-INITIAL_FORMS": 0,
        "questions-MIN_NUM_FORMS": 0,
        "questions-MAX_NUM_FORMS": 1000,
        "questions-0-id": "",
        "questions-0-ORDER": 1,
        "questions-0-DELETE": "",
    }
    nested = question_form(TopicFactory(), choices)
    for key, value in nested.items():
        data[f"questions-0-{key}"] = value
    return data


def test_questions_edited_inline_in_a_quiz_are_validated_too(trainer_client):
    from quizzes.models import Quiz

    bad = trainer_client.post(
        "/cms/snippets/quizzes/quiz/add/", quiz_form([("Sure", False), ("Yes", False)])
    )
    assert bad.status_code == 200
    assert "Mark exactly one choice as correct." in bad.content.decode()
    assert not Quiz.objects.exists()

    good = trainer_client.post(
        "/cms/snippets/quizzes/quiz/add/",
        quiz_form([("Last four digits only", True), ("Sure", False)]),
    )
    assert good.status_code == 302
    quiz = Quiz.objects.get()
    assert quiz.questions.get().choices.count() == 2
