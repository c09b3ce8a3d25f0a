"""A person's language goes with her account, not only with the browser she picked it in.

Django keeps the chosen language in a cookie: a new device, a cleared browser or an email sent
by the nightly reminder run knows nothing of it. So the academy also keeps the last language a
signed-in person picked on her account, brings it back when she signs in, and writes her emails
in it (``courses.services.reminders``).
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

from lms.accounts.models import User


def is_academy_language(code: str | None) -> bool:
    return bool(code) and code in dict(settings.LANGUAGES)


def language_preference_set(*, user: User, language: str) -> None:
    """Keep ``language`` as the person's own; an unknown code is refused."""
    if not is_academy_language(language):
        raise ValueError(f"not one of the academy's languages: {language!r}")
    if user.language != language:
        # update(): nothing any page shows changes, so no signal needs to run.
        User.objects.filter(pk=user.pk).update(language=language)
        user.language = language


def restore_language(sender, request: HttpRequest, response: HttpResponseBase, user: User, **_kw):
    """allauth's ``user_logged_in``: the redirect after signing in carries her language.

    Only a language she picked: someone who never used the menu keeps getting the browser's.
    """
    if not is_academy_language(user.language):
        return
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        user.language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
