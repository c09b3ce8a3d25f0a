"""A trainer authors a course in Wagtail's admin and a learner finds it, in a real browser.

Tomas is a trainer: a member of Wagtail's Editors group (and of Moderators, so he may publish
alone, as the demo trainer is). Trainers must use two-factor authentication: his first sign-in
lands on the authenticator set-up page, where he reads the secret shown, types the code his app
would show (computed here with allauth's own TOTP functions) and is given recovery codes. In
/cms/ he writes a quiz with a true/false question, imports a roleplay from Twee and publishes
it, adds a course under the catalogue with the quiz as its final assessment and two lessons
(text, then the roleplay), previews the course in Wagtail's preview panel and publishes it.
A learner, in a browser of her own, finds the course in the catalogue and opens its lessons.
Everything is built in this file or through the admin, so each name below is checked.
"""

import re
import time

from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, JOURNEY_MARKS, sign_in, strict_tab

pytestmark = JOURNEY_MARKS

PASSWORD = "correct horse battery staple"
TRAINER_EMAIL = "tomas.trainer@academy.test"
LEARNER_EMAIL = "lena.learner@academy.test"
COURSE_TITLE = "Returns that arrive broken"
COURSE_SUMMARY = "What to do when a returned router reaches the warehouse damaged."
QUIZ_TITLE = "Broken returns check"
QUESTION = "A damaged return is always the customer's fault."
LESSONS = ("Checking the return", "Talking to the customer")
LESSON_TEXT = "Open the return record first: the warehouse photos tell you what happened."
SCENARIO_TITLE = "Router returned twice"
SCENARIO_TWEE = """:: StoryTitle
Router returned twice

:: StoryData
{
  "ifid": "0B7E4C2A-1D3F-4A5B-8C6D-7E8F9A0B1C2D",
  "start": "Opening"
}

:: ScenarioSettings
channel: chat
persona_name: Kai Nurmi
persona_mood: annoyed
situation: Kai sent back a faulty Nordlink Hub a week ago and has heard nothing since.
mastery_threshold: 70
dimensions: empathy=1, policy=1

:: Opening [start mood:annoyed]
I returned the router a week ago. Where is my refund?

[[Sorry for the wait, Kai. Let me check the return right now.->Resolved]]
{empathy:+2 policy:+1 feedback:"You owned the wait and acted."}
[[Refunds take time.->Lost]]
{empathy:-2 feedback:"A shrug is not an answer."}

:: Resolved [end outcome-resolved csat-5]
Thanks, that was quick.

Debrief:
Acknowledge, then act.

:: Lost [end outcome-lost csat-1]
I'll take my business elsewhere.

Debrief:
Check the return before explaining anything.
"""
# Wagtail's admin is heavy: its pages and modals get longer than the academy's own pages.
ADMIN_TIMEOUT = 20_000


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now, by allauth's own TOTP functions."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


