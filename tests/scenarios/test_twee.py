import re
from pathlib import Path
from textwrap import dedent

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import scenarios
from scenarios import graph, scoring
from scenarios.json_format import from_json, to_json
from scenarios.spec import Channel, NodeSpec, Outcome, ReplySpec, ScenarioSpec
from scenarios.twee import RESERVED_WORDS, TweeError, parse_twee, slugify, to_twee

EXAMPLE = Path(scenarios.__file__).parent / "examples" / "late-delivery.twee"
DOCS = Path(scenarios.__file__).parent.parent / "docs" / "scenario-formats.md"


def story(body: str) -> str:
    """A Twee file: the title on lines 1-2, a blank line 3, then ``body`` from line 4."""
    return ":: StoryTitle\nTest\n\n" + dedent(body).lstrip("\n")


def example() -> ScenarioSpec:
    return parse_twee(EXAMPLE.read_text(encoding="utf-8"))


def nodes(spec: ScenarioSpec) -> dict[str, NodeSpec]:
    return {node.key: node for node in spec.nodes}


# --- the example -----------------------------------------------------------------------------


def test_the_example_is_a_playable_angry_phone_call_about_a_late_parcel():
    spec = example()

    assert graph.validate(spec.to_graph()) == []
    assert spec.title == "Late delivery: the desk that never came"
    assert spec.channel is Channel.PHONE
    assert (spec.persona_name, spec.persona_mood) == ("Dana Whitfield", "angry")
    assert "Leeds depot" in spec.situation and "\n" in spec.situation
    assert spec.dimensions == {
        "empathy": 2.0,
        "accuracy": 1.0,
        "policy": 1.5,
        "ownership": 1.5,
        "efficiency": 1.0,
        "tone": 1.0,
    }
    assert len(spec.nodes) >= 8
    assert [node.key for node in spec.nodes if node.is_start] == ["opening"]
    assert {node.outcome for node in spec.nodes if node.is_end} == set(Outcome)
    assert all(node.debrief and node.simulated_csat for node in spec.nodes if node.is_end)
    traps = [reply for node in spec.nodes for reply in node.replies if reply.auto_fail]
    assert len(traps) == 1
    assert traps[0].target == "overpromised"
    assert "beyond your authority" in traps[0].auto_fail_reason


def test_the_example_uses_every_part_of_the_convention():
    by_key = nodes(example())

    opening = by_key["opening"]
    assert opening.mood == "angry"  # from the mood:angry tag
    assert opening.narrator_note.startswith("The call comes straight off a long queue")
    assert opening.customer_text.startswith("This is the third time")
    assert opening.replies[0].points == {"empathy": 3, "ownership": 1, "policy": 2, "tone": 1}
    assert opening.replies[0].feedback.startswith("You named what it cost her")
    assert by_key["cancelled"].mood == "done with you"  # from a Mood: line
    give_up = by_key["explained"].replies[2]  # written [[Gave up<-...]]
    assert give_up.target == "gave-up"
    assert give_up.text.startswith("Unfortunately there's nothing I can do")
    continue_reply = by_key["overpromised"].replies
    assert continue_reply == [
        ReplySpec(text="Promise broken", target="promise-broken", is_continue=True)
    ]
    assert by_key["resolved"].debrief.count("\n") == 1


def test_the_trap_auto_fails_and_the_strong_path_masters():
    spec = example()
    replies = spec.to_replies()
    ends = [node.key for node in spec.nodes if node.is_end]
    best = scoring.best_achievable(replies, start="opening", ends=ends, dimensions=spec.dimensions)
    by_id = {reply.id: reply for reply in replies}

    strong = [by_id["opening", 0], by_id["verify", 0], by_id["explained", 0], by_id["fixed", 0]]
    trap = [
        by_id["opening", 0],
        by_id["verify", 0],
        by_id["explained", 1],
        by_id["overpromised", 0],
    ]
    score = {
        name: scoring.run_score(
            taken=taken,
            best=best,
            weights=spec.dimensions,
            mastery_threshold=spec.mastery_threshold,
        )
        for name, taken in (("strong", strong), ("trap", trap))
    }

    assert score["strong"].mastered
    assert score["trap"].auto_failed and not score["trap"].mastered


