"""Following an invitation link: sign up with the invited address, or join as who you are."""

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lms.accounts import services
from lms.accounts.adapter import SESSION_KEY
from lms.accounts.models import Invitation, User
from lms.accounts.services import InvitationError

STATUS_CODES = {
    Invitation.Status.ACCEPTED: 410,
    Invitation.Status.EXPIRED: 410,
    Invitation.Status.REVOKED: 410,
}


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    invitation = services.invitation_find(token)
    try:
        services.invitation_check(invitation)
    except InvitationError as error:
        status = STATUS_CODES.get(invitation.status, 404) if invitation else 404
        return render(request, "accounts/invitation.html", {"error": str(error)}, status=status)

    if not request.user.is_authenticated:
        if User.objects.filter(email__iexact=invitation.email).exists():
            messages.info(request, _("Sign in to join %(team)s.") % {"team": invitation.team})
            return redirect_to_login(request.get_full_path())
        request.session[SESSION_KEY] = invitation.pk
        # Following the emailed link proves the address: no second verification mail.
        get_adapter(request).stash_verified_email(request, invitation.email)
        return redirect("account_signup")

    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except InvitationError as error:
            return render(request, "accounts/invitation.html", {"error": str(error)}, status=403)
        messages.success(request, _("Welcome to %(team)s!") % {"team": invitation.team})
        return redirect("courses:my_learning")
    return render(request, "accounts/invitation.html", {"invitation": invitation})
