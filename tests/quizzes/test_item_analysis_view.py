"""The item-analysis report in Wagtail admin: who may see it, what it shows, how many queries."""

import random

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quizzes import services
from quizzes.models import Quiz
from quizzes.scoring import QuestionKind
from tests.factories import QuizFactory, TopicFactory, UserFactory, question_with_choices

pytestmark = pytest.mark.django_db

# One ceiling for every size of quiz history; the test also checks the count is identical.
# Measured: 15 for a trainer (12 for a superuser, who skips the permission reads): five for the
# report (quiz, attempt scores, answer rows, questions, choices), one for the roles and second
# factor (lms/accounts/mfa.py), the rest Wagtail's admin frame.
MAX_QUERIES = 16


def report_url(quiz: Quiz) -> str:
    return reverse("quizzes_item_analysis", args=[quiz.pk])


@pytest.fixture
def trainer(db):
    """A trainer exactly as the academy makes one: a member of Wagtail's Editors group."""
    return UserFactory(email="trainer@example.test", trainer=True)


@pytest.fixture
def superuser(db):
    return UserFactory(email="admin@example.test", is_superuser=True, is_staff=True)


def correct_responses(attempt, right: set[int]) -> dict[int, dict]:
    """Answers for the attempt's questions: correct for those in ``right``, wrong otherwise."""
    keys = services.question_keys(services.layout_questions(attempt))
    responses = {}
    for question_id, key in keys.items():
        ok = question_id in right
        if key.kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE):
            wrong = next(cid for cid in key.choice_ids if cid not in key.correct_ids)
            responses[question_id] = {"choice": next(iter(key.correct_ids)) if ok else wrong}
        elif key.kind is QuestionKind.MULTIPLE:
            picked = key.correct_ids if ok else set(key.choice_ids) - key.correct_ids
            responses[question_id] = {"choices": sorted(picked)}
        elif key.kind is QuestionKind.ORDERING:
            order = list(key.choice_ids)
            responses[question_id] = {"order": order if ok else order[::-1]}
        elif key.kind is QuestionKind.MATCHING:
            ids = list(key.choice_ids)
            targets = ids if ok else ids[1:] + ids[:1]
            responses[question_id] = {
                "pairs": {str(i): t for i, t in zip(ids, targets, strict=True)}
            }
        else:
            responses[question_id] = {"text": key.accepted_texts[0] if ok else "no idea"}
    return responses


def take(user, quiz, right: set[int], *, rng: random.Random | None = None):
    attempt = services.attempt_start(user=user, quiz=quiz, rng=rng)
    services.answers_save(
        user=user, attempt_id=attempt.pk, responses=correct_responses(attempt, right)
    )
    return services.attempt_submit(user=user, attempt_id=attempt.pk)


def single(quiz, prompt):
    return question_with_choices(
        quiz=quiz, prompt=prompt, choices=[("Right", True), ("Wrong", False), ("Other", False)]
    )


@pytest.fixture
def small_quiz(db):
    quiz = QuizFactory(title="Refunds check", pass_mark=60)
    first = single(quiz, "Refund window?")
    second = question_with_choices(
        quiz=quiz, kind="short_text", prompt="Above your limit?", choices=[("escalate", True)]
    )
    for number in range(3):
        take(UserFactory(), quiz, {first.pk, second.pk} if number else {first.pk})
    return quiz


# --- who may see it ---------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(client, small_quiz):
    response = client.get(report_url(small_quiz))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")


