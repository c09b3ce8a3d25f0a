"""A cache of structures derived only from published content, shared by every learner.

Why: the learner pages (a lesson, /me/) spend most of their time in the ORM building the same
course structure for every request: a course's live lessons, the courses and paths of a locale,
path steps, prerequisites, XP levels, badge and KPI definitions. These change only when an
editor publishes, unpublishes, moves or deletes a page, or an admin edits levels, badges or KPI
definitions. So they are kept in Django's cache (Redis in production, LocMem in tests) under
keys that include a *content version*, a random token that every such change replaces: the next
request then reads the database again. Nothing per learner is cached here: enrolments,
completions, assignments, XP and notifications are read by queries, or kept with the learner's
rendered /me/ by ``courses.learner_cache`` until any of them changes.

The token is replaced at once and again when the transaction commits, so a request that read
the old rows between the change and the commit cannot leave them cached under the new token.

Each process also keeps the values of the current token in memory, so a request reads the token
from the shared cache once and unpickles nothing. Callers must treat cached values as read-only:
they are shared by the requests a process serves.
"""

import threading
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import post_delete, post_save

T = TypeVar("T")

VERSION_KEY = "content-cache:version"
TIMEOUT = 60 * 60 * 24  # a day: entries of a replaced version simply expire


class _State(threading.local):
    in_request = False
    token: str | None = None  # read once per request


_state = _State()
# The values of one token in this process: {token: {name: value}}; older tokens are dropped.
_memo: dict[str, dict[str, Any]] = {}


def _read_version() -> str:
    token = cache.get(VERSION_KEY)
    if token is None:
        token = uuid.uuid4().hex
        # add(): two requests racing on an empty cache agree on one token.
        if not cache.add(VERSION_KEY, token, None):
            token = cache.get(VERSION_KEY) or token
    return token


def version() -> str:
    """The current content version; read once per request, on every call outside one."""
    if _state.in_request and _state.token is not None:
        return _state.token
    token = _read_version()
    if _state.in_request:
        _state.token = token
    return token


def _set_version() -> None:
    token = uuid.uuid4().hex
    cache.set(VERSION_KEY, token, None)
    _state.token = token if _state.in_request else None
    _memo.clear()


def bump(**_kwargs: Any) -> None:
    """Forget every cached structure: published content changed."""
    _set_version()
    # on_commit runs at once outside a transaction (and never when it rolls back).
    transaction.on_commit(_set_version)


def _key(name: str, token: str) -> str:
    return f"content-cache:{token}:{name}"


def _values(token: str) -> dict[str, Any]:
    if token not in _memo:
        _memo.clear()
        _memo[token] = {}
    return _memo[token]


def get(name: str, build: Callable[[], T]) -> T:
    """The cached value of ``name`` for the current content version, built when missing.

    ``build`` returning None means "nothing": it is not cached.
    """
    token = version()
    values = _values(token)
    if name in values:
        return values[name]
    key = _key(name, token)
    cached = cache.get(key)
    if cached is not None:
        values[name] = cached
        return cached
    value = build()
    if value is not None:  # None is nothing found (a mistyped URL, say): not worth keeping
        cache.set(key, value, TIMEOUT)
        values[name] = value
    return value


def get_many(names: list[str], build: Callable[[list[str]], dict[str, T]]) -> dict[str, T]:
    """Several cached values at once; ``build`` receives the missing names only."""
    token = version()
    values = _values(token)
    found = {name: values[name] for name in names if name in values}
    wanted = {_key(name, token): name for name in names if name not in found}
    if wanted:
        shared = cache.get_many(list(wanted))
        found.update({wanted[key]: value for key, value in shared.items()})
        missing = [name for name in names if name not in found]
        if missing:
            built = build(missing)
            cache.set_many({_key(name, token): built[name] for name in missing}, TIMEOUT)
            found.update(built)
        values.update({name: found[name] for name in wanted.values()})
    return found


def _request_started(**_kwargs: Any) -> None:
    _state.in_request, _state.token = True, None


def _request_finished(**_kwargs: Any) -> None:
    _state.in_request, _state.token = False, None


def _page_changed(sender, instance=None, **_kwargs: Any) -> None:
    from wagtail.models import Page

    if isinstance(instance, Page):
        bump()


def connect() -> None:
    """Called from ``CoursesConfig.ready``: every change of what the cache derives from."""
    from wagtail.images import get_image_model
    from wagtail.models import Locale, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from courses.models import CoursePrerequisite, LearningPathCourse
    from gamification.kpis.models import KpiDefinition
    from gamification.models import BadgeClass, Level
    from quizzes.models import Quiz
    from scenarios.models import Scenario

    uid = "courses.content_cache"
    request_started.connect(_request_started, dispatch_uid=f"{uid}.request_started")
    request_finished.connect(_request_finished, dispatch_uid=f"{uid}.request_finished")
    # Every page save, not only publishing: creating, unpublishing, renaming a draft's slug ...
    post_save.connect(_page_changed, dispatch_uid=f"{uid}.page_saved")
    post_delete.connect(_page_changed, dispatch_uid=f"{uid}.page_deleted")
    page_published.connect(bump, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(bump, dispatch_uid=f"{uid}.unpublished")
    post_page_move.connect(bump, dispatch_uid=f"{uid}.moved")
    # Badges are cached with their pictures and the quizzes and roleplays they name.
    models = (CoursePrerequisite, LearningPathCourse, Level, BadgeClass, KpiDefinition)
    for model in (*models, Locale, Site, PageViewRestriction, get_image_model(), Quiz, Scenario):
        name = model._meta.label_lower
        post_save.connect(bump, sender=model, dispatch_uid=f"{uid}.{name}.saved")
        post_delete.connect(bump, sender=model, dispatch_uid=f"{uid}.{name}.deleted")