def test_the_documented_example_parses_and_validates():
    documented = re.search(r"```twee\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)
    assert documented is not None
    spec = parse_twee(documented.group(1))

    assert graph.validate(spec.to_graph()) == []
    assert spec.channel is Channel.CHAT
    assert nodes(spec)["opening"].is_start  # from StoryData
    assert nodes(spec)["card-trap"].replies == [
        ReplySpec(text="Lost", target="lost", is_continue=True)
    ]


# --- round trips -----------------------------------------------------------------------------


def test_twee_to_spec_to_twee_to_spec_is_equal_and_the_text_is_stable():
    spec = example()
    written = to_twee(spec)

    assert parse_twee(written) == spec
    assert to_twee(parse_twee(written)) == written


def test_twee_to_spec_to_json_to_spec_is_equal():
    spec = example()

    assert from_json(to_json(spec)) == spec


def test_what_to_twee_writes_is_what_twine_reads():
    written = to_twee(example())

    assert written.startswith(":: StoryTitle\nLate delivery: the desk that never came\n")
    assert '"start": "opening"' in written
    assert re.search(r'"ifid": "[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-', written)
    assert ':: opening [start mood:angry] {"position":"100,300","size":"100,100"}' in written
    assert "\n[[Promise broken->promise-broken]]\n{continue}\n" in written


# --- the convention, piece by piece ----------------------------------------------------------


@pytest.mark.parametrize(
    ("link", "text", "target", "is_continue"),
    [
        ("[[Sorry about that->Next]]", "Sorry about that", "next", False),
        ("[[Next<-Sorry about that]]", "Sorry about that", "next", False),
        ("[[Sorry about that|Next]]", "Sorry about that", "next", False),
        ("[[Next]]", "Next", "next", True),
        ("[[ Next ]]", "Next", "next", True),
        ("[[a->b->Next]]", "a->b", "next", False),  # the rightmost -> wins
        ("[[Next<-a<-b]]", "a<-b", "next", False),  # the leftmost <- wins
        ("[[a|b->Next]]", "a|b", "next", False),  # arrows before bars
        (r"[[Use \[\[brackets\]\] \-\> here->Next]]", "Use [[brackets]] -> here", "next", False),
        ("[[Go on->Next]]\n{continue}", "Go on", "next", True),
    ],
)
def test_link_forms(link, text, target, is_continue):
    spec = parse_twee(story(f":: Start [start]\nHi\n{link}\n\n:: Next [end outcome-lost]\nBye\n"))

    (reply,) = spec.nodes[0].replies
    assert (reply.text, reply.target, reply.is_continue) == (text, target, is_continue)


def test_a_scores_line_holds_points_flags_and_quoted_texts():
    spec = parse_twee(
        story(
            r"""
            :: Start [start]
            [[Read me the card number->End]]
            {empathy:+1, policy: -2 accuracy:0 autofail:"Card \"details\"" feedback:"a } b\nc"}
            [[Bye->End]]
            {autofail}

            :: End [end outcome-lost]
            """
        )
    )

    card, bye = spec.nodes[0].replies
    assert card.points == {"empathy": 1, "policy": -2, "accuracy": 0}
    assert (card.auto_fail, card.auto_fail_reason) == (True, 'Card "details"')
    assert card.feedback == "a } b\nc"
    assert (bye.auto_fail, bye.auto_fail_reason, bye.points) == (True, "", {})


def test_settings_are_read_and_default_when_absent():
    body = """
        :: ScenarioSettings
        Channel: EMAIL
        Persona name: Jo
        persona-mood: calm\\n but tired
        situation: A \\[draft\\] reply
        mastery_threshold: 85%
        dimensions: empathy=2, policy, tone = 0.5

        :: Start [start end outcome-resolved]
    """
    spec = parse_twee(story(body))
    bare = parse_twee(story(":: Start [start end outcome-resolved]\n"))

    assert spec.channel is Channel.EMAIL
    assert (spec.persona_name, spec.persona_mood) == ("Jo", "calm\n but tired")
    assert spec.situation == "A [draft] reply"
    assert spec.mastery_threshold == 85
    assert spec.dimensions == {"empathy": 2.0, "policy": 1.0, "tone": 0.5}
    assert (bare.channel, bare.mastery_threshold, bare.dimensions) == (Channel.PHONE, 70, {})


def test_the_body_splits_into_narrator_mood_words_replies_and_debrief():
    spec = parse_twee(
        story(
            r"""
            :: Start [start]
            Narrator: The line crackles.
            I've waited all week.

            \Mood: not a directive, and \[\[not a link\]\]
            \{not scores either}
              mood :  seething
            [[Sorry->End]]
            narrator: She sighs.
            [[Bye->End]]

            :: End [end outcome-escalated csat-3 colour-red]
            Fine.
            Debrief: Well done.
              Indented, with [brackets] \[\[escaped\]\] and {braces}.
            Narrator: part of the debrief too.
            """
        )
    )
    start, end = spec.nodes

    assert start.narrator_note == "The line crackles.\nShe sighs."
    assert start.mood == "seething"
    assert start.customer_text == (
        "I've waited all week.\n\nMood: not a directive, and [[not a link]]\n{not scores either}"
    )
    assert [reply.text for reply in start.replies] == ["Sorry", "Bye"]
    assert (end.outcome, end.simulated_csat, end.customer_text) == (Outcome.ESCALATED, 3, "Fine.")
    assert end.debrief == (
        "Well done.\n  Indented, with [brackets] [[escaped]] and {braces}.\n"
        "Narrator: part of the debrief too."
    )


def test_start_comes_from_a_tag_or_from_story_data():
    from_data = story(
        """
        :: StoryData
        {"ifid": "X", "start": "Second"}

        :: First
        [[Second]]

        :: Second
        [[First]]
        [[Out->Bye]]

        :: Bye [end outcome-lost]
        """
    )
    agreeing = from_data.replace(":: Second", ":: Second [start]")

    assert [n.key for n in parse_twee(from_data).nodes if n.is_start] == ["second"]
    assert [n.key for n in parse_twee(agreeing).nodes if n.is_start] == ["second"]


def test_keys_are_unique_slugs_of_the_passage_names():
    spec = parse_twee(
        story(
            """
            :: Order number! [start]
            [[order-number]]

            :: order-number
            [[Café au lait]]

            :: Café au lait
            [[???]]

            :: ???
            [[A very long passage name that goes on and on well beyond sixty characters]]

            :: A very long passage name that goes on and on well beyond sixty characters
            [[Snake_Case name]]

            :: Snake_Case name [end outcome-lost]
            """
        )
    )

    keys = [node.key for node in spec.nodes]
    assert keys == [
        "order-number",
        "order-number-2",
        "cafe-au-lait",
        "step",
        "a-very-long-passage-name-that-goes-on-and-on-well-beyond-six",
        "snake_case-name",
    ]
    assert [reply.target for node in spec.nodes for reply in node.replies] == keys[1:]
    assert all(slugify(key) == key and len(key) <= 60 for key in keys)


def test_twine_code_passages_windows_line_ends_and_a_bom_are_fine():
    text = story(
        """
        :: UserScript [script]
        window.x = 1;

        :: UserStylesheet [stylesheet]
        body { color: red; }

        :: Start [start]
        Hello
        [[Bye]]

        :: Bye [end outcome-resolved csat-5]
        """
    )
    spec = parse_twee("\ufeff" + text.replace("\n", "\r\n"))

    assert [node.key for node in spec.nodes] == ["start", "bye"]
    assert spec.nodes[0].customer_text == "Hello"


def test_scores_on_any_dimension_are_fine_when_none_are_declared():
    spec = parse_twee(
        story(":: S [start]\n[[A->E]]\n{whatever:+3}\n[[B->E]]\n:: E [end outcome-lost]\n")
    )

    assert spec.nodes[0].replies[0].points == {"whatever": 3}


# --- errors ----------------------------------------------------------------------------------

GOOD_END = "\n:: B [end outcome-resolved]\nBye\n"


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        (":: A [start]\nHello\n[[Hi->B\n" + GOOD_END, 6, "unclosed link"),
        (
            ":: A [start]\n[[Hi->B]]\n{empathy:+4}\n" + GOOD_END,
            6,
            r"empathy:\+4 is outside -2..\+3",
        ),
        (":: A [start]\n[[Hi->B]]\n{empathy:-3}\n" + GOOD_END, 6, "outside -2"),
        (":: A [start]\n[[Hi->B]]\n{empathy:high}\n" + GOOD_END, 6, "'empathy' needs a score"),
        (":: A [start]\n[[Hi->B]]\n{urgent}\n" + GOOD_END, 6, "'urgent' needs a score"),
        (":: A [start]\n[[Hi->B]]\n{tone:+1 tone:+2}\n" + GOOD_END, 6, "'tone' appears twice"),
        (":: A [start]\n[[Hi->B]]\n{tone:+1\n" + GOOD_END, 6, r"unclosed '\{'"),
        (':: A [start]\n[[Hi->B]]\n{feedback:"oops}\n' + GOOD_END, 6, "unclosed quote"),
        (":: A [start]\n[[Hi->B]]\n{feedback:good}\n" + GOOD_END, 6, "feedback needs a quoted"),
        (":: A [start]\n[[Hi->B]]\n{autofail:yes}\n" + GOOD_END, 6, "autofail takes a quoted"),
        (":: A [start]\n[[Hi->B]]\n{continue:1}\n" + GOOD_END, 6, "continue takes no value"),
        (":: A [start]\n[[Hi->B]]\n{tone:+1} extra\n" + GOOD_END, 6, r"text after '\}'"),
        (":: A [start]\n[[Hi->B]]\n{tone:+1 !}\n" + GOOD_END, 6, "unexpected '!'"),
        (":: A [start]\n[[Hi->B]]\n\n{tone:+1}\n" + GOOD_END, 7, "right after its link"),
        (":: A [start]\n{tone:+1}\n" + GOOD_END, 5, "right after its link"),
        (":: A [start]\nSure [[Hi->B]]\n" + GOOD_END, 5, "a line of its own"),
        (":: A [start]\n[[Hi->B]] ok\n" + GOOD_END, 5, "a line of its own"),
        (":: A [start]\n[[->B]]\n" + GOOD_END, 5, "no reply text"),
        (":: A [start]\n[[Hi->]]\n" + GOOD_END, 5, "names no passage"),
        (":: A [start]\n[[Hi->B]]\nMore words\n" + GOOD_END, 6, "must come before the reply"),
        (":: A [start]\nDebrief: x\n[[Hi->B]]\n" + GOOD_END, 6, "link after 'Debrief:'"),
        (":: A [start]\nHello\\\n[[B]]\n" + GOOD_END, 5, "backslash at the end"),
        (":: A [start mood:calm]\nMood: angry\n[[B]]\n" + GOOD_END, 5, "mood is given twice"),
        (":: A [start mood:]\n[[B]]\n" + GOOD_END, 4, "empty mood tag"),
        (":: A [start]\n[[Hi->Bb]]\n[[B]]\n" + GOOD_END, 5, r"link to 'Bb'.*did you mean 'B'"),
        (":: A [start]\n[[Hi->b]]\n[[B]]\n" + GOOD_END, 5, r"link to 'b'.*did you mean 'B'"),
        (":: A [start]\n[[Hi->Nowhere]]\n[[B]]\n" + GOOD_END, 5, "no passage has that name"),
        (":: A [start]\n[[StoryTitle]]\n" + GOOD_END, 5, "not a conversation step"),
        (
            ":: A [start]\n[[B]]\n" + GOOD_END + "\n:: A\nAgain\n",
            10,
            r"duplicate passage name 'A' \(first used on line 4\)",
        ),
        (":: A [start]\n[[B]]\n\n:: B [end outcome-won]\n", 7, "unknown outcome tag 'outcome-won'"),
        (":: A [start]\n[[B]]\n\n:: B [end outcome-lost outcome-resolved]\n", 7, "two outcomes"),
        (":: A [start]\n[[B]]\n\n:: B [end]\n", 7, "needs an outcome tag"),
        (":: A [start]\n[[B]]\n\n:: B [end outcome-lost csat-6]\n", 7, "csat-1 to csat-5"),
        (":: A [start]\n[[B]]\n\n:: B [end outcome-lost csat-2 csat-3]\n", 7, "two CSAT tags"),
        (":: A [start csat-4]\n[[B]]\n" + GOOD_END, 4, "belongs on an end passage"),
        (":: A [start\n[[B]]\n" + GOOD_END, 4, "unclosed tag list"),
        (":: [start]\n", 4, "needs a name"),
        (':: A [start] {"position":}\n[[B]]\n' + GOOD_END, 4, "metadata is not valid JSON"),
        (":: A [start] [x]\n[[B]]\n" + GOOD_END, 4, r"unexpected '\[x\]'"),
        (
            ':: StoryData\n{\n  "start": Nope\n}\n\n:: A\n[[B]]\n' + GOOD_END,
            6,
            "StoryData is not valid JSON",
        ),
        (
            ':: StoryData\n{"start": "Nope"}\n\n:: A\n[[B]]\n' + GOOD_END,
            5,
            "no passage has that name",
        ),
        (':: StoryData\n{"start": "B"}\n\n:: A [start]\n[[B]]\n' + GOOD_END, 5, "make them agree"),
        (
            ":: ScenarioSettings\nchannel phone\n\n:: A [start]\n[[B]]\n" + GOOD_END,
            5,
            "bad settings line",
        ),
        (
            ":: ScenarioSettings\ncolour: red\n\n:: A [start]\n[[B]]\n" + GOOD_END,
            5,
            "unknown setting 'colour'",
        ),
        (
            ":: ScenarioSettings\nchannel: fax\n\n:: A [start]\n[[B]]\n" + GOOD_END,
            5,
            "unknown channel 'fax'",
        ),
        (":: ScenarioSettings\nchannel: chat\nChannel: email\n", 6, "'channel' is given twice"),
        (":: ScenarioSettings\nmastery_threshold: 120\n", 5, "mastery_threshold must be"),
        (":: ScenarioSettings\nmastery_threshold: high\n", 5, "mastery_threshold must be"),
        (":: ScenarioSettings\ndimensions: empathy=lots\n", 5, "must be a number, not 'lots'"),
        (":: ScenarioSettings\ndimensions: empathy=-1\n", 5, "0 or more"),
        (":: ScenarioSettings\ndimensions: empathy=inf\n", 5, "0 or more"),
        (":: ScenarioSettings\ndimensions: empathy, empathy=2\n", 5, "listed twice"),
        (":: ScenarioSettings\ndimensions: feedback=1\n", 5, "reserved word"),
        (":: ScenarioSettings\ndimensions: em.pathy=1\n", 5, "not a dimension code"),
        (":: ScenarioSettings\ndimensions: empathy 2\n", 5, "bad dimension"),
        (
            ":: ScenarioSettings\ndimensions: empathy\n\n"
            ":: A [start]\n[[Hi->B]]\n{empaty:+2}\n[[B]]\n" + GOOD_END,
            9,
            "'empaty' is not one of the scenario's dimensions.*did you mean 'empathy'",
        ),
    ],
)
def test_malformed_input_names_the_line_and_the_problem(body, line, message):
    with pytest.raises(TweeError, match=message) as raised:
        parse_twee(story(body))

    assert raised.value.line == line
    assert str(raised.value).startswith(f"line {line}: ")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", None, "no passages"),
        ("\n  \n", None, "no passages"),
        ("Hello\n:: A\n", 1, "text before the first passage"),
        (":: A [start end outcome-lost]\n", None, "no ':: StoryTitle' passage"),
        (":: StoryTitle\n\n:: A\n", 1, "no title"),
        (":: StoryTitle\nT\n\n:: ScenarioSettings\nchannel: chat\n", None, "no conversation"),
    ],
)
def test_problems_of_the_whole_file(text, line, message):
    with pytest.raises(TweeError, match=message) as raised:
        parse_twee(text)

    assert raised.value.line == line


