"""Demo quizzes for the demo academy (see ``seed_demo``).

Builds the onboarding question bank, one knowledge check per demo course (appended as a
required quiz block to the course's last lesson) and the onboarding path's final assessment,
from the data in ``quizzes.demo_content``. Idempotent: topics are found by name, quizzes by
title and questions by prompt; only what is missing is created, and a lesson or path gets a
new revision only when its quiz is not attached yet.
"""

import uuid

from courses.models import CoursePage, LearningPathPage, LessonPage
from quizzes.demo_content import BANK, COURSE_QUIZZES, PATH_ASSESSMENTS
from quizzes.models import Choice, Question, Quiz, Topic
from quizzes.scoring import QuestionKind, authoring_problems


def ensure_demo_quizzes(
    *, courses: dict[str, CoursePage], paths: dict[str, LearningPathPage]
) -> None:
    """Create the demo quizzes and attach them to the demo courses; idempotent."""
    topics = {name: _ensure_bank(name, questions) for name, questions in BANK.items()}
    for spec in COURSE_QUIZZES:
        course = courses.get(spec["course"])
        if course is None:
            continue
        quiz = _ensure_quiz(spec)
        _attach_to_last_lesson(course, quiz)
    for spec in PATH_ASSESSMENTS:
        path = paths.get(spec["path"])
        if path is None:
            continue
        quiz = _ensure_quiz(
            spec, draw_topic=topics[spec["draw_topic"]], draw_count=spec["draw_count"]
        )
        if path.final_assessment_id != quiz.pk:
            path.final_assessment = quiz
            path.save_revision().publish()


def _ensure_bank(name: str, questions: list[dict]) -> Topic:
    topic, _created = Topic.objects.get_or_create(name=name)
    existing = set(
        Question.objects.filter(topic=topic, quiz__isnull=True).values_list("prompt", flat=True)
    )
    for sort_order, spec in enumerate(questions):
        if spec["prompt"] not in existing:
            _create_question(spec, quiz=None, topic=topic, sort_order=sort_order)
    return topic


def _ensure_quiz(spec: dict, **fields) -> Quiz:
    quiz = Quiz.objects.filter(title=spec["title"]).first()
    if quiz is None:
        quiz = Quiz.objects.create(
            title=spec["title"], intro=spec["intro"], **spec["settings"], **fields
        )
    existing = set(quiz.questions.values_list("prompt", flat=True))
    for sort_order, question in enumerate(spec.get("questions", [])):
        if question["prompt"] not in existing:
            _create_question(question, quiz=quiz, topic=None, sort_order=sort_order)
    return quiz


def _create_question(spec: dict, *, quiz: Quiz | None, topic: Topic | None, sort_order: int):
    kind = QuestionKind(spec["kind"])
    choices = spec["choices"]
    problems = authoring_problems(
        kind,
        [(c["text"], bool(c.get("is_correct")), c.get("match_text", "")) for c in choices],
    )
    if problems:
        raise ValueError(f"Demo question {spec['prompt']!r} is not answerable: {problems}")
    question = Question.objects.create(
        quiz=quiz,
        topic=topic,
        kind=kind.value,
        prompt=spec["prompt"],
        explanation=spec["explanation"],
        sort_order=sort_order,
    )
    Choice.objects.bulk_create(
        Choice(
            question=question,
            text=choice["text"],
            is_correct=bool(choice.get("is_correct")),
            match_text=choice.get("match_text", ""),
            feedback=choice.get("feedback", ""),
            sort_order=index,
        )
        for index, choice in enumerate(choices)
    )
    if spec.get("tags"):
        question.tags.add(*spec["tags"])
        question.save()
    return question


def _attach_to_last_lesson(course: CoursePage, quiz: Quiz) -> None:
    """Append a required quiz block to the course's last lesson, unless it is already there."""
    lesson = LessonPage.objects.child_of(course).order_by("path").last()
    if lesson is None:
        return
    raw = list(lesson.body.raw_data)
    if any(block["type"] == "quiz" and block["value"].get("quiz") == quiz.pk for block in raw):
        return
    raw.append(
        {"type": "quiz", "value": {"quiz": quiz.pk, "required": True}, "id": str(uuid.uuid4())}
    )
    lesson.body = raw
    lesson.save_revision().publish()
