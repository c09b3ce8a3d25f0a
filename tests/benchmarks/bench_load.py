"""Load benchmark: the academy's busiest pages under gunicorn, against a bare page, in one run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/academy_bench \\
    REDIS_URL=redis://127.0.0.1:6379/13 .venv/bin/python -m tests.benchmarks.bench_load

What it does, in about three minutes:

1. drops and recreates the PostgreSQL database named in DATABASE_URL (its name must contain
   "bench") and empties the Redis database in REDIS_URL (it must not be db 0), migrates, seeds
   the demo academy (``seed_demo``, with tasks run eagerly so XP and the Redis leaderboards are
   filled) and collects static files;
2. starts gunicorn on a free loopback port with ``lms.settings.bench`` (production-like, plus the
   baseline view ``/bench/bare/``): 2 x cores sync workers, because a Django page is CPU-bound
   Python, so threads would only queue on the GIL, and loopback has no slow clients for which
   threads or async workers would pay off;
3. signs the demo agent in through the allauth form, fetches every page once and checks it is
   the real page (200 and a marker), then runs wrk for a fixed time per endpoint after a short
   warm-up, in three rounds with the endpoints taking turns (other work on the machine then
   slows them alike): the bare page, a lesson page, /me/, the team leaderboard, and a quiz
   submission;
4. prints req/s, p50 and p95 per endpoint and its ratio to the bare page, stops gunicorn and
   drops the database.

The quiz row: every submission needs an attempt of its own (one open attempt per learner and
quiz), so each wrk connection is a separate agent whose requests alternate "start an attempt"
(POST, draws the layout) and "submit it" (POST with a full-credit answer sheet: validates and
saves every answer, scores the attempt, records the XP event and queues it on the Redis broker).
Its req/s counts both halves; submissions per second are half of it. Afterwards the benchmark
checks in the database that every submitted attempt scored 100 %.

Exit status: 0 when the lesson page and /me/ reach at least ``GOAL`` of the bare page's req/s,
1 when one of them does not, 2 when the benchmark could not run, 3 when a response or a quiz
score was wrong (a benchmark of error pages measures nothing).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import psycopg
import redis
import requests
from psycopg import sql

BASE_DIR = Path(__file__).resolve().parent.parent.parent
MANAGE = str(BASE_DIR / "manage.py")
SETTINGS = "lms.settings.bench"
GOAL = 0.25  # the lesson page and /me/ must reach this share of the bare page's req/s
# Each endpoint is loaded ROUNDS times for ROUND_SECONDS, the endpoints taking turns, so that a
# burst of other work on the machine slows every endpoint alike instead of one of them.
ROUNDS, ROUND_SECONDS = 3, 4
WARMUP = 2  # seconds of load per endpoint before the first round, not counted
THREADS, CONNECTIONS = 2, 16
AGENT_EMAIL, DEMO_PASSWORD = "agent@academy.test", "academy-demo"
QUIZ_AGENT_DOMAIN = "@bench.invalid"


class BenchError(Exception):
    """The benchmark cannot run or its checks failed: say why and stop."""


@dataclass
class Endpoint:
    name: str
    path: str
    script: str  # wrk Lua script
    threads: int = THREADS
    connections: int = CONNECTIONS
    gated: bool = False  # must reach GOAL x bare


@dataclass
class Result:
    endpoint: Endpoint
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    non_2xx_3xx: int
    unexpected: int  # responses with another status than the page's own (200, or 302 for quiz)
    socket_errors: int

    @property
    def rate(self) -> float:
        return self.requests / self.seconds


# --- environment ------------------------------------------------------------------------------


def environment() -> tuple[str, str]:
    """DATABASE_URL and REDIS_URL, refused unless they point at scratch PostgreSQL and Redis."""
    database_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    example = (
        "DATABASE_URL=postgres://postgres@127.0.0.1:5432/academy_bench "
        "REDIS_URL=redis://127.0.0.1:6379/13"
    )
    if not database_url or not redis_url:
        raise BenchError(f"Set DATABASE_URL and REDIS_URL, e.g. {example}")
    parts = urlsplit(database_url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        raise BenchError(
            f"DATABASE_URL must be PostgreSQL (the production database), e.g. {example}"
        )
    if "bench" not in parts.path.lstrip("/"):
        raise BenchError(
            "The benchmark drops and recreates its database: DATABASE_URL must name a scratch "
            f"database whose name contains 'bench', e.g. {example}"
        )
    db_index = (urlsplit(redis_url).path.lstrip("/") or "0").split("?")[0]
    if db_index in ("", "0"):
        raise BenchError(
            "The benchmark empties its Redis database: REDIS_URL must name a dedicated database "
            f"other than 0, e.g. {example}"
        )
    for tool in ("wrk",):
        if shutil.which(tool) is None:
            raise BenchError(
                "wrk is missing: install Debian's package `wrk` (apt-get install wrk)."
            )
    return database_url, redis_url


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    models = re.findall(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    cores = len(re.findall(r"^processor\s*:", cpuinfo, re.MULTILINE)) or os.cpu_count()
    meminfo = Path("/proc/meminfo").read_text()
    kib = int(re.search(r"^MemTotal:\s*(\d+)", meminfo, re.MULTILINE).group(1))
    model = models[0].strip() if models else platform.processor() or "unknown CPU"
    python = platform.python_version()
    return f"{model}, {cores} cores, {kib / 1024 / 1024:.1f} GiB RAM, Python {python}"


def usable_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


# --- database and Redis -----------------------------------------------------------------------


def _admin_connection(database_url: str) -> psycopg.Connection:
    """A connection to the server's maintenance database, to create and drop the bench one."""
    parts = urlsplit(database_url)
    return psycopg.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or None,
        dbname="postgres",
        autocommit=True,
    )


