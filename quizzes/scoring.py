"""Scoring knowledge checks. Pure: no ORM, no Django; everything a question needs is in its key.

Responses are validated against the key before they are stored, so the scorer only ever sees
well-formed data. Every credit is a fraction 0..1; an attempt's score is the weighted mean, in
percent, 0..100.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

MAX_TEXT_LENGTH = 500


def gettext_noop(message: str) -> str:
    """Marks authoring messages for translation catalogues; the admin form translates them."""
    return message


class QuestionKind(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"
    ORDERING = "ordering"
    MATCHING = "matching"
    SHORT_TEXT = "short_text"


class InvalidAnswer(ValueError):
    """A response that does not fit its question: unknown ids, wrong shape, too long."""


@dataclass(frozen=True)
class QuestionKey:
    """What the scorer knows of a question. ``choice_ids`` is in authoring order, which for
    ordering questions is the correct order and for matching pairs each item with itself."""

    id: int
    kind: QuestionKind
    choice_ids: tuple[int, ...]
    correct_ids: frozenset[int] = field(default_factory=frozenset)
    accepted_texts: tuple[str, ...] = ()
    weight: int = 1


def normalize_text(text: str) -> str:
    """Case- and space-insensitive form of a typed answer."""
    return " ".join(text.casefold().split())


def _ids(value: Any, key: QuestionKey, what: str) -> list[int]:
    if not isinstance(value, list) or not all(
        isinstance(item, int) and not isinstance(item, bool) for item in value
    ):
        raise InvalidAnswer(f"{what} must be a list of choice ids")
    unknown = set(value) - set(key.choice_ids)
    if unknown:
        raise InvalidAnswer(f"choice ids {sorted(unknown)} do not belong to this question")
    if len(set(value)) != len(value):
        raise InvalidAnswer(f"{what} lists a choice twice")
    return value


def parse_response(key: QuestionKey, raw: Any) -> dict[str, Any]:
    """Validate a response from the browser and return it in its stored form.

    Partial responses (an ordering not yet complete, a matching half done) are allowed; they
    are saved as they are and score what they get right.
    """
    if not isinstance(raw, Mapping):
        raise InvalidAnswer("the answer must be an object")
    kind = key.kind
    if kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE):
        choice = raw.get("choice")
        if choice is None:
            return {}
        return {"choice": _ids([choice], key, "choice")[0]}
    if kind is QuestionKind.MULTIPLE:
        return {"choices": sorted(_ids(raw.get("choices", []), key, "choices"))}
    if kind is QuestionKind.ORDERING:
        order = raw.get("order", [])
        if not isinstance(order, list) or len(order) > len(key.choice_ids):
            raise InvalidAnswer("order must list at most every item once")
        _ids([item for item in order if item is not None], key, "order")
        return {"order": order}
    if kind is QuestionKind.MATCHING:
        pairs = raw.get("pairs", {})
        if not isinstance(pairs, Mapping):
            raise InvalidAnswer("pairs must map items to matches")
        try:
            items = [int(item) for item in pairs]
        except (TypeError, ValueError) as error:
            raise InvalidAnswer("pairs must map choice ids to choice ids") from error
        _ids(items, key, "items")
        targets = _ids(list(pairs.values()), key, "matches")
        return {"pairs": {str(item): target for item, target in zip(items, targets, strict=True)}}
    if kind is QuestionKind.SHORT_TEXT:
        text = raw.get("text", "")
        if not isinstance(text, str):
            raise InvalidAnswer("the answer must be text")
        if len(text) > MAX_TEXT_LENGTH:
            raise InvalidAnswer(f"the answer is longer than {MAX_TEXT_LENGTH} characters")
        return {"text": text}
    raise InvalidAnswer(f"unknown question type {kind!r}")


def question_credit(key: QuestionKey, response: Mapping[str, Any]) -> float:
    """Fraction of the question's points earned, 0..1."""
    kind = key.kind
    if kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE):
        return 1.0 if response.get("choice") in key.correct_ids else 0.0
    if kind is QuestionKind.MULTIPLE:
        if not key.correct_ids:
            return 0.0
        picked = set(response.get("choices", []))
        right = len(picked & key.correct_ids)
        wrong = len(picked - key.correct_ids)
        # Wrong picks subtract, so ticking everything earns nothing; never below zero.
        return max(0.0, (right - wrong) / len(key.correct_ids))
    if kind is QuestionKind.ORDERING:
        order = response.get("order", [])
        if not key.choice_ids:
            return 0.0
        in_place = sum(
            1 for given, correct in zip(order, key.choice_ids, strict=False) if given == correct
        )
        return in_place / len(key.choice_ids)
    if kind is QuestionKind.MATCHING:
        pairs = response.get("pairs", {})
        if not key.choice_ids:
            return 0.0
        matched = sum(1 for item in key.choice_ids if pairs.get(str(item)) == item)
        return matched / len(key.choice_ids)
    if kind is QuestionKind.SHORT_TEXT:
        given = normalize_text(response.get("text", ""))
        accepted = {normalize_text(text) for text in key.accepted_texts}
        return 1.0 if given and given in accepted else 0.0
    return 0.0


def model_response(key: QuestionKey) -> dict[str, Any]:
    """A response that earns full credit: for demo data and tests."""
    if key.kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE):
        return {"choice": min(key.correct_ids)}
    if key.kind is QuestionKind.MULTIPLE:
        return {"choices": sorted(key.correct_ids)}
    if key.kind is QuestionKind.ORDERING:
        return {"order": list(key.choice_ids)}
    if key.kind is QuestionKind.MATCHING:
        return {"pairs": {str(item): item for item in key.choice_ids}}
    return {"text": key.accepted_texts[0] if key.accepted_texts else ""}


def attempt_score(scored: Iterable[tuple[QuestionKey, float]]) -> float:
    """Weighted score in percent, 0..100, rounded to two decimals."""
    total_weight = 0
    earned = 0.0
    for key, credit in scored:
        total_weight += key.weight
        earned += key.weight * min(1.0, max(0.0, credit))
    if total_weight == 0:
        return 0.0
    return round(100 * earned / total_weight, 2)


def authoring_problems(kind: QuestionKind, choices: list[tuple[str, bool, str]]) -> list[str]:
    """What makes a question unanswerable, given its choices as (text, is_correct, match)."""
    problems = []
    correct = sum(1 for _text, is_correct, _match in choices if is_correct)
    if kind is QuestionKind.SHORT_TEXT:
        if not choices:
            problems.append(gettext_noop("Add at least one accepted answer."))
        return problems
    if kind is QuestionKind.TRUE_FALSE and (len(choices) != 2 or correct != 1):
        problems.append(
            gettext_noop("A true/false question has exactly two choices, one of them correct.")
        )
    elif len(choices) < 2:
        problems.append(gettext_noop("Add at least two choices."))
    if kind is QuestionKind.SINGLE and correct != 1:
        problems.append(gettext_noop("Mark exactly one choice as correct."))
    if kind is QuestionKind.MULTIPLE and correct < 1:
        problems.append(gettext_noop("Mark at least one choice as correct."))
    if kind is QuestionKind.MATCHING and any(not match.strip() for _t, _c, match in choices):
        problems.append(gettext_noop("Give every item of a matching question its match."))
    return problems
