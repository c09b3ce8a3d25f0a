import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizzes.scoring import (
    InvalidAnswer,
    QuestionKey,
    QuestionKind,
    attempt_score,
    authoring_problems,
    model_response,
    normalize_text,
    parse_response,
    question_credit,
)

SINGLE = QuestionKey(1, QuestionKind.SINGLE, (10, 11, 12), frozenset({11}))
MULTIPLE = QuestionKey(2, QuestionKind.MULTIPLE, (20, 21, 22, 23), frozenset({20, 21}))
ORDERING = QuestionKey(3, QuestionKind.ORDERING, (30, 31, 32, 33))
MATCHING = QuestionKey(4, QuestionKind.MATCHING, (40, 41, 42))
SHORT = QuestionKey(5, QuestionKind.SHORT_TEXT, (50, 51), accepted_texts=("Escalate", "escalation"))
TRUE_FALSE = QuestionKey(6, QuestionKind.TRUE_FALSE, (60, 61), frozenset({61}))
KEYS = [SINGLE, MULTIPLE, ORDERING, MATCHING, SHORT, TRUE_FALSE]


def test_all_correct_gives_100():
    scored = [(key, question_credit(key, parse_response(key, model_response(key)))) for key in KEYS]
    assert attempt_score(scored) == 100


def test_multiple_response_gives_partial_credit_and_wrong_picks_subtract():
    assert question_credit(MULTIPLE, {"choices": [20]}) == 0.5
    assert question_credit(MULTIPLE, {"choices": [20, 21, 22]}) == 0.5
    assert question_credit(MULTIPLE, {"choices": [20, 22, 23]}) == 0.0  # never below zero
    assert question_credit(MULTIPLE, {"choices": [20, 21, 22, 23]}) == 0.0  # ticking all


def test_ordering_and_matching_credit_what_is_in_place():
    assert question_credit(ORDERING, {"order": [30, 31, 33, 32]}) == 0.5
    assert question_credit(ORDERING, {"order": [30, None, None, None]}) == 0.25
    assert question_credit(MATCHING, {"pairs": {"40": 40, "41": 42, "42": 41}}) == pytest.approx(
        1 / 3
    )


def test_short_text_ignores_case_and_spacing():
    assert question_credit(SHORT, {"text": "  ESCALATE "}) == 1.0
    assert question_credit(SHORT, {"text": "es  calation"}) == 0.0
    assert question_credit(SHORT, {"text": ""}) == 0.0
    assert normalize_text("  Call   the\tTeam Lead ") == "call the team lead"


@pytest.mark.parametrize(
    ("key", "raw"),
    [
        (SINGLE, {"choice": 20}),  # a choice of another question
        (SINGLE, {"choice": "11"}),
        (SINGLE, ["11"]),
        (MULTIPLE, {"choices": [20, 20]}),
        (MULTIPLE, {"choices": "20"}),
        (ORDERING, {"order": [30, 31, 32, 33, 34]}),
        (MATCHING, {"pairs": {"40": 99}}),
        (MATCHING, {"pairs": {"x": 40}}),
        (SHORT, {"text": "x" * 501}),
        (SHORT, {"text": 5}),
    ],
)
def test_malformed_or_foreign_answers_are_refused(key, raw):
    with pytest.raises(InvalidAnswer):
        parse_response(key, raw)


@given(
    credits=st.lists(
        st.tuples(st.integers(1, 5), st.floats(0, 1, allow_nan=False)), min_size=0, max_size=30
    )
)
def test_score_is_always_between_0_and_100(credits):
    keys = [
        (QuestionKey(i, QuestionKind.SINGLE, (1,), weight=w), c) for i, (w, c) in enumerate(credits)
    ]
    assert 0 <= attempt_score(keys) <= 100


@given(picks=st.lists(st.sampled_from(MULTIPLE.choice_ids), unique=True))
def test_order_of_submission_does_not_matter_for_set_answers(picks):
    forwards = question_credit(MULTIPLE, parse_response(MULTIPLE, {"choices": picks}))
    backwards = question_credit(MULTIPLE, parse_response(MULTIPLE, {"choices": picks[::-1]}))
    assert forwards == backwards
    assert 0 <= forwards <= 1


@given(order=st.permutations(ORDERING.choice_ids))
def test_ordering_credit_is_a_fraction_and_full_only_for_the_right_order(order):
    credit = question_credit(ORDERING, parse_response(ORDERING, {"order": list(order)}))
    assert 0 <= credit <= 1
    assert (credit == 1) == (tuple(order) == ORDERING.choice_ids)


def test_authoring_problems_name_what_makes_a_question_unanswerable():
    assert authoring_problems(QuestionKind.SINGLE, [("a", True, ""), ("b", True, "")])
    assert authoring_problems(QuestionKind.TRUE_FALSE, [("True", True, "")])
    assert authoring_problems(QuestionKind.MATCHING, [("a", False, "x"), ("b", False, "")])
    assert authoring_problems(QuestionKind.SHORT_TEXT, []) == ["Add at least one accepted answer."]
    assert authoring_problems(QuestionKind.MULTIPLE, [("a", True, ""), ("b", False, "")]) == []