def test_agents_without_admin_access_are_turned_away(client, agent, small_quiz):
    client.force_login(agent)

    response = client.get(report_url(small_quiz))

    # Wagtail's admin wrapper sends users without admin access back to the login page.
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_admin_users_who_may_not_edit_quizzes_get_the_permission_denied_redirect(
    client, small_quiz
):
    reviewer = UserFactory()
    group = Group.objects.create(name="Reviewers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    reviewer.groups.add(group)
    client.force_login(reviewer)

    response = client.get(report_url(small_quiz))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_the_editors_group_may_edit_quizzes(trainer):
    # Granted by quizzes/migrations/0002_trainers_edit_quizzes.py; the report relies on it.
    assert trainer.has_perm("quizzes.change_quiz")


def test_trainers_in_the_editors_group_see_the_report(client, trainer, small_quiz):
    client.force_login(trainer)

    response = client.get(report_url(small_quiz))

    assert response.status_code == 200
    assert b"Refunds check" in response.content


def test_superusers_see_the_report(client, superuser, small_quiz):
    client.force_login(superuser)

    assert client.get(report_url(small_quiz)).status_code == 200


def test_an_unknown_quiz_is_not_found(client, superuser):
    client.force_login(superuser)

    assert client.get(reverse("quizzes_item_analysis", args=[999999])).status_code == 404


def test_the_quiz_listing_links_each_quiz_to_its_report(client, trainer, small_quiz):
    client.force_login(trainer)

    listing = client.get(reverse(Quiz.snippet_viewset.get_url_name("list")))

    assert listing.status_code == 200
    assert report_url(small_quiz).encode() in listing.content
    assert b"Item analysis" in listing.content


# --- what it shows ----------------------------------------------------------------------------


def test_an_empty_state_before_any_attempt_is_submitted(client, superuser, agent):
    quiz = QuizFactory()
    single(quiz, "Refund window?")
    services.attempt_start(user=agent, quiz=quiz)  # open, not submitted: not analysed
    client.force_login(superuser)

    response = client.get(report_url(quiz))

    assert response.status_code == 200
    assert b"No submitted attempts yet" in response.content
    assert b"ia-chart-heading" not in response.content and not response.context["rows"]


def test_the_report_shows_summary_statistics_flags_and_a_chart(client, superuser):
    quiz = QuizFactory(title="Escalation check", pass_mark=60)
    easy = single(quiz, "Easy one")
    good = single(quiz, "Separates strong from weak")
    good_too = question_with_choices(
        quiz=quiz,
        kind="multiple",
        prompt="What do you verify?",
        choices=[("Order number", True), ("Postcode", True), ("PIN", False)],
    )
    inverted = single(quiz, "Only the weakest get this right")
    hard = question_with_choices(
        quiz=quiz, kind="short_text", prompt="One word?", choices=[("escalate", True)]
    )
    # Twelve attempts, ranked 0..11. Scores: 0-2 get easy+inverted (40%), 3 only easy (20%),
    # 4-5 easy+good (40%), 6-8 add good_too (60%), 9-11 add hard (80%). Groups of
    # round(0.27 * 12) = 3: top {9, 10, 11}; bottom {3, 0, 1} (ties by attempt order).
    for rank in range(12):
        right = {easy.pk}
        if rank >= 4:
            right.add(good.pk)
        if rank >= 6:
            right.add(good_too.pk)
        if rank < 3:
            right.add(inverted.pk)
        if rank >= 9:
            right.add(hard.pk)
        take(UserFactory(), quiz, right)
    client.force_login(superuser)

    response = client.get(report_url(quiz))

    html = response.content.decode()
    report = response.context["report"]
    assert report.attempts == 12
    assert round(report.mean_score, 2) == 53.33  # 640 / 12
    assert report.pass_rate == 50
    by_prompt = {item.question.prompt: item for item in report.items}
    assert by_prompt["Easy one"].facility == 100
    assert by_prompt["Separates strong from weak"].discrimination == 1.0
    assert by_prompt["Only the weakest get this right"].discrimination == pytest.approx(-2 / 3)
    assert by_prompt["One word?"].facility == 25
    assert "Attempts analysed" in html and "53%" in html and "50%" in html
    assert "Too easy" in html and "Too hard" in html and "Negative discrimination" in html
    assert "-0.67" in html and "+1.00" in html
    assert '<svg role="img"' in html and "<title" in html
    assert "Facility per question" in html
    assert "(correct)" in html  # choices are marked, not only coloured
    assert reverse(Quiz.snippet_viewset.get_url_name("edit"), args=[quiz.pk]) in html


def test_with_few_attempts_discrimination_says_not_enough_data(client, superuser, small_quiz):
    client.force_login(superuser)

    response = client.get(report_url(small_quiz))

    assert all(item.discrimination is None for item in response.context["report"].items)
    assert b"not enough data" in response.content


def test_bank_questions_appear_when_attempts_drew_them(client, superuser):
    topic = TopicFactory(name="Data protection")
    quiz = QuizFactory(draw_topic=topic, draw_count=1)
    single(quiz, "Own question")
    drawn = question_with_choices(
        quiz=None,
        topic=topic,
        kind="true_false",
        prompt="May you read a card number aloud?",
        choices=[("True", False), ("False", True)],
    )
    take(UserFactory(), quiz, {drawn.pk})
    client.force_login(superuser)

    response = client.get(report_url(quiz))

    items = response.context["report"].items
    assert [item.question.prompt for item in items] == [
        "Own question",
        "May you read a card number aloud?",
    ]
    assert items[1].question.from_bank and items[1].facility == 100
    assert b"drawn from the question bank" in response.content


# --- queries ----------------------------------------------------------------------------------


def build_history(attempts: int) -> Quiz:
    """A quiz of every question kind plus bank draws, and ``attempts`` submitted attempts."""
    topic = TopicFactory()
    quiz = QuizFactory(draw_topic=topic, draw_count=2, pass_mark=50)
    questions = [
        single(quiz, "Single"),
        question_with_choices(
            quiz=quiz, kind="multiple", choices=[("a", True), ("b", True), ("c", False)]
        ),
        question_with_choices(quiz=quiz, kind="ordering", choices=[("1", False), ("2", False)]),
        question_with_choices(
            quiz=quiz, kind="matching", choices=[("x", False, "X"), ("y", False, "Y")]
        ),
        question_with_choices(quiz=quiz, kind="short_text", choices=[("escalate", True)]),
    ]
    for _ in range(3):
        questions.append(
            question_with_choices(quiz=None, topic=topic, choices=[("a", True), ("b", False)])
        )
    rng = random.Random(attempts)
    users = [UserFactory() for _ in range(min(attempts, 20))]
    for number in range(attempts):
        right = {question.pk for question in questions if rng.random() < 0.6}
        take(users[number % len(users)], quiz, right, rng=rng)
    return quiz


def count_queries(client, url: str) -> int:
    client.get(url)  # warm up: the first request after login also touches the session
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_attempts(
    client, trainer, django_assert_max_num_queries
):
    few, many = build_history(10), build_history(200)
    client.force_login(trainer)

    counts = [count_queries(client, report_url(quiz)) for quiz in (few, many)]
    for quiz in (few, many):
        with django_assert_max_num_queries(MAX_QUERIES):
            client.get(report_url(quiz))

    print("item analysis queries at 10 and 200 attempts:", counts)
    assert counts[0] == counts[1], counts
    assert many.attempts.filter(submitted_at__isnull=False).count() == 200
