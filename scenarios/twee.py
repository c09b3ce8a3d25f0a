"""Roleplay scenarios as Twee 3, the plain-text format of Twine. Pure: no ORM, no Django.

``parse_twee`` reads a Twee file into a ``ScenarioSpec``; ``to_twee`` writes one back. Each
passage is one conversation step; links are the agent's replies. What Twine has no words for
(scores, auto-fails, outcomes, settings) follows the convention in docs/scenario-formats.md:

    :: ScenarioSettings
    channel: phone
    dimensions: empathy=2, policy=1

    :: Opening [start mood:angry]
    Narrator: The caller has been on hold for ten minutes.
    Where is my parcel?
    [[I'm sorry about the wait. Can I take your order number?->Verify]]
    {empathy:+2 policy:+1 feedback:"Acknowledge, then verify."}

    :: Verify [end outcome-resolved csat-4]
    It's SA-48213.
    Debrief:
    You verified before discussing the order.

Free text escapes with a backslash: ``\\`` is a backslash, ``\\n`` a line break inside a
one-line value, and a backslash before any other character keeps that character literal
(``\\[``, ``\\{``, ``\\"``, ``Mood\\:``). ``to_twee`` escapes whatever needs it, so any spec it
accepts reads back equal. Errors are ``TweeError``s naming the 1-based line; nothing half-built
is ever returned.
"""

import difflib
import hashlib
import json
import math
import re
import string
import unicodedata
import uuid
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from scenarios.scoring import MAX_POINTS, MIN_POINTS
from scenarios.spec import Channel, NodeSpec, Outcome, ReplySpec, ScenarioSpec

STORY_TITLE = "StoryTitle"
STORY_DATA = "StoryData"
SETTINGS = "ScenarioSettings"
SPECIAL_PASSAGES = frozenset({STORY_TITLE, STORY_DATA, SETTINGS})
# Twine's own passages for code and styling: never conversation steps.
IGNORED_TAGS = frozenset({"script", "stylesheet", "Twine.private"})
# Words of the scores line that are not dimension codes.
RESERVED_WORDS = frozenset({"continue", "autofail", "feedback"})
SETTING_KEYS = (
    "channel",
    "persona_name",
    "persona_mood",
    "situation",
    "mastery_threshold",
    "dimensions",
)
KEY_MAX_LENGTH = 60  # ScenarioNode.key

# A node key as the database stores it (a Django slug); such passage names are kept as keys.
_KEY = re.compile(rf"[-A-Za-z0-9_]{{1,{KEY_MAX_LENGTH}}}")
_CODE = re.compile(r"[-A-Za-z0-9_]+")
_CODE_CHARS = frozenset(string.ascii_letters + string.digits + "_-")
_SCORE = re.compile(r"[+-]?\d+")
_DIRECTIVE = re.compile(r"^\s*(narrator|mood|debrief)\s*:(.*)$", re.IGNORECASE | re.DOTALL)
# Text lines that would read as a passage header, a scores line or a directive. A directive's
# colon is escaped, not its first letter: "\narrator:" would read as a line break.
_NEEDS_LINE_ESCAPE = re.compile(r"^(\s*)(?=::|\{)")
_LOOKS_LIKE_DIRECTIVE = re.compile(r"^(\s*(?:narrator|mood|debrief)\s*):", re.IGNORECASE)
_TAGGABLE_MOOD = re.compile(r"[A-Za-z0-9_-]+")
_DIMENSION_ITEM = re.compile(r"^([^=\s]+)\s*(?:=\s*(.*))?$")