def database_name(database_url: str) -> str:
    return urlsplit(database_url).path.lstrip("/")


def database_recreate(database_url: str) -> None:
    name = sql.Identifier(database_name(database_url))
    with _admin_connection(database_url) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(name))
        # Building the academy commits thousands of small transactions: skip waiting for the
        # disk while building. Reset before the server starts, so the measured writes wait.
        connection.execute(sql.SQL("ALTER DATABASE {} SET synchronous_commit = off").format(name))


def database_durable(database_url: str) -> None:
    name = sql.Identifier(database_name(database_url))
    with _admin_connection(database_url) as connection:
        connection.execute(sql.SQL("ALTER DATABASE {} RESET synchronous_commit").format(name))


def database_drop(database_url: str) -> None:
    name = sql.Identifier(database_name(database_url))
    with _admin_connection(database_url) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))


def redis_flush(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url)
    try:
        client.flushdb()
    finally:
        client.close()


def manage_start(*args: str, settings: str = SETTINGS, **env: str) -> subprocess.Popen:
    """Start a management command in its own process, its output kept for ``manage_wait``."""
    environ = {**os.environ, "DJANGO_SETTINGS_MODULE": settings, "LOG_LEVEL": "WARNING", **env}
    return subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, MANAGE, *args],
        cwd=BASE_DIR,
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def manage_wait(command: subprocess.Popen) -> None:
    """Wait for the command; show its output only if it failed."""
    output, _ = command.communicate()
    if command.returncode:
        raise BenchError(f"{' '.join(command.args[1:])} failed:\n{output}")


def manage(*args: str, settings: str = SETTINGS, **env: str) -> None:
    manage_wait(manage_start(*args, settings=settings, **env))


