import contextlib
import json
import math
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scenarios
from scenarios import graph
from scenarios.json_format import FORMAT, VERSION, ScenarioFormatError, from_json, to_json
from scenarios.spec import Channel, NodeSpec, Outcome, ReplySpec, ScenarioSpec
from scenarios.twee import parse_twee

EXAMPLE = Path(scenarios.__file__).parent / "examples" / "late-delivery.twee"
DOCS = Path(scenarios.__file__).parent.parent / "docs" / "scenario-formats.md"


def small_spec() -> ScenarioSpec:
    return ScenarioSpec(
        title="Card trap",
        channel=Channel.CHAT,
        persona_name="Sam",
        persona_mood="annoyed",
        situation="Wants a refund.",
        dimensions={"empathy": 2.0, "policy": 1.0},
        mastery_threshold=80,
        nodes=[
            NodeSpec(
                key="start",
                customer_text="Refund me now.",
                mood="angry",
                narrator_note="Chat, 9pm.",
                is_start=True,
                replies=[
                    ReplySpec("I'm sorry. Let me check.", "end", {"empathy": 3}, "Good."),
                    ReplySpec(
                        "Read me your card number.",
                        "end",
                        {"policy": -2},
                        auto_fail=True,
                        auto_fail_reason="Card details in chat",
                    ),
                ],
            ),
            NodeSpec(
                key="end",
                customer_text="Okay.",
                outcome=Outcome.RESOLVED,
                simulated_csat=4,
                debrief="Well handled.",
            ),
        ],
    )


def document(**changes: object) -> dict:
    """The JSON of ``small_spec`` as data, with top-level fields changed or removed (None)."""
    data = json.loads(to_json(small_spec()))
    for name, value in changes.items():
        if value is None:
            del data[name]
        else:
            data[name] = value
    return data


# --- writing ---------------------------------------------------------------------------------


def test_the_json_is_versioned_pretty_ordered_and_stable():
    written = to_json(small_spec())
    data = json.loads(written)

    assert written.startswith('{\n  "format": "service-academy-scenario",\n  "version": 1,\n')
    assert written.endswith("}\n")
    assert list(data) == [
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
    ]
    assert data["nodes"][1]["outcome"] == "resolved"
    assert data["nodes"][0]["outcome"] is None
    assert to_json(small_spec()) == written


def test_non_ascii_text_is_written_as_it_is():
    spec = parse_twee(EXAMPLE.read_text(encoding="utf-8"))

    assert "£9.99" in to_json(spec)


def test_nan_weights_cannot_be_written():
    spec = small_spec()
    spec.dimensions["empathy"] = math.nan

    with pytest.raises(ScenarioFormatError, match="cannot write"):
        to_json(spec)


# --- round trips -----------------------------------------------------------------------------


def test_spec_to_json_to_spec_is_equal():
    assert from_json(to_json(small_spec())) == small_spec()


def test_the_twee_example_survives_json():
    spec = parse_twee(EXAMPLE.read_text(encoding="utf-8"))
    read = from_json(to_json(spec))

    assert read == spec
    assert graph.validate(read.to_graph()) == []


