"""Forms for the gamification pages. Choices are limited here; the services enforce the rules."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from gamification.models import BadgeClass, BadgeCriterion
from lms.accounts.models import User
from lms.accounts.roles import led_team_ids


class LeaderboardPrivacyForm(forms.Form):
    opt_out = forms.BooleanField(required=False)


class AgentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class BadgeAwardForm(forms.Form):
    user = AgentChoiceField(label=_("Agent"), queryset=User.objects.none())
    badge = forms.ModelChoiceField(label=_("Badge"), queryset=BadgeClass.objects.none())
    reason = forms.CharField(
        label=_("Why does the agent earn it?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The agent sees this with the badge."),
    )

    def __init__(self, *args, lead: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only the lead's own team members can be chosen; a posted id of anyone else is invalid.
        agents = cast(forms.ModelChoiceField, self.fields["user"])
        badges = cast(forms.ModelChoiceField, self.fields["badge"])
        agents.queryset = (
            User.objects.filter(team_memberships__team_id__in=led_team_ids(lead))
            .exclude(pk=lead.pk)
            .distinct()
            .order_by("first_name", "last_name", "email")
        )
        badges.queryset = BadgeClass.objects.filter(active=True, criterion=BadgeCriterion.MANUAL)
