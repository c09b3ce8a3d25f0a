"""Reads for quiz pages. Nothing here puts correctness data in front of a learner before the
attempt is submitted: ``attempt_sheet`` carries prompts and choices only."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Max, Q

from lms.accounts.models import User
from quizzes import analysis
from quizzes.analysis import AnswerRow, AttemptRow, ChoiceInfo, QuestionInfo, QuizAnalysis
from quizzes.models import Answer, Attempt, Choice, Question, Quiz, RevealAnswers
from quizzes.scoring import QuestionKind
from quizzes.services import layout_questions


@dataclass
class QuizStatus:
    quiz_id: int
    passed: bool = False
    best_score: float | None = None
    attempts: int = 0


def quiz_statuses(*, user: User, quiz_ids: list[int]) -> dict[int, QuizStatus]:
    """Passed or not, best score and attempts used, per quiz, in one query."""
    statuses = {quiz_id: QuizStatus(quiz_id) for quiz_id in quiz_ids}
    if not quiz_ids or not user.is_authenticated:
        return statuses
    rows = (
        Attempt.objects.filter(user=user, quiz_id__in=quiz_ids, submitted_at__isnull=False)
        .values("quiz_id")
        .annotate(
            best=Max("score"),
            # Counting passes rather than Max(passed): PostgreSQL has no max() for booleans.
            passes=Count("pk", filter=Q(passed=True)),
            count=Max("number"),
        )
    )
    for row in rows:
        status = statuses[row["quiz_id"]]
        status.best_score = float(row["best"]) if row["best"] is not None else None
        status.passed = row["passes"] > 0
        status.attempts = row["count"]
    return statuses


def passed_quiz_ids(*, user: User, quiz_ids: list[int]) -> set[int]:
    if not quiz_ids:
        return set()
    return set(
        Attempt.objects.filter(user=user, quiz_id__in=quiz_ids, passed=True).values_list(
            "quiz_id", flat=True
        )
    )


@dataclass
class QuizOverview:
    quiz: Quiz
    attempts: list[Attempt]
    open_attempt: Attempt | None
    passed: bool
    attempts_left: int | None


def quiz_overview(*, user: User, quiz: Quiz) -> QuizOverview:
    attempts = list(Attempt.objects.filter(user=user, quiz=quiz).order_by("-number"))
    submitted = [a for a in attempts if a.is_submitted]
    open_attempt = next((a for a in attempts if not a.is_submitted), None)
    left = None if quiz.max_attempts is None else max(0, quiz.max_attempts - len(submitted))
    return QuizOverview(
        quiz=quiz,
        attempts=submitted,
        open_attempt=open_attempt,
        passed=any(a.passed for a in submitted),
        attempts_left=left,
    )


@dataclass
class SheetChoice:
    """A choice as shown before submission: its id and text, nothing about correctness.
    For matching questions the targets are SheetChoices whose text is the match."""

    id: int
    text: str


@dataclass
class SheetQuestion:
    number: int
    question: Question
    kind: QuestionKind
    choices: list[SheetChoice]
    targets: list[SheetChoice]
    response: dict
    locked: bool = False
    credit: float | None = None
    feedback: list[str] = field(default_factory=list)

    @property
    def selected_ids(self) -> list[int]:
        if "choice" in self.response:
            return [self.response["choice"]]
        return list(self.response.get("choices", []))

    @property
    def positions(self) -> dict[int, int]:
        return {cid: pos for pos, cid in enumerate(self.response.get("order", []), 1) if cid}

    @property
    def pairs(self) -> dict[int, int]:
        return {int(item): target for item, target in self.response.get("pairs", {}).items()}

    @property
    def position_choices(self) -> list[int]:
        return list(range(1, len(self.choices) + 1))


def _choice_feedback(question: SheetQuestion, choices: dict[int, Choice]) -> list[str]:
    picked = question.selected_ids
    return [choices[cid].feedback for cid in picked if cid in choices and choices[cid].feedback]


def attempt_sheet(*, attempt: Attempt) -> list[SheetQuestion]:
    """The questions to answer, in the attempt's frozen order, with what is saved so far.

    Correctness appears only for questions already checked in immediate-feedback mode.
    """
    questions = {q.pk: q for q in layout_questions(attempt)}
    answers = {a.question_id: a for a in Answer.objects.filter(attempt=attempt)}
    sheet = []
    for number, item in enumerate(attempt.layout, 1):
        question = questions.get(item["question"])
        if question is None:
            continue
        choices = {choice.pk: choice for choice in question.choices.all()}
        kind = QuestionKind(question.kind)
        answer = answers.get(question.pk)
        entry = SheetQuestion(
            number=number,
            question=question,
            kind=kind,
            choices=[
                SheetChoice(cid, choices[cid].text)
                for cid in item["choices"]
                if cid in choices and kind is not QuestionKind.SHORT_TEXT
            ],
            targets=[
                SheetChoice(cid, choices[cid].match_text)
                for cid in item.get("targets", [])
                if cid in choices
            ],
            response=answer.response if answer else {},
        )
        if answer is not None and answer.locked:
            entry.locked, entry.credit = True, answer.credit
            entry.feedback = _choice_feedback(entry, choices)
        sheet.append(entry)
    return sheet


@dataclass
class ResultQuestion:
    sheet: SheetQuestion
    correct_answer: list[str]
    explanation: str

    @property
    def percent(self) -> int:
        return round(100 * (self.sheet.credit or 0))


@dataclass
class AttemptResult:
    attempt: Attempt
    questions: list[ResultQuestion]
    reveal: bool


def _correct_answer_text(question: Question, kind: QuestionKind) -> list[str]:
    choices = list(question.choices.all())
    if kind is QuestionKind.ORDERING:
        return [choice.text for choice in choices]
    if kind is QuestionKind.MATCHING:
        return [f"{choice.text} → {choice.match_text}" for choice in choices]
    if kind is QuestionKind.SHORT_TEXT:
        return [choice.text for choice in choices]
    return [choice.text for choice in choices if choice.is_correct]


def attempt_result(*, attempt: Attempt, user: User) -> AttemptResult:
    """Score, pass/fail and per-question feedback; correct answers only as the quiz allows."""
    quiz = attempt.quiz
    reveal = quiz.reveal_answers == RevealAnswers.AFTER_ATTEMPT or (
        quiz.reveal_answers == RevealAnswers.AFTER_PASS
        and bool(passed_quiz_ids(user=user, quiz_ids=[quiz.pk]))
    )
    answers = {a.question_id: a for a in Answer.objects.filter(attempt=attempt)}
    questions = []
    for entry in attempt_sheet(attempt=attempt):
        answer = answers.get(entry.question.pk)
        entry.credit = answer.credit if answer else 0.0
        entry.feedback = _choice_feedback(entry, {c.pk: c for c in entry.question.choices.all()})
        questions.append(
            ResultQuestion(
                sheet=entry,
                correct_answer=_correct_answer_text(entry.question, entry.kind) if reveal else [],
                explanation=entry.question.explanation if reveal else "",
            )
        )
    return AttemptResult(attempt=attempt, questions=questions, reveal=reveal)


def seconds_left(attempt: Attempt, *, now: datetime) -> int | None:
    if attempt.deadline is None:
        return None
    return max(0, int((attempt.deadline - now).total_seconds()))


# --- trainers ----------------------------------------------------------------------------------


def quiz_item_analysis(*, quiz: Quiz) -> QuizAnalysis:
    """Every question's statistics over the quiz's submitted attempts, in four queries at most:
    attempt scores, answer rows, questions, their choices. Nothing is loaded per attempt.

    """
    submitted = Attempt.objects.filter(quiz=quiz, submitted_at__isnull=False, score__isnull=False)
    attempts = [
        AttemptRow(id=pk, score=float(score or 0), passed=bool(passed))
        for pk, score, passed in submitted.order_by("pk").values_list("pk", "score", "passed")
    ]
    if not attempts:
        return analysis.analyse_quiz(questions=(), attempts=(), answers=())
    answers = [
        AnswerRow(attempt_id=attempt_id, question_id=question_id, credit=credit, response=response)
        for attempt_id, question_id, credit, response in Answer.objects.filter(
            attempt__in=submitted
        ).values_list("attempt_id", "question_id", "credit", "response")
    ]
    answered = {answer.question_id for answer in answers}
    # The quiz's own questions, plus bank questions that attempts drew.
    questions = sorted(
        Question.objects.filter(Q(quiz=quiz) | Q(pk__in=answered)).prefetch_related("choices"),
        key=lambda question: (question.quiz_id != quiz.pk, question.sort_order or 0, question.pk),
    )
    return analysis.analyse_quiz(
        questions=[_question_info(question, quiz) for question in questions],
        attempts=attempts,
        answers=answers,
    )


def _question_info(question: Question, quiz: Quiz) -> QuestionInfo:
    return QuestionInfo(
        id=question.pk,
        prompt=question.prompt,
        kind=QuestionKind(question.kind),
        choices=tuple(
            ChoiceInfo(id=choice.pk, text=choice.text, is_correct=choice.is_correct)
            for choice in question.choices.all()
        ),
        from_bank=question.quiz_id != quiz.pk,
    )