class TweeError(ValueError):
    """Why a Twee file cannot be read (with its 1-based line) or a spec cannot be written."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.message = message
        self.line = line
        super().__init__(f"line {line}: {message}" if line is not None else message)


# --- escapes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Char:
    char: str
    escaped: bool


def _scan(raw: str, line: int) -> list[_Char]:
    """Characters of one line, escapes resolved; ``escaped`` marks those that were escaped."""
    chars: list[_Char] = []
    index = 0
    while index < len(raw):
        char = raw[index]
        if char != "\\":
            chars.append(_Char(char, False))
            index += 1
            continue
        if index + 1 == len(raw):
            raise TweeError(
                "a backslash at the end of a line escapes nothing (write \\\\ for a backslash)",
                line,
            )
        following = raw[index + 1]
        chars.append(_Char("\n" if following == "n" else following, True))
        index += 2
    return chars


def _decode(raw: str, line: int) -> str:
    return "".join(c.char for c in _scan(raw, line))


def _escape(text: str, specials: str = "") -> str:
    """One-line form of free text: backslashes, brackets, ``specials`` and line breaks."""
    escaped = []
    for char in text:
        if char == "\n":
            escaped.append("\\n")
        elif char in "\\[]" or char in specials:
            escaped.append("\\" + char)
        else:
            escaped.append(char)
    return "".join(escaped)


def _escape_line_start(line: str) -> str:
    """Escape a line that would otherwise start a passage, a scores line or a directive."""
    line = _LOOKS_LIKE_DIRECTIVE.sub(lambda match: match.group(1) + "\\:", line, count=1)
    return _NEEDS_LINE_ESCAPE.sub(lambda match: match.group(1) + "\\", line, count=1)


def _escape_block(text: str) -> list[str]:
    """Multi-line free text (what the customer says, a debrief) as lines of the passage."""
    return [_escape_line_start(_escape(line)) for line in text.split("\n")]


def _find(chars: list[_Char], pair: str, start: int = 0) -> int:
    """Index of the first unescaped ``pair`` (two characters) at or after ``start``; -1 if none."""
    for index in range(start, len(chars) - 1):
        if _is_pair(chars, index, pair):
            return index
    return -1


def _rfind(chars: list[_Char], pair: str) -> int:
    for index in range(len(chars) - 2, -1, -1):
        if _is_pair(chars, index, pair):
            return index
    return -1


def _is_pair(chars: list[_Char], index: int, pair: str) -> bool:
    first, second = chars[index], chars[index + 1]
    return (
        first.char == pair[0]
        and second.char == pair[1]
        and not first.escaped
        and not second.escaped
    )


def _text(chars: Iterable[_Char]) -> str:
    return "".join(c.char for c in chars)


# --- passages --------------------------------------------------------------------------------


@dataclass
class _Passage:
    name: str
    tags: list[str]
    line: int  # of the header
    body: list[tuple[int, str]]  # (line number, raw line)


def _parse_header(raw: str, line: int) -> tuple[str, list[str]]:
    """``:: Name [tag tag] {"position":"100,100"}`` -> name and tags (metadata is checked only)."""
    rest = raw[2:]
    index = 0
    name_chars: list[str] = []
    while index < len(rest) and rest[index] not in "[{":
        if rest[index] == "\\":
            if index + 1 == len(rest):
                raise TweeError("a backslash at the end of a passage name escapes nothing", line)
            name_chars.append(rest[index + 1])
            index += 2
        else:
            name_chars.append(rest[index])
            index += 1
    name = "".join(name_chars).strip()
    if not name:
        raise TweeError("a passage header needs a name after '::'", line)
    tags: list[str] = []
    if index < len(rest) and rest[index] == "[":
        close = index + 1
        tag_chars: list[str] = []
        while close < len(rest) and rest[close] != "]":
            if rest[close] == "\\" and close + 1 < len(rest):
                close += 1
            tag_chars.append(rest[close])
            close += 1
        if close == len(rest):
            raise TweeError("unclosed tag list: '[' without ']' in the passage header", line)
        tags = "".join(tag_chars).split()
        index = close + 1
    metadata = rest[index:].strip()
    if metadata:
        if not metadata.startswith("{"):
            raise TweeError(
                f"unexpected {metadata!r} after the passage name and tags "
                "(escape [ ] { } in names as \\[ \\] \\{ \\})",
                line,
            )
        try:
            parsed = json.loads(metadata)
        except json.JSONDecodeError as error:
            raise TweeError(f"passage metadata is not valid JSON: {error.msg}", line) from None
        if not isinstance(parsed, dict):
            raise TweeError("passage metadata must be a JSON object", line)
    return name, tags


def _split_passages(text: str) -> list[_Passage]:
    passages: list[_Passage] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.split("\n"), start=1):
        if raw.startswith("::"):
            name, tags = _parse_header(raw, number)
            if name in seen:
                raise TweeError(
                    f"duplicate passage name {name!r} (first used on line {seen[name]})", number
                )
            seen[name] = number
            passages.append(_Passage(name, tags, number, []))
        elif passages:
            passages[-1].body.append((number, raw))
        elif raw.strip():
            raise TweeError(
                "text before the first passage: a passage starts with a line ':: Name'", number
            )
    if not passages:
        raise TweeError("no passages: a Twee file is made of passages starting with ':: Name'")
    return passages


def _is_ignored(passage: _Passage) -> bool:
    return any(tag in IGNORED_TAGS for tag in passage.tags)


# --- keys ------------------------------------------------------------------------------------


def slugify(name: str) -> str:
    """A passage name as a node key, the way Django's ``slugify`` does it: ASCII, lowercase,
    punctuation dropped, spaces and hyphens as one hyphen; "step" when nothing is left."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", ascii_name.lower()))
    return slug.strip("-_")[:KEY_MAX_LENGTH].strip("-_") or "step"