def build_academy(database_url: str, redis_url: str) -> None:
    step = time.perf_counter()
    database_recreate(database_url)
    redis_flush(redis_url)
    # Static files need no database: collect them while the database is migrated.
    collectstatic = manage_start("collectstatic", "--noinput", "--verbosity=0")
    try:
        manage("migrate", "--noinput")
    finally:
        manage_wait(collectstatic)
    print(
        f"  migrated and collected static files in {time.perf_counter() - step:.0f} s", flush=True
    )
    step = time.perf_counter()
    # seed_demo only runs with DEBUG on (it creates logins with a published password), so it
    # runs with the dev settings; eager tasks turn its progress into XP and Redis boards now.
    manage("seed_demo", settings="lms.settings.dev", CELERY_TASK_ALWAYS_EAGER="1")
    print(f"  seeded in {time.perf_counter() - step:.0f} s", flush=True)
    database_durable(database_url)


# --- the data the load needs, read and written through Django in this process -----------------


@dataclass
class Fixtures:
    lesson_path: str
    lesson_title: str
    quiz_id: int
    quiz_title: str
    quiz_questions: int
    quiz_body: str  # a full-credit answer sheet, form-encoded
    quiz_sessions: list[str]  # one signed-in agent per quiz connection


def _answer_fields(question_id: int, kind: str, response: dict) -> list[tuple[str, str]]:
    """The form fields templates/quizzes/_question.html posts for ``response``."""
    name = f"q{question_id}"
    if "choice" in response:
        return [(name, str(response["choice"]))]
    if "choices" in response:
        return [(f"{name}-present", "1")] + [(name, str(c)) for c in response["choices"]]
    if "order" in response:
        return [(f"{name}-pos-{c}", str(i)) for i, c in enumerate(response["order"], 1)]
    if "pairs" in response:
        return [(f"{name}-match-{c}", str(t)) for c, t in response["pairs"].items()]
    return [(name, response["text"])]


def prepare_fixtures(connections: int) -> Fixtures:
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from courses.models import Enrolment, LessonPage
    from lms.accounts.models import TeamMembership, User
    from quizzes.models import FeedbackMode, Quiz
    from quizzes.scoring import model_response
    from quizzes.services import question_keys

    agent = User.objects.get(email=AGENT_EMAIL)
    # A lesson of a course the agent is taking: the page an agent opens most.
    enrolled = Enrolment.objects.filter(user=agent).values_list("course_id", flat=True)
    lessons = LessonPage.objects.live().filter(locale__language_code="en").order_by("path")
    lesson = next(
        (page for page in lessons if page.get_parent().pk in set(enrolled)), lessons.first()
    )
    if lesson is None:
        raise BenchError("seed_demo made no lesson page")

    # The quiz with the most questions that anyone may take again and again.
    candidates = [
        quiz
        for quiz in Quiz.objects.filter(
            max_attempts__isnull=True,
            cooldown_minutes=0,
            time_limit_minutes__isnull=True,
            draw_topic__isnull=True,
            feedback_mode=FeedbackMode.DEFERRED,
        ).prefetch_related("questions__choices")
        if quiz.questions.all()
    ]
    if not candidates:
        raise BenchError("seed_demo made no quiz without attempt limits")
    quiz = max(candidates, key=lambda q: (len(q.questions.all()), -q.pk))
    questions = list(quiz.questions.all())
    keys = question_keys(questions)
    fields: list[tuple[str, str]] = []
    for question in questions:
        fields += _answer_fields(question.pk, question.kind, model_response(keys[question.pk]))

    team = TeamMembership.objects.filter(user=agent).values_list("team_id", flat=True).first()
    sessions = []
    for number in range(connections):
        user, _created = User.objects.get_or_create(
            email=f"quiz-agent-{number}{QUIZ_AGENT_DOMAIN}",
            defaults={"first_name": "Quiz", "last_name": f"Agent {number}"},
        )
        if team:
            TeamMembership.objects.get_or_create(team_id=team, user=user)
        # The same session django.contrib.auth.login() would write: these agents never type
        # a password, and the login form's rate limit allows 30 sign-ins a minute.
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        sessions.append(store.session_key)
    return Fixtures(
        lesson_path=lesson.url,
        lesson_title=lesson.title,
        quiz_id=quiz.pk,
        quiz_title=quiz.title,
        quiz_questions=len(questions),
        quiz_body=urlencode(fields),
        quiz_sessions=sessions,
    )