def test_the_documented_json_example_reads_and_validates():
    documented = re.search(r"```json\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)
    assert documented is not None
    spec = from_json(documented.group(1))

    assert graph.validate(spec.to_graph()) == []
    assert spec.nodes[1].outcome is Outcome.RESOLVED


def test_missing_optional_fields_take_the_defaults():
    text = json.dumps(
        {
            "format": FORMAT,
            "version": VERSION,
            "title": "Minimal",
            "nodes": [
                {"key": "a", "customer_text": "Hi", "replies": [{"text": "Hi", "target": "a"}]}
            ],
        }
    )

    assert from_json(text) == ScenarioSpec(
        title="Minimal", nodes=[NodeSpec("a", "Hi", replies=[ReplySpec("Hi", "a")])]
    )


def test_the_graph_is_left_to_the_validator():
    # A draft with a reply to a missing step and a score on an undeclared dimension: the file
    # is fine, the conversation is not, and the validator says so.
    spec = small_spec()
    spec.nodes[0].replies[0].target = "gone"
    spec.nodes[0].replies[0].points["tone"] = 1
    read = from_json(to_json(spec))

    assert read == spec
    assert [p.code for p in graph.validate(read.to_graph())] == [graph.ProblemCode.DANGLING]


# --- errors ----------------------------------------------------------------------------------


def node_change(**changes: object) -> dict:
    data = document()
    data["nodes"][0].update(changes)
    return data


def reply_change(**changes: object) -> dict:
    data = document()
    data["nodes"][0]["replies"][0].update(changes)
    return data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("not json", r"not valid JSON: Expecting value \(line 1, column 1\)"),
        ('{"format": ', "not valid JSON"),
        ("[]", "expected a JSON object, found a list"),
        ({}, "no 'format' field"),
        (document(format="twine"), "'format' is 'twine', expected 'service-academy-scenario'"),
        (document(version=None), "missing field 'version'"),
        (document(version="1"), "version: expected a whole number"),
        (document(version=True), "version: expected a whole number"),
        (document(version=2), r"unsupported version 2 \(written by a newer"),
        (document(version=0), "unsupported version 0: this reads 1"),
        (document(title=None), "scenario: missing field 'title'"),
        (document(nodes=None), "scenario: missing field 'nodes'"),
        (document(titel="x"), "scenario: unknown field 'titel'"),
        (document(title=5), "title: expected text, found a number"),
        (document(title="  "), "title: must not be empty"),
        (document(channel="fax"), "channel: unknown channel 'fax'"),
        (document(persona_name=["Sam"]), "persona_name: expected text, found a list"),
        (document(mastery_threshold=101), "mastery_threshold: 101 is outside 0..100"),
        (document(mastery_threshold=70.5), "mastery_threshold: expected a whole number"),
        (document(mastery_threshold=True), "mastery_threshold: expected a whole number"),
        (document(dimensions=[]), "dimensions: expected an object"),
        (document(dimensions={"empathy": -1}), "dimensions.empathy: a weight must be"),
        (
            document(dimensions={"empathy": "2"}),
            "dimensions.empathy: expected a weight, found text",
        ),
        (document(dimensions={" ": 1}), "dimension code must not be empty"),
        (document(nodes={}), "nodes: expected a list, found an object"),
        (document(nodes=["start"]), r"nodes\[0\]: expected an object, found text"),
        (document(nodes=[{"customer_text": ""}]), r"nodes\[0\]: missing field 'key'"),
        (document(nodes=[{"key": "a"}]), r"nodes\[0\]: missing field 'customer_text'"),
        (node_change(key=""), r"nodes\[0\].key: must not be empty"),
        (node_change(is_start="yes"), r"nodes\[0\].is_start: expected true or false, found text"),
        (node_change(outcome="won"), r"nodes\[0\].outcome: unknown outcome 'won'"),
        (node_change(simulated_csat=6), r"nodes\[0\].simulated_csat: 6 is outside 1..5"),
        (node_change(simulated_csat="4"), r"nodes\[0\].simulated_csat: expected a whole number"),
        (node_change(replies=None), r"nodes\[0\].replies: expected a list, found null"),
        (node_change(outcom="lost"), r"nodes\[0\]: unknown field 'outcom'"),
        (node_change(key="end"), r"nodes\[1\].key: 'end' is used twice"),
        (reply_change(target=""), r"nodes\[0\].replies\[0\].target: must not be empty"),
        (reply_change(text=None), r"nodes\[0\].replies\[0\].text: expected text, found null"),
        (reply_change(autofail=True), r"nodes\[0\].replies\[0\]: unknown field 'autofail'"),
        (reply_change(auto_fail="no"), r"replies\[0\].auto_fail: expected true or false"),
        (reply_change(points=[]), r"replies\[0\].points: expected an object"),
        (reply_change(points={"empathy": 4}), r"replies\[0\].points.empathy: 4 is outside -2..3"),
        (reply_change(points={"empathy": -3}), r"points.empathy: -3 is outside -2..3"),
        (reply_change(points={"empathy": 1.5}), r"points.empathy: expected a whole number"),
        (reply_change(points={"empathy": True}), r"points.empathy: expected a whole number"),
        (reply_change(points={"": 1}), "dimension code must not be empty"),
    ],
)
def test_bad_files_say_where_and_what(data, message):
    text = data if isinstance(data, str) else json.dumps(data)

    with pytest.raises(ScenarioFormatError, match=message):
        from_json(text)


