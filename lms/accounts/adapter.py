"""How allauth fits the academy: sign-up is by invitation only."""

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.urls import reverse

from lms.accounts.models import Invitation

SESSION_KEY = "academy_invitation_id"


def pending_invitation(request: HttpRequest) -> Invitation | None:
    """The open invitation whose link this browser followed, if any."""
    invitation_id = request.session.get(SESSION_KEY)
    if not invitation_id:
        return None
    invitation = Invitation.objects.select_related("team").filter(pk=invitation_id).first()
    if invitation is None or invitation.status != Invitation.Status.PENDING:
        return None
    return invitation


class AcademyAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Staff academies are not public: people join through a lead's invitation.
        return pending_invitation(request) is not None

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        return reverse("courses:my_learning")
