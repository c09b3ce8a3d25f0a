import logging

from allauth.account.forms import SignupForm
from allauth.core import context
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.accounts.adapter import SESSION_KEY, pending_invitation
from lms.accounts.models import User
from lms.accounts.services import InvitationError, invitation_accept

logger = logging.getLogger(__name__)


class InvitationSignupForm(SignupForm):
    """allauth's sign-up with the invited email address fixed and the team joined on save."""

    first_name = forms.CharField(label=gettext_lazy("First name"), max_length=150)
    last_name = forms.CharField(label=gettext_lazy("Last name"), max_length=150)

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # allauth builds this form without the request; it keeps the current one in a context.
        self.invitation = pending_invitation(context.request)
        if self.invitation is not None:
            self.initial["email"] = self.invitation.email
            self.fields["email"].widget.attrs["readonly"] = True
            self.fields["email"].help_text = _("The address your invitation was sent to.")

    def clean_email(self) -> str:
        email = super().clean_email()
        if self.invitation is None or email.lower() != self.invitation.email.lower():
            raise forms.ValidationError(_("Sign up with the address your invitation was sent to."))
        return email

    def signup(self, request, user: User) -> None:
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
        try:
            invitation_accept(invitation=self.invitation, user=user)
        except InvitationError:
            # Revoked between opening the form and saving it: the account exists without a team
            # and a lead can invite it again; say so in the log rather than fail the sign-up.
            logger.warning("invitation %s closed during sign-up of %s", self.invitation, user.pk)
        request.session.pop(SESSION_KEY, None)
