"""Item analysis of a quiz: how hard each question is, and whether it tells strong attempts from
weak ones. Pure: no ORM, no Django; the admin view hands in plain rows and renders the result.

Classic test theory, over submitted attempts only:

- facility (difficulty index): the mean credit earned on a question, in percent, 0..100;
- discrimination (upper-lower index): the mean credit of the top 27% of attempts, ranked by
  their score, minus the mean credit of the bottom 27%, -1..1. Kelley's 27% balances groups
  big enough to be stable against groups far enough apart to differ. Below
  ``MIN_ATTEMPTS_FOR_DISCRIMINATION`` answers the groups hold two or three attempts each and the
  index is noise, so it is left out (``None``) rather than shown as a misleading number.

Questions drawn from the bank are answered by only some attempts: each question's groups are
formed among the attempts that answered it, so every index compares like with like.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from quizzes.scoring import QuestionKind, normalize_text

# Share of attempts in each of the upper and lower groups.
GROUP_FRACTION = 0.27
# Fewer answers than this and the discrimination index is "not enough data".
MIN_ATTEMPTS_FOR_DISCRIMINATION = 10
# Facility (percent) above which a question is flagged as too easy.
TOO_EASY_ABOVE = 90.0
# Facility (percent) below which a question is flagged as too hard.
TOO_HARD_BELOW = 30.0
# Discrimination below which weaker attempts do better than stronger ones: a suspect key.
NEGATIVE_DISCRIMINATION_BELOW = 0.0

CHOICE_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.TRUE_FALSE, QuestionKind.MULTIPLE})


class Flag(StrEnum):
    TOO_EASY = "too_easy"
    TOO_HARD = "too_hard"
    NEGATIVE_DISCRIMINATION = "negative_discrimination"


class Outcome(StrEnum):
    """How an answer to an ordering, matching or short-text question went."""

    CORRECT = "correct"
    PARTLY = "partly"
    WRONG = "wrong"
    BLANK = "blank"


@dataclass(frozen=True)
class ChoiceInfo:
    id: int
    text: str
    is_correct: bool = False


@dataclass(frozen=True)
class QuestionInfo:
    id: int
    prompt: str
    kind: QuestionKind
    choices: tuple[ChoiceInfo, ...] = ()
    from_bank: bool = False


@dataclass(frozen=True)
class AttemptRow:
    id: int
    score: float  # 0..100
    passed: bool


@dataclass(frozen=True)
class AnswerRow:
    attempt_id: int
    question_id: int
    credit: float | None  # 0..1; None only if never scored, and then it is left out
    response: Mapping[str, Any]


@dataclass(frozen=True)
class DistributionRow:
    """One bar of a question's answer distribution: a choice, an outcome or "no answer".

    ``choice`` is set for choice rows; ``outcome`` for outcome rows and for the "no answer" row
    of choice questions (``Outcome.BLANK``).
    """

    count: int
    share: float  # percent of the question's answers, 0..100
    choice: ChoiceInfo | None = None
    outcome: Outcome | None = None


@dataclass(frozen=True)
class ItemAnalysis:
    question: QuestionInfo
    answers: int
    facility: float | None  # percent, None when nobody answered
    discrimination: float | None  # -1..1, None when there is not enough data
    distribution: tuple[DistributionRow, ...]
    flags: tuple[Flag, ...]


@dataclass(frozen=True)
class QuizAnalysis:
    attempts: int
    mean_score: float | None  # percent
    pass_rate: float | None  # percent of attempts that passed
    items: tuple[ItemAnalysis, ...]

    @property
    def flagged(self) -> int:
        return sum(1 for item in self.items if item.flags)


def facility(credits: Sequence[float]) -> float | None:
    """Mean credit in percent, 0..100; None for no answers."""
    if not credits:
        return None
    return 100 * sum(_clamp(credit) for credit in credits) / len(credits)


def group_size(answers: int) -> int:
    """Attempts in each of the upper and lower groups; never zero, never overlapping."""
    return min(answers // 2, max(1, round(GROUP_FRACTION * answers)))


def discrimination_index(
    scored: Iterable[tuple[float, float]], *, min_answers: int = MIN_ATTEMPTS_FOR_DISCRIMINATION
) -> float | None:
    """Upper-lower index from (attempt score, credit on this question) pairs, -1..1.

    Attempts are ranked by score; ties keep the order given (the caller passes attempts in a
    stable order, so the same data always gives the same index). None below ``min_answers``
    pairs, and always for fewer than two (there is no upper and lower group to compare).
    """
    ranked = sorted(scored, key=lambda pair: pair[0])
    if len(ranked) < max(2, min_answers):
        return None
    size = group_size(len(ranked))
    lower = [_clamp(credit) for _score, credit in ranked[:size]]
    upper = [_clamp(credit) for _score, credit in ranked[-size:]]
    return sum(upper) / size - sum(lower) / size


def item_flags(facility: float | None, discrimination: float | None) -> tuple[Flag, ...]:
    flags = []
    if facility is not None and facility > TOO_EASY_ABOVE:
        flags.append(Flag.TOO_EASY)
    if facility is not None and facility < TOO_HARD_BELOW:
        flags.append(Flag.TOO_HARD)
    if discrimination is not None and discrimination < NEGATIVE_DISCRIMINATION_BELOW:
        flags.append(Flag.NEGATIVE_DISCRIMINATION)
    return tuple(flags)


def is_blank(kind: QuestionKind, response: Mapping[str, Any]) -> bool:
    """Whether the learner left the question unanswered (stored responses, see scoring)."""
    if kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE):
        return response.get("choice") is None
    if kind is QuestionKind.MULTIPLE:
        return not response.get("choices")
    if kind is QuestionKind.ORDERING:
        return all(item is None for item in response.get("order") or [])
    if kind is QuestionKind.MATCHING:
        return not response.get("pairs")
    text = response.get("text")
    return not (isinstance(text, str) and normalize_text(text))


def outcome(kind: QuestionKind, response: Mapping[str, Any], credit: float) -> Outcome:
    if is_blank(kind, response):
        return Outcome.BLANK
    if credit >= 1:
        return Outcome.CORRECT
    if credit > 0:
        return Outcome.PARTLY
    return Outcome.WRONG


def distribution(
    question: QuestionInfo, answers: Sequence[tuple[Mapping[str, Any], float]]
) -> tuple[DistributionRow, ...]:
    """Who answered what, from (response, credit) pairs.

    Choice questions: how many answers picked each choice (a multiple-response answer counts
    once for every choice it ticks), then how many were left blank. Other kinds: how many
    answers were fully correct, partly correct, wrong or blank.
    """
    total = len(answers)

    def share(count: int) -> float:
        return 100 * count / total if total else 0.0

    if question.kind in CHOICE_KINDS:
        picks = dict.fromkeys((choice.id for choice in question.choices), 0)
        blank = 0
        for response, _credit in answers:
            if is_blank(question.kind, response):
                blank += 1
                continue
            if question.kind is QuestionKind.MULTIPLE:
                picked = set(response.get("choices") or [])
            else:
                picked = {response.get("choice")}
            for choice_id in picked:
                if choice_id in picks:  # a choice deleted since has nowhere to go
                    picks[choice_id] += 1
        rows = [
            DistributionRow(count=picks[choice.id], share=share(picks[choice.id]), choice=choice)
            for choice in question.choices
        ]
        rows.append(DistributionRow(count=blank, share=share(blank), outcome=Outcome.BLANK))
        return tuple(rows)

    counts = dict.fromkeys(Outcome, 0)
    for response, credit in answers:
        counts[outcome(question.kind, response, credit)] += 1
    return tuple(
        DistributionRow(count=counts[kind], share=share(counts[kind]), outcome=kind)
        for kind in Outcome
    )


def analyse_item(
    question: QuestionInfo, answers: Sequence[tuple[float, Mapping[str, Any], float]]
) -> ItemAnalysis:
    """One question, from (attempt score, response, credit) triples in a stable order."""
    credits = [credit for _score, _response, credit in answers]
    item_facility = facility(credits)
    item_discrimination = discrimination_index(
        (score, credit) for score, _response, credit in answers
    )
    return ItemAnalysis(
        question=question,
        answers=len(answers),
        facility=item_facility,
        discrimination=item_discrimination,
        distribution=distribution(
            question, [(response, credit) for _score, response, credit in answers]
        ),
        flags=item_flags(item_facility, item_discrimination),
    )


def analyse_quiz(
    *,
    questions: Sequence[QuestionInfo],
    attempts: Sequence[AttemptRow],
    answers: Iterable[AnswerRow],
) -> QuizAnalysis:
    """The whole report: attempt summary and one analysis per question, in ``questions`` order.

    Answers of attempts or questions not passed in, and answers never scored, are ignored.
    """
    scores = {attempt.id: attempt.score for attempt in attempts}
    by_question: dict[int, list[tuple[int, float, Mapping[str, Any], float]]] = {
        question.id: [] for question in questions
    }
    for answer in answers:
        if answer.credit is None or answer.attempt_id not in scores:
            continue
        rows = by_question.get(answer.question_id)
        if rows is not None:
            rows.append(
                (answer.attempt_id, scores[answer.attempt_id], answer.response, answer.credit)
            )
    items = []
    for question in questions:
        # Attempt id order: ties in score are then broken the same way on every run.
        rows = sorted(by_question[question.id], key=lambda row: row[0])
        items.append(
            analyse_item(
                question, [(score, response, credit) for _id, score, response, credit in rows]
            )
        )
    count = len(attempts)
    return QuizAnalysis(
        attempts=count,
        mean_score=sum(attempt.score for attempt in attempts) / count if count else None,
        pass_rate=100 * sum(1 for attempt in attempts if attempt.passed) / count if count else None,
        items=tuple(items),
    )


def _clamp(credit: float) -> float:
    return min(1.0, max(0.0, credit))