def _keys(names: list[str]) -> dict[str, str]:
    """Passage name -> node key, slugified; clashes get -2, -3, ... in file order."""
    keys: dict[str, str] = {}
    taken: set[str] = set()
    for name in names:
        base = slugify(name)
        key, counter = base, 1
        while key in taken:
            counter += 1
            suffix = f"-{counter}"
            key = base[: KEY_MAX_LENGTH - len(suffix)] + suffix
        taken.add(key)
        keys[name] = key
    return keys


# --- special passages ------------------------------------------------------------------------


def _one_line_body(passage: _Passage) -> str:
    lines = [(number, raw) for number, raw in passage.body if raw.strip()]
    return "\n".join(_decode(raw.strip(), number) for number, raw in lines).strip()


def _parse_story_data(passage: _Passage) -> tuple[str | None, int]:
    """The name of the start passage from StoryData, and the line to blame for it."""
    raw = "\n".join(raw for _, raw in passage.body).strip()
    if not raw:
        return None, passage.line
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        first = next(number for number, text in passage.body if text.strip())
        raise TweeError(
            f"StoryData is not valid JSON: {error.msg}", first + error.lineno - 1
        ) from None
    if not isinstance(data, dict):
        raise TweeError("StoryData must be a JSON object", passage.line)
    start = data.get("start")
    if start is not None and not isinstance(start, str):
        raise TweeError("StoryData 'start' must be the name of a passage", passage.line)
    start_line = next((number for number, text in passage.body if '"start"' in text), passage.line)
    return start, start_line


@dataclass
class _Settings:
    channel: Channel = Channel.PHONE
    persona_name: str = ""
    persona_mood: str = ""
    situation: str = ""
    mastery_threshold: int = 70
    dimensions: dict[str, float] = field(default_factory=dict)


def _parse_dimensions(value: str, line: int) -> dict[str, float]:
    dimensions: dict[str, float] = {}
    for item in value.split(","):
        if not item.strip():
            continue
        match = _DIMENSION_ITEM.match(item.strip())
        if not match:
            raise TweeError(f"bad dimension {item.strip()!r}: write code=weight", line)
        code, weight_text = match.group(1), match.group(2)
        _check_code(code, line)
        if code in dimensions:
            raise TweeError(f"dimension {code!r} is listed twice", line)
        if weight_text is None:
            weight = 1.0
        else:
            try:
                weight = float(weight_text)
            except ValueError:
                raise TweeError(
                    f"the weight of {code!r} must be a number, not {weight_text!r}", line
                ) from None
            if not math.isfinite(weight) or weight < 0:
                raise TweeError(f"the weight of {code!r} must be a number of 0 or more", line)
        dimensions[code] = weight
    return dimensions


def _check_code(code: str, line: int) -> None:
    if not _CODE.fullmatch(code):
        raise TweeError(
            f"{code!r} is not a dimension code (letters, digits, - and _, e.g. empathy)", line
        )
    if code in RESERVED_WORDS:
        raise TweeError(f"{code!r} is a reserved word and cannot be a dimension code", line)


