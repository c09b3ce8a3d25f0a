"""Who may see which team: every team-lead view starts here.

A lead sees the teams they lead, an admin every team. Someone who leads no team gets 403;
a lead asking for a team that is not theirs gets 404, so team ids reveal nothing.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from lms.accounts import roles
from lms.accounts.models import Team, TeamMembership, User


def led_teams(user: User) -> list[Team]:
    teams = Team.objects.select_related("default_path")
    if not roles.is_admin(user):
        teams = teams.filter(
            memberships__user=user, memberships__role=TeamMembership.Role.LEAD
        ).distinct()
    return list(teams.order_by("name"))


def team_for_lead(request: HttpRequest, team_id: int) -> Team:
    """The team ``team_id`` if the signed-in user leads it (or is an admin)."""
    user = request.user
    if not isinstance(user, User):  # views are login_required; be explicit all the same
        raise PermissionDenied
    teams = Team.objects.select_related("default_path").filter(pk=team_id)
    if roles.is_admin(user):
        team = teams.first()
    else:
        team = teams.filter(
            memberships__user=user, memberships__role=TeamMembership.Role.LEAD
        ).first()
        if team is None and not roles.is_team_lead(user):
            raise PermissionDenied
    if team is None:
        raise Http404
    return team


def member_of(team: Team, user_id: int) -> User:
    """An agent of ``team``; anyone else is not found here."""
    user = User.objects.filter(
        pk=user_id, team_memberships__team=team, team_memberships__role=TeamMembership.Role.MEMBER
    ).first()
    if user is None:
        raise Http404
    return user
