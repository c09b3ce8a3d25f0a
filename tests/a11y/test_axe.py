"""Accessibility: axe-core, in Chromium, on the main page of every journey of the demo academy.

Each role signs in through the real login form and opens its pages; axe-core (pinned in
package.json, installed into node_modules/ by `npm ci`) checks each page as loaded. A page
passes when axe finds nothing it rates "serious" or "critical": those are the barriers that
stop someone using a screen reader, a keyboard or low vision from getting through (missing
names, unreadable contrast, broken ARIA). Everything axe reports, the minor and moderate
findings and the checks it left for a person to review included, is saved per page under
test-artifacts/a11y/ (JSON plus a screenshot) for whoever improves them.

The demo academy is seeded and audited once, by whichever test of this module runs first:
seeding takes most of a minute and every page reads the same data, so the per-page tests
only assert on the recorded results, and each names its page when it fails.
"""

import json
import re
import time
from dataclasses import asdict, dataclass, field
from typing import Any

import pytest

from tests.a11y.conftest import AXE_SCRIPT, REPO_ROOT
from tests.browser.conftest import DEMO_PASSWORD, JOURNEY_MARKS

pytestmark = JOURNEY_MARKS

ARTIFACTS = REPO_ROOT / "test-artifacts" / "a11y"
BLOCKING_IMPACTS = ("serious", "critical")
AXE_RUN = """() => axe.run(document, {resultTypes: ['violations']}).then(r => ({
    violations: r.violations,
    incomplete: r.incomplete.map(i => ({id: i.id, impact: i.impact,
                                        targets: i.nodes.map(n => n.target)})),
}))"""

NEW_HIRE = "newhire@academy.test"
AGENT = "agent@academy.test"  # has KPI results, assignments and badges in the demo
LEAD = "lead@academy.test"  # leads the demo team "Helpdesk North"
ADMIN = "admin@academy.test"  # no authenticator yet: sent to set up two-factor
TRAINER = "trainer@academy.test"  # given an authenticator below, so reaches the CMS
TRAINER_TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # test-only; the demo has no authenticators


@dataclass(frozen=True)
class Visitor:
    """Who opens the pages: a demo login (None: signed out) in one browser language, on a
    desktop screen or, with ``width=390``, a phone's."""

    email: str | None = None
    locale: str = "en-US"
    totp_secret: str | None = None
    width: int = 1280


@dataclass(frozen=True)
class AuditedPage:
    name: str
    visitor: Visitor
    # Where the page's link leads when it redirects on purpose (an invitation opens sign-up).
    lands_on: str | None = None
    # Audited where sign-in stops on it, before the visitor's other pages.
    during_sign_in: bool = False


SIGNED_OUT = Visitor()
SWEDISH_AGENT = Visitor(AGENT, locale="sv-SE")
UKRAINIAN_NEW_HIRE = Visitor(NEW_HIRE, locale="uk-UA")
TOTP_TRAINER = Visitor(TRAINER, totp_secret=TRAINER_TOTP_SECRET)
# Agents open the academy on their phones between calls; leads check the team on theirs.
PHONE_AGENT = Visitor(AGENT, width=390)
PHONE_LEAD = Visitor(LEAD, width=390)

