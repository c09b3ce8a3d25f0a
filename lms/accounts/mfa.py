"""Two-factor authentication is required of the people who can change what everyone learns.

Trainers publish courses and admins can do anything, so a stolen password of theirs reaches
every learner. allauth asks for the TOTP code at sign-in once an authenticator exists; this
middleware makes sure one exists: until then such a user can only reach the account pages,
where the TOTP activation page waits for them.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from lms.accounts import roles

# Paths a trainer or admin without two-factor may still open: to set it up, to sign out, to
# change the language of the page that explains it, and what those pages load.
ALWAYS_OPEN_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/health/", "/api/")


def mfa_required(request) -> bool:
    """Whether the signed-in person's role requires a second factor."""
    if not settings.MFA_REQUIRED_FOR_STAFF:
        return False
    user = request.user
    return user.is_superuser or user.is_staff or roles.request_roles(request)["trainer"]


class RequireMfaForStaffMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(ALWAYS_OPEN_PREFIXES)
            and mfa_required(request)
            and not roles.request_roles(request)["second_factor"]
        ):
            if request.method == "GET":
                messages.warning(
                    request,
                    _(
                        "Trainers and admins must use two-factor authentication. Set up an "
                        "authenticator app to continue."
                    ),
                )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
