"""A learner takes a lesson's required knowledge check in a real browser.

Mira signs in, opens a lesson whose completion waits on a timed quiz, starts it, answers two
questions, reloads the page and finds her answers and the running clock restored from the
server, finishes with one answer wrong and one half right, reads her scored result with the
feedback and correct answers, and returns to the lesson, which she can now complete. The quiz
is built with factories, so every expected number below follows from the data in this file.
"""

import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import JOURNEY_MARKS

pytestmark = JOURNEY_MARKS

PASSWORD = "correct horse battery staple"
QUIZ_TITLE = "Escalation check"
TIME_LIMIT_SECONDS = 10 * 60

# Texts the learner may only see once the attempt is submitted.
WRONG_CHOICE_FEEDBACK = "Only a team lead can approve a refund above your limit: escalate."
UNPICKED_CHOICE_FEEDBACK = "Never ask for the full card number."
EXPLANATION = "Promising what you cannot approve turns one complaint into two."

FIRST_STEP = "A caller is angry about a third missed appointment. What comes first?"
TICKET = "Which details belong in an escalation ticket?"
ORDER = "Put the escalation steps in order."
MATCH = "Match each case to the team that owns it."
PROMISE = "You may promise a refund above your limit if the customer is upset."
ONE_WORD = "One word: what do you do when a refund is above your limit?"

ORDER_STEPS = [
    "Acknowledge the frustration",
    "Check whether it is within your limit",
    "Write up what you already tried",
    "Hand over to the team lead",
]
MATCH_PAIRS = [
    ("Refund above your limit", "Team lead"),
    ("Suspected data breach", "Security desk"),
    ("Router keeps dropping", "Technical support"),
]

# Six questions of one point each: 1 + 0.5 + 1 + 1 + 0 + 1 = 4.5 of 6.
EXPECTED_SCORE = 75
EXPECTED_STATUSES = {
    FIRST_STEP: "Correct",
    TICKET: "Partly correct (50%)",
    ORDER: "Correct",
    MATCH: "Correct",
    PROMISE: "Not correct",
    ONE_WORD: "Correct",
}


@dataclass
class EscalationLesson:
    quiz: object
    lesson: object
    learner: object
    questions: dict[str, int]  # prompt -> question id
    choices: dict[tuple[str, str], int]  # (prompt, choice text) -> choice id


@pytest.fixture
def escalation_lesson(catalogue, live_server) -> EscalationLesson:
    """A timed, deferred-feedback quiz with six kinds of question, required by a lesson."""
    from quizzes.models import Choice
    from tests.factories import (
        LessonPageFactory,
        QuizFactory,
        UserFactory,
        course_with_lessons,
        question_with_choices,
    )

    quiz = QuizFactory(
        title=QUIZ_TITLE,
        time_limit_minutes=TIME_LIMIT_SECONDS // 60,
        pass_mark=60,
        feedback_mode="deferred",
        reveal_answers="after_attempt",
        shuffle_choices=False,
    )
    specs = [
        (
            "single",
            FIRST_STEP,
            [
                ("Acknowledge how they feel", True),
                ("Quote the service terms", False),
                ("Transfer them straight away", False),
            ],
            "",
        ),
        (
            "multiple",
            TICKET,
            [
                ("Order number", True),
                ("What you already tried", True),
                ("The full card number", False),
            ],
            "",
        ),
        ("ordering", ORDER, [(step, True) for step in ORDER_STEPS], ""),
        ("matching", MATCH, [(item, True, match) for item, match in MATCH_PAIRS], ""),
        ("true_false", PROMISE, [("True", False), ("False", True)], EXPLANATION),
        ("short_text", ONE_WORD, [("escalate", True)], ""),
    ]
    questions, choices = {}, {}
    for kind, prompt, options, explanation in specs:
        question = question_with_choices(
            quiz=quiz, kind=kind, prompt=prompt, choices=options, explanation=explanation
        )
        questions[prompt] = question.pk
        for choice in question.choices.all():
            choices[(prompt, choice.text)] = choice.pk
    Choice.objects.filter(pk=choices[(PROMISE, "True")]).update(feedback=WRONG_CHOICE_FEEDBACK)
    Choice.objects.filter(pk=choices[(TICKET, "The full card number")]).update(
        feedback=UNPICKED_CHOICE_FEEDBACK
    )

    course = course_with_lessons(index=catalogue, lessons=0, title="Handling escalations")
    lesson = LessonPageFactory(
        parent=course,
        title="When to escalate",
        body=[
            {"type": "paragraph", "value": "<p>Know your limit, then hand over cleanly.</p>"},
            {"type": "quiz", "value": {"quiz": quiz.pk, "required": True}},
        ],
    )
    learner = UserFactory(email="mira@academy.test", first_name="Mira")
    return EscalationLesson(quiz, lesson, learner, questions, choices)


