"""The demo quizzes: every kind in use, every question answerable, each one where learners meet it,
and a seed that can be run again without changing a thing."""

import os

import pytest
from django.core.management import call_command
from wagtail.models import Revision

from courses.blocks import required_quiz_ids
from courses.demo_content import COURSES
from courses.models import CoursePage, LearningPathPage, LessonPage
from quizzes import services
from quizzes.models import Choice, FeedbackMode, Question, Quiz, RevealAnswers, Topic
from quizzes.scoring import QuestionKind, authoring_problems

pytestmark = pytest.mark.django_db

CHOICE_KINDS = {QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.TRUE_FALSE}


def english(model):
    return model.objects.filter(locale__language_code="en")


def last_lesson(course: CoursePage) -> LessonPage:
    return LessonPage.objects.child_of(course).live().order_by("path").last()


def quiz_blocks() -> int:
    return sum(
        1
        for lesson in english(LessonPage)
        for block in lesson.body.raw_data
        if block["type"] == "quiz"
    )


def snapshot():
    return (
        Topic.objects.count(),
        Quiz.objects.count(),
        Question.objects.count(),
        Choice.objects.count(),
        Revision.objects.count(),
        quiz_blocks(),
    )


def test_demo_quizzes_use_every_kind_of_question(seeded_academy):
    assert Quiz.objects.count() >= 7
    kinds = set(Question.objects.values_list("kind", flat=True))
    assert kinds == {kind.value for kind in QuestionKind}


def test_every_demo_question_is_answerable_and_explained(seeded_academy):
    for question in Question.objects.prefetch_related("choices"):
        kind = QuestionKind(question.kind)
        choices = list(question.choices.all())
        as_authored = [(c.text, c.is_correct, c.match_text) for c in choices]
        assert authoring_problems(kind, as_authored) == [], question.prompt
        assert question.explanation, question.prompt
        if kind in CHOICE_KINDS:
            for choice in choices:
                if not choice.is_correct:
                    assert choice.feedback, f"{question.prompt}: {choice.text}"
        if kind is QuestionKind.ORDERING:
            assert len(choices) >= 3, question.prompt
        if kind is QuestionKind.MATCHING:
            assert len(choices) >= 3, question.prompt
        if kind is QuestionKind.SHORT_TEXT:
            assert 1 <= len(choices) <= 3, question.prompt


def test_each_demo_course_ends_with_a_required_knowledge_check(seeded_academy):
    for spec in COURSES:
        course = english(CoursePage).get(slug=spec["slug"])
        assert course.final_assessment_id is None, course.slug
        required = required_quiz_ids(last_lesson(course).body)
        assert len(required) == 1, course.slug
        quiz = Quiz.objects.get(pk=required[0])
        assert 3 <= quiz.questions.count() <= 6, quiz.title
        assert 70 <= quiz.pass_mark <= 80, quiz.title
        assert quiz.shuffle_choices, quiz.title
        assert quiz.cooldown_minutes == 0, quiz.title
        assert quiz.draw_topic is None, quiz.title


def test_knowledge_check_settings_vary_where_they_should(seeded_academy):
    checks = Quiz.objects.filter(draw_topic__isnull=True)
    assert checks.filter(feedback_mode=FeedbackMode.IMMEDIATE).count() == 1
    assert checks.filter(time_limit_minutes=10).count() == 1
    assert checks.filter(time_limit_minutes__isnull=False).count() == 1
    reveals = set(Quiz.objects.values_list("reveal_answers", flat=True))
    assert reveals == {RevealAnswers.AFTER_ATTEMPT, RevealAnswers.AFTER_PASS}


def test_the_escalation_check_asks_for_the_steps_in_order(seeded_academy):
    course = english(CoursePage).get(slug="the-escalation-ladder")
    quiz = Quiz.objects.get(pk=required_quiz_ids(last_lesson(course).body)[0])
    ordering = quiz.questions.get(kind=QuestionKind.ORDERING.value)
    assert ordering.choices.count() >= 3


def test_onboarding_path_has_a_final_assessment_drawn_from_the_bank(seeded_academy, agent):
    path = english(LearningPathPage).get(slug="first-two-weeks")
    quiz = path.final_assessment
    assert quiz is not None
    assert path.live_revision.content["final_assessment"] == quiz.pk
    assert not quiz.questions.exists()
    assert quiz.draw_topic is not None
    assert quiz.draw_count == 8
    assert (quiz.pass_mark, quiz.max_attempts) == (80, 3)
    assert (quiz.time_limit_minutes, quiz.cooldown_minutes) == (20, 60)
    assert quiz.shuffle_questions

    bank = Question.objects.filter(topic=quiz.draw_topic, quiz__isnull=True)
    assert 10 <= bank.count() <= 14
    assert bank.count() >= quiz.draw_count
    assert len({tag for q in bank for tag in q.tags.names()}) >= 3, "bank spans several courses"

    attempt = services.attempt_start(user=agent, quiz=quiz)
    drawn = [item["question"] for item in attempt.layout]
    assert len(drawn) == 8
    assert set(drawn) <= set(bank.values_list("pk", flat=True))


def test_running_the_seed_again_adds_no_quizzes_questions_or_revisions(seeded_academy, settings):
    before = snapshot()

    settings.DEBUG = True
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", stdout=quiet)

    assert snapshot() == before