def quiz_attempts_check(quiz_id: int) -> tuple[int, int]:
    """(submitted attempts by the quiz agents, those that scored less than 100 %)."""
    from quizzes.models import Attempt

    submitted = Attempt.objects.filter(
        quiz_id=quiz_id,
        user__email__endswith=QUIZ_AGENT_DOMAIN,
        submitted_at__isnull=False,
    )
    return submitted.count(), submitted.exclude(score=100).count()


def django_close() -> None:
    if "django" in sys.modules:
        from django.db import connections

        connections.close_all()


# --- gunicorn ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def gunicorn_start(port: int, workers: int, log: Path) -> subprocess.Popen:
    environ = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS}
    server = subprocess.Popen(  # noqa: S603 - our own interpreter
        [
            sys.executable,
            "-m",
            "gunicorn",
            "lms.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--worker-class=sync",
            # Import the academy once in the master and fork: workers are ready in a second.
            "--preload",
            "--log-level=warning",
            f"--error-logfile={log}",
        ],
        cwd=BASE_DIR,
        env=environ,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(f"gunicorn exited with {server.returncode}:\n{log.read_text()}")
        try:
            if requests.get(f"http://127.0.0.1:{port}/bench/bare/", timeout=10).ok:
                return server
        except requests.RequestException:
            pass
        time.sleep(0.3)
    gunicorn_stop(server)
    raise BenchError(f"gunicorn did not answer within a minute:\n{log.read_text()}")


def gunicorn_stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)  # the master stops its workers gracefully
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# --- signing in and checking the pages --------------------------------------------------------

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def sign_in(base: str) -> requests.Session:
    """The demo agent signs in through the allauth form, as in a browser."""
    browser = requests.Session()
    form = browser.get(f"{base}/accounts/login/", timeout=10)
    token = CSRF_FIELD.search(form.text)
    if form.status_code != 200 or token is None:
        raise BenchError(f"The login page answered {form.status_code} without a CSRF token.")
    answer = browser.post(
        f"{base}/accounts/login/",
        data={"login": AGENT_EMAIL, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token[1]},
        headers={"Referer": f"{base}/accounts/login/"},
        allow_redirects=False,
        timeout=10,
    )
    if answer.status_code != 302 or "sessionid" not in browser.cookies:
        raise BenchError(f"Signing in as {AGENT_EMAIL} failed: {answer.status_code}")
    return browser


def page_check(browser: requests.Session, url: str, marker: str) -> int:
    """The page is the real one for this user (not a redirect to the login page); its size."""
    answer = browser.get(url, allow_redirects=False, timeout=10)
    if answer.status_code != 200 or marker not in answer.text:
        raise BenchError(
            f"GET {url} answered {answer.status_code}"
            f"{'' if marker in answer.text else f' without {marker!r}'}: not worth loading."
        )
    return len(answer.content)


