"""A new hire's first session in the academy, in a real browser, on the demo academy.

Noah signs in, finds his onboarding path on "My learning" and works through the first course of
it: its lessons, then the last lesson's required knowledge check, which he passes. Finishing
the course earns its badge, announced by a toast. He plays the late-delivery roleplay to a
mastered debrief (another badge), finds both badges on his profile and himself on the team's
weekly leaderboard, and switches the interface to Finnish, Swedish and Ukrainian: headings,
the page's language and the titles of the courses the demo has translated follow. Expectations
are computed from the seeded database, so the test keeps working while the demo content grows;
only the path's slug and English title, the scenario's slug and the translated headings are
fixed.
"""

import re

from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, DEMO_PASSWORD, JOURNEY_MARKS

pytestmark = JOURNEY_MARKS

NEW_HIRE_EMAIL = "newhire@academy.test"
PATH_SLUG = "first-two-weeks"
PATH_TITLE = "First two weeks"
SCENARIO_SLUG = "late-delivery"
OTHER_LANGUAGES = ("fi", "sv", "uk")


def whole_percent(done: int, total: int) -> int:
    """What a progress bar shows: whole percent, rounded down, 0 for an empty course."""
    return 100 * done // total if total else 0


def progress_of(locator) -> int:
    """The value a progress bar announces to assistive technology."""
    expect(locator).to_have_attribute("role", "progressbar")
    return int(locator.get_attribute("aria-valuenow"))


def onboarding_data():
    """Read what the pages should show from the database: the path, its first course and
    lessons, the knowledge check, the roleplay, the badges they earn and the translations."""
    from wagtail.models import Locale

    from courses.blocks import required_quiz_ids
    from courses.models import LearningPathPage, LessonCompletion, LessonPage
    from gamification.models import BadgeClass
    from lms.accounts.models import TeamMembership, User
    from quizzes.models import Quiz
    from scenarios.demo_content import BEST_PATHS, SCENARIOS
    from scenarios.models import Scenario

    new_hire = User.objects.get(email=NEW_HIRE_EMAIL)
    path = LearningPathPage.objects.get(slug=PATH_SLUG, locale=Locale.get_default())
    steps = list(path.steps.order_by("sort_order").select_related("course"))
    course = steps[0].course
    lessons = list(LessonPage.objects.live().child_of(course).order_by("path"))
    done_before = LessonCompletion.objects.filter(user=new_hire, course=course).count()
    path_courses = [step.course for step in steps]
    path_lessons = sum(LessonPage.objects.live().child_of(c).count() for c in path_courses)
    path_done_before = LessonCompletion.objects.filter(
        user=new_hire, course__in=path_courses
    ).count()
    locales = {code: Locale.objects.get(language_code=code) for code in OTHER_LANGUAGES}

    quiz_ids = required_quiz_ids(lessons[-1].body)
    assert len(quiz_ids) == 1, f"the last lesson of {course.slug!r} should have one quiz"
    quiz = Quiz.objects.get(pk=next(iter(quiz_ids)))
    assert quiz.draw_count == 0, "the answers below cover the quiz's own questions only"
    course_badge = BadgeClass.objects.get(criterion="course", course=course)

    scenario = Scenario.objects.get(
        title=SCENARIOS[SCENARIO_SLUG].title, locale=Locale.get_default()
    )
    nodes = {node.key: node for node in scenario.nodes.all()}
    best_replies = []
    for key, position in BEST_PATHS[SCENARIO_SLUG]:
        reply = sorted(nodes[key].replies.all(), key=lambda r: r.sort_order)[position]
        # The start of the reply's first sentence is unique among the replies on offer.
        best_replies.append(reply.text.split("\n")[0][:60])
    scenario_badge = BadgeClass.objects.get(criterion="scenario", scenario=scenario)

    def translated(page, code):
        return page.get_translation(locales[code]).title

    # Per language, a course of the path that the demo has translated.
    translated_courses = {}
    for code in OTHER_LANGUAGES:
        titles = [translated(c, code) for c in path_courses if translated(c, code) != c.title]
        assert titles, f"the demo translates no course of the path into {code!r}"
        translated_courses[code] = titles[0]
    return {
        "path": path,
        "path_titles": {code: translated(path, code) for code in OTHER_LANGUAGES},
        "steps": steps,
        "course": course,
        "course_titles": {code: translated(course, code) for code in OTHER_LANGUAGES},
        "lessons": lessons,
        "done_before": done_before,
        "path_lessons": path_lessons,
        "path_done_before": path_done_before,
        "quiz": quiz,
        "answers": quiz_answers(quiz),
        "course_badge": course_badge.name,
        "scenario": scenario,
        "best_replies": best_replies,
        "scenario_badge": scenario_badge.name,
        "translated_courses": translated_courses,
        "team": TeamMembership.objects.select_related("team").get(user=new_hire).team,
        "display_name": new_hire.display_name,
    }


