"""A new hire's first session in the academy, in a real browser.

Noah signs in, finds his onboarding path on "My learning", works through the first lesson of
its first course, sees his progress everywhere a learner would look for it, and switches the
interface to Finnish. Expectations are computed from the seeded database, so the test keeps
working while the demo content grows; only the path's slug and English title are fixed.
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    # The live server reads committed data in another thread (another connection on
    # PostgreSQL), and the serialized rollback restores Wagtail's migration data (root page,
    # default locale, Editors group) for whichever test runs after the flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NEW_HIRE_EMAIL = "newhire@academy.test"
DEMO_PASSWORD = "academy-demo"
PATH_SLUG = "first-two-weeks"
PATH_TITLE = "First two weeks"


def whole_percent(done: int, total: int) -> int:
    """What a progress bar shows: whole percent, rounded down, 0 for an empty course."""
    return 100 * done // total if total else 0


def progress_of(locator) -> int:
    """The value a progress bar announces to assistive technology."""
    expect(locator).to_have_attribute("role", "progressbar")
    return int(locator.get_attribute("aria-valuenow"))


def onboarding_data():
    """Read what the page should show from the database: the path, its first course, lessons."""
    from wagtail.models import Locale

    from courses.models import LearningPathPage, LessonCompletion, LessonPage
    from lms.accounts.models import User

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
    fi = Locale.objects.get(language_code="fi")
    return {
        "path": path,
        "path_title_fi": path.get_translation(fi).title,
        "steps": steps,
        "course": course,
        "course_title_fi": course.get_translation(fi).title,
        "lessons": lessons,
        "done_before": done_before,
        "path_lessons": path_lessons,
        "path_done_before": path_done_before,
    }


def test_new_hire_journey(seeded_live_academy, page, screenshot):
    data = onboarding_data()
    course, lessons = data["course"], data["lessons"]
    total = len(lessons)
    assert total >= 1, f"the seeded course {course.slug!r} has no live lessons"
    assert data["done_before"] == 0, "the demo new hire should start the path from zero"
    before = whole_percent(data["done_before"], total)
    after = whole_percent(data["done_before"] + 1, total)
    finishes_course = total == 1
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
    screenshot("03-my-learning-before")

    # 3. He opens the path, then its first course.
    path_card.get_by_role("link", name=PATH_TITLE, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PATH_TITLE)
    expect(page.locator(".path-step a").first).to_have_text(course.title)
    screenshot("04-path")
    page.locator(".path-step a").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(course.title)
    course_bar = page.locator(".course-header .progress")
    assert progress_of(course_bar) == before
    expect(page.locator(".lesson-list > li")).to_have_count(total)
    screenshot("05-course-before")

    start = page.get_by_role("button", name="Start course")
    if start.count():
        start.click()  # Enrolling leads straight to the first lesson.
    else:
        page.locator(".lesson-list").get_by_role("link", name=lessons[0].title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(lessons[0].title)
    expect(page.locator(".lesson .card-kicker")).to_have_text(f"Lesson 1 of {total}")
    outline_bar = page.locator("aside.lesson-outline .progress")
    assert progress_of(outline_bar) == before
    screenshot("06-lesson-1")

    label = "Mark complete and finish course" if finishes_course else "Mark complete and continue"
    page.get_by_role("button", name=label).click()

    # 4. Progress shows wherever he looks: the next lesson's outline, the course, My learning.
    if finishes_course:
        expect(page.get_by_role("heading", level=1)).to_have_text(course.title)
        expect(page.locator(".messages")).to_contain_text(f"Course completed: {course.title}")
    else:
        expect(page.get_by_role("heading", level=1)).to_have_text(lessons[1].title)
        expect(page.locator(".lesson .card-kicker")).to_have_text(f"Lesson 2 of {total}")
        expect(outline_bar).to_have_attribute("aria-valuenow", str(after))
        first_row = page.locator("aside.lesson-outline li").first
        expect(first_row).to_have_class(re.compile(r"\bdone\b"))
        screenshot("07-lesson-2")
        page.locator(".breadcrumbs").get_by_role("link", name=course.title).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(course.title)
    assert progress_of(course_bar) > before
    expect(course_bar).to_have_attribute("aria-valuenow", str(after))
    expect(page.locator(".course-header .progress-label")).to_have_text(f"{after}% complete")
    expect(page.locator(".course-header .status")).to_have_text(
        "Completed" if finishes_course else "In progress"
    )
    expect(page.locator(".lesson-list > li").first.locator(".status")).to_have_text("Done")
    screenshot("08-course-after")

    page.locator(".main-nav").get_by_role("link", name="My learning").click()
    expect(page).to_have_url(seeded_live_academy.url + "/me/")
    section = page.locator(
        "section[aria-labelledby=completed-heading]"
        if finishes_course
        else "section[aria-labelledby=in-progress-heading]"
    )
    card = section.locator("article.course-card").filter(
        has=page.get_by_role("link", name=course.title, exact=True)
    )
    expect(card).to_have_count(1)
    assert progress_of(card.locator(".progress")) == after
    assert after > 0
    expect(card.locator(".progress-label")).to_have_text(f"{after}% complete")
    expect(step_row.locator(".progress")).to_have_attribute("aria-valuenow", str(after))
    expect(path_bar).to_have_attribute("aria-valuenow", str(path_after))
    if not finishes_course:
        continue_card = page.locator(".continue-card")
        expect(continue_card).to_contain_text(course.title)
        expect(
            continue_card.get_by_role("link", name=f"Continue: {lessons[1].title}")
        ).to_be_visible()
    screenshot("09-my-learning-after")

    # 5. He prefers Finnish: the header's language menu switches the whole interface.
    page.locator("#language-select").select_option("fi")
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    expect(page).to_have_url(seeded_live_academy.url + "/me/")
    expect(page.locator("#language-select")).to_have_value("fi")
    # Needs the Finnish message catalogue (locale/fi/LC_MESSAGES/django.po).
    expect(page.locator(".main-nav")).to_contain_text("Oma oppiminen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Oma oppiminen")
    # Progress is kept per translation key: the Finnish pages show the same numbers.
    fi_path_card = page.locator("section[aria-labelledby=paths-heading] article.card").filter(
        has=page.get_by_role("link", name=data["path_title_fi"], exact=True)
    )
    expect(fi_path_card).to_have_count(1)
    expect(fi_path_card.locator(":scope > .progress")).to_have_attribute(
        "aria-valuenow", str(path_after)
    )
    fi_card = section.locator("article.course-card").filter(
        has=page.get_by_role("link", name=data["course_title_fi"], exact=True)
    )
    expect(fi_card).to_have_count(1)
    expect(fi_card.locator(".progress")).to_have_attribute("aria-valuenow", str(after))
    screenshot("10-my-learning-fi")
    fi_path_card.get_by_role("link", name=data["path_title_fi"], exact=True).click()
    expect(page).to_have_url(re.compile(r"/fi/"))
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    expect(page.get_by_role("heading", level=1)).to_have_text(data["path_title_fi"])
    expect(page.locator("main > .progress")).to_have_attribute("aria-valuenow", str(path_after))
    expect(page.locator(".path-step .progress").first).to_have_attribute(
        "aria-valuenow", str(after)
    )
    expect(page.locator(".main-nav")).to_contain_text("Oma oppiminen")
    screenshot("11-path-fi")