# The pages, in the order each visitor opens them. Their paths come from the seeded data
# (`_paths`), since ids and slugs are the database's.
PAGES = [
    AuditedPage("login", SIGNED_OUT),
    AuditedPage("invitation-sign-up", SIGNED_OUT, lands_on="/accounts/signup/"),
    AuditedPage("new-hire-my-learning", Visitor(NEW_HIRE)),
    AuditedPage("catalogue", Visitor(NEW_HIRE)),
    AuditedPage("learning-path", Visitor(NEW_HIRE)),
    AuditedPage("course", Visitor(NEW_HIRE)),
    AuditedPage("lesson", Visitor(NEW_HIRE)),
    AuditedPage("roleplay-debrief", Visitor(NEW_HIRE)),
    AuditedPage("agent-my-learning-and-kpis", Visitor(AGENT)),
    AuditedPage("quiz-detail", Visitor(AGENT)),
    AuditedPage("quiz-attempt", Visitor(AGENT)),
    AuditedPage("quiz-result", Visitor(AGENT)),
    AuditedPage("roleplay-practice", Visitor(AGENT)),
    AuditedPage("roleplay-scenario", Visitor(AGENT)),
    AuditedPage("roleplay-run", Visitor(AGENT)),
    AuditedPage("leaderboard-weekly", Visitor(AGENT)),
    AuditedPage("leaderboard-kpis", Visitor(AGENT)),
    AuditedPage("notifications", Visitor(AGENT)),
    AuditedPage("team-dashboard", Visitor(LEAD)),
    AuditedPage("team-onboarding", Visitor(LEAD)),
    AuditedPage("team-insights", Visitor(LEAD)),
    AuditedPage("team-agent-drilldown", Visitor(LEAD)),
    AuditedPage("team-kpis", Visitor(LEAD)),
    AuditedPage("team-assign", Visitor(LEAD)),
    AuditedPage("team-invitations", Visitor(LEAD)),
    AuditedPage("kpi-upload", Visitor(LEAD)),
    AuditedPage("kpi-targets", Visitor(LEAD)),
    AuditedPage("two-factor-setup", Visitor(ADMIN)),
    AuditedPage("two-factor-code", TOTP_TRAINER, during_sign_in=True),
    AuditedPage("cms-dashboard", TOTP_TRAINER),
    AuditedPage("swedish-my-learning", SWEDISH_AGENT),
    AuditedPage("ukrainian-course", UKRAINIAN_NEW_HIRE),
    AuditedPage("phone-my-learning", PHONE_AGENT),
    AuditedPage("phone-lesson", PHONE_AGENT),
    AuditedPage("phone-quiz-attempt", PHONE_AGENT),
    AuditedPage("phone-leaderboard", PHONE_AGENT),
    AuditedPage("phone-team-dashboard", PHONE_LEAD),
]


@dataclass
class PageResult:
    path: str
    landed_on: str = ""
    lang: str = ""  # the page's <html lang>: the language it was served in
    status: int | None = None
    violations: list[dict[str, Any]] = field(default_factory=list)
    # Checks axe could not decide alone (contrast over a gradient, say): for a person.
    needs_review: list[dict[str, Any]] = field(default_factory=list)
    error: str = ""


def _finish_roleplay(*, user, scenario) -> int:
    """Play a scenario through with each step's first reply; the finished run's id."""
    from scenarios import services as scenario_services
    from scenarios.models import ScenarioReply

    run = scenario_services.scenario_start(user=user, scenario=scenario)
    for step in range(1, 50):  # the demo's conversations are a handful of steps long
        if run.is_finished:
            return run.pk
        reply = ScenarioReply.objects.filter(node_id=run.current_node_id).order_by("pk").first()
        run = scenario_services.run_choose(user=user, run_id=run.pk, reply_id=reply.pk, step=step)
    raise AssertionError(f"the roleplay {scenario} did not end within 50 first replies")