def _parse_settings(passage: _Passage) -> _Settings:
    settings = _Settings()
    seen: set[str] = set()
    for number, raw in passage.body:
        if not raw.strip():
            continue
        key_text, colon, value_text = raw.partition(":")
        key = re.sub(r"[\s-]+", "_", key_text.strip().lower())
        if not colon or not key:
            raise TweeError(
                f"bad settings line {raw.strip()!r}: expected 'key: value', e.g. 'channel: phone'",
                number,
            )
        if key not in SETTING_KEYS:
            raise TweeError(
                f"unknown setting {key_text.strip()!r} (known: {', '.join(SETTING_KEYS)})", number
            )
        if key in seen:
            raise TweeError(f"setting {key!r} is given twice", number)
        seen.add(key)
        value = _decode(value_text.strip(), number).strip()
        if key == "channel":
            try:
                settings.channel = Channel(value.lower())
            except ValueError:
                choices = ", ".join(c.value for c in Channel)
                raise TweeError(f"unknown channel {value!r} (one of {choices})", number) from None
        elif key == "mastery_threshold":
            number_text = value.removesuffix("%").strip()
            if not number_text.isdigit() or not 0 <= int(number_text) <= 100:
                raise TweeError(
                    f"mastery_threshold must be a whole number from 0 to 100, not {value!r}",
                    number,
                )
            settings.mastery_threshold = int(number_text)
        elif key == "dimensions":
            settings.dimensions = _parse_dimensions(value, number)
        elif key == "persona_name":
            settings.persona_name = value
        elif key == "persona_mood":
            settings.persona_mood = value
        else:
            settings.situation = value
    return settings


# --- conversation passages -------------------------------------------------------------------


@dataclass
class _Reply:
    text: str
    target_name: str
    line: int
    is_continue: bool
    points: dict[str, int] = field(default_factory=dict)
    points_line: int = 0
    feedback: str = ""
    auto_fail: bool = False
    auto_fail_reason: str = ""


@dataclass
class _Node:
    passage: _Passage
    customer_text: str
    mood: str
    narrator_note: str
    is_start: bool
    outcome: Outcome | None
    simulated_csat: int | None
    debrief: str
    replies: list[_Reply]


def _parse_tags(passage: _Passage) -> tuple[bool, bool, Outcome | None, int | None, str]:
    """start, end, outcome, CSAT and mood from the tags; other tags are the author's own."""
    line = passage.line
    is_start = is_end = False
    outcome: Outcome | None = None
    csat: int | None = None
    mood = ""
    for tag in passage.tags:
        lowered = tag.lower()
        if lowered == "start":
            is_start = True
        elif lowered == "end":
            is_end = True
        elif lowered.startswith("outcome"):
            value = lowered.removeprefix("outcome").lstrip("-:")
            try:
                found = Outcome(value)
            except ValueError:
                choices = ", ".join(f"outcome-{o.value}" for o in Outcome)
                raise TweeError(f"unknown outcome tag {tag!r} (one of {choices})", line) from None
            if outcome is not None and outcome != found:
                raise TweeError(f"two outcomes: {outcome.value} and {found.value}", line)
            outcome = found
        elif lowered.startswith("csat"):
            value = lowered.removeprefix("csat").lstrip("-:")
            if not value.isdigit() or not 1 <= int(value) <= 5:
                raise TweeError(f"bad CSAT tag {tag!r}: use csat-1 to csat-5", line)
            if csat is not None and csat != int(value):
                raise TweeError(f"two CSAT tags: csat-{csat} and {tag}", line)
            csat = int(value)
        elif lowered.startswith("mood:"):
            mood = tag[len("mood:") :]
            if not mood:
                raise TweeError("empty mood tag: write mood:angry, or a 'Mood:' line", line)
    if is_end and outcome is None:
        raise TweeError(
            "an end passage needs an outcome tag: outcome-resolved, outcome-escalated "
            "or outcome-lost",
            line,
        )
    if csat is not None and outcome is None:
        raise TweeError("a CSAT tag belongs on an end passage (tag it end and outcome-...)", line)
    return is_start, is_end, outcome, csat, mood