@pytest.mark.parametrize(
    ("node", "dimensions", "message"),
    [
        (NodeSpec("has space", ""), {}, "cannot be a passage name"),
        (NodeSpec("StoryData", ""), {}, "cannot be a passage name"),
        (NodeSpec("x" * 61, ""), {}, "cannot be a passage name"),
        (NodeSpec("a", "", simulated_csat=4), {}, "belongs on an end node"),
        (NodeSpec("a", "", replies=[ReplySpec("Hi", "a", {"feedback": 1})]), {}, "dimension code"),
        (NodeSpec("a", "", replies=[ReplySpec(" ", "a")]), {}, "has no text"),
        (NodeSpec("a", ""), {"em pathy": 1.0}, "dimension code"),
    ],
)
def test_to_twee_refuses_what_would_not_read_back(node, dimensions, message):
    with pytest.raises(TweeError, match=message):
        to_twee(ScenarioSpec(title="T", dimensions=dimensions, nodes=[node]))


def test_to_twee_refuses_duplicate_keys_and_no_title():
    with pytest.raises(TweeError, match="share the key"):
        to_twee(ScenarioSpec(title="T", nodes=[NodeSpec("a", ""), NodeSpec("a", "")]))
    with pytest.raises(TweeError, match="no title"):
        to_twee(ScenarioSpec(title=" ", nodes=[NodeSpec("a", "")]))


