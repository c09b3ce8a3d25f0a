"""People, teams and their roles.

Roles (see DESIGN.md): every user is an agent; a team lead is a user with a lead membership;
a trainer is a member of Wagtail's editors group; an admin is a superuser.
"""

import datetime
import hashlib
import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who learns in the academy. The email address is the login."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Helsinki",
        help_text=_("Used for due dates and daily streaks."),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_(
            "The language the academy uses for this person's emails and at sign-in: the one she "
            "last picked in the language menu."
        ),
    )
    leaderboard_opt_out = models.BooleanField(
        _("hide my name on leaderboards"),
        default=False,
        help_text=_('Others see "Anonymous agent" in your place; your team lead still sees you.'),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def local_zone(self) -> zoneinfo.ZoneInfo | None:
        """The user's time zone; ``None`` (the site's zone) when the stored name is unknown."""
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return None

    def local_today(self) -> datetime.date:
        """Today's date where the user is: due dates and streaks turn over at their midnight."""
        return timezone.localdate(timezone=self.local_zone)

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.email.split("@", 1)[0]


class Team(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    default_path = models.ForeignKey(
        "courses.LearningPathPage",
        verbose_name=_("onboarding path"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Assigned to everyone who joins the team, due dates counted from joining."),
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TeamMembership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Agent")
        LEAD = "lead", _("Team lead")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="team_memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="unique_team_membership"),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.team} ({self.get_role_display()})"


def token_digest(token: str) -> str:
    """Invitation links carry a random token; only its hash is stored, like a password."""
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    """An email invitation to join a team. Its link leads to sign-up with the email fixed."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    role = models.CharField(
        _("role"),
        max_length=16,
        choices=TeamMembership.Role.choices,
        default=TeamMembership.Role.MEMBER,
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="invitations_sent"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    last_sent_at = models.DateTimeField(_("last sent"), default=timezone.now)
    send_count = models.PositiveSmallIntegerField(default=1)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One open invitation per person and team: resending refreshes it.
            models.UniqueConstraint(
                fields=["team", "email"],
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_open_invitation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} to {self.team}"

    def status_at(self, moment: datetime.datetime) -> str:
        if self.accepted_at:
            return self.Status.ACCEPTED
        if self.revoked_at:
            return self.Status.REVOKED
        if self.expires_at <= moment:
            return self.Status.EXPIRED
        return self.Status.PENDING

    @property
    def status(self) -> str:
        return self.status_at(timezone.now())

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)