def quiz_answers(quiz) -> list[tuple[int, str, list]]:
    """(question id, kind, the right answer) for each question, as the learner gives it:
    the texts of the right choices, the accepted text, or the choice ids of the right order
    and matches."""
    answers = []
    for question in quiz.questions.prefetch_related("choices"):
        choices = sorted(question.choices.all(), key=lambda choice: choice.sort_order)
        if question.kind in ("single", "true_false", "multiple"):
            right = [choice.text for choice in choices if choice.is_correct]
        elif question.kind == "short_text":
            right = [choices[0].text]
        else:  # ordering and matching: the authored order, each item matched to itself
            right = [choice.pk for choice in choices]
        answers.append((question.pk, question.kind, right))
    return answers


def answer_correctly(page, answers) -> None:
    for question_id, kind, right in answers:
        fieldset = page.locator(f"#question-{question_id}")
        if kind in ("single", "true_false", "multiple"):
            for text in right:
                fieldset.get_by_label(text, exact=True).check()
        elif kind == "short_text":
            fieldset.locator(f"input[name=q{question_id}]").fill(right[0])
        elif kind == "ordering":
            for position, choice_id in enumerate(right, 1):
                fieldset.locator(f"select[name=q{question_id}-pos-{choice_id}]").select_option(
                    str(position)
                )
        else:
            for choice_id in right:
                fieldset.locator(f"select[name=q{question_id}-match-{choice_id}]").select_option(
                    str(choice_id)
                )


def xp_total_of(email: str) -> int:
    from gamification.models import XpTotal

    return XpTotal.objects.get(user__email=email).total


def weekly_rank_of(email: str, team) -> tuple[int, int]:
    """(rank, XP) of ``email`` on ``team``'s board for this week, as the selectors rank it."""
    from gamification import selectors
    from gamification.boards import Period, Scope
    from lms.accounts.models import User

    viewer = User.objects.get(email=email)
    board = selectors.board_for(
        viewer=viewer, scope=Scope.TEAM, period=Period.WEEK, team=team, season=None
    )
    assert board.me is not None, f"{email} is not on the weekly board"
    return board.me.rank, board.me.score


def switch_language(page, code: str) -> None:
    """Pick ``code`` in the header's language menu, which submits itself."""
    page.locator("#language-select").select_option(code)
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(page.locator("#language-select")).to_have_value(code)


def path_card_of(page, title: str):
    card = page.locator("section[aria-labelledby=paths-heading] article.card").filter(
        has=page.get_by_role("link", name=title, exact=True)
    )
    expect(card).to_have_count(1)
    return card