def _paths(base_url: str) -> dict[str, str]:
    """Every audited page's path, setting up what the pages need (an open quiz attempt, a
    roleplay in progress and one finished, a fresh invitation link, the trainer's
    authenticator) through the services people go through."""
    from allauth.mfa.totp.internal.auth import TOTP
    from wagtail.models import Locale

    from courses.models import CourseIndexPage, CoursePage, LessonPage
    from lms.accounts import services as account_services
    from lms.accounts.models import Invitation, Team, User
    from quizzes import services as quiz_services
    from quizzes.models import Attempt
    from scenarios import services as scenario_services
    from scenarios.models import Scenario

    english = Locale.objects.get(language_code="en")
    ukrainian = Locale.objects.get(language_code="uk")
    new_hire = User.objects.get(email=NEW_HIRE)
    agent = User.objects.get(email=AGENT)
    TOTP.activate(User.objects.get(email=TRAINER), TRAINER_TOTP_SECRET)
    team = Team.objects.get(name="Helpdesk North")
    course = CoursePage.objects.live().filter(locale=english).first()
    lesson = LessonPage.objects.live().child_of(course).first()
    # seed_demo has the agent pass the knowledge checks of the courses she finished.
    result = Attempt.objects.filter(user=agent, submitted_at__isnull=False).order_by("pk")[0]
    attempt = quiz_services.attempt_start(user=agent, quiz=result.quiz)
    scenarios = Scenario.objects.filter(live=True, locale=english).order_by("pk")
    run = scenario_services.scenario_start(user=agent, scenario=scenarios[0])
    finished_run = _finish_roleplay(user=new_hire, scenario=scenarios[0])
    invitation = Invitation.objects.get(team=team, accepted_at=None, revoked_at=None)
    link = account_services.invitation_resend(invitation=invitation, base_url=base_url)
    team_path = f"/team/{team.pk}"
    return {
        "login": "/accounts/login/",
        "invitation-sign-up": link.path,
        "new-hire-my-learning": "/me/",
        "catalogue": CourseIndexPage.objects.get(locale=english).url,
        "learning-path": team.default_path.url,
        "course": course.url,
        "lesson": lesson.url,
        "roleplay-debrief": f"/scenarios/runs/{finished_run}/debrief/",
        "agent-my-learning-and-kpis": "/me/",
        "quiz-detail": f"/quizzes/{result.quiz_id}/",
        "quiz-attempt": f"/quizzes/attempts/{attempt.pk}/",
        "quiz-result": f"/quizzes/attempts/{result.pk}/result/",
        "roleplay-practice": "/scenarios/",
        "roleplay-scenario": f"/scenarios/{scenarios[0].pk}/",
        "roleplay-run": f"/scenarios/runs/{run.pk}/",
        "leaderboard-weekly": "/leaderboards/?scope=team&period=week",
        "leaderboard-kpis": "/leaderboards/kpis/",
        "notifications": "/notifications/",
        "team-dashboard": f"{team_path}/",
        "team-onboarding": f"{team_path}/onboarding/",
        "team-insights": f"{team_path}/insights/",
        "team-agent-drilldown": f"{team_path}/agents/{new_hire.pk}/",
        "team-kpis": f"{team_path}/kpis/",
        "team-assign": f"{team_path}/assign/",
        "team-invitations": f"{team_path}/invitations/",
        "kpi-upload": "/team/kpis/upload/",
        "kpi-targets": f"/team/kpis/targets/{team.pk}/",
        "two-factor-setup": "/accounts/2fa/totp/activate/",
        "two-factor-code": "/accounts/2fa/authenticate/",
        "cms-dashboard": "/cms/",
        "swedish-my-learning": "/me/",
        "ukrainian-course": course.get_translation(ukrainian).url,
        "phone-my-learning": "/me/",
        "phone-lesson": lesson.url,
        "phone-quiz-attempt": f"/quizzes/attempts/{attempt.pk}/",
        "phone-leaderboard": "/leaderboards/?scope=team&period=week",
        "phone-team-dashboard": f"{team_path}/",
    }


def _axe(tab, base_url: str, name: str, result: PageResult) -> PageResult:
    """Run axe on the page the tab shows, recording what it found and a screenshot."""
    tab.wait_for_load_state("networkidle")
    result.landed_on = tab.url.removeprefix(base_url)
    result.lang = tab.evaluate("() => document.documentElement.lang")
    tab.add_script_tag(path=str(AXE_SCRIPT))
    report = tab.evaluate(AXE_RUN)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    result.violations = [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "helpUrl": violation["helpUrl"],
            "nodes": [
                {"target": node["target"], "html": node["html"], "summary": node["failureSummary"]}
                for node in violation["nodes"]
            ],
        }
        for violation in report["violations"]
    ]
    result.needs_review = report["incomplete"]
    return result


