"""Real Celery workers and a private Redis, as subprocesses, for reliability tests and benchmarks.

Nothing here imports pytest: ``manage.py bench_events`` starts its workers with the same code
as the tests, so a benchmark measures the worker the tests prove correct.

- ``celery_worker()`` starts ``celery -A lms worker`` on its own queue against the database the
  caller is connected to (pytest-django's ``test_<name>`` inside a test), waits until it is
  ready and stops it afterwards; ``Worker.kill()`` SIGKILLs its whole process group.
- ``publishing_to()`` switches this process's Celery app from eager to a real broker and that
  queue, so ``process_events.delay`` on commit really goes through Redis, and restores it after.
- ``RedisServer`` is a throwaway ``redis-server`` on a free port that a test can stop and
  start again on the same port (a broker outage).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
CELERY = Path(sys.executable).with_name("celery")
READY_TIMEOUT = 60.0
STOP_TIMEOUT = 20.0
# "Task gamification.tasks.process_events[<id>] succeeded in 0.2s: 200"
SUCCEEDED = re.compile(r"Task (?P<task>[\w.]+)\[[\w-]+\] succeeded in [\d.e-]+s: (?P<result>.*)$")


def wait_until(
    predicate: Callable[[], Any], *, timeout: float, interval: float = 0.05, what: str = ""
) -> Any:
    """Poll ``predicate`` until it returns something truthy; return that, or raise on timeout."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what or predicate}")
        time.sleep(interval)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def unique_queue(prefix: str = "test-gamification") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


# --- the database the worker must use ---------------------------------------------------------


def database_url(alias: str = "default") -> str:
    """A DATABASE_URL for the database this process is connected to right now.

    Inside a test that is pytest-django's ``test_<name>``, not the name in the environment:
    a worker reading DATABASE_URL from the environment would write to the wrong database.
    """
    from django.db import connections

    settings_dict = connections[alias].settings_dict
    if settings_dict["ENGINE"] != "django.db.backends.postgresql":
        raise RuntimeError("a real worker needs PostgreSQL: SQLite cannot be shared this way")
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{credentials}{host}:{port}/{quote(settings_dict['NAME'], safe='')}"


def worker_environment(
    *,
    broker_url: str,
    database: str,
    redis_url: str,
    settings_module: str = "lms.settings.test",
    extra: dict[str, str] | None = None,
) -> dict[str, str]:
    """The environment of a worker that sees exactly what this process sees.

    REDIS_URL stays the caller's (cache and leaderboards, which ``ledger_drift`` compares),
    CELERY_BROKER_URL may point elsewhere (the private broker of the outage test). Eagerness is
    switched off for form's sake: a worker executes what it receives either way.
    """
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE=settings_module,
        DATABASE_URL=database,
        REDIS_URL=redis_url,
        CELERY_BROKER_URL=broker_url,
        CELERY_TASK_ALWAYS_EAGER="0",
        # A worker with DEBUG on keeps every query in memory, and production runs it off.
        DEBUG="0",
        PYTHONUNBUFFERED="1",
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests; a worker never needs it
    env.update(extra or {})
    return env


# --- the worker -------------------------------------------------------------------------------


@dataclass
class Worker:
    name: str
    queue: str
    process: subprocess.Popen[bytes]
    log_path: Path
    exit_code: int | None = field(default=None)

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return not self._exited()

    def _exited(self) -> bool:
        """Whether the main process has exited, without reaping it.

        An unreaped leader (even a zombie) keeps its process group id reserved, so killing the
        group afterwards can only reach this worker's processes, never a recycled pid.
        """
        if self.process.returncode is not None:
            return True
        try:
            status = os.waitid(os.P_PID, self.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        except ChildProcessError:
            return True
        return status is not None

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log().splitlines()[-lines:])

    def results(self, task: str | None = None) -> list[str]:
        """The logged return values of the tasks this worker finished (optionally of one task)."""
        found = []
        for line in self.log().splitlines():
            match = SUCCEEDED.search(line)
            if match and (task is None or match["task"] == task):
                found.append(match["result"].strip())
        return found

    def kill(self) -> None:
        """SIGKILL the main process and its pool children at once: a machine that died."""
        self._kill_group()
        self.exit_code = self.process.wait(timeout=STOP_TIMEOUT)

    def stop(self, timeout: float = STOP_TIMEOUT) -> None:
        """Warm shutdown (SIGTERM: running tasks finish), then SIGKILL whatever is left."""
        if not self._exited():
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGTERM)
            with contextlib.suppress(TimeoutError):
                wait_until(self._exited, timeout=timeout, what=f"worker {self.name} to stop")
        # Pool children that outlived their parent would keep database connections open.
        self._kill_group()
        self.exit_code = self.process.wait(timeout=timeout)

    def _kill_group(self) -> None:
        if self.process.returncode is not None:
            return  # reaped: the group id may belong to someone else by now
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signal.SIGKILL)


