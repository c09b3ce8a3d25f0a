"""Taking a quiz over HTTP: no answers leak, bad input is refused, attempts stay private."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quizzes import services
from quizzes.models import Answer, Attempt, Choice
from tests.factories import QuizFactory, UserFactory, question_with_choices
from tests.quizzes.conftest import choice_id, question_id

pytestmark = pytest.mark.django_db


def start(client, quiz) -> Attempt:
    response = client.post(f"/quizzes/{quiz.pk}/start/")
    assert response.status_code == 302
    return Attempt.objects.get(quiz=quiz, submitted_at__isnull=True)


def test_the_quiz_page_and_autosave_replies_carry_no_correctness_data(client, agent, refund_quiz):
    client.force_login(agent)
    attempt = start(client, refund_quiz)

    page = client.get(f"/quizzes/attempts/{attempt.pk}/").content.decode()
    saved = client.post(
        f"/quizzes/attempts/{attempt.pk}/save/",
        {f"q{question_id(refund_quiz, 'single')}": choice_id(refund_quiz, "No refund")},
    )

    assert "Order number" in page and "Full refund within the 14-day window" in page
    for secret in ("is_correct", "correct", "escalate", "feedback-right"):
        assert secret not in page.lower().replace("correctly", "")
    assert saved.status_code == 200
    body = json.dumps(saved.json()).lower()
    assert "correct" not in body and "credit" not in body and "score" not in body


def test_a_full_attempt_through_the_form_without_javascript(client, agent, refund_quiz):
    client.force_login(agent)
    attempt = start(client, refund_quiz)
    form = {
        f"q{question_id(refund_quiz, 'single')}": choice_id(
            refund_quiz, "Full refund within the 14-day window"
        ),
        f"q{question_id(refund_quiz, 'multiple')}": [
            choice_id(refund_quiz, "Order number"),
            choice_id(refund_quiz, "Postcode"),
        ],
        f"q{question_id(refund_quiz, 'short_text')}": "ESCALATE",
    }

    response = client.post(f"/quizzes/attempts/{attempt.pk}/submit/", form, follow=True)

    page = response.content.decode()
    assert "Passed" in page and "100%" in page
    assert "Correct answer:" in page  # revealed after the attempt by default


def test_answers_are_revealed_only_as_the_quiz_allows(client, agent, refund_quiz):
    refund_quiz.reveal_answers = "after_pass"
    refund_quiz.save()
    client.force_login(agent)
    attempt = start(client, refund_quiz)

    page = client.post(f"/quizzes/attempts/{attempt.pk}/submit/", follow=True).content.decode()

    assert "Not passed" in page
    assert "Correct answer:" not in page
    assert "Full refund within the 14-day window" not in page


def test_another_users_attempt_is_a_404_everywhere(client, agent, refund_quiz):
    attempt = services.attempt_start(user=UserFactory(), quiz=refund_quiz)
    client.force_login(agent)

    assert client.get(f"/quizzes/attempts/{attempt.pk}/").status_code == 404
    assert client.post(f"/quizzes/attempts/{attempt.pk}/save/").status_code == 404
    assert client.post(f"/quizzes/attempts/{attempt.pk}/submit/").status_code == 404
    assert client.get(f"/quizzes/attempts/{attempt.pk}/result/").status_code == 404
    assert not Attempt.objects.get(pk=attempt.pk).is_submitted


@pytest.mark.parametrize(
    "payload",
    [
        {"q{single}": "{foreign}"},  # a choice of another question
        {"q{single}": "999999"},  # unknown id
        {"q{single}": "not-a-number"},  # malformed
        {"q{single}": ["{right}", "{foreign}"]},  # two picks on a single choice
    ],
)
def test_bad_answers_are_a_400_with_a_message_and_nothing_is_saved(
    client, agent, refund_quiz, payload
):
    client.force_login(agent)
    attempt = start(client, refund_quiz)
    values = {
        "single": question_id(refund_quiz, "single"),
        "foreign": choice_id(refund_quiz, "Postcode"),
        "right": choice_id(refund_quiz, "Full refund within the 14-day window"),
    }

    def fill(text):
        return text.format(**values)

    data = {
        fill(k): [fill(x) for x in v] if isinstance(v, list) else fill(v)
        for k, v in payload.items()
    }
    response = client.post(f"/quizzes/attempts/{attempt.pk}/save/", data)

    assert response.status_code == 400
    assert response.json()["error"]
    assert not Answer.objects.exists()


def test_starting_beyond_the_maximum_is_refused_with_a_message(client, agent, refund_quiz):
    refund_quiz.max_attempts = 1
    refund_quiz.save()
    client.force_login(agent)
    attempt = start(client, refund_quiz)
    client.post(f"/quizzes/attempts/{attempt.pk}/submit/")

    response = client.post(f"/quizzes/{refund_quiz.pk}/start/", follow=True)

    assert "You have used all 1 attempts" in response.content.decode()
    assert Attempt.objects.filter(user=agent).count() == 1


def test_quiz_pages_need_a_signed_in_user(client, refund_quiz):
    assert client.get(f"/quizzes/{refund_quiz.pk}/")["Location"].startswith("/accounts/login/")
    assert client.post(f"/quizzes/{refund_quiz.pk}/start/")["Location"].startswith(
        "/accounts/login/"
    )


def test_next_links_only_lead_back_into_the_academy(client, agent, refund_quiz):
    client.force_login(agent)
    good = client.get(f"/quizzes/{refund_quiz.pk}/", {"next": "/en/refunds/lesson/"})
    evil = client.get(f"/quizzes/{refund_quiz.pk}/", {"next": "https://evil.example/"})

    assert 'href="/en/refunds/lesson/"' in good.content.decode()
    assert 'href="https://evil.example/"' not in evil.content.decode()
    assert "Back to the lesson" not in evil.content.decode()


def build_quiz(questions: int):
    quiz = QuizFactory(pass_mark=50)
    for number in range(questions):
        question_with_choices(
            quiz=quiz,
            kind=["single", "multiple", "short_text"][number % 3],
            choices=[("yes", True), ("no", False)],
        )
    return quiz


# The submit view's ceiling, whatever the number of questions.
SUBMIT_MAX_QUERIES = 30


def submit_queries(client, user, questions: int, assert_max) -> int:
    quiz = build_quiz(questions)
    attempt = services.attempt_start(user=user, quiz=quiz)
    form = {}
    for question in quiz.questions.all():
        right = Choice.objects.get(question=question, is_correct=True, text="yes")
        form[f"q{question.pk}"] = "yes" if question.kind == "short_text" else right.pk
    with assert_max(SUBMIT_MAX_QUERIES), CaptureQueriesContext(connection) as queries:
        response = client.post(f"/quizzes/attempts/{attempt.pk}/submit/", form)
    assert response.status_code == 302
    assert Attempt.objects.get(pk=attempt.pk).score == 100
    return len(queries)


def test_submitting_costs_the_same_queries_for_5_or_50_questions(
    client, agent, django_assert_max_num_queries
):
    client.force_login(agent)

    small = submit_queries(client, agent, 5, django_assert_max_num_queries)
    large = submit_queries(client, agent, 50, django_assert_max_num_queries)

    assert large == small


def test_a_lesson_with_a_required_check_completes_only_once_it_is_passed(
    client, catalogue, agent, refund_quiz
):
    from courses.models import LessonCompletion
    from tests.factories import LessonPageFactory, course_with_lessons

    course = course_with_lessons(index=catalogue, lessons=0)
    lesson = LessonPageFactory(
        parent=course,
        body=[
            {"type": "paragraph", "value": "<p>Refunds in four steps.</p>"},
            {"type": "quiz", "value": {"quiz": refund_quiz.pk, "required": True}},
        ],
    )
    client.force_login(agent)

    page = client.get(lesson.url).content.decode()
    blocked = client.post(f"/learn/lessons/{lesson.pk}/complete/", follow=True)
    assert "Take the quiz" in page and "Pass the knowledge check above" in page
    assert "Pass the lesson&#x27;s knowledge check" in blocked.content.decode()
    assert not LessonCompletion.objects.exists()

    attempt = services.attempt_start(user=agent, quiz=refund_quiz)
    services.answers_save(
        user=agent,
        attempt_id=attempt.pk,
        responses={
            question_id(refund_quiz, "single"): {
                "choice": choice_id(refund_quiz, "Full refund within the 14-day window")
            },
            question_id(refund_quiz, "short_text"): {"text": "escalate"},
            question_id(refund_quiz, "multiple"): {
                "choices": [choice_id(refund_quiz, "Order number")]
            },
        },
    )
    services.attempt_submit(user=agent, attempt_id=attempt.pk)
    client.post(f"/learn/lessons/{lesson.pk}/complete/")

    assert LessonCompletion.objects.filter(user=agent, lesson=lesson).exists()
    assert re.search(r"Best score 83%", client.get(lesson.url).content.decode())


def test_a_course_with_a_final_assessment_completes_only_when_it_is_passed(
    catalogue, agent, refund_quiz
):
    from courses import services as course_services
    from courses.models import Enrolment
    from gamification.models import Event, EventKind
    from tests.factories import course_with_lessons, lessons_of

    course = course_with_lessons(index=catalogue, lessons=1, final_assessment=refund_quiz)
    result = course_services.lesson_complete(user=agent, lesson=lessons_of(course)[0])
    assert not result.course_completed

    attempt = services.attempt_start(user=agent, quiz=refund_quiz)
    services.attempt_submit(user=agent, attempt_id=attempt.pk)  # blank: fails
    assert Enrolment.objects.get(user=agent).completed_at is None

    from tests.quizzes.conftest import perfect_responses

    attempt = services.attempt_start(user=agent, quiz=refund_quiz)
    services.answers_save(
        user=agent, attempt_id=attempt.pk, responses=perfect_responses(refund_quiz)
    )
    services.attempt_submit(user=agent, attempt_id=attempt.pk)

    assert Enrolment.objects.get(user=agent).completed_at is not None
    assert Event.objects.filter(kind=EventKind.COURSE_COMPLETED).count() == 1


def test_immediate_feedback_checks_one_question_and_locks_it(client, agent, refund_quiz):
    refund_quiz.feedback_mode = "immediate"
    refund_quiz.save()
    client.force_login(agent)
    attempt = start(client, refund_quiz)
    single = question_id(refund_quiz, "single")

    response = client.post(
        f"/quizzes/attempts/{attempt.pk}/check/{single}/",
        {f"q{single}": choice_id(refund_quiz, "No refund")},
        follow=True,
    )

    page = response.content.decode()
    assert "Not quite" in page
    assert Answer.objects.get(attempt=attempt, question_id=single).locked
    again = client.post(
        f"/quizzes/attempts/{attempt.pk}/save/",
        {f"q{single}": choice_id(refund_quiz, "Full refund within the 14-day window")},
    )
    assert again.status_code == 409


def test_answers_are_never_revealed_when_the_quiz_says_never(client, agent, refund_quiz):
    from tests.quizzes.conftest import perfect_responses

    refund_quiz.reveal_answers = "never"
    refund_quiz.save()
    attempt = services.attempt_start(user=agent, quiz=refund_quiz)
    services.answers_save(
        user=agent, attempt_id=attempt.pk, responses=perfect_responses(refund_quiz)
    )
    services.attempt_submit(user=agent, attempt_id=attempt.pk)
    client.force_login(agent)

    page = client.get(f"/quizzes/attempts/{attempt.pk}/result/").content.decode()

    assert "Passed" in page
    assert "Correct answer:" not in page
