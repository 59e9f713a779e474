"""Forms of the risk app: the analysis, its scenarios and its measures."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from isms.core.forms import AggregateChildForm, DesignsystemetMixin, TrackedEditForm, VersionedActionForm
from isms.core.models import MembershipRole, SignOffDecision, User
from isms.protocol.models import ProcessingActivity, SystemUse

from .models import RiskAnalysis, RiskMatrix, RiskMeasure, RiskScenario, SubjectType, Threat

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RiskAnalysisForm(TrackedEditForm):
    class Meta:
        model = RiskAnalysis
        fields = [
            "title",
            "subject_type",
            "system_use",
            "processing_activity",
            "service",
            "scope",
            "context",
            "participants",
            "analysed_on",
            "risk_owner",
        ]
        widgets = {
            "scope": forms.Textarea(attrs={"rows": 3}),
            "context": forms.Textarea(attrs={"rows": 3}),
            "participants": forms.Textarea(attrs={"rows": 3}),
            "analysed_on": DATE_INPUT,
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["system_use"].queryset = SystemUse.objects.filter(municipality=municipality).select_related(
            "system"
        )
        self.fields["system_use"].label_from_instance = lambda use: use.system.name
        self.fields["processing_activity"].queryset = ProcessingActivity.objects.filter(municipality=municipality)
        self.fields["risk_owner"].queryset = User.objects.filter(
            memberships__municipality=municipality, memberships__role=MembershipRole.LEADER, is_active=True
        ).order_by("first_name", "last_name")
        self.fields["risk_owner"].label_from_instance = lambda user: user.get_full_name() or user.email
        self.fields["risk_owner"].error_messages["invalid_choice"] = _(
            "The risk owner must be a leader of the municipality."
        )

    def clean(self):
        cleaned = super().clean()
        subject = cleaned.get("subject_type")
        needed = {
            SubjectType.SYSTEM: ("system_use", _("Choose the system that is analysed.")),
            SubjectType.PROCESSING: ("processing_activity", _("Choose the processing activity that is analysed.")),
            SubjectType.SERVICE: ("service", _("Name the service that is analysed.")),
        }
        if subject in needed:
            name, message = needed[subject]
            if not cleaned.get(name):
                self.add_error(name, message)
        return cleaned


def _level_choices(levels: list[dict]) -> list[tuple[str, str]]:
    return [("", "—")] + [(str(n), f"{n} – {level['label']}") for n, level in enumerate(levels, start=1)]


class ScenarioForm(AggregateChildForm):
    RATINGS = {
        "likelihood": ("likelihood_levels", True),
        "consequence": ("consequence_levels", True),
        "residual_likelihood": ("likelihood_levels", False),
        "residual_consequence": ("consequence_levels", False),
    }

    class Meta:
        model = RiskScenario
        fields = [
            "threat",
            "title",
            "asset",
            "cause",
            "consequence_description",
            "security",
            "existing_measures",
            "likelihood",
            "consequence",
            "justification",
            "residual_likelihood",
            "residual_consequence",
        ]
        widgets = {
            "cause": forms.Textarea(attrs={"rows": 2}),
            "consequence_description": forms.Textarea(attrs={"rows": 2}),
            "existing_measures": forms.Textarea(attrs={"rows": 2}),
            "justification": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        matrix: RiskMatrix = self.root.matrix
        threats = Threat.objects.order_by("group", "title")
        self.fields["threat"].queryset = threats
        grouped: dict[str, list] = {}
        for threat in threats:
            grouped.setdefault(threat.group, []).append((threat.pk, threat.title))
        self.fields["threat"].choices = [("", "—"), *grouped.items()]
        self.fields["threat"].help_text = _("Optional: the title and C/I/A are taken from the threat when left empty.")
        self.fields["title"].required = False
        self.fields["security"].required = False
        for name, (levels, required) in self.RATINGS.items():
            model_field = self.fields[name]
            self.fields[name] = forms.TypedChoiceField(
                label=model_field.label,
                choices=_level_choices(getattr(matrix, levels)),
                coerce=int,
                empty_value=None,
                required=required,
                widget=forms.Select(attrs={"class": "ds-input"}),
                error_messages={"invalid_choice": _("Choose a level of the analysis's risk matrix.")},
            )

    def sections(self):
        """The fieldsets of the form: the event, the rating before measures, and after."""
        event = ("threat", "title", "asset", "cause", "consequence_description", "security", "existing_measures")
        return [
            (_("Unwanted event"), [self[name] for name in event]),
            (_("Risk before measures"), [self[name] for name in ("likelihood", "consequence", "justification")]),
            (_("Residual risk after measures"), [self["residual_likelihood"], self["residual_consequence"]]),
        ]

    def clean(self):
        cleaned = super().clean()
        threat = cleaned.get("threat")
        if not cleaned.get("title"):
            if threat is None:
                self.add_error("title", _("Describe the unwanted event, or choose one from the catalogue."))
            else:
                cleaned["title"] = threat.title
        if not cleaned.get("security"):
            if threat is None:
                self.add_error(
                    "security", _("Choose what the event threatens: confidentiality, integrity or availability.")
                )
            else:
                cleaned["security"] = threat.security
        residual = [cleaned.get("residual_likelihood"), cleaned.get("residual_consequence")]
        if any(residual) and not all(residual):
            self.add_error(
                "residual_consequence", _("Rate both likelihood and consequence after measures, or neither.")
            )
        return cleaned


class MeasureForm(AggregateChildForm):
    scenarios = forms.ModelMultipleChoiceField(
        label=_("Answers the scenarios"),
        queryset=RiskScenario.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = RiskMeasure
        fields = ["title", "description", "strategy", "owner", "due_on", "status"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2}), "due_on": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scenarios"].queryset = RiskScenario.objects.filter(analysis=self.root)
        if self.instance.pk and not self.is_bound:
            self.initial["scenarios"] = [link.scenario_id for link in self.instance.scenario_links.all()]


class SendForSignOffForm(VersionedActionForm):
    message = forms.CharField(
        label=_("Message to the risk owner"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SignOffForm(VersionedActionForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (SignOffDecision.APPROVED, _("I accept the residual risk")),
            (SignOffDecision.REJECTED, _("I do not accept the residual risk")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you accept the residual risk.")},
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you do not accept. Becomes part of the record."),
    )
    high_risk_confirmed = forms.BooleanField(
        label=_("I have read the red scenarios and accept that this risk remains"), required=False
    )

    def __init__(self, *args, high_residual: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.high_residual = high_residual
        if not high_residual:
            del self.fields["high_risk_confirmed"]

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision == SignOffDecision.REJECTED and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Say why you do not accept the residual risk."))
        if decision == SignOffDecision.APPROVED and self.high_residual and not cleaned.get("high_risk_confirmed"):
            self.add_error(
                "high_risk_confirmed",
                _("%(n)s scenarios are still red after measures. Confirm that you accept this risk.")
                % {"n": self.high_residual},
            )
        return cleaned


class ArchiveForm(VersionedActionForm):
    change_reason = forms.CharField(
        label=_("Why is the analysis archived?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Explain why the analysis is archived.")},
    )


class RevisionForm(DesignsystemetMixin, forms.Form):
    analysed_on = forms.DateField(label=_("Date of the new analysis"), widget=DATE_INPUT)
