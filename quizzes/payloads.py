"""Turn the quiz form (as the browser posts it, with or without JavaScript) into responses.

Pure: works on any mapping with ``getlist``; field names follow templates/quizzes/_question.html:
``q<id>`` for choices and text, ``q<id>-pos-<choice>`` for ordering positions and
``q<id>-match-<choice>`` for matching.
"""

from collections.abc import Iterator
from typing import Any, Protocol

from quizzes.scoring import InvalidAnswer, QuestionKind


class MultiValueMapping(Protocol):
    def getlist(self, key: str) -> list[str]: ...

    def __contains__(self, key: object) -> bool: ...

    def __iter__(self) -> Iterator[str]: ...


def _int(value: str, what: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as error:
        raise InvalidAnswer(f"{what} must be a number") from error


def raw_response(
    kind: QuestionKind, question_id: int, data: MultiValueMapping, *, choice_count: int
) -> dict[str, Any] | None:
    """The raw response for one question, or None when the form holds nothing for it."""
    name = f"q{question_id}"
    if kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE):
        values = data.getlist(name)
        if not values:
            return None
        if len(values) > 1:
            raise InvalidAnswer("pick one choice")
        return {"choice": _int(values[0], "a choice")}
    if kind is QuestionKind.MULTIPLE:
        if name not in data and f"{name}-present" not in data:
            return None
        return {"choices": [_int(value, "a choice") for value in data.getlist(name)]}
    if kind is QuestionKind.SHORT_TEXT:
        values = data.getlist(name)
        return {"text": values[0]} if values else None
    prefix = f"{name}-pos-" if kind is QuestionKind.ORDERING else f"{name}-match-"
    entries = {
        key[len(prefix) :]: data.getlist(key)[0]
        for key in data
        if key.startswith(prefix) and data.getlist(key) and data.getlist(key)[0] != ""
    }
    if not entries:
        return None
    if kind is QuestionKind.ORDERING:
        # Slots left empty stay None, so a half-finished order keeps every item where it was put.
        order: list[int | None] = [None] * choice_count
        for choice, position in entries.items():
            slot = _int(position, "a position") - 1
            if not 0 <= slot < choice_count:
                raise InvalidAnswer(f"positions run from 1 to {choice_count}")
            if order[slot] is not None:
                raise InvalidAnswer("two items share the same position")
            order[slot] = _int(choice, "an item")
        return {"order": order}
    return {"pairs": {choice: _int(target, "a match") for choice, target in entries.items()}}
