"""The pure gamification rules: XP per event, caps, levels, streaks, badge criteria, boards."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from gamification import boards, rules

RULES = {
    "lesson": rules.RuleConfig(10, 150),
    "course": rules.RuleConfig(0),
    "quiz_pass": rules.RuleConfig(50, 300),
    "quiz_perfect": rules.RuleConfig(25),
    "quiz_first_attempt": rules.RuleConfig(15),
    "scenario_mastery": rules.RuleConfig(60),
    "daily_streak": rules.RuleConfig(5, 5),
}
LEVELS = [
    rules.LevelSpec(1, "Trainee", 0),
    rules.LevelSpec(2, "Associate", 300),
    rules.LevelSpec(3, "Specialist", 1000),
]


def test_a_course_is_worth_its_own_xp_value_and_names_itself_as_the_source():
    grants = rules.grants_for_event("course.completed", 9, {"xp_value": 150}, RULES)
    assert grants == [rules.Grant("course", "course:9", 150)]


def test_a_disabled_rule_gives_nothing():
    disabled = {**RULES, "lesson": rules.RuleConfig(10, enabled=False)}
    assert rules.grants_for_event("lesson.completed", 1, {}, disabled) == []


def test_a_retry_of_a_quiz_earns_the_same_source_so_it_can_only_be_rewarded_once():
    first = rules.grants_for_event(
        "quiz.passed", 1, {"quiz_id": 4, "score": 90, "attempt": 1}, RULES
    )
    retake = rules.grants_for_event(
        "quiz.passed", 2, {"quiz_id": 4, "score": 95, "attempt": 2}, RULES
    )
    assert {g.source for g in first} == {g.source for g in retake} == {"quiz:4"}
    assert [g.rule for g in retake] == ["quiz_pass"]  # no first-attempt bonus on a retake


def test_translations_of_a_scenario_share_one_source():
    english = {"scenario_id": 1, "scenario_key": "abc"}
    finnish = {"scenario_id": 2, "scenario_key": "abc"}
    assert (
        rules.grants_for_event("scenario.mastered", 10, english, RULES)[0].source
        == rules.grants_for_event("scenario.mastered", 11, finnish, RULES)[0].source
    )


@given(points=st.integers(0, 500), earned=st.integers(0, 1000), cap=st.integers(0, 500))
def test_the_daily_cap_is_never_exceeded_and_never_negative(points, earned, cap):
    granted = rules.capped(points, earned, cap)
    assert 0 <= granted <= points
    if cap:
        assert granted + earned <= max(cap, earned)
    else:
        assert granted == points


@given(st.integers(0, 5000))
def test_the_level_is_the_highest_threshold_reached(total):
    level = rules.level_for(total, LEVELS)
    assert level is not None and level.threshold <= total
    assert all(other.threshold > total or other.threshold <= level.threshold for other in LEVELS)


def test_progress_to_the_next_level():
    progress = rules.level_progress(650, LEVELS)
    assert (progress.level.name, progress.next_level.name) == ("Associate", "Specialist")
    assert (progress.percent, progress.xp_to_next) == (50, 350)
    top = rules.level_progress(4000, LEVELS)
    assert top.next_level is None and top.percent == 100


@given(st.sets(st.dates(datetime.date(2026, 1, 1), datetime.date(2026, 3, 1)), max_size=30))
def test_a_streak_built_in_any_order_equals_the_longest_run_of_consecutive_days(days):
    streak = rules.streak_from_days(days)
    ordered = sorted(days)
    runs, run = [], 0
    for index, day in enumerate(ordered):
        run = run + 1 if index and (day - ordered[index - 1]).days == 1 else 1
        runs.append(run)
    assert streak.longest == max(runs, default=0)
    assert streak.current == (runs[-1] if runs else 0)


def test_a_streak_is_shown_until_a_whole_day_is_missed():
    streak = rules.Streak(4, 6, datetime.date(2026, 11, 29))
    assert rules.streak_shown(streak, datetime.date(2026, 11, 30)) == 4
    assert rules.streak_shown(streak, datetime.date(2026, 12, 1)) == 0


def test_the_streak_bonus_starts_on_the_second_day():
    day = datetime.date(2026, 11, 30)
    assert rules.streak_grant(day, 1, RULES) is None
    assert rules.streak_grant(day, 2, RULES) == rules.Grant("daily_streak", "day:2026-11-30", 5)


def test_milestones_are_crossed_once_each():
    assert rules.milestones_crossed(90, 260) == [100, 250]
    assert rules.milestones_crossed(260, 270) == []


def test_badge_criteria():
    facts = rules.Facts(
        completed_courses={1, 2},
        courses_by_category={"protocol": {1, 2}, "product": {1, 3}},
        completed_paths={5},
        best_quiz_scores={7: 85.0},
        mastered_scenarios={"a", "b"},
        longest_streak=7,
        level_number=2,
    )
    spec = rules.BadgeSpec
    earned = rules.badges_earned(
        [
            spec(1, "course", course_id=2),
            spec(2, "course", course_id=3),
            spec(3, "category", category="protocol"),
            spec(4, "category", category="product"),
            spec(5, "path", path_id=5),
            spec(6, "quiz_score", quiz_id=7, threshold=80),
            spec(7, "quiz_score", quiz_id=7, threshold=90),
            spec(8, "scenarios", threshold=2),
            spec(9, "scenario", scenario_key="c"),
            spec(10, "streak", threshold=7),
            spec(11, "level", level_number=3),
            spec(12, "manual"),
        ],
        facts,
    )
    assert [badge.id for badge in earned] == [1, 3, 5, 6, 8, 10]


def test_an_empty_category_is_not_completed_by_doing_nothing():
    assert not rules.CRITERIA["category"].met(
        rules.BadgeSpec(1, "category", category="x"), rules.Facts()
    )


def test_repeatable_badges_belong_to_a_week_or_month():
    day = datetime.date(2026, 11, 30)
    assert rules.award_period("", day) == ""
    assert rules.award_period("month", day) == "2026-11"
    assert rules.award_period("week", day) == "2026-W49"


def test_expiry_months_clamp_to_the_end_of_a_shorter_month():
    start = datetime.datetime(2026, 1, 31, 9, 0, tzinfo=datetime.UTC)
    assert rules.add_months(start, 1).date() == datetime.date(2026, 2, 28)
    assert rules.add_months(start, 13).date() == datetime.date(2027, 2, 28)


def test_an_entry_counts_on_academy_team_and_new_hire_boards_for_each_period():
    standing = boards.Standing(team_ids=(3,), joined=datetime.date(2026, 11, 1))
    keys = boards.boards_for(standing, datetime.date(2026, 11, 30), season_id=2)
    assert "academy:all:week:2026-W49" in keys
    assert "team:3:month:2026-11" in keys
    assert "newhire:all:season:2" in keys
    assert "academy:all:all:all" in keys
    veteran = boards.Standing(team_ids=(), joined=datetime.date(2026, 1, 1))
    veteran_keys = boards.boards_for(veteran, datetime.date(2026, 11, 30), season_id=None)
    assert not any(key.startswith(("newhire", "team")) for key in veteran_keys)
    assert not any(":season:" in key for key in veteran_keys)


@given(st.lists(st.integers(0, 50), min_size=1, max_size=20), st.integers(0, 30))
def test_slice_ranks_match_competition_ranking_of_the_whole_board(scores, start):
    ordered = sorted(scores, reverse=True)
    whole = [1 + sum(1 for other in ordered if other > score) for score in ordered]
    start = min(start, len(ordered) - 1)
    piece = ordered[start : start + 7]
    assert boards.ranks_for_slice(whole[start], start, piece) == whole[start : start + 7]