# --- random scenarios ------------------------------------------------------------------------

# Every character the convention reserves, and the words it reads, mixed into ordinary text.
SYNTAX = [
    "[[", "]]", "[", "]", "->", "<-", "|", "{", "}", '"', "\\", "\\n", "::", ":", "\n", "\t",
    " ", "Mood:", "narrator :", "DEBRIEF:", "[[x->y]]", "{empathy:+2}", "csat-9", "end",
]  # fmt: skip
PIECES = st.one_of(
    st.characters(blacklist_categories=("Cs", "Cc")),
    st.sampled_from(SYNTAX),
)
TEXT = st.lists(PIECES, max_size=12).map(lambda pieces: "".join(pieces).strip())
NON_EMPTY = TEXT.filter(bool)
KEYS = st.from_regex(r"[a-z0-9]{1,6}(?:[-_][a-z0-9]{1,6}){0,2}", fullmatch=True)
CODES = st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True).filter(
    lambda code: code not in RESERVED_WORDS
)
WEIGHTS = st.one_of(
    st.integers(0, 10).map(float),
    st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False),
)


@st.composite
def twee_specs(draw: st.DrawFn) -> ScenarioSpec:
    keys = draw(st.lists(KEYS, min_size=1, max_size=5, unique=True))
    dimensions = draw(st.dictionaries(CODES, WEIGHTS, max_size=3))
    codes = list(dimensions) or draw(st.lists(CODES, max_size=2, unique=True))
    built = []
    for key in keys:
        outcome = draw(st.none() | st.sampled_from(Outcome))
        replies = []
        for _ in range(draw(st.integers(0, 3))):
            target = draw(st.sampled_from(keys))
            auto_fail = draw(st.booleans())
            replies.append(
                ReplySpec(
                    text=draw(NON_EMPTY | st.just(target)),
                    target=target,
                    points=draw(st.dictionaries(st.sampled_from(codes), st.integers(-2, 3)))
                    if codes
                    else {},
                    feedback=draw(TEXT),
                    auto_fail=auto_fail,
                    auto_fail_reason=draw(TEXT) if auto_fail else "",
                    is_continue=draw(st.booleans()),
                )
            )
        built.append(
            NodeSpec(
                key=key,
                customer_text=draw(TEXT),
                mood=draw(TEXT | st.sampled_from(["angry", "calm-ish"])),
                narrator_note=draw(TEXT),
                is_start=draw(st.booleans()),
                outcome=outcome,
                simulated_csat=draw(st.none() | st.integers(1, 5)) if outcome else None,
                debrief=draw(TEXT),
                replies=replies,
            )
        )
    return ScenarioSpec(
        title=draw(NON_EMPTY),
        channel=draw(st.sampled_from(Channel)),
        persona_name=draw(TEXT),
        persona_mood=draw(TEXT),
        situation=draw(TEXT),
        dimensions=dimensions,
        mastery_threshold=draw(st.integers(0, 100)),
        nodes=built,
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(twee_specs())
def test_any_scenario_survives_twee_and_json(spec):
    written = to_twee(spec)
    read = parse_twee(written)

    assert read == spec
    assert to_twee(read) == written
    assert from_json(to_json(read)) == spec


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_any_text_either_parses_or_raises_a_twee_error(text):
    try:
        parse_twee(":: StoryTitle\nT\n\n:: A [start]\n" + text)
    except TweeError as error:
        assert error.line is None or error.line >= 1
