"""Forms of the KPI pages: a results file to upload and a team target to set."""

from django import forms
from django.core.validators import FileExtensionValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gamification.kpis import ingest
from gamification.kpis.models import KpiDefinition
from lms.accounts.models import User

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Results file (.csv or .xlsx)"),
        validators=[FileExtensionValidator(["csv", "xlsx"])],
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
        help_text=gettext_lazy(
            "Columns: agent_email, kpi_code, period_start, value, sample_size and optionally "
            "channel. At most 20 MB."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; at most %(max)s can be uploaded. Split it into parts.")
                % {"size": filesizeformat(upload.size), "max": filesizeformat(MAX_UPLOAD_BYTES)}
            )
        return upload


class TargetForm(forms.Form):
    kpi = forms.ModelChoiceField(
        label=gettext_lazy("KPI"), queryset=KpiDefinition.objects.all(), empty_label=None
    )
    agent = forms.ModelChoiceField(
        label=gettext_lazy("For"),
        queryset=User.objects.none(),
        required=False,
        empty_label=gettext_lazy("The whole team"),
        help_text=gettext_lazy("An agent's own target replaces the team's for that agent."),
    )
    value = forms.DecimalField(label=gettext_lazy("Target"), max_digits=12, decimal_places=2)
    valid_from = forms.DateField(
        label=gettext_lazy("From the period starting"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("A Monday for weekly KPIs, the 1st of a month for monthly ones."),
    )

    def __init__(self, *args, agents=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agents is not None:
            self.fields["agent"].queryset = agents
        self.fields["agent"].label_from_instance = lambda user: user.display_name

    def clean(self):
        cleaned = super().clean()
        kpi, value, valid_from = (cleaned.get(k) for k in ("kpi", "value", "valid_from"))
        if kpi is not None and valid_from is not None:
            problem = ingest.period_problem(kpi.period, valid_from)
            if problem:
                self.add_error("valid_from", problem)
        if kpi is not None and value is not None and not ingest.within_range(value, kpi):
            self.add_error(
                "value",
                _("%(code)s can only be between %(low)s and %(high)s.")
                % {
                    "code": kpi.code.upper(),
                    "low": "…" if kpi.lowest is None else kpi.lowest,
                    "high": "…" if kpi.highest is None else kpi.highest,
                },
            )
        return cleaned