def quiz_csrf_tokens(base: str, fixtures: Fixtures) -> list[str]:
    """Each quiz agent opens the quiz once: its CSRF cookie, then one full round by hand."""
    tokens = []
    for session in fixtures.quiz_sessions:
        browser = requests.Session()
        browser.cookies.set("sessionid", session)
        page = browser.get(f"{base}/quizzes/{fixtures.quiz_id}/", timeout=10)
        if page.status_code != 200 or "csrftoken" not in browser.cookies:
            raise BenchError(f"A quiz agent could not open the quiz: {page.status_code}")
        tokens.append(browser.cookies["csrftoken"])
    # The round each wrk request pair makes, once, with its answers checked.
    before, _below = quiz_attempts_check(fixtures.quiz_id)
    browser = requests.Session()
    browser.cookies.set("sessionid", fixtures.quiz_sessions[0])
    browser.cookies.set("csrftoken", tokens[0])
    headers = {"X-CSRFToken": tokens[0], "Content-Type": "application/x-www-form-urlencoded"}
    started = browser.post(
        f"{base}/quizzes/{fixtures.quiz_id}/start/", headers=headers, allow_redirects=False
    )
    attempt = re.search(r"/quizzes/attempts/(\d+)/$", started.headers.get("Location", ""))
    if started.status_code != 302 or attempt is None:
        raise BenchError(f"Starting the quiz answered {started.status_code}: {started.headers}")
    submitted = browser.post(
        f"{base}/quizzes/attempts/{attempt[1]}/submit/",
        data=fixtures.quiz_body,
        headers=headers,
        allow_redirects=False,
    )
    if submitted.status_code != 302 or not submitted.headers["Location"].endswith("/result/"):
        raise BenchError(f"Submitting the quiz answered {submitted.status_code}")
    count, below = quiz_attempts_check(fixtures.quiz_id)
    if count != before + 1 or below:
        raise BenchError("The benchmark's answer sheet does not score 100 %: fix _answer_fields.")
    return tokens


# --- wrk --------------------------------------------------------------------------------------