def _parse_link(chars: list[_Char], line: int) -> _Reply:
    """``[[text->Target]]``, ``[[Target<-text]]``, ``[[text|Target]]`` or ``[[Target]]``."""
    opening = _find(chars, "[[")
    closing = _find(chars, "]]", opening + 2)
    if closing == -1:
        raise TweeError("unclosed link: '[[' without ']]' on the same line", line)
    if _text(chars[:opening]).strip() or _text(chars[closing + 2 :]).strip():
        raise TweeError(
            "a reply link must be on a line of its own (escape a literal bracket as \\[)", line
        )
    inner = chars[opening + 2 : closing]
    bars = [i for i, c in enumerate(inner) if c.char == "|" and not c.escaped]
    # Twine's precedence: the rightmost ->, else the leftmost <-, else the rightmost |.
    is_continue = False
    if (arrow := _rfind(inner, "->")) != -1:
        text, target = inner[:arrow], inner[arrow + 2 :]
    elif (arrow := _find(inner, "<-")) != -1:
        target, text = inner[:arrow], inner[arrow + 2 :]
    elif bars:
        text, target = inner[: bars[-1]], inner[bars[-1] + 1 :]
    else:
        text = target = inner
        is_continue = True  # [[Target]]: the only way on, worded as the passage's name
    reply_text, target_name = _text(text).strip(), _text(target).strip()
    if not target_name:
        raise TweeError("the link names no passage to lead to", line)
    if not reply_text:
        raise TweeError("the link has no reply text", line)
    return _Reply(reply_text, target_name, line, is_continue=is_continue)


def _read_quoted(chars: list[_Char], index: int, line: int) -> tuple[str, int]:
    """The text of a quoted value starting at ``index`` (its opening quote), and the next index."""
    end = index + 1
    while end < len(chars) and not (chars[end].char == '"' and not chars[end].escaped):
        end += 1
    if end == len(chars):
        raise TweeError('unclosed quote in the scores line (write \\" for a quote inside)', line)
    return _text(chars[index + 1 : end]), end + 1


def _parse_scores(raw: str, line: int, reply: _Reply) -> None:
    """``{empathy:+2 policy:-1 continue autofail:"why" feedback:"..."}`` onto ``reply``."""
    chars = _scan(raw.strip(), line)
    index, seen = 1, set()
    while True:
        while index < len(chars) and chars[index].char in " \t," and not chars[index].escaped:
            index += 1
        if index == len(chars):
            raise TweeError("unclosed '{': the scores line must end with '}'", line)
        if chars[index].char == "}" and not chars[index].escaped:
            index += 1
            break
        start = index
        while index < len(chars) and chars[index].char in _CODE_CHARS and not chars[index].escaped:
            index += 1
        name = _text(chars[start:index])
        if not name:
            raise TweeError(
                f"unexpected {chars[index].char!r} in the scores line: expected name:value, "
                "e.g. empathy:+2",
                line,
            )
        if name in seen:
            raise TweeError(f"{name!r} appears twice in the scores line", line)
        seen.add(name)
        value: str | None = None
        quoted = False
        if index < len(chars) and chars[index].char == ":" and not chars[index].escaped:
            index += 1
            while index < len(chars) and chars[index].char in " \t" and not chars[index].escaped:
                index += 1
            if index < len(chars) and chars[index].char == '"' and not chars[index].escaped:
                value, index = _read_quoted(chars, index, line)
                quoted = True
            else:
                start = index
                while index < len(chars) and not (
                    chars[index].char in " \t,}" and not chars[index].escaped
                ):
                    index += 1
                value = _text(chars[start:index])
        if name == "continue":
            if value is not None:
                raise TweeError("continue takes no value: write just 'continue'", line)
            reply.is_continue = True
        elif name == "autofail":
            if value is not None and not quoted:
                raise TweeError('autofail takes a quoted reason: autofail:"Read out card"', line)
            reply.auto_fail, reply.auto_fail_reason = True, (value or "").strip()
        elif name == "feedback":
            if value is None or not quoted:
                raise TweeError('feedback needs a quoted text: feedback:"Why it works"', line)
            reply.feedback = value.strip()
        elif value is None or quoted or not _SCORE.fullmatch(value):
            raise TweeError(
                f"{name!r} needs a score from {MIN_POINTS} to +{MAX_POINTS}, e.g. {name}:+2 "
                "(flags are continue, autofail and feedback)",
                line,
            )
        elif not MIN_POINTS <= int(value) <= MAX_POINTS:
            raise TweeError(f"score {name}:{value} is outside {MIN_POINTS}..+{MAX_POINTS}", line)
        else:
            reply.points[name] = int(value)
    if _text(chars[index:]).strip():
        raise TweeError("unexpected text after '}' on the scores line", line)
    reply.points_line = line


