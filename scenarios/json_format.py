"""Roleplay scenarios as versioned JSON: the lossless exchange format. Pure: no ORM, no Django.

``to_json`` writes every field of a ``ScenarioSpec``, pretty and in a fixed order, so the same
scenario always gives the same text and diffs stay readable. ``from_json`` reads it back and
checks the file (format, version, fields, types, ranges, unique keys), raising
``ScenarioFormatError`` with the path of the first bad value, e.g.
``nodes[2].replies[0].points.empathy``. It does not judge the conversation: dangling replies
or undeclared dimensions are kept as they are, for ``graph.validate`` and the author, so a
draft exported from the admin always imports again. See docs/scenario-formats.md.
"""

import json
import math
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from scenarios.scoring import MAX_POINTS, MIN_POINTS
from scenarios.spec import Channel, NodeSpec, Outcome, ReplySpec, ScenarioSpec

FORMAT = "service-academy-scenario"
VERSION = 1

_SCENARIO_FIELDS = {
    "format",
    "version",
    "title",
    "channel",
    "persona_name",
    "persona_mood",
    "situation",
    "mastery_threshold",
    "dimensions",
    "nodes",
}
_NODE_FIELDS = {
    "key",
    "customer_text",
    "mood",
    "narrator_note",
    "is_start",
    "outcome",
    "simulated_csat",
    "debrief",
    "replies",
}
_REPLY_FIELDS = {
    "text",
    "target",
    "points",
    "feedback",
    "auto_fail",
    "auto_fail_reason",
    "is_continue",
}

T = TypeVar("T")


class ScenarioFormatError(ValueError):
    """Why a JSON scenario cannot be read, or a spec cannot be written as JSON."""


# --- writing ---------------------------------------------------------------------------------


def _reply_data(reply: ReplySpec) -> dict[str, Any]:
    return {
        "text": reply.text,
        "target": reply.target,
        "points": dict(reply.points),
        "feedback": reply.feedback,
        "auto_fail": reply.auto_fail,
        "auto_fail_reason": reply.auto_fail_reason,
        "is_continue": reply.is_continue,
    }


def _node_data(node: NodeSpec) -> dict[str, Any]:
    return {
        "key": node.key,
        "customer_text": node.customer_text,
        "mood": node.mood,
        "narrator_note": node.narrator_note,
        "is_start": node.is_start,
        "outcome": None if node.outcome is None else Outcome(node.outcome).value,
        "simulated_csat": node.simulated_csat,
        "debrief": node.debrief,
        "replies": [_reply_data(reply) for reply in node.replies],
    }


def to_json(spec: ScenarioSpec) -> str:
    """The scenario as pretty JSON, ending in a newline; ``from_json`` reads it back equal.

    Fields come in a fixed order; dimensions, points and nodes keep the spec's order.
    """
    data = {
        "format": FORMAT,
        "version": VERSION,
        "title": spec.title,
        "channel": Channel(spec.channel).value,
        "persona_name": spec.persona_name,
        "persona_mood": spec.persona_mood,
        "situation": spec.situation,
        "mastery_threshold": spec.mastery_threshold,
        "dimensions": dict(spec.dimensions),
        "nodes": [_node_data(node) for node in spec.nodes],
    }
    try:
        return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    except ValueError as error:  # NaN or infinity: JSON has no words for them
        raise ScenarioFormatError(f"cannot write the scenario as JSON: {error}") from None


# --- reading ---------------------------------------------------------------------------------


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "an object",
    }.get(type(value), type(value).__name__)


def _object(
    value: object, path: str, fields: set[str], required: tuple[str, ...]
) -> dict[str, Any]:
    where = path or "scenario"
    if not isinstance(value, dict):
        raise ScenarioFormatError(f"{where}: expected an object, found {_type_name(value)}")
    unknown = sorted(set(value) - fields)
    if unknown:
        raise ScenarioFormatError(f"{where}: unknown field {unknown[0]!r}")
    for name in required:
        if name not in value:
            raise ScenarioFormatError(f"{where}: missing field {name!r}")
    return value


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _get(
    data: Mapping[str, Any],
    path: str,
    name: str,
    check: Callable[[object, str], T],
    default: T,
) -> T:
    return check(data[name], _join(path, name)) if name in data else default


def _str(value: object, path: str) -> str:
    if not isinstance(value, str):
        raise ScenarioFormatError(f"{path}: expected text, found {_type_name(value)}")
    return value


def _bool(value: object, path: str) -> bool:
    if not isinstance(value, bool):
        raise ScenarioFormatError(f"{path}: expected true or false, found {_type_name(value)}")
    return value