def test_new_hire_journey(seeded_live_academy, page, screenshot):
    data = onboarding_data()
    course, lessons = data["course"], data["lessons"]
    total = len(lessons)
    assert total >= 2, f"the seeded course {course.slug!r} should have two lessons or more"
    assert data["done_before"] == 0, "the demo new hire should start the path from zero"
    before = whole_percent(data["done_before"], total)
    after = whole_percent(data["done_before"] + 1, total)
    # The path bar counts lessons across all of its courses.
    path_lessons = data["path_lessons"]
    path_before = whole_percent(data["path_done_before"], path_lessons)
    path_after = whole_percent(data["path_done_before"] + 1, path_lessons)

    # 1. The academy is for staff only: the front page asks Noah to sign in.
    page.goto(seeded_live_academy.url + "/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    # The live server serves the stylesheet (a 404 would also fail the `page` fixture).
    expect(page.locator("link[rel=stylesheet]")).to_have_count(1)
    assert page.evaluate("document.styleSheets[0].cssRules.length") > 0
    page.locator("input[name=login]").fill(NEW_HIRE_EMAIL)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    screenshot("01-login")
    page.locator("form:has(input[name=password]) [type=submit]").click()

    # 2. Signed in, he lands on "My learning", where his onboarding path waits.
    expect(page).to_have_url(seeded_live_academy.url + "/me/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My learning")
    paths_section = page.locator("section[aria-labelledby=paths-heading]")
    path_card = paths_section.locator("article.card").filter(
        has=page.get_by_role("link", name=PATH_TITLE, exact=True)
    )
    expect(path_card).to_have_count(1)
    path_bar = path_card.locator(":scope > .progress")
    assert progress_of(path_bar) == path_before
    step_row = path_card.locator(".path-step").filter(
        has=page.get_by_role("link", name=course.title, exact=True)
    )
    expect(step_row).to_have_count(1)
    assert progress_of(step_row.locator(".progress")) == before
    in_progress = page.locator("section[aria-labelledby=in-progress-heading]")
    expect(in_progress.get_by_role("link", name=course.title, exact=True)).to_have_count(0)
    screenshot("02-my-learning-before")

    # 3. He opens the path, then its first course.
    path_card.get_by_role("link", name=PATH_TITLE, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PATH_TITLE)
    expect(page.locator(".path-step a").first).to_have_text(course.title)
    screenshot("03-path")
    page.locator(".path-step a").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(course.title)
    course_bar = page.locator(".course-header .progress")
    assert progress_of(course_bar) == before
    expect(page.locator(".lesson-list > li")).to_have_count(total)
    screenshot("04-course-before")

    start = page.get_by_role("button", name="Start course")
    if start.count():
        start.click()  # Enrolling leads straight to the first lesson.
    else:
        page.locator(".lesson-list").get_by_role("link", name=lessons[0].title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(lessons[0].title)
    expect(page.locator(".lesson .card-kicker")).to_have_text(f"Lesson 1 of {total}")
    outline_bar = page.locator("aside.lesson-outline .progress")
    assert progress_of(outline_bar) == before
    screenshot("05-lesson-1")

    page.get_by_role("button", name="Mark complete and continue").click()

    # 4. Progress shows wherever he looks: the next lesson's outline, the course, My learning.
    expect(page.get_by_role("heading", level=1)).to_have_text(lessons[1].title)
    expect(page.locator(".lesson .card-kicker")).to_have_text(f"Lesson 2 of {total}")
    expect(outline_bar).to_have_attribute("aria-valuenow", str(after))
    first_row = page.locator("aside.lesson-outline li").first
    expect(first_row).to_have_class(re.compile(r"\bdone\b"))
    screenshot("06-lesson-2")
    page.locator(".breadcrumbs").get_by_role("link", name=course.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(course.title)
    assert progress_of(course_bar) > before
    expect(course_bar).to_have_attribute("aria-valuenow", str(after))
    expect(page.locator(".course-header .progress-label")).to_have_text(f"{after}% complete")
    expect(page.locator(".course-header .status")).to_have_text("In progress")
    expect(page.locator(".lesson-list > li").first.locator(".status")).to_have_text("Done")
    screenshot("07-course-after")

    page.locator(".main-nav").get_by_role("link", name="My learning").click()
    expect(page).to_have_url(seeded_live_academy.url + "/me/")
    card = in_progress.locator("article.course-card").filter(
        has=page.get_by_role("link", name=course.title, exact=True)
    )
    expect(card).to_have_count(1)
    assert progress_of(card.locator(".progress")) == after
    assert after > 0
    expect(card.locator(".progress-label")).to_have_text(f"{after}% complete")
    expect(step_row.locator(".progress")).to_have_attribute("aria-valuenow", str(after))
    expect(path_bar).to_have_attribute("aria-valuenow", str(path_after))
    continue_card = page.locator(".continue-card")
    expect(continue_card).to_contain_text(course.title)
    expect(continue_card.get_by_role("link", name=f"Continue: {lessons[1].title}")).to_be_visible()
    screenshot("08-my-learning-after")

    # 5. He works through the rest of the course; its last lesson waits on a knowledge check.
    heading = page.get_by_role("heading", level=1)
    continue_card.get_by_role("link", name=f"Continue: {lessons[1].title}").click()
    for lesson in lessons[1:-1]:
        expect(heading).to_have_text(lesson.title)
        page.get_by_role("button", name="Mark complete and continue").click()
    expect(heading).to_have_text(lessons[-1].title)
    quiz = data["quiz"]
    quiz_card = page.locator("aside.quiz-card")
    expect(quiz_card.locator(".card-kicker")).to_have_text("Required knowledge check")
    expect(quiz_card.get_by_role("heading", level=3)).to_have_text(quiz.title)
    expect(page.get_by_role("button", name="Mark complete and finish course")).to_have_count(0)
    screenshot("09-last-lesson-needs-quiz")

    # 6. He takes the quiz, answers every question right and passes.
    quiz_card.get_by_role("link", name="Take the quiz").click()
    expect(heading).to_have_text(quiz.title)
    expect(page.locator(".facts")).to_contain_text(f"Pass mark: {quiz.pass_mark}%")
    page.get_by_role("button", name="Start the quiz").click()
    expect(page).to_have_url(re.compile(r"/quizzes/attempts/\d+/\?next="))
    expect(page.locator("fieldset.question")).to_have_count(len(data["answers"]))
    answer_correctly(page, data["answers"])
    screenshot("10-quiz-answered")
    page.get_by_role("button", name="Submit answers").click()
    expect(page).to_have_url(re.compile(r"/quizzes/attempts/\d+/result/"))
    expect(page.locator(".result-summary #result-heading")).to_have_text("Passed")
    expect(page.locator(".result-summary .score")).to_contain_text("100%")
    screenshot("11-quiz-passed")
    page.locator(".breadcrumbs").get_by_role("link", name="Back to the lesson").click()
    expect(heading).to_have_text(lessons[-1].title)
    expect(quiz_card.locator(".status")).to_have_text("Passed")

    # 7. Finishing the course earns its badge: a toast says so.
    page.get_by_role("button", name="Mark complete and finish course").click()
    expect(heading).to_have_text(course.title)
    expect(page.locator(".messages")).to_contain_text(f"Course completed: {course.title}")
    toasts = page.locator(".toasts .toast")
    expect(toasts.filter(has_text=f"Badge earned: {data['course_badge']}")).to_be_visible()
    screenshot("12-course-completed-badge")

    # 8. He practises the late-delivery call on the Roleplays page and masters it.
    scenario = data["scenario"]
    page.locator(".main-nav").get_by_role("link", name="Roleplays").click()
    expect(heading).to_have_text("Roleplays")
    scenario_card = page.locator("article.card").filter(
        has=page.get_by_role("link", name=scenario.title, exact=True)
    )
    expect(scenario_card.locator(".status")).to_have_text("Not played yet")
    screenshot("13-roleplays")
    scenario_card.get_by_role("link", name=scenario.title, exact=True).click()
    expect(heading).to_have_text(scenario.title)
    page.get_by_role("button", name="Start the conversation").click()
    expect(page).to_have_url(re.compile(r"/scenarios/runs/\d+/$"))
    # htmx is deferred and wires the form up on load.
    page.wait_for_load_state("load")
    page.wait_for_function("() => window.htmx !== undefined")
    agent_lines = page.locator("#conversation .bubble-agent")
    for step, reply in enumerate(data["best_replies"]):
        button = page.locator("#conversation button[name=reply]").filter(has_text=reply)
        expect(button).to_have_count(1)
        if step == 1:
            screenshot("14-roleplay-in-progress")
        with page.expect_response(re.compile(r"/choose/$")):
            button.click()
        if step < len(data["best_replies"]) - 1:
            expect(agent_lines).to_have_count(step + 1)
    expect(page).to_have_url(re.compile(r"/scenarios/runs/\d+/debrief/$"))
    expect(page.locator(".result-summary h2").first).to_have_text("Mastered")
    expect(toasts.filter(has_text=f"Badge earned: {data['scenario_badge']}")).to_be_visible()
    screenshot("15-roleplay-debrief-badge")

    # 9. Both badges are on his profile on "My learning".
    page.locator(".main-nav").get_by_role("link", name="My learning").click()
    expect(page).to_have_url(seeded_live_academy.url + "/me/")
    panel = page.locator("section.xp-panel")
    earned = panel.locator("ul[aria-labelledby=earned-heading] > li")
    expect(earned.filter(has_text=data["course_badge"])).to_have_count(1)
    expect(earned.filter(has_text=data["scenario_badge"])).to_have_count(1)
    xp = xp_total_of(NEW_HIRE_EMAIL)
    assert xp > 0
    expect(panel.locator(".xp-total")).to_have_text(f"{xp} XP")
    panel.screenshot(path=str(ARTIFACTS / "test_new_hire_journey-16-badges.png"))

    # 10. The team's weekly board has him on it, marked as himself.
    page.locator(".main-nav").get_by_role("link", name="Leaderboards").click()
    expect(heading).to_have_text("Leaderboards")
    expect(page.locator(".board-heading")).to_have_text(f"{data['team'].name} · This week")
    rank, score = weekly_rank_of(NEW_HIRE_EMAIL, data["team"])
    expect(page.locator(".rank-summary")).to_have_text(f"You are #{rank} with {score} XP.")
    around = page.get_by_role("region", name="Around you")
    me_row = around.locator("tr[aria-current=true]")
    expect(me_row).to_have_count(1)
    expect(me_row.locator(".board-name")).to_have_text(f"{data['display_name']} (you)")
    expect(me_row.locator(".rank")).to_have_text(str(rank))
    screenshot("17-weekly-board")

    # 11. The header's language menu switches the whole interface: Finnish first. Progress is
    # kept per translation key, so the Finnish pages show the same numbers.
    page.locator(".main-nav").get_by_role("link", name="My learning").click()
    path_percent = whole_percent(data["path_done_before"] + total, path_lessons)
    switch_language(page, "fi")
    expect(page).to_have_url(seeded_live_academy.url + "/me/")
    # Needs the Finnish message catalogue (locale/fi/LC_MESSAGES/django.po).
    expect(page.locator(".main-nav")).to_contain_text("Oma oppiminen")
    expect(heading).to_have_text("Oma oppiminen")
    fi_path_card = path_card_of(page, data["path_titles"]["fi"])
    expect(fi_path_card.locator(":scope > .progress")).to_have_attribute(
        "aria-valuenow", str(path_percent)
    )
    fi_done = page.locator("section[aria-labelledby=completed-heading] article.course-card")
    fi_card = fi_done.filter(
        has=page.get_by_role("link", name=data["course_titles"]["fi"], exact=True)
    )
    expect(fi_card).to_have_count(1)
    expect(fi_card.locator(".progress")).to_have_attribute("aria-valuenow", "100")
    screenshot("18-my-learning-fi")
    fi_path_card.get_by_role("link", name=data["path_titles"]["fi"], exact=True).click()
    expect(page).to_have_url(re.compile(r"/fi/"))
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    expect(heading).to_have_text(data["path_titles"]["fi"])
    expect(page.locator("main > .progress")).to_have_attribute("aria-valuenow", str(path_percent))
    expect(page.locator(".path-step .progress").first).to_have_attribute("aria-valuenow", "100")
    screenshot("19-path-fi")

    # 12. Then Swedish and Ukrainian: headings, the path and the course each language has.
    for number, (code, my_learning) in enumerate(
        (("sv", "Mitt lärande"), ("uk", "Моє навчання")), 20
    ):
        page.locator(".main-nav a[href='/me/']").click()
        switch_language(page, code)
        expect(page).to_have_url(seeded_live_academy.url + "/me/")
        expect(heading).to_have_text(my_learning)
        expect(page.locator(".main-nav")).to_contain_text(my_learning)
        card = path_card_of(page, data["path_titles"][code])
        expect(card.locator(":scope > .progress")).to_have_attribute(
            "aria-valuenow", str(path_percent)
        )
        translated_title = data["translated_courses"][code]
        step_link = card.locator(".path-step").get_by_role(
            "link", name=translated_title, exact=True
        )
        expect(step_link).to_have_count(1)
        screenshot(f"{number}a-my-learning-{code}")
        step_link.click()
        expect(page).to_have_url(re.compile(rf"/{code}/"))
        expect(page.locator("html")).to_have_attribute("lang", code)
        expect(heading).to_have_text(translated_title)
        expect(page.locator("#language-select")).to_have_value(code)
        screenshot(f"{number}b-course-{code}")