# Prints one machine-readable line; latencies are in microseconds. `unexpected` counts responses
# with another status than the page's own: wrk itself counts only 4xx and 5xx as errors, and a
# 302 to the login page would otherwise pass for a fast page.
LUA_REPORT = """
done = function(summary, latency, requests)
  local unexpected = 0
  for _, thread in ipairs(threads) do unexpected = unexpected + thread:get("unexpected") end
  io.write(string.format(
    "BENCH requests=%d duration=%d p50=%d p95=%d status=%d unexpected=%d sockets=%d\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    summary.errors.status, unexpected,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def lua_page(cookie: str) -> str:
    return (
        f'wrk.headers["Cookie"] = "{cookie}"\n'
        "unexpected = 0\n"
        "threads = {}\n"
        "setup = function(thread) table.insert(threads, thread) end\n"
        "response = function(status, headers, body)\n"
        "  if status ~= 200 then unexpected = unexpected + 1 end\n"
        "end\n" + LUA_REPORT
    )


def lua_quiz(fixtures: Fixtures, tokens: list[str]) -> str:
    """One wrk thread per connection, each a different agent: start, submit, start, submit..."""
    agents = ",\n".join(
        f'  {{cookie = "sessionid={session}; csrftoken={token}", token = "{token}"}}'
        for session, token in zip(fixtures.quiz_sessions, tokens, strict=True)
    )
    return (
        textwrap.dedent(
            """
            agents = {
            %s
            }
            body = "%s"
            start_path = "/quizzes/%d/start/"
            unexpected = 0
            attempt = nil
            threads = {}
            setup = function(thread)
              table.insert(threads, thread)
              local agent = agents[#threads]
              thread:set("cookie", agent.cookie)
              thread:set("token", agent.token)
            end
            request = function()
              local headers = {
                ["Cookie"] = cookie,
                ["X-CSRFToken"] = token,
                ["Content-Type"] = "application/x-www-form-urlencoded",
              }
              if attempt then
                local path = "/quizzes/attempts/" .. attempt .. "/submit/"
                return wrk.format("POST", path, headers, body)
              end
              return wrk.format("POST", start_path, headers, "")
            end
            response = function(status, headers, body)
              local location = headers["Location"] or ""
              if status ~= 302 then
                unexpected = unexpected + 1
                attempt = nil
              elseif attempt == nil then
                attempt = string.match(location, "/quizzes/attempts/(%%d+)/$")
                if attempt == nil then unexpected = unexpected + 1 end
              else
                if not string.match(location, "/result/$") then unexpected = unexpected + 1 end
                attempt = nil
              end
            end
            """
        )
        % (agents, fixtures.quiz_body, fixtures.quiz_id)
        + LUA_REPORT
    )


def wrk(base: str, endpoint: Endpoint, seconds: int, folder: Path) -> Result:
    script = folder / f"{endpoint.name.replace(' ', '_').replace('/', '')}.lua"
    script.write_text(endpoint.script)
    done = subprocess.run(  # noqa: S603 - wrk with our arguments
        [
            shutil.which("wrk") or "wrk",
            f"--threads={endpoint.threads}",
            f"--connections={endpoint.connections}",
            f"--duration={seconds}s",
            "--timeout=10s",
            "--latency",
            f"--script={script}",
            f"{base}{endpoint.path}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    line = re.search(r"^BENCH (.+)$", done.stdout, re.MULTILINE)
    if done.returncode or line is None:
        raise BenchError(f"wrk failed on {endpoint.path}:\n{done.stdout}\n{done.stderr}")
    values = dict(item.split("=") for item in line[1].split())
    return Result(
        endpoint=endpoint,
        requests=int(values["requests"]),
        seconds=int(values["duration"]) / 1e6,
        p50_ms=int(values["p50"]) / 1000,
        p95_ms=int(values["p95"]) / 1000,
        non_2xx_3xx=int(values["status"]),
        unexpected=int(values["unexpected"]),
        socket_errors=int(values["sockets"]),
    )


def combined(rounds: list[Result]) -> Result:
    """All rounds of one endpoint: requests over time; p50 and p95 the median round's."""
    return Result(
        endpoint=rounds[0].endpoint,
        requests=sum(r.requests for r in rounds),
        seconds=sum(r.seconds for r in rounds),
        p50_ms=statistics.median(r.p50_ms for r in rounds),
        p95_ms=statistics.median(r.p95_ms for r in rounds),
        non_2xx_3xx=sum(r.non_2xx_3xx for r in rounds),
        unexpected=sum(r.unexpected for r in rounds),
        socket_errors=sum(r.socket_errors for r in rounds),
    )


# --- the run ----------------------------------------------------------------------------------


def report(results: list[Result]) -> tuple[list[str], list[str]]:
    """Print the table; return the wrong answers and the missed goals."""
    bare = results[0].rate
    print()
    print(
        f"{'endpoint':<28}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'non-2xx/3xx':>13}{'unexpected':>12}{'ratio':>8}"
    )
    failures, missed = [], []
    for result in results:
        ratio = result.rate / bare
        print(
            f"{result.endpoint.name:<28}{result.rate:>9.1f}{result.p50_ms:>9.1f}"
            f"{result.p95_ms:>9.1f}{result.non_2xx_3xx:>13}{result.unexpected:>12}{ratio:>8.2f}"
        )
        if result.non_2xx_3xx or result.unexpected or result.socket_errors:
            failures.append(
                f"{result.endpoint.name}: {result.non_2xx_3xx} error statuses, "
                f"{result.unexpected} unexpected statuses, {result.socket_errors} socket errors"
            )
        if result.endpoint.gated and ratio < GOAL:
            missed.append(f"{result.endpoint.name}: {ratio:.2f} of the bare page, goal {GOAL}")
    return failures, missed


def run(database_url: str, redis_url: str, *, reuse: bool) -> int:
    cores = usable_cores()
    workers = 2 * cores
    print(f"machine: {machine()}")
    print(
        f"server: gunicorn, {workers} sync workers, {SETTINGS}; load: wrk, {ROUNDS} rounds of "
        f"{ROUND_SECONDS} s per endpoint in turn after {WARMUP} s warm-up, "
        f"{THREADS} threads x {CONNECTIONS} connections "
        f"(quiz: {CONNECTIONS} x 1, one agent each)"
    )
    if reuse:
        print("Reusing the bench academy a --keep run left.", flush=True)
    else:
        print("Building the bench academy...", flush=True)
        build_academy(database_url, redis_url)
    fixtures = prepare_fixtures(CONNECTIONS)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="bench-load-") as scratch:
        folder = Path(scratch)
        server = gunicorn_start(port, workers, folder / "gunicorn.log")
        try:
            browser = sign_in(base)
            cookie = "; ".join(f"{name}={value}" for name, value in browser.cookies.items())
            page = lua_page(cookie)
            sizes = {
                "bare": page_check(browser, f"{base}/bench/bare/", "Bare page"),
                "lesson": page_check(browser, base + fixtures.lesson_path, fixtures.lesson_title),
                "me": page_check(browser, f"{base}/me/", 'href="/me/"'),
                "board": page_check(browser, f"{base}/leaderboards/", "/leaderboards/privacy/"),
            }
            tokens = quiz_csrf_tokens(base, fixtures)
            print(
                f"lesson: {fixtures.lesson_path} ({sizes['lesson'] // 1024} KiB; bare page "
                f"{sizes['bare'] // 1024} KiB, /me/ {sizes['me'] // 1024} KiB, leaderboard "
                f"{sizes['board'] // 1024} KiB); quiz: {fixtures.quiz_title!r}, "
                f"{fixtures.quiz_questions} questions",
                flush=True,
            )
            endpoints = [
                Endpoint("bare page (baseline)", "/bench/bare/", page),
                Endpoint("lesson page", fixtures.lesson_path, page, gated=True),
                Endpoint("/me/", "/me/", page, gated=True),
                Endpoint("leaderboard (team, week)", "/leaderboards/", page),
                Endpoint(
                    "quiz start+submit",
                    f"/quizzes/{fixtures.quiz_id}/start/",
                    lua_quiz(fixtures, tokens),
                    threads=CONNECTIONS,
                    connections=CONNECTIONS,
                ),
            ]
            print("  warming up...", flush=True)
            for endpoint in endpoints:
                wrk(base, endpoint, WARMUP, folder)
            rounds: dict[str, list[Result]] = {endpoint.name: [] for endpoint in endpoints}
            for number in range(1, ROUNDS + 1):
                print(f"  round {number} of {ROUNDS}...", flush=True)
                for endpoint in endpoints:
                    rounds[endpoint.name].append(wrk(base, endpoint, ROUND_SECONDS, folder))
            results = [combined(rounds[endpoint.name]) for endpoint in endpoints]
            submitted, below = quiz_attempts_check(fixtures.quiz_id)
        finally:
            gunicorn_stop(server)
    failures, missed = report(results)
    quiz = results[-1]
    print(
        f"\nquiz: {quiz.rate / 2:.1f} submissions/s; {submitted} attempts submitted in all "
        f"(warm-up and check included), {below} of them below 100 %"
    )
    if below:
        failures.append(f"quiz: {below} submitted attempts scored below 100 %")
    if failures:
        print("\nWRONG ANSWERS:\n  " + "\n  ".join(failures + missed))
        return 3
    if missed:
        print("\nGOAL MISSED:\n  " + "\n  ".join(missed))
        return 1
    print(f"\nOK: the lesson page and /me/ reach at least {GOAL} of the bare page.")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--keep", action="store_true", help="keep the bench database and Redis data (to profile)"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="skip the build: use what a --keep run left"
    )
    options = parser.parse_args()
    try:
        database_url, redis_url = environment()
    except BenchError as error:
        print(f"bench_load: {error}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        return run(database_url, redis_url, reuse=options.reuse)
    except BenchError as error:
        print(f"bench_load: {error}", file=sys.stderr)
        return 2
    finally:
        django_close()
        if not options.keep:
            database_drop(database_url)
            redis_flush(redis_url)
        kept = "kept" if options.keep else "dropped"
        print(f"(benchmark took {time.perf_counter() - started:.0f} s; bench database {kept})")


if __name__ == "__main__":
    sys.exit(main())