def _int(value: object, path: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ScenarioFormatError(f"{path}: expected a whole number, found {_type_name(value)}")
    if not low <= value <= high:
        raise ScenarioFormatError(f"{path}: {value} is outside {low}..{high}")
    return value


def _non_empty(value: object, path: str) -> str:
    text = _str(value, path)
    if not text.strip():
        raise ScenarioFormatError(f"{path}: must not be empty")
    return text


def _channel(value: object, path: str) -> Channel:
    text = _str(value, path)
    try:
        return Channel(text)
    except ValueError:
        choices = ", ".join(c.value for c in Channel)
        raise ScenarioFormatError(f"{path}: unknown channel {text!r} (one of {choices})") from None


def _outcome(value: object, path: str) -> Outcome | None:
    if value is None:
        return None
    text = _str(value, path)
    try:
        return Outcome(text)
    except ValueError:
        choices = ", ".join(o.value for o in Outcome)
        raise ScenarioFormatError(
            f"{path}: unknown outcome {text!r} (one of {choices}, or null)"
        ) from None


def _csat(value: object, path: str) -> int | None:
    return None if value is None else _int(value, path, 1, 5)


def _dimensions(value: object, path: str) -> dict[str, float]:
    if not isinstance(value, dict):
        raise ScenarioFormatError(f"{path}: expected an object of code: weight")
    weights: dict[str, float] = {}
    for code, weight in value.items():
        where = f"{path}.{code}"
        if not code.strip():
            raise ScenarioFormatError(f"{path}: a dimension code must not be empty")
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            raise ScenarioFormatError(f"{where}: expected a weight, found {_type_name(weight)}")
        if not math.isfinite(weight) or weight < 0:
            raise ScenarioFormatError(f"{where}: a weight must be a number of 0 or more")
        weights[code] = float(weight)
    return weights


def _points(value: object, path: str) -> dict[str, int]:
    if not isinstance(value, dict):
        raise ScenarioFormatError(f"{path}: expected an object of dimension code: points")
    points: dict[str, int] = {}
    for code, score in value.items():
        if not code.strip():
            raise ScenarioFormatError(f"{path}: a dimension code must not be empty")
        points[code] = _int(score, f"{path}.{code}", MIN_POINTS, MAX_POINTS)
    return points


def _list(value: object, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise ScenarioFormatError(f"{path}: expected a list, found {_type_name(value)}")
    return value


def _reply(value: object, path: str) -> ReplySpec:
    data = _object(value, path, _REPLY_FIELDS, ("text", "target"))
    return ReplySpec(
        text=_str(data["text"], f"{path}.text"),
        target=_non_empty(data["target"], f"{path}.target"),
        points=_get(data, path, "points", _points, {}),
        feedback=_get(data, path, "feedback", _str, ""),
        auto_fail=_get(data, path, "auto_fail", _bool, False),
        auto_fail_reason=_get(data, path, "auto_fail_reason", _str, ""),
        is_continue=_get(data, path, "is_continue", _bool, False),
    )


def _node(value: object, path: str) -> NodeSpec:
    data = _object(value, path, _NODE_FIELDS, ("key", "customer_text"))
    replies: list[Any] = _get(data, path, "replies", _list, [])
    return NodeSpec(
        key=_non_empty(data["key"], f"{path}.key"),
        customer_text=_str(data["customer_text"], f"{path}.customer_text"),
        mood=_get(data, path, "mood", _str, ""),
        narrator_note=_get(data, path, "narrator_note", _str, ""),
        is_start=_get(data, path, "is_start", _bool, False),
        outcome=_get(data, path, "outcome", _outcome, None),
        simulated_csat=_get(data, path, "simulated_csat", _csat, None),
        debrief=_get(data, path, "debrief", _str, ""),
        replies=[_reply(reply, f"{path}.replies[{i}]") for i, reply in enumerate(replies)],
    )


def _reject_constant(name: str) -> float:
    raise ScenarioFormatError(f"not valid JSON: {name} is not a number JSON allows")


def from_json(text: str) -> ScenarioSpec:
    """A scenario from the JSON ``to_json`` writes; ``ScenarioFormatError`` says what is wrong.

    Only ``format``, ``version``, ``title`` and ``nodes`` (and per node ``key`` and
    ``customer_text``, per reply ``text`` and ``target``) are required; missing optional fields
    take the spec's defaults. Unknown fields are errors: a typo must not vanish silently.
    """
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise ScenarioFormatError(
            f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None
    if not isinstance(data, dict):
        raise ScenarioFormatError(f"expected a JSON object, found {_type_name(data)}")
    if "format" not in data:
        raise ScenarioFormatError(f"not a scenario file: no 'format' field ({FORMAT!r})")
    if data["format"] != FORMAT:
        raise ScenarioFormatError(
            f"not a scenario file: 'format' is {data['format']!r}, expected {FORMAT!r}"
        )
    if "version" not in data:
        raise ScenarioFormatError("scenario: missing field 'version'")
    version = data["version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise ScenarioFormatError(f"version: expected a whole number, found {version!r}")
    if version != VERSION:
        newer = " (written by a newer Service Academy)" if version > VERSION else ""
        raise ScenarioFormatError(f"unsupported version {version}{newer}: this reads {VERSION}")
    data = _object(data, "", _SCENARIO_FIELDS, ("title", "nodes"))
    nodes = [_node(node, f"nodes[{i}]") for i, node in enumerate(_list(data["nodes"], "nodes"))]
    seen: set[str] = set()
    for index, node in enumerate(nodes):
        if node.key in seen:
            raise ScenarioFormatError(f"nodes[{index}].key: {node.key!r} is used twice")
        seen.add(node.key)
    return ScenarioSpec(
        title=_non_empty(data["title"], "title"),
        channel=_get(data, "", "channel", _channel, Channel.PHONE),
        persona_name=_get(data, "", "persona_name", _str, ""),
        persona_mood=_get(data, "", "persona_mood", _str, ""),
        situation=_get(data, "", "situation", _str, ""),
        mastery_threshold=_get(data, "", "mastery_threshold", lambda v, p: _int(v, p, 0, 100), 70),
        dimensions=_get(data, "", "dimensions", _dimensions, {}),
        nodes=nodes,
    )