def test_a_missing_reply_field_is_named():
    data = document()
    del data["nodes"][0]["replies"][1]["target"]

    with pytest.raises(
        ScenarioFormatError, match=r"nodes\[0\].replies\[1\]: missing field 'target'"
    ):
        from_json(json.dumps(data))


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_numbers_json_does_not_allow_are_refused(constant):
    text = to_json(small_spec()).replace('"empathy": 2.0', f'"empathy": {constant}', 1)

    with pytest.raises(ScenarioFormatError, match=f"{constant} is not a number JSON allows"):
        from_json(text)


# --- random scenarios ------------------------------------------------------------------------

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
NON_EMPTY = TEXT.filter(lambda text: text.strip() != "")
WEIGHTS = st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False)


@st.composite
def json_specs(draw: st.DrawFn) -> ScenarioSpec:
    """Anything a draft in the admin can hold: any texts, dangling replies, undeclared codes."""
    keys = draw(st.lists(NON_EMPTY, max_size=5, unique=True))
    dimensions = draw(st.dictionaries(NON_EMPTY, WEIGHTS, max_size=3))
    reply = st.builds(
        ReplySpec,
        text=TEXT,
        target=st.sampled_from(keys) | NON_EMPTY if keys else NON_EMPTY,
        points=st.dictionaries(NON_EMPTY, st.integers(-2, 3), max_size=3),
        feedback=TEXT,
        auto_fail=st.booleans(),
        auto_fail_reason=TEXT,
        is_continue=st.booleans(),
    )
    return ScenarioSpec(
        title=draw(NON_EMPTY),
        channel=draw(st.sampled_from(Channel)),
        persona_name=draw(TEXT),
        persona_mood=draw(TEXT),
        situation=draw(TEXT),
        dimensions=dimensions,
        mastery_threshold=draw(st.integers(0, 100)),
        nodes=[
            NodeSpec(
                key=key,
                customer_text=draw(TEXT),
                mood=draw(TEXT),
                narrator_note=draw(TEXT),
                is_start=draw(st.booleans()),
                outcome=draw(st.none() | st.sampled_from(Outcome)),
                simulated_csat=draw(st.none() | st.integers(1, 5)),
                debrief=draw(TEXT),
                replies=draw(st.lists(reply, max_size=3)),
            )
            for key in keys
        ],
    )


@settings(max_examples=300, deadline=None)
@given(json_specs())
def test_any_scenario_survives_json(spec):
    written = to_json(spec)

    assert from_json(written) == spec
    assert to_json(from_json(written)) == written


FIELD_NAMES = st.sampled_from(
    ["key", "customer_text", "replies", "text", "target", "points", "outcome", "is_start"]
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner) | st.dictionaries(FIELD_NAMES | st.text(), inner),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES, st.booleans())
def test_any_json_reads_or_raises_a_format_error(value, as_nodes):
    """Never a KeyError or TypeError from deep inside: a ScenarioFormatError or a spec."""
    text = json.dumps(document(nodes=[value]) if as_nodes else value)
    with contextlib.suppress(ScenarioFormatError):
        from_json(text)
