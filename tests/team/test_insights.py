"""What a team lead reads in the charts and in one agent's drill-down.

Attempts, runs and XP rows are created directly: the tests need exact scores and moments
(a completion at 23:30 on a Sunday), which the services take from the clock and the scorer.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format

from courses.models import Assignment, Enrolment, LessonCompletion
from courses.progress import Status
from gamification.models import BadgeAward, Level, XpEntry, XpTotal
from lms.team.drilldown import agent_report
from lms.team.insights import team_charts
from quizzes.models import Attempt
from scenarios.models import Scenario, ScenarioRun
from tests.factories import (
    BadgeClassFactory,
    CoursePageFactory,
    EventFactory,
    LearningPathCourseFactory,
    LearningPathPageFactory,
    LessonPageFactory,
    QuizFactory,
    TeamFactory,
    TeamMembershipFactory,
    UserFactory,
    course_with_lessons,
    lessons_of,
)

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")
# Wednesday of ISO week 11 of 2025; that week starts on Monday 10 March.
TODAY = date(2025, 3, 12)
# The same bound however many agents and rows: see the two query-count tests at the end.
CHARTS_MAX_QUERIES = 8
REPORT_MAX_QUERIES = 13


def at(day: date, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=HELSINKI)


def quiz_block(quiz, *, required: bool = True) -> list[dict]:
    return [
        {"type": "paragraph", "value": "<p>Check what you know.</p>"},
        {"type": "quiz", "value": {"quiz": quiz.pk, "required": required}},
    ]


def submitted(user, quiz, score, *, when=None, passed=None) -> Attempt:
    number = Attempt.objects.filter(user=user, quiz=quiz).count() + 1
    return Attempt.objects.create(
        user=user,
        quiz=quiz,
        number=number,
        submitted_at=when or at(TODAY),
        score=Decimal(score),
        passed=passed if passed is not None else Decimal(score) >= quiz.pass_mark,
    )


def scenario(title="Late parcel, angry caller") -> Scenario:
    return Scenario.objects.create(
        title=title, persona_name="Pekka", situation="The parcel is four days late."
    )


def finished_run(user, played, scores, *, overall=70.0, when=None, outcome="resolved"):
    return ScenarioRun.objects.create(
        user=user,
        scenario=played,
        finished_at=when or at(TODAY),
        outcome=outcome,
        dimension_scores=scores,
        overall=overall,
        mastered=overall >= 70,
    )


@pytest.fixture
def members(db):
    team = TeamFactory(name="Helpdesk East")
    people = [UserFactory(first_name=name, last_name="Agent") for name in ("Aino", "Bo")]
    for person in people:
        TeamMembershipFactory(team=team, user=person)
    return people


@pytest.fixture
def outsider(db):
    return UserFactory(first_name="Olli", last_name="Outsider")


def ids(users) -> list[int]:
    return [user.pk for user in users]


# --- completions per week ----------------------------------------------------------------------


def test_completions_land_in_their_iso_week_in_the_academy_time_zone(catalogue, members, outsider):
    aino, bo = members
    courses = [CoursePageFactory(parent=catalogue, title=f"Course {n}") for n in range(4)]
    # Monday 00:30 in Helsinki is still Sunday in UTC: it belongs to this week all the same.
    Enrolment.objects.create(
        user=aino, course=courses[0], completed_at=at(TODAY, 0, 30) - timedelta(days=2)
    )
    # Sunday 23:30 closes last week.
    Enrolment.objects.create(user=bo, course=courses[0], completed_at=at(date(2025, 3, 9), 23, 30))
    Enrolment.objects.create(user=bo, course=courses[1], completed_at=at(date(2025, 3, 10), 9))
    # Thirteen weeks ago: older than the chart, but part of the running total.
    Enrolment.objects.create(user=aino, course=courses[1], completed_at=at(date(2024, 12, 9)))
    # Started, not finished; and someone from another team.
    Enrolment.objects.create(user=aino, course=courses[2])
    Enrolment.objects.create(user=outsider, course=courses[3], completed_at=at(TODAY))

    with timezone.override(HELSINKI):
        chart = team_charts(member_ids=ids(members), today=TODAY).completions

    assert len(chart.weeks) == 12
    assert chart.weeks[-1].week_start == date(2025, 3, 10)
    assert chart.weeks[-1].iso_week == 11
    assert chart.weeks[0].week_start == date(2024, 12, 23)
    counts = {week.week_start: week.count for week in chart.weeks}
    assert counts[date(2025, 3, 10)] == 2
    assert counts[date(2025, 3, 3)] == 1
    assert sum(counts.values()) == 3 == chart.total
    assert chart.before == 1
    assert [week.cumulative for week in chart.weeks][-3:] == [1, 2, 4]
    assert chart.weeks[0].cumulative == 1
    assert chart.grand_total == 4
    assert not chart.empty
    # The columns are drawn to scale: this week's is twice last week's.
    assert chart.weeks[-1].bar.height == 2 * chart.weeks[-2].bar.height > 0
    assert chart.weeks[0].bar.height == 0


def test_the_chart_covers_as_many_weeks_as_asked(members):
    chart = team_charts(member_ids=ids(members), weeks=4, today=TODAY).completions
    assert [week.week_start for week in chart.weeks] == [
        date(2025, 2, 17),
        date(2025, 2, 24),
        date(2025, 3, 3),
        date(2025, 3, 10),
    ]


# --- quiz averages per course ------------------------------------------------------------------


@pytest.fixture
def quiz_setup(catalogue, members, outsider):
    aino, bo = members
    final = QuizFactory(title="Refunds final", pass_mark=80)
    in_lesson = QuizFactory(title="Empathy check", pass_mark=70)
    loose = QuizFactory(title="Warm-up", pass_mark=50)
    refunds = course_with_lessons(
        index=catalogue, lessons=1, title="Refund policy", final_assessment=final
    )
    empathy = CoursePageFactory(parent=catalogue, title="Empathy basics")
    LessonPageFactory(parent=empathy, title="Listening")
    # Reachable only through a knowledge check in the second lesson, and not even required.
    LessonPageFactory(
        parent=empathy, title="Naming feelings", body=quiz_block(in_lesson, required=False)
    )

    submitted(aino, final, "80")
    submitted(bo, final, "90")
    submitted(aino, in_lesson, "70")
    submitted(aino, in_lesson, "75")
    submitted(bo, in_lesson, "71")
    submitted(bo, loose, "50")
    # Neither counts: an attempt still open, and another team's agent.
    Attempt.objects.create(user=aino, quiz=final, number=3, score=None)
    submitted(outsider, final, "0")
    return {"refunds": refunds, "empathy": empathy}


def test_quiz_averages_are_per_course_including_checks_inside_lessons(quiz_setup, members):
    chart = team_charts(member_ids=ids(members), today=TODAY).quizzes

    rows = [(row.title, row.average, row.attempts, row.passed) for row in chart.rows]
    assert rows == [
        ("Refund policy", Decimal("85.0"), 2, 2),
        ("Empathy basics", Decimal("72.0"), 3, 3),
        ("Other quizzes", Decimal("50.0"), 1, 1),
    ]
    assert chart.rows[0].course_id == quiz_setup["refunds"].pk
    assert chart.rows[-1].is_other
    assert chart.rows[0].percent == 85.0
    assert chart.attempts == 6
    assert not chart.empty


def test_a_quiz_two_courses_use_counts_towards_both(catalogue, members):
    shared = QuizFactory(title="Verification")
    for title in ("Refunds", "Returns"):
        course = CoursePageFactory(parent=catalogue, title=title)
        LessonPageFactory(parent=course, body=quiz_block(shared))
    submitted(members[0], shared, "60")

    chart = team_charts(member_ids=ids(members), today=TODAY).quizzes

    assert [(row.title, row.average, row.attempts) for row in chart.rows] == [
        ("Refunds", Decimal("60.0"), 1),
        ("Returns", Decimal("60.0"), 1),
    ]
    assert chart.attempts == 1


# --- rubric profile ----------------------------------------------------------------------------


def test_rubric_means_are_per_dimension_over_the_runs_that_scored_it(members, outsider):
    aino, bo = members
    played = scenario()
    finished_run(aino, played, {"empathy": 80, "policy": 60})
    finished_run(bo, played, {"empathy": 90.5})
    finished_run(outsider, played, {"empathy": 0, "policy": 0})
    ScenarioRun.objects.create(user=aino, scenario=played, dimension_scores={"empathy": 0})

    chart = team_charts(member_ids=ids(members), today=TODAY).rubric

    by_code = {row.code: row for row in chart.rows}
    assert chart.runs == 2
    assert (by_code["empathy"].mean, by_code["empathy"].runs) == (Decimal("85.3"), 2)
    assert (by_code["policy"].mean, by_code["policy"].runs) == (Decimal("60.0"), 1)
    assert (by_code["tone"].mean, by_code["tone"].runs) == (None, 0)
    # The seeded rubric's order, as trainers arranged it.
    assert [row.code for row in chart.rows][:3] == ["empathy", "accuracy", "policy"]
    assert by_code["empathy"].name == "Empathy"
    assert not chart.empty


def test_a_team_with_nothing_done_shows_empty_states(members):
    charts = team_charts(member_ids=ids(members), today=TODAY)

    assert charts.completions.empty
    assert charts.quizzes.empty
    assert charts.quizzes.rows == []
    assert charts.rubric.empty
    assert all(row.mean is None for row in charts.rubric.rows)
    assert team_charts(member_ids=[], today=TODAY).completions.empty


# --- rendering the charts ----------------------------------------------------------------------


def render_charts(rf, user, charts) -> str:
    request = rf.get("/")
    request.user = user
    return render_to_string("team/_charts.html", {"charts": charts}, request=request)


def test_empty_charts_say_so_in_words(rf, members):
    html = render_charts(rf, members[0], team_charts(member_ids=ids(members), today=TODAY))

    assert "No courses completed in the last 12 weeks." in html
    assert "No quiz attempts yet." in html
    assert "No finished roleplays yet." in html
    assert "<svg" not in html


def test_charts_show_their_values_as_text_and_as_a_table(rf, quiz_setup, members):
    aino, bo = members
    Enrolment.objects.create(user=aino, course=quiz_setup["refunds"], completed_at=at(TODAY))
    finished_run(bo, scenario(), {"empathy": 80, "policy": 60})

    with timezone.override(HELSINKI):
        charts = team_charts(member_ids=ids(members), today=TODAY)
        html = render_charts(rf, aino, charts)

    assert 'viewBox="0 0 400 200"' in html
    assert 'width="100%"' in html
    assert 'role="img"' in html
    monday = date_format(date(2025, 3, 10), "DATE_FORMAT")
    assert f"Week of {monday}: 1 course completed" in html
    assert "<details" in html and "Courses completed per ISO week" in html
    assert f"Week 11 ({monday})" in html
    assert "Refund policy" in html and "85.0%" in html
    assert "Empathy basics" in html and "72.0%" in html
    assert "Other quizzes" in html
    assert "Empathy" in html and "80.0%" in html
    assert "Not scored yet" in html
    assert 'scope="col"' in html and 'scope="row"' in html


def test_chart_coordinates_stay_machine_readable_in_every_language(rf, quiz_setup, members):
    from django.utils import translation

    Enrolment.objects.create(user=members[0], course=quiz_setup["refunds"], completed_at=at(TODAY))
    with timezone.override(HELSINKI), translation.override("fi"):
        charts = team_charts(member_ids=ids(members), today=TODAY)
        html = render_charts(rf, members[0], charts)

    bar = charts.completions.weeks[-1].bar
    assert f'width="{bar.width}"' in html
    assert "," not in bar_attribute(html, "width")


def bar_attribute(html: str, name: str) -> str:
    start = html.index('class="chart-bar"')
    attribute = html.index(f'{name}="', start) + len(name) + 2
    return html[attribute : html.index('"', attribute)]


# --- one agent's report ------------------------------------------------------------------------


@pytest.fixture
def levels(db):
    return list(Level.objects.order_by("threshold"))


def test_the_report_lists_only_this_agents_work(catalogue, members, levels):
    aino, bo = members
    refunds = course_with_lessons(index=catalogue, lessons=2, title="Refund policy")
    empathy = course_with_lessons(index=catalogue, lessons=3, title="Empathy basics")
    quiz = QuizFactory(title="Refunds final")
    Enrolment.objects.create(user=aino, course=refunds, enrolled_at=at(date(2025, 3, 1)))
    LessonCompletion.objects.create(user=aino, lesson=lessons_of(refunds)[0], course=refunds)
    Enrolment.objects.create(
        user=aino,
        course=empathy,
        enrolled_at=at(date(2025, 2, 1)),
        completed_at=at(date(2025, 2, 5)),
    )
    for lesson in lessons_of(empathy):
        LessonCompletion.objects.create(user=aino, lesson=lesson, course=empathy)
    Assignment.objects.create(user=aino, course=refunds, due_on=date(2025, 3, 10))
    Assignment.objects.create(
        user=aino,
        course=empathy,
        due_on=date(2025, 3, 1),
        closed_at=at(date(2025, 3, 2)),
        closed_reason=Assignment.Closed.CANCELLED,
    )
    first = submitted(aino, quiz, "60", when=at(date(2025, 3, 3)))
    second = submitted(aino, quiz, "85", when=at(date(2025, 3, 4)))
    submitted(bo, quiz, "99", when=at(date(2025, 3, 5)))
    played = scenario()
    finished_run(aino, played, {"policy": 40, "empathy": 90}, overall=65.0)
    finished_run(bo, played, {"tone": 100}, overall=100.0)
    badge = BadgeClassFactory(name="First refund")
    BadgeAward.objects.create(user=aino, badge=badge, reason="Calm under pressure")
    BadgeAward.objects.create(user=bo, badge=BadgeClassFactory(name="Not Aino's"))
    XpEntry.objects.create(
        user=aino,
        event=EventFactory(user=aino),
        rule="lesson",
        source="lesson:1",
        points=10,
        day=TODAY,
        awarded_at=at(TODAY),
    )
    XpEntry.objects.create(
        user=bo,
        event=EventFactory(user=bo),
        rule="lesson",
        source="lesson:1",
        points=10,
        day=TODAY,
        awarded_at=at(TODAY),
    )
    XpTotal.objects.create(user=aino, total=250, level=levels[1])

    report = agent_report(agent=aino, today=TODAY)

    assert [(c.title, c.done, c.total, c.status) for c in report.courses] == [
        ("Refund policy", 1, 2, Status.OVERDUE),
        ("Empathy basics", 3, 3, Status.COMPLETED),
    ]
    assert report.courses[0].due_on == date(2025, 3, 10)
    assert report.courses[0].percent == 50
    assert [(a.title, a.status, a.reason) for a in report.assignments] == [
        ("Refund policy", Status.OVERDUE, Assignment.Reason.ASSIGNED)
    ]
    assert [(a.quiz_title, a.score, a.passed) for a in report.attempts] == [
        ("Refunds final", second.score, True),
        ("Refunds final", first.score, False),
    ]
    assert [r.scenario_title for r in report.runs] == ["Late parcel, angry caller"]
    # Columns in rubric order, only for skills this agent was scored on.
    assert [d.code for d in report.dimensions] == ["empathy", "policy"]
    assert report.runs[0].scores == [90.0, 40.0]
    assert report.runs[0].outcome_label == "Resolved"
    assert [(b.name, b.reason) for b in report.badges] == [("First refund", "Calm under pressure")]
    assert [(x.label, x.points) for x in report.xp_history] == [("Lesson completed", 10)]
    assert report.xp_total == 250
    assert report.level_number == levels[1].number
    assert report.level_name


def test_path_assignments_count_a_started_course_as_progress(catalogue, members):
    aino = members[0]
    path = LearningPathPageFactory(parent=catalogue, title="First two weeks")
    course = course_with_lessons(index=catalogue, lessons=1, title="Greetings")
    LearningPathCourseFactory(path=path, course=course)
    Assignment.objects.create(
        user=aino, path=path, due_on=date(2025, 3, 20), reason=Assignment.Reason.ONBOARDING
    )
    assert agent_report(agent=aino, today=TODAY).assignments[0].status is Status.NOT_STARTED

    Enrolment.objects.create(user=aino, course=course)
    row = agent_report(agent=aino, today=TODAY).assignments[0]
    assert (row.title, row.is_path, row.status) == ("First two weeks", True, Status.IN_PROGRESS)
    assert row.reason_label == "Team onboarding"
    assert agent_report(agent=aino, today=date(2025, 3, 21)).assignments[0].status is Status.OVERDUE


def test_an_agent_with_nothing_done_gets_an_empty_report(members):
    report = agent_report(agent=members[0], today=TODAY)

    assert report.courses == report.assignments == report.attempts == report.runs == []
    assert report.badges == report.xp_history == []
    assert (report.xp_total, report.level_name) == (0, "")


def test_the_agent_page_shows_values_and_empty_states(rf, client, members, levels):
    try:
        reverse("team:dashboard", args=[1])
    except (NoReverseMatch, ImportError):
        pytest.skip("team:dashboard is not routed yet (lms/team/urls.py)")
    aino = members[0]
    team = aino.team_memberships.get().team
    lead = UserFactory(first_name="Leena", last_name="Lead")
    submitted(aino, QuizFactory(title="Refunds final"), "85")
    request = rf.get("/")
    request.user = lead

    html = render_to_string(
        "team/agent.html",
        {
            "team": team,
            "agent": aino,
            "report": agent_report(agent=aino, today=TODAY),
            "export_links": [("Download CSV", "/export.csv")],
        },
        request=request,
    )

    assert "<h1>Aino Agent</h1>" in html
    assert reverse("team:dashboard", args=[team.pk]) in html
    assert "Refunds final" in html and "85%" in html and "85.00%" not in html
    assert 'href="/export.csv"' in html
    assert "No open assignments." in html
    assert "No finished roleplays yet." in html
    assert "No badges yet." in html
    assert "<caption" in html and 'scope="col"' in html


# --- query counts ------------------------------------------------------------------------------


def build_team(catalogue, *, label: str, size: int, rows: int) -> list:
    """``size`` agents who each completed ``rows`` courses and have ``rows`` of everything."""
    team = TeamFactory(name=f"{label} team")
    courses = []
    quizzes = []
    for number in range(rows):
        quiz = QuizFactory(title=f"{label} quiz {number}")
        course = CoursePageFactory(parent=catalogue, title=f"{label} course {number}")
        LessonPageFactory(parent=course, body=quiz_block(quiz))
        courses.append(course)
        quizzes.append(quiz)
    path = LearningPathPageFactory(parent=catalogue, title=f"{label} path")
    LearningPathCourseFactory(path=path, course=courses[0])
    played = scenario(f"{label} roleplay")
    badges = [BadgeClassFactory(name=f"{label} badge {n}") for n in range(rows)]
    people = []
    for person_number in range(size):
        person = UserFactory()
        TeamMembershipFactory(team=team, user=person)
        Assignment.objects.create(user=person, path=path, due_on=TODAY)
        for number, (course, quiz, badge) in enumerate(zip(courses, quizzes, badges, strict=True)):
            when = at(TODAY) - timedelta(days=7 * number + person_number)
            Enrolment.objects.create(user=person, course=course, completed_at=when)
            for lesson in lessons_of(course):
                LessonCompletion.objects.create(user=person, lesson=lesson, course=course)
            Assignment.objects.create(user=person, course=course, due_on=TODAY)
            submitted(person, quiz, str(50 + number), when=when)
            submitted(person, quiz, str(60 + number), when=when)
            finished_run(person, played, {"empathy": 50 + number, "tone": 70}, when=when)
            BadgeAward.objects.create(user=person, badge=badge)
        for number in range(rows * 3):
            XpEntry.objects.create(
                user=person,
                event=EventFactory(user=person),
                rule="lesson",
                source=f"lesson:{number}",
                points=10,
                day=TODAY,
                awarded_at=at(TODAY),
            )
        XpTotal.objects.create(user=person, total=rows * 30, level=Level.objects.first())
        people.append(person)
    return people


def count_queries(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


def test_team_charts_take_the_same_queries_for_2_agents_and_for_20(
    catalogue, django_assert_max_num_queries
):
    small = build_team(catalogue, label="Small", size=2, rows=2)
    large = build_team(catalogue, label="Large", size=20, rows=6)

    with django_assert_max_num_queries(CHARTS_MAX_QUERIES):
        team_charts(member_ids=ids(large), today=TODAY)
    small_count = count_queries(lambda: team_charts(member_ids=ids(small), today=TODAY))
    large_count = count_queries(lambda: team_charts(member_ids=ids(large), today=TODAY))

    assert small_count == large_count <= CHARTS_MAX_QUERIES
    # And the numbers are the large team's: 20 agents x 6 courses, 2 attempts each.
    charts = team_charts(member_ids=ids(large), today=TODAY)
    assert charts.quizzes.attempts == 20 * 6 * 2
    assert charts.rubric.runs == 20 * 6


def test_an_agent_report_takes_the_same_queries_for_few_and_many_rows(
    catalogue, django_assert_max_num_queries
):
    light = build_team(catalogue, label="Light", size=1, rows=1)[0]
    heavy = build_team(catalogue, label="Heavy", size=1, rows=25)[0]

    with django_assert_max_num_queries(REPORT_MAX_QUERIES):
        report = agent_report(agent=heavy, today=TODAY)
    assert len(report.courses) == len(report.attempts) // 2 == len(report.runs) == 25
    assert len(report.xp_history) == 50

    assert (
        count_queries(lambda: agent_report(agent=light, today=TODAY))
        == count_queries(lambda: agent_report(agent=heavy, today=TODAY))
        <= REPORT_MAX_QUERIES
    )