def _sign_in(tab, base_url: str, visitor: Visitor, audit_code_page) -> None:
    """The real login form, found by field names so that it works in every language; with an
    authenticator, the second step too (and the code page is audited on the way)."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from playwright.sync_api import expect

    tab.goto(base_url + "/accounts/login/")
    tab.locator("input[name=login]").fill(visitor.email)
    tab.locator("input[name=password]").fill(DEMO_PASSWORD)
    tab.locator("form:has(input[name=password]) [type=submit]").click()
    if visitor.totp_secret:
        expect(tab.locator("input[name=code]")).to_be_visible()
        audit_code_page()
        # A code is valid for its 30-second window only: start a fresh one rather than race.
        if time.time() % 30 > 27:
            time.sleep(30 - time.time() % 30)
        counter = int(time.time()) // 30
        code = tab.locator("input[name=code]")
        code.fill(format_hotp_value(hotp_value(visitor.totp_secret, counter)))
        code.press("Enter")
    expect(tab).not_to_have_url(re.compile(r"/accounts/(login|2fa/authenticate)/"))


def _audit_visitor(browser, base_url: str, visitor: Visitor, paths, results) -> None:
    pages = [page for page in PAGES if page.visitor == visitor]
    # The academy's Content-Security-Policy (script-src 'self') would refuse axe's script.
    context = browser.new_context(
        locale=visitor.locale,
        viewport={"width": visitor.width, "height": 900 if visitor.width > 600 else 844},
        bypass_csp=True,
    )
    context.set_default_timeout(15_000)
    tab = context.new_page()
    done: set[str] = set()
    try:
        if visitor.email:
            code_page = next((page for page in pages if page.during_sign_in), None)

            def audit_code_page():
                if code_page:
                    result = PageResult(path=paths[code_page.name], status=200)
                    results[code_page.name] = _axe(tab, base_url, code_page.name, result)
                    done.add(code_page.name)

            _sign_in(tab, base_url, visitor, audit_code_page)
        for page in pages:
            if page.during_sign_in:
                continue
            result = results[page.name] = PageResult(path=paths[page.name])
            response = tab.goto(base_url + result.path)
            if "/accounts/reauthenticate/" in tab.url:
                # allauth asks for the password again before an account change (2FA setup).
                password = tab.locator("input[name=password]")
                password.fill(DEMO_PASSWORD)
                with tab.expect_navigation() as navigation:
                    password.press("Enter")
                response = navigation.value
            result.status = response.status if response else None
            _axe(tab, base_url, page.name, result)
            done.add(page.name)
    except Exception as error:  # each of the visitor's pages not yet checked reports it
        for page in pages:
            if page.name not in done:
                result = results.setdefault(page.name, PageResult(path=paths[page.name]))
                result.error = f"{type(error).__name__}: {error}"
    finally:
        context.close()


def _audit_all(browser, base_url: str) -> dict[str, PageResult]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    paths = _paths(base_url)
    results: dict[str, PageResult] = {}
    for visitor in dict.fromkeys(page.visitor for page in PAGES):
        _audit_visitor(browser, base_url, visitor, paths, results)
    for name, result in results.items():
        (ARTIFACTS / f"{name}.json").write_text(json.dumps(asdict(result), indent=2) + "\n")
    return results


@pytest.fixture(scope="module")
def audit_results() -> dict[str, PageResult]:
    """Filled by the first test that runs (see the module docstring)."""
    return {}


@pytest.fixture
def audit(request, browser, audit_results) -> dict[str, PageResult]:
    if not audit_results:
        live_server = request.getfixturevalue("seeded_live_academy")
        audit_results.update(_audit_all(browser, live_server.url))
    return audit_results


def _describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"<{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            summary = re.sub(r"\s+", " ", node["summary"] or "")[:300]
            lines.append(f"    at {' '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize("audited", PAGES, ids=[page.name for page in PAGES])
def test_page_has_no_serious_or_critical_violation(audit, audited):
    result = audit[audited.name]
    who = audited.visitor.email or "a signed-out visitor"
    where = f"{audited.name} ({result.path}, as {who}, {audited.visitor.locale})"
    assert not result.error, f"{where} could not be checked: {result.error}"
    # An unplanned redirect (to sign-in, to two-factor setup) would audit another page.
    assert result.status == 200, f"{where} answered HTTP {result.status}"
    assert result.landed_on == (audited.lands_on or result.path), (
        f"{where} ended up at {result.landed_on}"
    )
    language = audited.visitor.locale.split("-")[0]
    assert result.lang == language, f"{where} was served in {result.lang!r}, not {language!r}"
    blocking = [v for v in result.violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, (
        f"axe-core found {len(blocking)} serious or critical violation(s) on {where}; "
        f"full report in test-artifacts/a11y/{audited.name}.json\n{_describe(blocking)}"
    )


def test_axe_catches_what_it_should(browser):
    """The harness itself: a page with known barriers must fail, or a green run means nothing."""
    context = browser.new_context(bypass_csp=True)
    tab = context.new_page()
    try:
        tab.set_content(
            '<html lang="en"><head><title>Barriers</title></head><body><main><h1>Barriers</h1>'
            '<img src="data:,"><p style="color:#bbb;background:#fff">Faint text</p>'
            "<button></button></main></body></html>"
        )
        tab.add_script_tag(path=str(AXE_SCRIPT))
        found = {v["id"]: v["impact"] for v in tab.evaluate(AXE_RUN)["violations"]}
    finally:
        context.close()
    assert found == {
        "image-alt": "critical",
        "color-contrast": "serious",
        "button-name": "critical",
    }
