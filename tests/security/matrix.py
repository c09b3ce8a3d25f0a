"""The role matrix: for every URL of the academy, what each role gets for GET and POST.

Columns are always, in this order::

    anonymous, agent, lead of the same team, lead of another team, trainer, admin

The project's own URL patterns each have an entry keyed by URL name (``namespace:name``; the
route when a pattern has no name). Third-party mounts (Wagtail admin, Django admin, allauth,
documents, the Wagtail page tree under the language prefix) have one entry per include
prefix, with sample URLs. ``missing_entries`` names any pattern the table does not cover.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.urls import LocalePrefixPattern, URLPattern, URLResolver, reverse

ROLES = ("anonymous", "agent", "lead_same_team", "lead_other_team", "trainer", "admin")
OWN_PACKAGES = ("lms", "courses", "quizzes", "scenarios", "gamification")
# The KPI API is ours although django-ninja builds its views.
OWN_PREFIXES = ("api/v1/",)
LANGUAGE_PREFIX = "<language>/"


@dataclass(frozen=True)
class Redirect:
    """A 302 whose Location starts with ``to``."""

    to: str

    def __str__(self) -> str:
        return f"302 to {self.to}"


Expected = int | Redirect
Row = tuple[Expected, Expected, Expected, Expected, Expected, Expected]

LOGIN = Redirect("/accounts/login/")
ADMIN_LOGIN = Redirect("/django-admin/login/")
ME = Redirect("/me/")
CMS_DENIED = Redirect("/cms/")  # Wagtail's "you do not have permission" bounce


def every(status: Expected, anonymous: Expected = LOGIN) -> Row:
    """The same answer for every signed-in role."""
    return (anonymous, status, status, status, status, status)


def team(ok: Expected) -> Row:
    """A page of the lead's own team: 403 for non-leads, 404 for the other team's lead."""
    return (LOGIN, 403, ok, 404, 403, ok)


def other_team_page(ok: Expected) -> Row:
    """The same page, of the other team."""
    return (LOGIN, 403, 404, ok, 403, ok)


def not_in_team() -> Row:
    """An object that is not in the team the URL names: nobody finds it there."""
    return (LOGIN, 403, 404, 404, 403, 404)


def lead_only(ok: Expected) -> Row:
    """Any lead (of any team) or an admin; agents and trainers get 403."""
    return (LOGIN, 403, ok, ok, 403, ok)


POST_ONLY = every(405)  # login_required + require_POST: a GET is refused after sign-in
CMS = (LOGIN, LOGIN, LOGIN, LOGIN, 200, 200)  # Wagtail admin: trainers and admins
CMS_GET_ONLY = (LOGIN, LOGIN, LOGIN, LOGIN, 405, 405)
DJANGO_ADMIN = (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200)  # staff


@dataclass(frozen=True)
class Case:
    """One URL (built from the world and the signed-in user) and the answers per role."""

    key: str  # the URL name for own patterns, the include prefix for third-party ones
    label: str
    url: Callable  # (world, user or None) -> str
    get: Row | None
    post: Row | None
    settings: tuple = ()  # (name, value) pairs to run the check with


def _r(name: str, *args) -> Callable:
    """A URL whose arguments are attributes of the world (or literal values)."""

    def build(world, _me):
        values = [arg(world) if callable(arg) else arg for arg in args]
        return reverse(name, args=values)

    return build


def _pk(path: str) -> Callable:
    def get(world):
        value = world
        for part in path.split("."):
            value = value[part] if isinstance(value, dict) else getattr(value, part)
        return value.pk

    return get


def _own_attempt(name: str, *extra) -> Callable:
    return lambda w, me: reverse(name, args=[w.attempt_of(me).pk, *[e(w) for e in extra]])


def _colleague_attempt(name: str, *extra) -> Callable:
    return lambda w, _me: reverse(name, args=[w.attempt_of(w.colleague).pk, *[e(w) for e in extra]])


def _own_run(name: str) -> Callable:
    return lambda w, me: reverse(name, args=[w.run_of(me).pk])


def _colleague_run(name: str) -> Callable:
    return lambda w, _me: reverse(name, args=[w.run_of(w.colleague).pk])


def _token(kind: str) -> Callable:
    return lambda w, _me: reverse("invitation_accept", args=[w.tokens[kind]])


def _fixed(path: str) -> Callable:
    return lambda _w, _me: path


def _page(attr: str) -> Callable:
    return lambda w, _me: getattr(w, attr).url


TEAM = _pk("team")
OTHER_TEAM = _pk("other_team")
QUESTION = _pk("question")

# fmt: off
OWN: list[Case] = [
    # --- lms ---------------------------------------------------------------------------------
    Case("home", "front door", _fixed("/"), every(ME), every(ME)),
    Case("health", "health check", _fixed("/health/"), every(200, 200), every(405, 405)),
    # Django's language switch, which also keeps a signed-in person's pick on her account
    Case("set_language", "set language", _r("set_language"), every(302, 302), every(302, 302)),
    Case("invitation_accept", "open invitation to a new address", _token("new"),
         (Redirect("/accounts/signup/"), 200, 200, 200, 200, 200),
         (Redirect("/accounts/signup/"), 403, 403, 403, 403, 403)),
    Case("invitation_accept", "invitation for the agent", _token("agent"),
         every(200), (LOGIN, ME, 403, 403, 403, 403)),
    Case("invitation_accept", "withdrawn invitation", _token("revoked"),
         every(410, 410), every(410, 410)),
    Case("invitation_accept", "unknown token", _fixed("/invitations/not-a-token/"),
         every(404, 404), every(404, 404)),
    # --- the KPI API: token only, session cookies are ignored ---------------------------------
    Case("api-v1:api-root", "API root", _fixed("/api/v1/"), every(404, 404), every(404, 404)),
    # The schema and its docs are public (they describe the API, they hold no data); django-ninja
    # answers any method there.
    Case("api-v1:openapi-json", "OpenAPI schema", _fixed("/api/v1/openapi.json"),
         every(200, 200), every(200, 200)),
    Case("api-v1:openapi-view", "API docs", _fixed("/api/v1/docs"),
         every(200, 200), every(200, 200)),
    Case("api-v1:kpi_list", "KPI list", _fixed("/api/v1/kpis"), every(401, 401), every(405, 405)),
    Case("api-v1:kpi_measurements_create", "send results", _fixed("/api/v1/kpi-measurements"),
         every(405, 405), every(401, 401)),
    # --- courses -----------------------------------------------------------------------------
    Case("courses:my_learning", "my learning", _r("courses:my_learning"), every(200), every(200)),
    Case("courses:course_enrol", "live course", _r("courses:course_enrol", _pk("course")),
         POST_ONLY, every(302)),
    Case("courses:course_enrol", "unpublished course",
         _r("courses:course_enrol", _pk("draft_course")), POST_ONLY, every(404)),
    Case("courses:lesson_complete", "lesson", _r("courses:lesson_complete", _pk("lesson")),
         POST_ONLY, every(302)),
    Case("courses:path_start", "learning path", _r("courses:path_start", _pk("path")),
         POST_ONLY, every(302)),
    # --- quizzes: an attempt is its owner's alone ----------------------------------------------
    Case("quizzes:quiz_detail", "quiz", _r("quizzes:quiz_detail", _pk("quiz")),
         every(200), every(200)),
    Case("quizzes:attempt_start", "quiz", _r("quizzes:attempt_start", _pk("quiz")),
         POST_ONLY, every(302)),
    Case("quizzes:attempt", "own attempt", _own_attempt("quizzes:attempt"),
         every(200), every(200)),
    Case("quizzes:attempt", "a colleague's attempt", _colleague_attempt("quizzes:attempt"),
         every(404), every(404)),
    Case("quizzes:attempt_save", "own attempt", _own_attempt("quizzes:attempt_save"),
         POST_ONLY, every(200)),
    Case("quizzes:attempt_save", "a colleague's attempt",
         _colleague_attempt("quizzes:attempt_save"), POST_ONLY, every(404)),
    Case("quizzes:answer_check", "own attempt", _own_attempt("quizzes:answer_check", QUESTION),
         POST_ONLY, every(302)),
    Case("quizzes:answer_check", "a colleague's attempt",
         _colleague_attempt("quizzes:answer_check", QUESTION), POST_ONLY, every(404)),
    Case("quizzes:attempt_submit", "own attempt", _own_attempt("quizzes:attempt_submit"),
         POST_ONLY, every(302)),
    Case("quizzes:attempt_submit", "a colleague's attempt",
         _colleague_attempt("quizzes:attempt_submit"), POST_ONLY, every(404)),
    Case("quizzes:attempt_result", "own attempt (open: back to it)",
         _own_attempt("quizzes:attempt_result"), every(302), every(302)),
    Case("quizzes:attempt_result", "a colleague's attempt",
         _colleague_attempt("quizzes:attempt_result"), every(404), every(404)),
    # --- scenarios: a run is its player's alone ------------------------------------------------
    Case("scenarios:practice", "practice list", _r("scenarios:practice"), every(200), every(200)),
    Case("scenarios:detail", "live scenario", _r("scenarios:detail", _pk("scenario")),
         every(200), every(200)),
    Case("scenarios:detail", "draft scenario", _r("scenarios:detail", _pk("draft_scenario")),
         every(404), every(404)),
    Case("scenarios:start", "live scenario", _r("scenarios:start", _pk("scenario")),
         POST_ONLY, every(302)),
    Case("scenarios:start", "draft scenario", _r("scenarios:start", _pk("draft_scenario")),
         POST_ONLY, every(404)),
    Case("scenarios:run", "own run", _own_run("scenarios:run"), every(200), every(200)),
    Case("scenarios:run", "a colleague's run", _colleague_run("scenarios:run"),
         every(404), every(404)),
    Case("scenarios:choose", "own run (no reply chosen)", _own_run("scenarios:choose"),
         POST_ONLY, every(400)),
    Case("scenarios:choose", "a colleague's run", _colleague_run("scenarios:choose"),
         POST_ONLY, every(404)),
    Case("scenarios:debrief", "own run (unfinished: back to it)", _own_run("scenarios:debrief"),
         every(302), every(302)),
    Case("scenarios:debrief", "a colleague's run", _colleague_run("scenarios:debrief"),
         every(404), every(404)),
    # --- gamification --------------------------------------------------------------------------
    Case("gamification:leaderboard", "own boards", _r("gamification:leaderboard"),
         every(200), every(200)),
    Case("gamification:leaderboard", "the team's board (?team=)",
         lambda w, _me: f"{reverse('gamification:leaderboard')}?scope=team&team={w.team.pk}",
         (LOGIN, 200, 200, 404, 404, 200), (LOGIN, 200, 200, 404, 404, 200)),
    Case("gamification:leaderboard_privacy", "own setting",
         _r("gamification:leaderboard_privacy"), POST_ONLY, every(302)),
    Case("gamification:notifications", "own notifications", _r("gamification:notifications"),
         every(200), every(200)),
    Case("gamification:notifications_mark_read", "own notifications",
         _r("gamification:notifications_mark_read"), POST_ONLY, every(302)),
    Case("gamification:badge_award", "award form (empty post: form errors)",
         _r("gamification:badge_award"), lead_only(200), lead_only(200)),
    Case("gamification:kpi_leaderboard", "own team", _r("gamification:kpi_leaderboard"),
         every(200), every(200)),
    Case("gamification:kpi_leaderboard", "the team's board (?team=)",
         lambda w, _me: f"{reverse('gamification:kpi_leaderboard')}?team={w.team.pk}",
         (LOGIN, 200, 200, 404, 404, 200), (LOGIN, 200, 200, 404, 404, 200)),
    # --- KPI upload and targets: an import is its uploader's ---------------------------------
    Case("kpis:index", "KPI workspace", _r("kpis:index"),
         lead_only(Redirect("/team/kpis/upload/")), lead_only(Redirect("/team/kpis/upload/"))),
    Case("kpis:upload", "upload (empty post: form errors)", _r("kpis:upload"),
         lead_only(200), lead_only(200)),
    Case("kpis:template", "CSV template", _r("kpis:template"), lead_only(200), lead_only(200)),
    Case("kpis:import_detail", "import by the lead",
         _r("kpis:import_detail", _pk("imports.lead")),
         (LOGIN, 403, 200, 404, 403, 200), (LOGIN, 403, 200, 404, 403, 200)),
    Case("kpis:import_detail", "import by the other team's lead",
         _r("kpis:import_detail", _pk("imports.other_lead")),
         (LOGIN, 403, 404, 200, 403, 200), (LOGIN, 403, 404, 200, 403, 200)),
    Case("kpis:import_confirm", "import by the lead",
         _r("kpis:import_confirm", _pk("imports.lead")),
         POST_ONLY, (LOGIN, 403, 302, 404, 403, 302)),
    Case("kpis:import_confirm", "import by the other team's lead",
         _r("kpis:import_confirm", _pk("imports.other_lead")),
         POST_ONLY, (LOGIN, 403, 404, 302, 403, 302)),
    Case("kpis:import_status", "import by the lead",
         _r("kpis:import_status", _pk("imports.lead")),
         (LOGIN, 403, 200, 404, 403, 200), (LOGIN, 403, 200, 404, 403, 200)),
    Case("kpis:import_status", "import by the other team's lead",
         _r("kpis:import_status", _pk("imports.other_lead")),
         (LOGIN, 403, 404, 200, 403, 200), (LOGIN, 403, 404, 200, 403, 200)),
    Case("kpis:targets", "the lead's team (empty post: form errors)",
         _r("kpis:targets", TEAM), team(200), team(200)),
    Case("kpis:targets", "the other team", _r("kpis:targets", OTHER_TEAM),
         other_team_page(200), other_team_page(200)),
    # --- the team lead's workspace -------------------------------------------------------------
    Case("team:home", "team list", _r("team:home"),
         (LOGIN, 403, Redirect("/team/"), Redirect("/team/"), 403, 200),
         (LOGIN, 403, Redirect("/team/"), Redirect("/team/"), 403, 200)),
    Case("team:dashboard", "the lead's team", _r("team:dashboard", TEAM), team(200), team(200)),
    Case("team:dashboard", "the other team", _r("team:dashboard", OTHER_TEAM),
         other_team_page(200), other_team_page(200)),
    Case("team:onboarding", "the lead's team", _r("team:onboarding", TEAM), team(200), team(200)),
    Case("team:insights", "the lead's team", _r("team:insights", TEAM), team(200), team(200)),
    Case("team:kpis", "the lead's team", _r("team:kpis", TEAM), team(200), team(200)),
    Case("team:kpis", "the other team", _r("team:kpis", OTHER_TEAM),
         other_team_page(200), other_team_page(200)),
    Case("team:remediation_cancel", "remediation of the team's agent",
         _r("team:remediation_cancel", TEAM, _pk("firing")), POST_ONLY, team(302)),
    Case("team:remediation_cancel", "the team's remediation under the other team",
         _r("team:remediation_cancel", OTHER_TEAM, _pk("firing")),
         POST_ONLY, (LOGIN, 403, 404, 404, 403, 404)),
    Case("team:assign", "the lead's team (empty post: form errors)", _r("team:assign", TEAM),
         team(200), team(200)),
    Case("team:assignment_update", "assignment of the team's agent",
         _r("team:assignment_update", TEAM, _pk("assignment")), POST_ONLY, team(302)),
    Case("team:assignment_update", "assignment in the other team",
         _r("team:assignment_update", TEAM, _pk("other_assignment")), POST_ONLY, not_in_team()),
    Case("team:agent", "the team's agent", _r("team:agent", TEAM, _pk("agent")),
         team(200), team(200)),
    Case("team:agent", "an agent of the other team", _r("team:agent", TEAM, _pk("other_agent")),
         not_in_team(), not_in_team()),
    Case("team:invitations", "the lead's team (empty post: form errors)",
         _r("team:invitations", TEAM), team(200), team(200)),
    Case("team:invitation_resend", "the team's invitation",
         _r("team:invitation_resend", TEAM, _pk("invitation")), POST_ONLY, team(302)),
    Case("team:invitation_resend", "the other team's invitation",
         _r("team:invitation_resend", TEAM, _pk("other_invitation")), POST_ONLY, not_in_team()),
    Case("team:invitation_revoke", "the team's invitation",
         _r("team:invitation_revoke", TEAM, _pk("invitation")), POST_ONLY, team(302)),
    Case("team:invitation_revoke", "the other team's invitation",
         _r("team:invitation_revoke", TEAM, _pk("other_invitation")), POST_ONLY, not_in_team()),
    Case("team:matrix_export", "the lead's team, CSV", _r("team:matrix_export", TEAM, "csv"),
         team(200), team(200)),
    Case("team:agent_export", "the team's agent, CSV",
         _r("team:agent_export", TEAM, _pk("agent"), "csv"), team(200), team(200)),
    Case("team:agent_export", "an agent of the other team, CSV",
         _r("team:agent_export", TEAM, _pk("other_agent"), "csv"), not_in_team(), not_in_team()),
    Case("team:export_detail", "export asked for by the lead",
         _r("team:export_detail", TEAM, _pk("exports.lead")), team(200), team(200)),
    Case("team:export_detail", "export asked for by the team's other lead",
         _r("team:export_detail", TEAM, _pk("exports.co_lead")),
         (LOGIN, 403, 404, 404, 403, 200), (LOGIN, 403, 404, 404, 403, 200)),
    Case("team:export_status", "export asked for by the lead",
         _r("team:export_status", TEAM, _pk("exports.lead")), team(200), team(200)),
    Case("team:export_status", "export asked for by the team's other lead",
         _r("team:export_status", TEAM, _pk("exports.co_lead")),
         (LOGIN, 403, 404, 404, 403, 200), (LOGIN, 403, 404, 404, 403, 200)),
    Case("team:export_download", "export asked for by the lead",
         _r("team:export_download", TEAM, _pk("exports.lead")), team(200), team(200)),
    Case("team:export_download", "export asked for by the team's other lead",
         _r("team:export_download", TEAM, _pk("exports.co_lead")),
         (LOGIN, 403, 404, 404, 403, 200), (LOGIN, 403, 404, 404, 403, 200)),
    # --- our own pages inside the Wagtail admin ------------------------------------------------
    Case("quizzes_item_analysis", "quiz", _r("quizzes_item_analysis", _pk("quiz")),
         CMS, (LOGIN, LOGIN, LOGIN, LOGIN, 405, 405)),
    Case("scenarios_diagram", "scenario", _r("scenarios_diagram", _pk("scenario")),
         CMS, (LOGIN, LOGIN, LOGIN, LOGIN, 405, 405)),
    Case("scenarios_import", "import form (empty post: form errors)", _r("scenarios_import"),
         CMS, CMS),
    Case("scenarios_export", "scenario", _r("scenarios_export", _pk("scenario")), CMS, CMS),
    Case("wagtailsnippets_scenarios_scenario:list", "scenario listing",
         _r("wagtailsnippets_scenarios_scenario:list"), CMS, CMS_GET_ONLY),
    Case("wagtailsnippets_scenarios_scenario:list_results", "scenario listing results",
         _r("wagtailsnippets_scenarios_scenario:list_results"), CMS, CMS_GET_ONLY),
]

# Third-party mounts: one entry per include prefix, with sample URLs checked per role.
THIRD_PARTY: list[Case] = [
    # allauth: sign in, account settings, two-factor authentication
    Case("accounts/", "sign in", _fixed("/accounts/login/"), every(200, 200), every(200, 200)),
    Case("accounts/", "sign up (by invitation only)", _fixed("/accounts/signup/"),
         every(200, 200), every(200, 200)),
    Case("accounts/", "email addresses", _fixed("/accounts/email/"),
         every(200), every(Redirect("/accounts/email/"))),
    Case("accounts/", "change password", _fixed("/accounts/password/change/"),
         every(200), every(200)),
    Case("accounts/", "two-factor authentication", _fixed("/accounts/2fa/"),
         every(200), every(405)),
    Case("accounts/", "sign out", _fixed("/accounts/logout/"),
         every(200, Redirect("/")), every(Redirect("/accounts/login/"), Redirect("/"))),
    # Wagtail admin: trainers and admins only
    Case("cms/", "dashboard", _fixed("/cms/"), CMS, CMS_GET_ONLY),
    Case("cms/", "page explorer", _fixed("/cms/pages/"), CMS, CMS_GET_ONLY),
    Case("cms/", "catalogue pages", lambda w, _me: f"/cms/pages/{w.catalogue.pk}/",
         CMS, CMS_GET_ONLY),
    Case("cms/", "edit a course", lambda w, _me: f"/cms/pages/{w.course.pk}/edit/", CMS, CMS),
    Case("cms/", "quiz snippets", _fixed("/cms/snippets/quizzes/quiz/"), CMS, CMS_GET_ONLY),
    Case("cms/", "edit a quiz",
         lambda w, _me: f"/cms/snippets/quizzes/quiz/edit/{w.quiz.pk}/", CMS, CMS),
    Case("cms/", "documents", _fixed("/cms/documents/"), CMS, CMS_GET_ONLY),
    Case("cms/", "users (admins only)", _fixed("/cms/users/"),
         (LOGIN, LOGIN, LOGIN, LOGIN, CMS_DENIED, 200),
         (LOGIN, LOGIN, LOGIN, LOGIN, CMS_DENIED, 405)),
    # Django admin: staff only (admins)
    # Its login page is allauth's (lms/urls.py): the same rate limits and second factor.
    Case("django-admin/", "sign in", _fixed("/django-admin/login/"),
         (LOGIN, 403, 403, 403, 403, Redirect("/django-admin/")),
         (LOGIN, 403, 403, 403, 403, 200)),  # an admin posting nothing: the form, with errors
    Case("django-admin/", "index", _fixed("/django-admin/"),
         DJANGO_ADMIN,
         DJANGO_ADMIN),
    Case("django-admin/", "groups", _fixed("/django-admin/auth/group/"),
         DJANGO_ADMIN,
         DJANGO_ADMIN),
    Case("django-admin/", "API tokens", _fixed("/django-admin/kpis/apitoken/"),
         DJANGO_ADMIN,
         DJANGO_ADMIN),
    Case("django-admin/", "users", _fixed("/django-admin/accounts/user/"),
         DJANGO_ADMIN,
         DJANGO_ADMIN),
    # Wagtail documents: signed-in people only. The test storage keeps files in memory, so the
    # document is served as a redirect to the file, as from a cloud storage.
    Case("documents/", "a document", lambda w, _me: w.document.url,
         every(Redirect("/media/documents/")), every(Redirect("/media/documents/")),
         settings=(("WAGTAILDOCS_SERVE_METHOD", "redirect"),)),
    # Wagtail's page tree under the language prefix: signed-in people only
    Case(LANGUAGE_PREFIX, "catalogue", _page("catalogue"), every(200), every(200)),
    Case(LANGUAGE_PREFIX, "course page", _page("course"), every(200), every(200)),
    Case(LANGUAGE_PREFIX, "lesson page", _page("lesson"), every(200), every(200)),
    Case(LANGUAGE_PREFIX, "unpublished course",
         lambda w, _me: f"/en/{w.draft_course.slug}/", every(404, 404), every(404, 404)),
]
# fmt: on


# --- listing every URL pattern ----------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    route: str  # the full route, e.g. "team/<int:team_id>/"
    name: str | None  # "namespace:name"
    module: str  # where the view is defined
    mount: str  # the top-level include prefix ("" for a pattern at the top level)

    @property
    def key(self) -> str:
        return self.name or self.route

    @property
    def own(self) -> bool:
        return self.module.split(".")[0] in OWN_PACKAGES or self.route.startswith(OWN_PREFIXES)


def _pattern_text(pattern) -> str:
    return LANGUAGE_PREFIX if isinstance(pattern, LocalePrefixPattern) else str(pattern)


def _view_module(callback) -> str:
    view = getattr(callback, "view_class", None) or callback
    while hasattr(view, "__wrapped__") and not hasattr(view, "view_class"):
        view = view.__wrapped__
    return getattr(view, "__module__", "") or ""


def walk(patterns, prefix: str = "", namespace: str = "", mount: str | None = None) -> Iterator:
    """Every URL pattern under ``patterns``, includes followed, with its full route."""
    for pattern in patterns:
        text = prefix + _pattern_text(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            top = mount if mount is not None else _pattern_text(pattern.pattern)
            yield from walk(pattern.url_patterns, text, inner, top)
        elif isinstance(pattern, URLPattern):
            name = None
            if pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield Route(text, name, _view_module(pattern.callback), mount or "")


def missing_entries(routes, own_keys, third_party_prefixes) -> list[str]:
    """Routes the matrix does not cover: an own pattern without an entry, or a third-party
    pattern under an include prefix the matrix does not know."""
    missing = []
    for route in routes:
        if route.own:
            if route.key not in own_keys:
                missing.append(f"{route.route} (name {route.key!r}, view in {route.module})")
        elif not route.mount or route.mount not in third_party_prefixes:
            missing.append(f"{route.route} (third-party {route.module}, prefix {route.mount!r})")
    return missing


def matrix_size() -> str:
    """The matrix in figures, for the test run's summary and the README."""
    own_patterns = {case.key for case in OWN}
    mounts = {case.key for case in THIRD_PARTY}
    checks = sum(len(row) for case in OWN + THIRD_PARTY for row in (case.get, case.post) if row)
    return (
        f"role matrix: {len(own_patterns)} own URL patterns ({len(OWN)} URLs) + "
        f"{len(mounts)} third-party mounts ({len(THIRD_PARTY)} sample URLs), "
        f"x {len(ROLES)} roles x GET/POST = {checks} checks"
    )