def _parse_node(passage: _Passage) -> _Node:
    is_start, _, outcome, csat, mood = _parse_tags(passage)
    mood_line: int | None = None
    text_lines: list[str] = []
    narrator: list[str] = []
    debrief_lines: list[str] | None = None
    replies: list[_Reply] = []
    previous_was_link = False
    for number, raw in passage.body:
        if debrief_lines is not None:
            if _find(_scan(raw, number), "[[") != -1:
                raise TweeError(
                    "a link after 'Debrief:': the debrief runs to the end of the passage, "
                    "so put the replies before it",
                    number,
                )
            debrief_lines.append(_decode(raw, number))
            continue
        stripped = raw.strip()
        directive = _DIRECTIVE.match(raw)
        is_link = False
        if directive:
            kind, value = directive.group(1).lower(), directive.group(2)
            if kind == "narrator":
                narrator.append(_decode(value.strip(), number).strip())
            elif kind == "mood":
                if mood_line is not None or mood:
                    raise TweeError("the mood is given twice (a mood: tag or a Mood: line)", number)
                mood, mood_line = _decode(value.strip(), number).strip(), number
            else:
                debrief_lines = [_decode(value.strip(), number)] if value.strip() else []
        elif stripped.startswith("{"):
            if not previous_was_link:
                raise TweeError(
                    "a scores line '{...}' must come on the line right after its link "
                    "(escape a literal brace as \\{)",
                    number,
                )
            _parse_scores(raw, number, replies[-1])
        elif _find(chars := _scan(raw, number), "[[") != -1:
            replies.append(_parse_link(chars, number))
            is_link = True
        elif stripped and replies:
            raise TweeError(
                "what the customer says must come before the reply links "
                "(or escape a literal bracket as \\[)",
                number,
            )
        elif not replies:
            text_lines.append(_decode(raw, number))
        previous_was_link = is_link
    return _Node(
        passage=passage,
        customer_text="\n".join(text_lines).strip(),
        mood=mood,
        narrator_note="\n".join(narrator).strip(),
        is_start=is_start,
        outcome=outcome,
        simulated_csat=csat,
        debrief="\n".join(debrief_lines or []).strip(),
        replies=replies,
    )


