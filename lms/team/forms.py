from datetime import date

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.models import CoursePage, LearningPathPage
from lms.accounts.models import TeamMembership, User


class DateInput(forms.DateInput):
    input_type = "date"


def _not_in_past(value: date, today: date) -> None:
    if value < today:
        raise forms.ValidationError(_("Choose today or a later date."))


class AssignForm(forms.Form):
    """Assign one course or path to some or all of a team's agents."""

    item = forms.ChoiceField(label=gettext_lazy("Course or learning path"))
    everyone = forms.BooleanField(label=gettext_lazy("The whole team"), required=False)
    agents = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Agents"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    due_on = forms.DateField(label=gettext_lazy("Due on"), widget=DateInput)
    note = forms.CharField(
        label=gettext_lazy("Note for the agents (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, members, items, titles, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.items = {self._key(item): item for item in items}
        paths = [
            (k, titles.get(i.translation_key, i.title))
            for k, i in self.items.items()
            if k[0] == "p"
        ]
        courses = [
            (k, titles.get(i.translation_key, i.title))
            for k, i in self.items.items()
            if k[0] == "c"
        ]
        self.fields["item"].choices = [
            ("", "—"),
            (_("Learning paths"), paths),
            (_("Courses"), courses),
        ]
        self.fields["agents"].queryset = User.objects.filter(
            pk__in=[m.user_id for m in members if m.role == TeamMembership.Role.MEMBER]
        ).order_by("first_name", "last_name", "email")
        self.fields["agents"].label_from_instance = lambda user: user.display_name
        self.fields["due_on"].widget.attrs["min"] = today.isoformat()

    @staticmethod
    def _key(item: CoursePage | LearningPathPage) -> str:
        return f"{'p' if isinstance(item, LearningPathPage) else 'c'}{item.pk}"

    def clean_due_on(self) -> date:
        due_on = self.cleaned_data["due_on"]
        _not_in_past(due_on, self.today)
        return due_on

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("everyone") and not cleaned.get("agents"):
            raise forms.ValidationError(_("Choose at least one agent, or the whole team."))
        if cleaned.get("everyone"):
            cleaned["agents"] = list(self.fields["agents"].queryset)
        cleaned["item"] = self.items.get(cleaned.get("item", ""))
        return cleaned


class DueDateForm(forms.Form):
    due_on = forms.DateField(label=gettext_lazy("New due date"), widget=DateInput)

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_due_on(self) -> date:
        due_on = self.cleaned_data["due_on"]
        _not_in_past(due_on, self.today)
        return due_on


class InviteForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email address"))
    role = forms.ChoiceField(
        label=gettext_lazy("Role"),
        choices=TeamMembership.Role.choices,
        initial=TeamMembership.Role.MEMBER,
    )

    def __init__(self, *args, may_invite_leads: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_invite_leads:
            # Only admins make leads; a lead invites agents.
            del self.fields["role"]
