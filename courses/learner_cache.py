"""Each learner's rendered "My learning" page, kept until her own learning changes.

Why: /me/ gathers a learner's enrolments, paths, assignments, XP, badges and KPI results from
a dozen tables and renders them through many small templates: the academy's most expensive
page, and the one learners return to between lessons. Between two of her actions nothing on it
changes, so the rendered HTML is kept in Django's cache (Redis in production) under a key made
of:

- her *learner version*, a random token deleted whenever a row about her changes, so the next
  request renders the page again (``changed``);
- the *academy generation*, deleted when something shown to many learners changes: a team's
  targets, a remediation rule, a team name, someone's name, a rebuild of the ledger
  (``everyone_changed``);
- the content version of ``courses.content_cache`` (publishing renames a course at once);
- the language and both her today and the academy's (due dates turn overdue at her midnight,
  KPI weeks at the academy's).

What invalidates: a ``post_save``/``post_delete`` receiver on every model the page reads (see
``connect``), plus explicit calls where services write with ``update()``, ``bulk_create()`` or
raw SQL, which send no signals: the gamification worker's batch, KPI imports, lesson and course
completion, assignment changes, recertification. As with the content cache, the token is
deleted at once and again on commit, so a request that read the old rows between the write and
the commit cannot keep them under a token that outlives the change.

What is not cached: anything of the request. The part with a CSRF token and the opt-out state
(the leaderboard privacy form) is rendered live around the cached HTML.
``TIMEOUT`` bounds what no write announces: a badge that expires in the course of the day.
"""

import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localdate
from django.utils.translation import get_language

from courses import content_cache

GENERATION_KEY = "learner-cache:generation"
TIMEOUT = 10 * 60  # the longest a badge can show "earned" after it expired
TOKEN_TIMEOUT = 60 * 60 * 24 * 30  # an expired token only costs one fresh render


def _version_key(user_id: int) -> str:
    return f"learner-cache:{user_id}:version"


def _forget(keys: list[str]) -> None:
    cache.delete_many(keys)
    # on_commit runs at once outside a transaction (and never when it rolls back).
    transaction.on_commit(lambda: cache.delete_many(keys))


def changed(user_ids: Iterable[int]) -> None:
    """These learners' state changed: their pages are rendered afresh on the next request."""
    keys = [_version_key(user_id) for user_id in sorted(set(user_ids))]
    if keys:
        _forget(keys)


def everyone_changed(**_kwargs: Any) -> None:
    """Something many learners' pages show changed: every page is rendered afresh."""
    _forget([GENERATION_KEY])


def _tokens(keys: list[str]) -> list[str]:
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            token = uuid.uuid4().hex
            # add(): two requests racing on a missing token agree on one.
            if not cache.add(key, token, TOKEN_TIMEOUT):
                token = cache.get(key) or token
            found[key] = token
    return [found[key] for key in keys]


def page(user: Any, name: str, render: Callable[[], str]) -> SafeString:
    """The cached HTML of ``name`` for ``user``, rendered by ``render`` when missing."""
    generation, version = _tokens([GENERATION_KEY, _version_key(user.pk)])
    parts = (
        user.pk,
        generation,
        version,
        content_cache.version(),
        get_language(),
        user.local_today().isoformat(),
        localdate().isoformat(),
        name,
    )
    key = "learner-cache:" + ":".join(map(str, parts))
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, TIMEOUT)
    return mark_safe(html)  # noqa: S308 - our own template output, escaped when rendered


# --- What invalidates ---------------------------------------------------------------------------


def _learner_row_changed(sender, instance=None, **_kwargs: Any) -> None:
    changed([instance.user_id])


def _user_changed(sender, instance=None, update_fields=None, **_kwargs: Any) -> None:
    # Signing in saves last_login only: nothing any page shows.
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    # Her name also appears on the pages of those she assigned courses to.
    everyone_changed()


def connect() -> None:
    """Called from ``CoursesConfig.ready``: every model a learner's page reads."""
    from django.contrib.auth import get_user_model

    from courses.models import Assignment, Certification, Enrolment, LessonCompletion, PathEnrolment
    from gamification.kpis.models import (
        KpiMeasurement,
        KpiTarget,
        RemediationFiring,
        RemediationRule,
    )
    from gamification.models import ActivityDay, BadgeAward, XpEntry, XpTotal
    from lms.accounts.models import Team, TeamMembership

    uid = "courses.learner_cache"
    receivers: dict[Callable[..., None], tuple[type[Model], ...]] = {
        _learner_row_changed: (
            Enrolment,
            LessonCompletion,
            PathEnrolment,
            Assignment,
            Certification,
            XpTotal,
            XpEntry,
            ActivityDay,
            BadgeAward,
            KpiMeasurement,
            RemediationFiring,
            TeamMembership,
        ),
        everyone_changed: (KpiTarget, RemediationRule, Team),
        _user_changed: (get_user_model(),),
    }
    for receiver, models in receivers.items():
        for model in models:
            name = f"{uid}.{model._meta.label_lower}"
            post_save.connect(receiver, sender=model, dispatch_uid=f"{name}.saved")
            if receiver is not _user_changed:
                post_delete.connect(receiver, sender=model, dispatch_uid=f"{name}.deleted")
    post_delete.connect(everyone_changed, sender=get_user_model(), dispatch_uid=f"{uid}.user_del")