def _unknown_passage(name: str, keys: dict[str, str], line: int) -> TweeError:
    """A link to nowhere, with the passage it probably meant: same slug, or a close spelling."""
    same_slug = [passage for passage, key in keys.items() if key == slugify(name)]
    close = same_slug or difflib.get_close_matches(name, list(keys), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return TweeError(f"link to {name!r}, but no passage has that name{hint}", line)


def parse_twee(text: str) -> ScenarioSpec:
    """A scenario from Twee 3 text; raises ``TweeError`` naming the line of the first problem.

    Only the file is checked here (syntax, ranges, links to passages that exist); whether the
    conversation can be played is ``graph.validate``'s job.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    passages = _split_passages(text)
    by_name = {passage.name: passage for passage in passages}

    if STORY_TITLE not in by_name:
        raise TweeError(f"no ':: {STORY_TITLE}' passage: it holds the title of the scenario")
    title = _one_line_body(by_name[STORY_TITLE])
    if not title:
        raise TweeError("the scenario has no title", by_name[STORY_TITLE].line)
    settings = _parse_settings(by_name[SETTINGS]) if SETTINGS in by_name else _Settings()

    steps = [p for p in passages if p.name not in SPECIAL_PASSAGES and not _is_ignored(p)]
    if not steps:
        raise TweeError("no conversation passages: only StoryTitle, StoryData and settings")
    keys = _keys([passage.name for passage in steps])
    nodes = [_parse_node(passage) for passage in steps]

    if STORY_DATA in by_name:
        start_name, start_line = _parse_story_data(by_name[STORY_DATA])
        if start_name is not None:
            if start_name not in keys:
                if start_name in by_name:
                    raise TweeError(
                        f"StoryData starts at {start_name!r}, which is not a conversation step",
                        start_line,
                    )
                raise _unknown_passage(start_name, keys, start_line)
            tagged = [node.passage.name for node in nodes if node.is_start]
            if tagged and start_name not in tagged:
                raise TweeError(
                    f"StoryData starts at {start_name!r} but {tagged[0]!r} is tagged start: "
                    "make them agree",
                    start_line,
                )
            for node in nodes:
                node.is_start = node.is_start or node.passage.name == start_name

    for node in nodes:
        for reply in node.replies:
            if reply.target_name not in keys:
                if reply.target_name in by_name:
                    raise TweeError(
                        f"link to {reply.target_name!r}, which is not a conversation step",
                        reply.line,
                    )
                raise _unknown_passage(reply.target_name, keys, reply.line)
            if settings.dimensions:
                for code in reply.points:
                    if code not in settings.dimensions:
                        close = difflib.get_close_matches(code, list(settings.dimensions), n=1)
                        hint = f"did you mean {close[0]!r}? " if close else ""
                        raise TweeError(
                            f"{code!r} is not one of the scenario's dimensions ({hint}add it to "
                            f"'dimensions:' in {SETTINGS})",
                            reply.points_line,
                        )

    return ScenarioSpec(
        title=title,
        channel=settings.channel,
        persona_name=settings.persona_name,
        persona_mood=settings.persona_mood,
        situation=settings.situation,
        dimensions=settings.dimensions,
        mastery_threshold=settings.mastery_threshold,
        nodes=[
            NodeSpec(
                key=keys[node.passage.name],
                customer_text=node.customer_text,
                mood=node.mood,
                narrator_note=node.narrator_note,
                is_start=node.is_start,
                outcome=node.outcome,
                simulated_csat=node.simulated_csat,
                debrief=node.debrief,
                replies=[
                    ReplySpec(
                        text=reply.text,
                        target=keys[reply.target_name],
                        points=reply.points,
                        feedback=reply.feedback,
                        auto_fail=reply.auto_fail,
                        auto_fail_reason=reply.auto_fail_reason,
                        is_continue=reply.is_continue,
                    )
                    for reply in node.replies
                ],
            )
            for node in nodes
        ],
    )


# --- writing ---------------------------------------------------------------------------------


def _check_writable(spec: ScenarioSpec) -> None:
    """Refuse what would read back differently, rather than write a file that lies."""
    if not spec.title.strip():
        raise TweeError("the scenario has no title")
    seen: set[str] = set()
    for node in spec.nodes:
        if not _KEY.fullmatch(node.key) or node.key in SPECIAL_PASSAGES:
            raise TweeError(
                f"node key {node.key!r} cannot be a passage name: keys are letters, digits, "
                f"- and _ (at most {KEY_MAX_LENGTH}), other than {STORY_TITLE}, {STORY_DATA} "
                f"and {SETTINGS}"
            )
        if node.key in seen:
            raise TweeError(f"two nodes share the key {node.key!r}")
        seen.add(node.key)
        if node.simulated_csat is not None and (
            node.outcome is None or not 1 <= node.simulated_csat <= 5
        ):
            raise TweeError(f"{node.key!r}: a simulated CSAT (1..5) belongs on an end node only")
        for reply in node.replies:
            if not reply.text.strip():
                raise TweeError(f"a reply of {node.key!r} has no text")
            for code in reply.points:
                if not _CODE.fullmatch(code) or code in RESERVED_WORDS:
                    raise TweeError(f"{code!r} cannot be written as a dimension code")
    for code in spec.dimensions:
        if not _CODE.fullmatch(code) or code in RESERVED_WORDS:
            raise TweeError(f"{code!r} cannot be written as a dimension code")
    if not 0 <= spec.mastery_threshold <= 100:
        raise TweeError(f"mastery threshold {spec.mastery_threshold} is outside 0..100")


def _weight(weight: float) -> str:
    return str(int(weight)) if float(weight).is_integer() and abs(weight) < 1e15 else repr(weight)


def _ifid(title: str) -> str:
    """A stable IFID (Twine's story id, a version-4 UUID) so the same scenario exports alike."""
    digest = hashlib.sha256(title.encode("utf-8")).digest()
    return str(uuid.UUID(bytes=digest[:16], version=4)).upper()


def _layout(spec: ScenarioSpec) -> dict[str, tuple[int, int]]:
    """Story-map positions for Twine: one column per step away from the start."""
    keys = {node.key for node in spec.nodes}
    depth = {node.key: 0 for node in spec.nodes if node.is_start}
    queue = deque(depth)
    following = {node.key: [r.target for r in node.replies] for node in spec.nodes}
    while queue:
        key = queue.popleft()
        for target in following[key]:
            if target in keys and target not in depth:
                depth[target] = depth[key] + 1
                queue.append(target)
    last = max(depth.values(), default=-1) + 1
    rows: dict[int, int] = {}
    positions = {}
    for node in spec.nodes:
        column = depth.get(node.key, last)
        row = rows.get(column, 0)
        rows[column] = row + 1
        positions[node.key] = (100 + 250 * column, 300 + 175 * row)
    return positions


def _metadata(x: int, y: int) -> str:
    return json.dumps({"position": f"{x},{y}", "size": "100,100"}, separators=(",", ":"))


def _scores_line(reply: ReplySpec, is_continue_in_link: bool) -> str:
    parts = [
        f"{code}:{points:+d}" if points else f"{code}:0" for code, points in reply.points.items()
    ]
    if reply.is_continue and not is_continue_in_link:
        parts.append("continue")
    if reply.auto_fail:
        reason = reply.auto_fail_reason.strip()
        parts.append(f'autofail:"{_escape(reason, chr(34))}"' if reason else "autofail")
    if reply.feedback.strip():
        parts.append(f'feedback:"{_escape(reply.feedback.strip(), chr(34))}"')
    return "{" + " ".join(parts) + "}" if parts else ""


def _node_passage(node: NodeSpec, position: tuple[int, int]) -> list[str]:
    tags = []
    if node.is_start:
        tags.append("start")
    if node.outcome is not None:
        tags += ["end", f"outcome-{Outcome(node.outcome).value}"]
    if node.simulated_csat is not None:
        tags.append(f"csat-{node.simulated_csat}")
    mood = node.mood.strip()
    if mood and _TAGGABLE_MOOD.fullmatch(mood):
        tags.append(f"mood:{mood}")
    header = f":: {node.key}" + (f" [{' '.join(tags)}]" if tags else "")
    lines = [f"{header} {_metadata(*position)}"]
    if node.narrator_note.strip():
        lines.append(f"Narrator: {_escape(node.narrator_note.strip())}")
    if mood and not _TAGGABLE_MOOD.fullmatch(mood):
        lines.append(f"Mood: {_escape(mood)}")
    if node.customer_text.strip():
        lines += _escape_block(node.customer_text.strip())
    if node.replies:
        lines.append("")
    for reply in node.replies:
        as_continue = reply.is_continue and reply.text == reply.target
        if as_continue:
            lines.append(f"[[{reply.target}]]")
        else:
            lines.append(f"[[{_escape(reply.text.strip(), '<>|')}->{reply.target}]]")
        if scores := _scores_line(reply, as_continue):
            lines.append(scores)
    if node.debrief.strip():
        lines += ["", "Debrief:", *_escape_block(node.debrief.strip())]
    return lines


def to_twee(spec: ScenarioSpec) -> str:
    """The scenario as Twee 3 text that Twine imports and ``parse_twee`` reads back equal.

    Equal as long as the keys are what ``slugify`` makes (others read back slugified), texts
    have no surrounding whitespace or carriage returns, and an auto-fail reason comes with its
    auto-fail (alone it is not written). Dangling replies and undeclared dimensions are written
    as they are, for the author to fix in Twine; the import then names their lines. Raises
    ``TweeError`` for what cannot be written at all: keys that are not slugs, reserved names,
    codes that are not codes, a CSAT off an end node.
    """
    _check_writable(spec)
    starts = [node.key for node in spec.nodes if node.is_start]
    story_data: dict[str, str] = {"ifid": _ifid(spec.title.strip())}
    if starts:
        story_data["start"] = starts[0]
    lines = [f":: {STORY_TITLE}", _escape_line_start(_escape(spec.title.strip())), ""]
    lines += [f":: {STORY_DATA}", json.dumps(story_data, indent=2), ""]
    lines.append(f":: {SETTINGS} {_metadata(100, 100)}")
    lines.append(f"channel: {Channel(spec.channel).value}")
    for key, value in (
        ("persona_name", spec.persona_name),
        ("persona_mood", spec.persona_mood),
        ("situation", spec.situation),
    ):
        if value.strip():
            lines.append(f"{key}: {_escape(value.strip())}")
    lines.append(f"mastery_threshold: {spec.mastery_threshold}")
    if spec.dimensions:
        weights = ", ".join(f"{code}={_weight(w)}" for code, w in spec.dimensions.items())
        lines.append(f"dimensions: {weights}")
    positions = _layout(spec)
    for node in spec.nodes:
        lines += ["", *_node_passage(node, positions[node.key])]
    return "\n".join(lines) + "\n"
