"""Item analysis maths, tested without a database: hand-computed examples and properties."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizzes.analysis import (
    MIN_ATTEMPTS_FOR_DISCRIMINATION,
    NEGATIVE_DISCRIMINATION_BELOW,
    TOO_EASY_ABOVE,
    TOO_HARD_BELOW,
    AnswerRow,
    AttemptRow,
    ChoiceInfo,
    Flag,
    Outcome,
    QuestionInfo,
    analyse_quiz,
    discrimination_index,
    distribution,
    facility,
    group_size,
    is_blank,
    item_flags,
)
from quizzes.scoring import QuestionKind

SINGLE = QuestionInfo(
    id=1,
    prompt="Refund window?",
    kind=QuestionKind.SINGLE,
    choices=(ChoiceInfo(11, "14 days", True), ChoiceInfo(12, "30 days"), ChoiceInfo(13, "None")),
)
MULTIPLE = QuestionInfo(
    id=2,
    prompt="What do you verify?",
    kind=QuestionKind.MULTIPLE,
    choices=(
        ChoiceInfo(21, "Order", True),
        ChoiceInfo(22, "Postcode", True),
        ChoiceInfo(23, "PIN"),
    ),
)
SHORT = QuestionInfo(id=3, prompt="Above your limit?", kind=QuestionKind.SHORT_TEXT)
ORDERING = QuestionInfo(id=4, prompt="Steps in order", kind=QuestionKind.ORDERING)


def test_thresholds_are_the_documented_ones():
    assert (TOO_EASY_ABOVE, TOO_HARD_BELOW, NEGATIVE_DISCRIMINATION_BELOW) == (90, 30, 0)
    assert MIN_ATTEMPTS_FOR_DISCRIMINATION == 10


def test_facility_is_the_mean_credit_in_percent():
    assert facility([1, 0, 0.5, 0.5]) == 50
    assert facility([1, 1, 1]) == 100
    assert facility([]) is None


def test_groups_are_27_percent_and_never_overlap():
    assert group_size(10) == 3  # round(2.7)
    assert group_size(100) == 27
    assert group_size(4) == 1
    assert group_size(2) == 1


def test_four_attempts_a_hard_question_only_the_top_scorer_gets_right_discriminates():
    # Scores 95, 70, 40, 20; a group is round(0.27 * 4) = 1 attempt. Top: 1, bottom: 0.
    scored = [(40.0, 0.0), (95.0, 1.0), (20.0, 0.0), (70.0, 0.0)]

    assert discrimination_index(scored, min_answers=0) == 1.0
    # With the default minimum four answers are "not enough data".
    assert discrimination_index(scored) is None


def test_four_attempts_an_inverted_question_discriminates_negatively():
    # Only the weakest attempt gets it right: bottom group 1, top group 0.
    scored = [(95.0, 0.0), (70.0, 0.0), (40.0, 0.0), (20.0, 1.0)]

    assert discrimination_index(scored, min_answers=0) == -1.0


def test_ten_attempts_upper_minus_lower_27_percent():
    # Groups of 3: top scores 100, 90, 80 earn 1, 1, 0.5; bottom 10, 20, 30 earn 0, 0, 0.5.
    scored = [(10.0 * n, credit) for n, credit in enumerate([0, 0, 0.5, 0, 1, 0, 1, 0.5, 1, 1], 1)]

    assert discrimination_index(scored) == pytest.approx(2.5 / 3 - 0.5 / 3)


def test_flags_follow_the_thresholds():
    assert item_flags(95, 0.4) == (Flag.TOO_EASY,)
    assert item_flags(90, 0.4) == ()  # "above 90" is strict
    assert item_flags(20, 0.4) == (Flag.TOO_HARD,)
    assert item_flags(30, 0.4) == ()
    assert item_flags(50, -0.1) == (Flag.NEGATIVE_DISCRIMINATION,)
    assert item_flags(20, -0.5) == (Flag.TOO_HARD, Flag.NEGATIVE_DISCRIMINATION)
    assert item_flags(50, None) == ()
    assert item_flags(None, None) == ()


def test_blank_answers_per_kind():
    assert is_blank(QuestionKind.SINGLE, {})
    assert not is_blank(QuestionKind.SINGLE, {"choice": 11})
    assert is_blank(QuestionKind.MULTIPLE, {"choices": []})
    assert is_blank(QuestionKind.ORDERING, {"order": [None, None]})
    assert not is_blank(QuestionKind.ORDERING, {"order": [None, 41]})
    assert is_blank(QuestionKind.MATCHING, {"pairs": {}})
    assert is_blank(QuestionKind.SHORT_TEXT, {"text": "   "})
    assert not is_blank(QuestionKind.SHORT_TEXT, {"text": "escalate"})


def test_single_choice_distribution_counts_each_pick_and_blanks():
    answers = [({"choice": 11}, 1.0), ({"choice": 12}, 0.0), ({"choice": 11}, 1.0), ({}, 0.0)]

    rows = distribution(SINGLE, answers)

    assert [(row.choice.id if row.choice else row.outcome, row.count) for row in rows] == [
        (11, 2),
        (12, 1),
        (13, 0),
        (Outcome.BLANK, 1),
    ]
    assert [row.share for row in rows] == [50, 25, 0, 25]


def test_multiple_response_counts_every_ticked_choice():
    answers = [({"choices": [21, 22]}, 1.0), ({"choices": [21, 23]}, 0.0), ({"choices": []}, 0)]

    counts = [row.count for row in distribution(MULTIPLE, answers)]

    assert counts == [2, 1, 1, 1]  # Order, Postcode, PIN, no answer


def test_other_kinds_count_correct_partly_wrong_and_blank():
    answers = [
        ({"order": [41, 42, 43]}, 1.0),
        ({"order": [41, 43, 42]}, 1 / 3),
        ({"order": [42, 43, 41]}, 0.0),
        ({"order": []}, 0.0),
        ({"order": [41, 42, 43]}, 1.0),
    ]

    rows = distribution(ORDERING, answers)

    assert [(row.outcome, row.count) for row in rows] == [
        (Outcome.CORRECT, 2),
        (Outcome.PARTLY, 1),
        (Outcome.WRONG, 1),
        (Outcome.BLANK, 1),
    ]


def test_a_whole_quiz_by_hand():
    # Four attempts at a single-choice and a short-text question, plus a bank question that
    # only two attempts drew.
    bank = QuestionInfo(
        id=9,
        prompt="Bank",
        kind=QuestionKind.TRUE_FALSE,
        choices=(ChoiceInfo(91, "True", True), ChoiceInfo(92, "False")),
        from_bank=True,
    )
    attempts = [
        AttemptRow(id=1, score=100.0, passed=True),
        AttemptRow(id=2, score=50.0, passed=False),
        AttemptRow(id=3, score=50.0, passed=False),
        AttemptRow(id=4, score=0.0, passed=False),
    ]
    answers = [
        AnswerRow(1, 1, 1.0, {"choice": 11}),
        AnswerRow(1, 3, 1.0, {"text": "Escalate"}),
        AnswerRow(1, 9, 1.0, {"choice": 91}),
        AnswerRow(2, 1, 1.0, {"choice": 11}),
        AnswerRow(2, 3, 0.0, {"text": "refund"}),
        AnswerRow(3, 1, 0.0, {"choice": 12}),
        AnswerRow(3, 3, 1.0, {"text": "escalate"}),
        AnswerRow(3, 9, 0.0, {"choice": 92}),
        AnswerRow(4, 1, 0.0, {}),
        AnswerRow(4, 3, 0.0, {"text": ""}),
        AnswerRow(99, 1, 1.0, {"choice": 11}),  # not a submitted attempt: ignored
        AnswerRow(1, 77, 1.0, {}),  # not a question of the report: ignored
    ]

    report = analyse_quiz(questions=[SINGLE, SHORT, bank], attempts=attempts, answers=answers)

    assert report.attempts == 4
    assert report.mean_score == 50
    assert report.pass_rate == 25
    single, short, drawn = report.items
    assert (single.answers, single.facility, single.discrimination) == (4, 50, None)
    assert [row.count for row in single.distribution] == [2, 1, 0, 1]
    assert (short.answers, short.facility) == (4, 50)
    assert [row.count for row in short.distribution] == [2, 0, 1, 1]
    assert (drawn.answers, drawn.facility, drawn.question.from_bank) == (2, 50, True)
    assert single.flags == short.flags == drawn.flags == ()
    assert report.flagged == 0


def test_with_enough_attempts_an_inverted_item_is_flagged_and_a_good_one_is_not():
    attempts = [AttemptRow(id=n, score=float(n * 10), passed=n >= 8) for n in range(1, 11)]
    # "good": the top six get it right. "inverted": only the bottom three do.
    answers = [AnswerRow(n, 1, 1.0 if n > 4 else 0.0, {"choice": 11}) for n in range(1, 11)]
    answers += [AnswerRow(n, 3, 1.0 if n <= 3 else 0.0, {"text": "x"}) for n in range(1, 11)]

    good, inverted = analyse_quiz(
        questions=[SINGLE, SHORT], attempts=attempts, answers=answers
    ).items

    assert good.facility == 60 and good.discrimination == 1.0 and good.flags == ()
    assert inverted.facility == 30 and inverted.discrimination == -1.0
    assert inverted.flags == (Flag.NEGATIVE_DISCRIMINATION,)


def test_no_attempts_gives_an_empty_report():
    report = analyse_quiz(questions=[SINGLE], attempts=[], answers=[])

    assert report.attempts == 0 and report.mean_score is None and report.pass_rate is None
    assert report.items[0].facility is None and report.items[0].answers == 0


credits = st.floats(min_value=0, max_value=1, allow_nan=False)
scores = st.floats(min_value=0, max_value=100, allow_nan=False)


@given(st.lists(credits, max_size=300))
def test_facility_is_a_percentage(values):
    result = facility(values)
    assert result is None if not values else 0 <= result <= 100


@given(st.lists(st.tuples(scores, credits), max_size=300))
def test_discrimination_is_between_minus_one_and_one(scored):
    result = discrimination_index(scored)
    if len(scored) < MIN_ATTEMPTS_FOR_DISCRIMINATION:
        assert result is None
    else:
        assert -1 <= result <= 1


@given(st.lists(scores, min_size=MIN_ATTEMPTS_FOR_DISCRIMINATION, max_size=200, unique=True))
def test_an_item_that_follows_the_score_never_discriminates_negatively(values):
    assert discrimination_index([(score, score / 100) for score in values]) >= 0


@given(st.lists(scores, min_size=MIN_ATTEMPTS_FOR_DISCRIMINATION, max_size=200), credits)
def test_an_item_everybody_scores_the_same_on_does_not_discriminate(values, credit):
    assert discrimination_index([(score, credit) for score in values]) == pytest.approx(0)


attempt_answers = st.lists(
    st.tuples(
        scores,
        st.booleans(),
        credits,
        st.one_of(st.none(), st.sampled_from([11, 12, 13])),
        credits,
        st.text(max_size=5),
    ),
    max_size=60,
)


@given(attempt_answers)
def test_every_item_of_any_quiz_stays_in_range_and_its_counts_add_up(rows):
    attempts = [AttemptRow(id=n, score=row[0], passed=row[1]) for n, row in enumerate(rows)]
    answers = []
    for n, (_score, _passed, credit, choice, text_credit, text) in enumerate(rows):
        response = {} if choice is None else {"choice": choice}
        answers.append(AnswerRow(n, SINGLE.id, credit, response))
        answers.append(AnswerRow(n, SHORT.id, text_credit, {"text": text}))

    report = analyse_quiz(questions=[SINGLE, SHORT], attempts=attempts, answers=answers)

    assert report.mean_score is None or 0 <= report.mean_score <= 100
    assert report.pass_rate is None or 0 <= report.pass_rate <= 100
    for item in report.items:
        assert item.answers == len(rows)
        assert item.facility is None or 0 <= item.facility <= 100
        assert item.discrimination is None or -1 <= item.discrimination <= 1
        assert item.flags == item_flags(item.facility, item.discrimination)
        # Single choice: each answer is one pick or blank; others: one outcome each.
        assert sum(row.count for row in item.distribution) == len(rows)
        assert all(0 <= row.share <= 100 for row in item.distribution)