def activate_totp(page, base_url: str, email: str, password: str) -> None:
    """Sign in as a trainer without two-factor: set up the authenticator the page asks for."""
    page.goto(base_url + "/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("form:has(input[name=password]) [type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/(reauthenticate|2fa/totp/activate)/"))
    expect(page.locator(".messages")).to_contain_text(
        "Trainers and admins must use two-factor authentication."
    )
    if "/reauthenticate/" in page.url:
        # allauth asks for the password again before it changes a second factor.
        page.locator("input[name=password]").fill(password)
        page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Activate Authenticator App")
    secret = page.locator("#authenticator_secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]{16,}=*", secret), secret
    page.locator("input[name=code]").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/recovery-codes/$"))
    expect(page.locator("body")).to_contain_text("Authenticator app activated.")


def wait_until_saved_in_form(page, text: str) -> None:
    """Draftail writes what was typed into the form's hidden input a moment later (it batches
    its saves): publishing before that would send an empty lesson."""
    page.wait_for_function(
        "text => [...document.querySelectorAll('input[type=hidden]')]"
        ".some(input => input.value.includes(text))",
        arg=text,
    )


def publish_from_footer(page) -> None:
    """Wagtail's footer: "Save draft" is the main button, "Publish" is in its dropdown."""
    # A page's slug follows its title once the title loses focus; the form needs it.
    if page.locator("#id_slug").count():
        expect(page.locator("#id_slug")).to_have_value(re.compile(r"\S"))
    footer = page.get_by_role("navigation", name="Actions (footer)")
    footer.get_by_role("button", name="More actions").click()
    footer.get_by_role("button", name="Publish").click()


def choose_in_modal(page, opener_name: str, title: str) -> None:
    """Open a chooser and pick ``title`` from the modal's listing."""
    page.get_by_role("button", name=opener_name).click()
    modal = page.locator(".modal-dialog")
    expect(modal).to_be_visible(timeout=ADMIN_TIMEOUT)
    modal.get_by_role("link", name=title, exact=True).click()
    expect(modal).to_be_hidden(timeout=ADMIN_TIMEOUT)


def create_quiz(page, base_url: str) -> None:
    page.goto(base_url + "/cms/snippets/quizzes/quiz/add/")
    page.locator("#id_title").fill(QUIZ_TITLE)
    page.get_by_role("button", name="Add question").first.click()
    page.locator("#id_questions-0-kind").select_option("true_false")
    page.locator("#id_questions-0-prompt").fill(QUESTION)
    add_choice = page.get_by_role("button", name="Add choice")
    for number, (text, correct) in enumerate((("True", False), ("False", True))):
        add_choice.click()
        page.locator(f"#id_questions-0-choices-{number}-text").fill(text)
        if correct:
            page.locator(f"#id_questions-0-choices-{number}-is_correct").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(QUIZ_TITLE, timeout=ADMIN_TIMEOUT)


def import_scenario(page, base_url: str) -> None:
    page.goto(base_url + "/cms/snippets/scenarios/scenario/")
    page.get_by_role("link", name="Import from Twee").click()
    expect(page).to_have_url(re.compile(r"/cms/scenarios/import/$"))
    page.get_by_label("…or paste it").fill(SCENARIO_TWEE)
    page.get_by_role("button", name="Import").click()
    expect(page).to_have_url(re.compile(r"/cms/snippets/scenarios/scenario/edit/\d+/$"))
    expect(page.locator(".messages")).to_contain_text(
        f"Imported “{SCENARIO_TITLE}” as a draft: check it, then publish."
    )
    publish_from_footer(page)
    expect(page.locator(".messages")).to_contain_text("published", timeout=ADMIN_TIMEOUT)


def add_child_page(page, base_url: str, parent_id: int, page_type: str | None) -> None:
    """From the page explorer of ``parent_id``: "Add child page", then the type if asked."""
    page.goto(f"{base_url}/cms/pages/{parent_id}/")
    page.get_by_role("link", name="Add child page").first.click()
    if page_type is not None:
        page.get_by_role("link", name=page_type, exact=True).click()
    expect(page).to_have_url(re.compile(r"/cms/pages/add/courses/\w+/\d+/$"))


def insert_block(page, block_label: str) -> None:
    """Open the StreamField's block picker and insert the block called ``block_label``."""
    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name=block_label, exact=True).click()


def test_trainer_journey(live_server, catalogue, page, browser, screenshot):
    from django.contrib.auth.models import Group

    from courses.models import CoursePage
    from tests.factories import UserFactory

    base_url = live_server.url
    page.set_default_timeout(ADMIN_TIMEOUT)
    # No authenticator yet: the factory gives trainers one unless told not to.
    trainer = UserFactory(
        email=TRAINER_EMAIL,
        first_name="Tomas",
        last_name="Trainer",
        trainer=True,
        totp_secret=False,
    )
    # As the demo trainer: also a moderator, so he may publish without a second person.
    trainer.groups.add(Group.objects.get(name="Moderators"))
    UserFactory(email=LEARNER_EMAIL, first_name="Lena", last_name="Learner")

    # 1. His first sign-in asks for a second factor; he sets up an authenticator app.
    activate_totp(page, base_url, TRAINER_EMAIL, PASSWORD)
    screenshot("01-recovery-codes")

    # 2. In Wagtail's admin: a quiz with one true/false question, and a roleplay from Twee.
    page.goto(base_url + "/cms/")
    expect(page).to_have_url(base_url + "/cms/")
    create_quiz(page, base_url)
    screenshot("02-quiz-saved")
    import_scenario(page, base_url)
    screenshot("03-scenario-published")

    # 3. A course under the catalogue, with the quiz as its final assessment, saved as a draft.
    add_child_page(page, base_url, catalogue.pk, "Course")
    page.locator("#id_title").fill(COURSE_TITLE)
    page.get_by_role("combobox", name=re.compile(r"^Category")).select_option(index=1)
    page.get_by_role("textbox", name=re.compile(r"^Summary")).fill(COURSE_SUMMARY)
    choose_in_modal(page, "Choose quiz", QUIZ_TITLE)
    screenshot("04-course-form")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text(COURSE_TITLE)
    course = CoursePage.objects.get(title=COURSE_TITLE)
    assert not course.live and course.final_assessment.title == QUIZ_TITLE

    # 4. Two lessons: text first, then the roleplay to practise. Each is published.
    add_child_page(page, base_url, course.pk, None)
    page.locator("#id_title").fill(LESSONS[0])
    insert_block(page, "Rich text")
    editor = page.locator(".Draftail-Editor [contenteditable=true]").last
    expect(editor).to_be_visible()
    editor.click()
    editor.press_sequentially(LESSON_TEXT)
    expect(editor).to_have_text(LESSON_TEXT)
    wait_until_saved_in_form(page, "warehouse photos")
    screenshot("05-lesson-text")
    publish_from_footer(page)
    expect(page.locator(".messages")).to_contain_text(LESSONS[0])

    add_child_page(page, base_url, course.pk, None)
    page.locator("#id_title").fill(LESSONS[1])
    insert_block(page, "Roleplay")
    choose_in_modal(page, "Choose roleplay scenario", SCENARIO_TITLE)
    screenshot("06-lesson-with-roleplay")
    publish_from_footer(page)
    expect(page.locator(".messages")).to_contain_text(LESSONS[1])

    # 5. He previews the draft course (Wagtail's preview panel, opened in a tab of its own),
    # then publishes it. (The panel's own frame is blocked: see test_preview_panel below.)
    page.goto(f"{base_url}/cms/pages/{course.pk}/edit/")
    page.get_by_role("button", name="Toggle preview").click()
    with page.context.expect_page() as new_tab:
        page.get_by_role("link", name="Preview in new tab").click()
    preview = new_tab.value
    expect(preview).to_have_url(re.compile(rf"/cms/pages/{course.pk}/edit/preview/"))
    expect(preview.get_by_role("heading", level=1)).to_have_text(COURSE_TITLE)
    expect(preview.locator(".lesson-list > li")).to_have_count(2)
    preview.screenshot(path=str(ARTIFACTS / "test_trainer_journey-07-preview.png"), full_page=True)
    preview.close()
    publish_from_footer(page)
    expect(page.locator(".messages")).to_contain_text("published")
    course.refresh_from_db()
    assert course.live

    # 6. A learner finds the new course in the catalogue and opens it.
    with strict_tab(browser) as learner:
        sign_in(learner, base_url, LEARNER_EMAIL, PASSWORD)
        learner.locator(".main-nav").get_by_role("link", name="Catalogue").click()
        card = learner.get_by_role("link", name=COURSE_TITLE, exact=True)
        expect(card).to_be_visible()
        learner.screenshot(
            path=str(ARTIFACTS / "test_trainer_journey-08-catalogue.png"), full_page=True
        )
        card.click()
        expect(learner.get_by_role("heading", level=1)).to_have_text(COURSE_TITLE)
        lessons = learner.locator(".lesson-list > li")
        expect(lessons).to_have_count(2)
        expect(lessons.nth(0)).to_contain_text(LESSONS[0])
        expect(lessons.nth(1)).to_contain_text(LESSONS[1])
        learner.locator(".lesson-list").get_by_role("link", name=LESSONS[1]).click()
        expect(learner.get_by_role("heading", level=1)).to_have_text(LESSONS[1])
        expect(learner.locator("main")).to_contain_text(SCENARIO_TITLE)
        learner.screenshot(
            path=str(ARTIFACTS / "test_trainer_journey-09-lesson-roleplay.png"), full_page=True
        )


def test_preview_panel(live_server, catalogue, page):
    """A trainer who already has an authenticator signs in with a code and previews a course
    in the edit page's side panel."""
    from allauth.mfa.totp.internal.auth import generate_totp_secret
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory, course_with_lessons

    base_url = live_server.url
    page.set_default_timeout(ADMIN_TIMEOUT)
    secret = generate_totp_secret()
    trainer = UserFactory(email=TRAINER_EMAIL, trainer=True, totp_secret=secret)
    trainer.groups.add(Group.objects.get(name="Moderators"))
    course = course_with_lessons(index=catalogue, lessons=2, title=COURSE_TITLE)

    # The password, then the authenticator's code.
    page.goto(base_url + "/accounts/login/")
    page.locator("input[name=login]").fill(TRAINER_EMAIL)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=password]) [type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    page.locator("input[name=code]").fill(totp_code(secret))
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(base_url + "/me/")

    page.goto(f"{base_url}/cms/pages/{course.pk}/edit/")
    page.get_by_role("button", name="Toggle preview").click()
    panel = page.frame_locator("iframe[title='Preview']").last
    expect(panel.get_by_role("heading", level=1)).to_have_text(COURSE_TITLE, timeout=10_000)