def start_worker(
    *,
    broker_url: str,
    queue: str,
    pool: str = "prefork",
    concurrency: int = 1,
    name: str | None = None,
    database: str | None = None,
    redis_url: str | None = None,
    settings_module: str = "lms.settings.test",
    log_dir: Path | None = None,
    ready_timeout: float = READY_TIMEOUT,
) -> Worker:
    """Start ``celery -A lms worker`` consuming only ``queue`` and wait until it is ready."""
    from django.conf import settings

    if pool not in {"prefork", "solo", "threads"}:
        raise ValueError(f"unknown pool {pool!r}")
    name = name or f"w{uuid.uuid4().hex[:8]}"
    log_dir = log_dir or Path(tempfile.mkdtemp(prefix="celery-worker-"))
    log_path = log_dir / f"{name}.log"
    command = [
        str(CELERY),
        "-A",
        "lms",
        "worker",
        f"--pool={pool}",
        f"--concurrency={concurrency}",
        "-Q",
        queue,
        "-n",
        f"{name}@%h",
        "--loglevel=INFO",
        # Nothing to synchronise with other workers; these only slow the start down.
        "--without-mingle",
        "--without-gossip",
        "--without-heartbeat",
    ]
    env = worker_environment(
        broker_url=broker_url,
        database=database or database_url(),
        redis_url=redis_url if redis_url is not None else settings.REDIS_URL,
        settings_module=settings_module,
    )
    with log_path.open("wb") as log:
        process = subprocess.Popen(  # noqa: S603 - our own venv's celery, fixed arguments
            command,
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            # Its own process group, so kill() and stop() reach the pool children too.
            start_new_session=True,
        )
    worker = Worker(name=name, queue=queue, process=process, log_path=log_path)
    try:
        wait_until(
            lambda: " ready." in worker.log() or not worker.alive(),
            timeout=ready_timeout,
            interval=0.1,
            what=f"worker {name} to be ready",
        )
    except TimeoutError:
        worker.stop()
        raise RuntimeError(f"worker {name} did not start:\n{worker.log_tail()}") from None
    if not worker.alive():
        raise RuntimeError(f"worker {name} exited at start:\n{worker.log_tail()}")
    return worker


@contextlib.contextmanager
def celery_worker(**options: Any) -> Iterator[Worker]:
    """``start_worker(**options)`` as a context manager that always stops the worker."""
    worker = start_worker(**options)
    try:
        yield worker
    finally:
        worker.stop()


# --- this process as a producer ---------------------------------------------------------------


def _reset_producer_pools(app: Any) -> None:
    """Drop pooled broker connections, so the next publish connects to the current URL."""
    from kombu import pools

    pools.reset()
    app._pool = None
    amqp = app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None


@contextlib.contextmanager
def publishing_to(broker_url: str, queue: str) -> Iterator[Any]:
    """Make ``task.delay()`` in this process publish to ``broker_url``/``queue``, not run eagerly.

    The test settings run tasks eagerly; a test that wants the real path (on_commit -> broker
    -> worker) needs the opposite, and every other test needs eagerness back afterwards.
    """
    from lms.celery import app

    names = ("task_always_eager", "broker_url", "task_default_queue")
    saved = {name: app.conf[name] for name in names}
    app.conf.update(task_always_eager=False, broker_url=broker_url, task_default_queue=queue)
    _reset_producer_pools(app)
    try:
        yield app
    finally:
        app.conf.update(saved)
        _reset_producer_pools(app)


def purge_queue(broker_url: str, queue: str) -> None:
    """Delete a throwaway queue: messages of tasks killed with their worker, and the bindings
    kombu keeps for the queue's exchange (named after the queue)."""
    import redis

    client = redis.Redis.from_url(broker_url, socket_connect_timeout=1, socket_timeout=1)
    try:
        client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
    except redis.RedisError:
        pass
    finally:
        client.close()


# --- a private Redis --------------------------------------------------------------------------


def redis_server_binary() -> str | None:
    return shutil.which("redis-server")


class RedisServer:
    """A memory-only ``redis-server`` on a fixed port; stop() then start() is an outage."""

    def __init__(self, port: int | None = None) -> None:
        binary = redis_server_binary()
        if binary is None:
            raise RuntimeError("redis-server is not installed")
        self.binary = binary
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.directory = Path(tempfile.mkdtemp(prefix="redis-"))

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 10.0) -> None:
        import redis

        self.process = subprocess.Popen(  # noqa: S603 - the system redis-server, fixed arguments
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

        def answers() -> bool:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"redis-server exited with {self.process.returncode}")
            client = redis.Redis(port=self.port, socket_connect_timeout=0.2, socket_timeout=0.2)
            try:
                return bool(client.ping())
            except redis.RedisError:
                return False
            finally:
                client.close()

        wait_until(answers, timeout=timeout, what=f"redis-server on port {self.port}")

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=STOP_TIMEOUT)
        self.process = None

    def __enter__(self) -> RedisServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)