def seconds_of(clock: str) -> int:
    """ "9:57" -> 597, as quiz.js renders the time left."""
    match = re.fullmatch(r"(\d+):([0-5]\d)", clock.strip())
    assert match, f"the timer shows {clock!r}, not minutes:seconds"
    return int(match[1]) * 60 + int(match[2])


def saved_responses(attempt_id: int) -> dict[int, dict]:
    """What the server has saved so far; nothing yet while the server is writing.

    On SQLite the live server and the test share one in-memory database with table locks: a
    read that lands during an autosave fails with "table is locked", and the caller polls again.
    """
    from django.db import OperationalError

    from quizzes.models import Answer

    try:
        return dict(
            Answer.objects.filter(attempt_id=attempt_id).values_list("question_id", "response")
        )
    except OperationalError:
        return {}


def test_quiz_journey(live_server, escalation_lesson, page, screenshot):
    from quizzes.models import Attempt

    data = escalation_lesson
    q, c = data.questions, data.choices
    lesson_url = live_server.url + data.lesson.url

    # 1. Mira signs in and opens the lesson: its required knowledge check blocks completion.
    page.goto(live_server.url + "/accounts/login/")
    page.locator("input[name=login]").fill(data.learner.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=password]) [type=submit]").click()
    expect(page).to_have_url(re.compile(r"/me/$"))
    page.goto(lesson_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("When to escalate")
    card = page.locator("aside.quiz-card")
    expect(card.locator(".card-kicker")).to_have_text("Required knowledge check")
    expect(card.get_by_role("heading", level=3)).to_have_text(QUIZ_TITLE)
    expect(card.locator(".status")).to_have_count(0)
    expect(page.locator(".lesson-actions")).to_contain_text("Pass the knowledge check above")
    expect(page.get_by_role("button", name=re.compile(r"^Mark complete"))).to_have_count(0)
    screenshot("01-lesson-before")

    # 2. The quiz's overview states the rules; starting it opens a timed attempt.
    card.get_by_role("link", name="Take the quiz").click()
    expect(page).to_have_url(re.compile(rf"/quizzes/{data.quiz.pk}/\?next="))
    expect(page.get_by_role("heading", level=1)).to_have_text(QUIZ_TITLE)
    expect(page.locator(".facts")).to_contain_text("Pass mark: 60%")
    expect(page.locator(".facts")).to_contain_text("Time limit: 10 minutes")
    screenshot("02-quiz-overview")
    page.get_by_role("button", name="Start the quiz").click()
    expect(page).to_have_url(re.compile(r"/quizzes/attempts/\d+/\?next="))
    attempt_id = int(re.search(r"/attempts/(\d+)/", page.url)[1])

    timer = page.locator(".timer .timer-value")
    expect(page.locator(".timer")).to_be_visible()
    expect(timer).to_have_text(re.compile(r"^9:[0-5]\d$"))
    questions = page.locator("fieldset.question")
    expect(questions).to_have_count(len(q))
    for prompt, question_id in q.items():
        expect(page.locator(f"#question-{question_id} legend")).to_contain_text(prompt)
    # Deferred feedback: nothing to check question by question.
    expect(page.get_by_role("button", name="Check answer")).to_have_count(0)
    screenshot("03-attempt-started")

    # 3. Two answers, saved as she goes; the autosave reply carries no correctness data.
    with page.expect_response(re.compile(r"/save/$")) as first_save:
        page.locator(
            f"input[name=q{q[FIRST_STEP]}][value='{c[FIRST_STEP, 'Acknowledge how they feel']}']"
        ).check()
    assert set(first_save.value.json()) == {"saved", "saved_at"}
    page.locator(f"input[name=q{q[TICKET]}][value='{c[TICKET, 'Order number']}']").check()
    status = page.locator(".autosave-status")
    expect(status).to_have_text("All answers saved")
    expected_saved = {
        q[FIRST_STEP]: {"choice": c[FIRST_STEP, "Acknowledge how they feel"]},
        q[TICKET]: {"choices": [c[TICKET, "Order number"]]},
    }
    # "All answers saved" may belong to the first change's save: wait for the second as well.
    # (The form always posts the text box and the multiple-response marker, so untouched
    # questions of those kinds are saved blank; they are not compared here.)
    for _ in range(50):
        saved = saved_responses(attempt_id)
        if all(saved.get(qid) == response for qid, response in expected_saved.items()):
            break
        page.wait_for_timeout(100)
    assert {qid: saved.get(qid) for qid in expected_saved} == expected_saved
    assert saved.get(q[ONE_WORD], {}) in ({}, {"text": ""})
    expect(status).to_have_text("All answers saved")
    screenshot("04-two-answers-saved")

    # 4. A reload resumes from the server: the answers come back, the clock keeps running.
    page.wait_for_function(
        "() => { const [m, s] = document.querySelector('.timer .timer-value')"
        ".textContent.split(':').map(Number); return m * 60 + s <= 597; }"
    )
    before_reload = seconds_of(timer.inner_text())
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text(QUIZ_TITLE)
    expect(page).to_have_url(re.compile(rf"/quizzes/attempts/{attempt_id}/\?next="))
    first_step = page.locator(
        f"input[name=q{q[FIRST_STEP]}][value='{c[FIRST_STEP, 'Acknowledge how they feel']}']"
    )
    order_number = page.locator(f"input[name=q{q[TICKET]}][value='{c[TICKET, 'Order number']}']")
    for restored in (first_step, order_number):
        expect(restored).to_be_checked()
        # The attribute is the server's markup, not state the browser kept across the reload.
        expect(restored).to_have_attribute("checked", "")
    for other in ("Quote the service terms", "Transfer them straight away"):
        expect(page.locator(f"input[value='{c[FIRST_STEP, other]}']")).not_to_be_checked()
    for other in ("What you already tried", "The full card number"):
        expect(page.locator(f"input[value='{c[TICKET, other]}']")).not_to_be_checked()
    expect(page.locator(f"input[name=q{q[TICKET]}-present]")).to_have_count(1)
    after_reload = seconds_of(timer.inner_text())
    assert after_reload <= before_reload < TIME_LIMIT_SECONDS - 2, "the timer was reset"
    server_left = int(page.locator(".timer").get_attribute("data-seconds-left"))
    assert after_reload <= server_left <= before_reload
    attempt = Attempt.objects.get(pk=attempt_id)
    assert attempt.deadline == attempt.started_at + timedelta(seconds=TIME_LIMIT_SECONDS)
    expect(timer).not_to_have_text(timer.inner_text(), timeout=3_000)
    assert seconds_of(timer.inner_text()) < after_reload, "the timer is not counting down"
    screenshot("05-resumed-after-reload")

    # 5. She answers the rest: the order and the matches right, the promise wrong on purpose.
    for position, step in enumerate(ORDER_STEPS, 1):
        page.locator(f"select[name=q{q[ORDER]}-pos-{c[ORDER, step]}]").select_option(str(position))
    shown_matches = {}
    for item, _match in MATCH_PAIRS:
        # Each item's match is stored on the item itself: its target has the item's own id.
        # Picked by value, so the rest of the journey runs whatever the options read; what
        # the learner sees in the dropdown is asserted at the very end.
        dropdown = page.locator(f"select[name=q{q[MATCH]}-match-{c[MATCH, item]}]")
        dropdown.select_option(str(c[MATCH, item]))
        shown_matches[item] = dropdown.evaluate("s => s.selectedOptions[0].textContent.trim()")
    page.locator(f"input[name=q{q[PROMISE]}][value='{c[PROMISE, 'True']}']").check()
    page.locator(f"input[name=q{q[ONE_WORD]}]").fill(" Escalate ")
    expect(status).to_have_text("All answers saved")

    # Nothing on the page gives the answers away before submitting.
    html = page.content()
    for secret in (WRONG_CHOICE_FEEDBACK, UNPICKED_CHOICE_FEEDBACK, EXPLANATION, "is_correct"):
        assert secret not in html, f"the question page leaks {secret!r}"
    screenshot("06-all-answered")

    # On a phone the questions fit the screen: no sideways scrolling.
    page.set_viewport_size({"width": 390, "height": 844})
    expect(questions.first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        "the question page scrolls sideways on a 390px wide phone"
    )
    screenshot("07-attempt-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    # 6. Submitting scores the attempt: 4.5 of 6 points is 75%, above the 60% pass mark.
    page.get_by_role("button", name="Submit answers").click()
    expect(page).to_have_url(re.compile(rf"/quizzes/attempts/{attempt_id}/result/\?next="))
    summary = page.locator(".result-summary")
    expect(summary.locator("#result-heading")).to_have_text("Passed")
    expect(summary.locator(".score")).to_contain_text(f"{EXPECTED_SCORE}%")
    expect(summary.locator(".score")).to_contain_text("pass mark 60%")
    results = page.locator(".result-question")
    expect(results).to_have_count(len(q))
    for prompt, status_text in EXPECTED_STATUSES.items():
        row = results.filter(has=page.locator(".question-prompt", has_text=prompt))
        expect(row).to_have_count(1)
        expect(row.locator(".status")).to_have_text(status_text)
        expect(row).to_contain_text("Correct answer:")
    promise = results.filter(has_text=PROMISE)
    expect(promise.locator(".feedback")).to_have_text(WRONG_CHOICE_FEEDBACK)
    expect(promise.locator("ul li")).to_have_text(["False"])
    expect(promise.locator(".explanation")).to_have_text(EXPLANATION)
    ticket = results.filter(has_text=TICKET)
    expect(ticket.locator("ul li")).to_have_text(["Order number", "What you already tried"])
    expect(ticket.locator(".feedback")).to_have_count(0)  # feedback only for picked choices
    expect(page.locator("body")).not_to_contain_text(UNPICKED_CHOICE_FEEDBACK)
    expect(results.filter(has_text=ORDER).locator("ul li")).to_have_text(ORDER_STEPS)
    expect(results.filter(has_text=MATCH).locator("ul li")).to_have_text(
        [f"{item} → {match}" for item, match in MATCH_PAIRS]
    )
    history = page.locator("section[aria-labelledby=history-heading] tbody tr")
    expect(history).to_have_count(1)
    expect(history).to_contain_text(f"{EXPECTED_SCORE}%")
    screenshot("08-result")

    # 7. Back on the lesson the check shows as passed, and the lesson can be completed.
    page.locator(".breadcrumbs").get_by_role("link", name="Back to the lesson").click()
    expect(page).to_have_url(lesson_url)
    expect(card.locator(".status")).to_have_text("Passed")
    expect(card).to_contain_text(f"Best score {EXPECTED_SCORE}%")
    expect(card.get_by_role("link", name="Review the quiz")).to_be_visible()
    expect(page.locator(".lesson-actions")).not_to_contain_text("Pass the knowledge check above")
    complete = page.get_by_role("button", name="Mark complete and finish course")
    expect(complete).to_be_enabled()
    screenshot("09-lesson-after")
    complete.click()
    expect(page.locator(".messages")).to_contain_text("Course completed: Handling escalations")
    screenshot("10-course-completed")

    # 8. A matching question is answerable only if its dropdowns name the matches. Checked
    # last so that a failure here does not hide the state of everything above.
    assert shown_matches == dict(MATCH_PAIRS), (
        "the matching question's options do not show the match texts the learner picks from"
    )
