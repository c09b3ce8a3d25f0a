"""Invitations: how people join a team.

A lead (or an admin) invites by email; the link carries a random token of which only the hash
is stored. Accepting adds the membership and assigns the team's onboarding path, due dates
counted from the join date.
"""

import datetime
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import Invitation, Team, TeamMembership, User, token_digest

INVITATION_VALID_FOR = datetime.timedelta(days=14)


class InvitationError(Exception):
    """The invitation cannot be used or changed as asked; the message says why."""


@dataclass
class InvitationLink:
    invitation: Invitation
    # The raw token exists only here, on its way into the email: the database has its hash.
    token: str

    @property
    def path(self) -> str:
        return reverse("invitation_accept", kwargs={"token": self.token})


def invitation_find(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("team", "team__default_path")
        .filter(token_hash=token_digest(token))
        .first()
    )


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, token_digest(token)


def _email_invitation(link: InvitationLink, base_url: str) -> None:
    invitation = link.invitation
    inviter = invitation.invited_by.display_name if invitation.invited_by else ""
    context = {
        "team": invitation.team.name,
        "inviter": inviter,
        "url": base_url.rstrip("/") + link.path,
        "expires": invitation.expires_at,
    }
    # The invitee has no language setting yet: write in the inviter's current language.
    send_mail(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
        + _("You are invited to join %(team)s") % {"team": invitation.team.name},
        message=render_to_string("accounts/email/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )


@transaction.atomic
def invitation_create(
    *,
    team: Team,
    email: str,
    invited_by: User,
    base_url: str,
    role: str = TeamMembership.Role.MEMBER,
) -> InvitationLink:
    """Invite ``email`` to ``team``. An open invitation for the same person is sent again.

    Someone who is already in the team cannot be invited again.
    """
    email = email.strip().lower()
    if TeamMembership.objects.filter(team=team, user__email__iexact=email).exists():
        raise InvitationError(
            _("%(email)s is already in %(team)s.") % {"email": email, "team": team}
        )
    open_invitation = Invitation.objects.filter(
        team=team, email=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).first()
    if open_invitation is not None:
        return invitation_resend(invitation=open_invitation, base_url=base_url)
    token, token_hash = _new_token()
    now = timezone.now()
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                team=team,
                email=email,
                role=role,
                token_hash=token_hash,
                invited_by=invited_by,
                created_at=now,
                last_sent_at=now,
                expires_at=now + INVITATION_VALID_FOR,
            )
    except IntegrityError as error:  # a concurrent invitation of the same person
        raise InvitationError(_("%(email)s was just invited.") % {"email": email}) from error
    link = InvitationLink(invitation, token)
    transaction.on_commit(lambda: _email_invitation(link, base_url))
    return link


@transaction.atomic
def invitation_resend(*, invitation: Invitation, base_url: str) -> InvitationLink:
    """Send a fresh link that is valid for another full period; the old link stops working."""
    if invitation.accepted_at or invitation.revoked_at:
        raise InvitationError(_("This invitation is no longer open."))
    token, token_hash = _new_token()
    now = timezone.now()
    invitation.token_hash = token_hash
    invitation.last_sent_at = now
    invitation.expires_at = now + INVITATION_VALID_FOR
    invitation.send_count += 1
    invitation.save(update_fields=["token_hash", "last_sent_at", "expires_at", "send_count"])
    link = InvitationLink(invitation, token)
    transaction.on_commit(lambda: _email_invitation(link, base_url))
    return link


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> bool:
    """Stop an open invitation's link from working. Revoking twice is a no-op."""
    revoked = Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    return bool(revoked)


def invitation_check(invitation: Invitation | None) -> Invitation:
    """The invitation if its link may still be used, or an error saying why not."""
    if invitation is None:
        raise InvitationError(
            _("This invitation link is not valid. Ask your team lead for a new one.")
        )
    status = invitation.status
    if status == Invitation.Status.ACCEPTED:
        raise InvitationError(_("This invitation has already been used. Sign in instead."))
    if status == Invitation.Status.REVOKED:
        raise InvitationError(_("This invitation was withdrawn. Ask your team lead for a new one."))
    if status == Invitation.Status.EXPIRED:
        raise InvitationError(
            _("This invitation has expired. Ask your team lead to send it again.")
        )
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> TeamMembership:
    """Join the team the invitation is for and start its onboarding path from today.

    The invitation is for one email address; it is used once.
    """
    from courses.services import onboarding_assign

    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    invitation_check(invitation)
    if user.email.lower() != invitation.email.lower():
        raise InvitationError(
            _("This invitation is for %(email)s. Sign in with that address.")
            % {"email": invitation.email}
        )
    now = timezone.now()
    membership, _created = TeamMembership.objects.get_or_create(
        team=invitation.team, user=user, defaults={"role": invitation.role, "joined_at": now}
    )
    Invitation.objects.filter(pk=invitation.pk).update(accepted_at=now, accepted_by=user)
    onboarding_assign(user=user, team=invitation.team, joined_on=user.local_today())
    return membership
