"""Forms of the DPIA app: the screening, the DPIA and its parts, the DPO's advice and the decision."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from isms.core.forms import REASON_LABEL, AggregateChildForm, DesignsystemetMixin, TrackedEditForm, VersionedActionForm
from isms.core.models import MembershipRole, SignOffDecision, User
from risk.models import RiskMeasure

from .models import (
    AdviceSection,
    Dpia,
    DpiaAction,
    DpiaRisk,
    Principle,
    ScreeningItem,
    ScreeningItemKind,
    ScreeningResult,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ScreeningForm(DesignsystemetMixin, forms.Form):
    criteria = forms.MultipleChoiceField(
        label=_("WP248 criteria that apply"), required=False, widget=forms.CheckboxSelectMultiple
    )
    listed = forms.MultipleChoiceField(
        label=_("On Datatilsynet's list of processing that always requires a DPIA"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    result = forms.ChoiceField(
        label=_("Conclusion"),
        choices=[("", _("As the criteria give")), *ScreeningResult.choices],
        required=False,
        help_text=_(
            "Two or more criteria, or processing on the list, make a DPIA required. "
            "Choosing otherwise needs a justification."
        ),
    )
    justification = forms.CharField(
        label=_("Justification"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, items: list[ScreeningItem], **kwargs):
        super().__init__(*args, **kwargs)
        self.items = {item.key: item for item in items}
        self.fields["criteria"].choices = [
            (item.key, item.title) for item in items if item.kind == ScreeningItemKind.CRITERION
        ]
        self.fields["listed"].choices = [
            (item.key, item.title) for item in items if item.kind == ScreeningItemKind.LISTED
        ]


class DpiaForm(TrackedEditForm):
    class Meta:
        model = Dpia
        fields = [
            "title",
            "description",
            "purposes",
            "data_subjects",
            "data_categories",
            "recipients",
            "systems",
            "retention",
            "data_subject_views",
            "response_to_advice",
            "decision_maker",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "description",
                "purposes",
                "data_subjects",
                "data_categories",
                "recipients",
                "systems",
                "retention",
                "data_subject_views",
                "response_to_advice",
            )
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision_maker"].queryset = User.objects.filter(
            memberships__municipality=municipality, memberships__role=MembershipRole.LEADER, is_active=True
        ).order_by("first_name", "last_name")
        self.fields["decision_maker"].label_from_instance = lambda user: user.get_full_name() or user.email
        self.fields["decision_maker"].error_messages["invalid_choice"] = _(
            "The decision must be made by a leader of the municipality."
        )


class PrinciplesForm(DesignsystemetMixin, forms.Form):
    """Every principle of necessity and proportionality on one page."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    change_reason = forms.CharField(
        label=REASON_LABEL, max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, dpia: Dpia, principles, **kwargs):
        super().__init__(*args, **kwargs)
        self.principles = principles
        if not self.is_bound:
            self.initial["expected_version"] = dpia.version
        if dpia.change_reason_required:
            self.fields["change_reason"].required = True
            self.fields["change_reason"].error_messages["required"] = _("Explain why you make this change.")
        for row in principles:
            self.fields[f"{row.principle}_assessment"] = forms.CharField(
                label=_("Assessment"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3, "class": "ds-input"}),
                initial=row.assessment,
            )
            self.fields[f"{row.principle}_planned_measures"] = forms.CharField(
                label=_("Planned measures"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2, "class": "ds-input"}),
                initial=row.planned_measures,
            )

    def sections(self):
        return [
            (
                Principle(row.principle).label,
                [self[f"{row.principle}_assessment"], self[f"{row.principle}_planned_measures"]],
            )
            for row in self.principles
        ]

    def principle_values(self) -> dict[str, dict[str, str]]:
        return {
            row.principle: {
                "assessment": self.cleaned_data[f"{row.principle}_assessment"].strip(),
                "planned_measures": self.cleaned_data[f"{row.principle}_planned_measures"].strip(),
            }
            for row in self.principles
        }


class DpiaRiskForm(AggregateChildForm):
    class Meta:
        model = DpiaRisk
        fields = [
            "kind",
            "title",
            "impacts",
            "threats",
            "sources",
            "measures",
            "severity",
            "likelihood",
            "residual_severity",
            "residual_likelihood",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in ("impacts", "threats", "sources", "measures")}

    def sections(self):
        return [
            (_("The risk"), [self[name] for name in ("kind", "title", "impacts", "threats", "sources")]),
            (_("Before measures"), [self["severity"], self["likelihood"]]),
            (
                _("Measures and residual risk"),
                [self["measures"], self["residual_severity"], self["residual_likelihood"]],
            ),
        ]


class DpiaActionForm(AggregateChildForm):
    class Meta:
        model = DpiaAction
        fields = ["title", "owner", "due_on", "status", "ros_measure"]
        widgets = {"due_on": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ros_measure"].queryset = RiskMeasure.objects.filter(
            municipality_id=self.root.municipality_id
        ).select_related("analysis")
        self.fields["ros_measure"].label_from_instance = lambda m: f"{m.title} ({m.analysis.title})"


class AdviceForm(VersionedActionForm):
    decision = forms.ChoiceField(
        label=_("Your advice"),
        choices=[
            (SignOffDecision.ADVICE_AGREES, _("I agree with the assessment")),
            (SignOffDecision.ADVICE_CONDITIONS, _("I agree on conditions")),
            (SignOffDecision.ADVICE_DISAGREES, _("I disagree with the assessment")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose your advice.")},
    )
    comment = forms.CharField(
        label=_("Reasons"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you set conditions or disagree."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for section in AdviceSection:
            self.fields[f"note_{section.value}"] = forms.CharField(
                label=section.label,
                required=False,
                max_length=3000,
                widget=forms.Textarea(attrs={"rows": 2, "class": "ds-input"}),
            )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") in (SignOffDecision.ADVICE_CONDITIONS, SignOffDecision.ADVICE_DISAGREES)
            and not (cleaned.get("comment") or "").strip()
        ):
            self.add_error("comment", _("Give the reasons for your advice."))
        return cleaned

    def notes(self) -> dict[str, str]:
        return {section.value: self.cleaned_data.get(f"note_{section.value}", "") for section in AdviceSection}

    def note_fields(self):
        return [self[f"note_{section.value}"] for section in AdviceSection]


class DecisionForm(VersionedActionForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (SignOffDecision.APPROVED, _("I approve the DPIA")),
            (SignOffDecision.REJECTED, _("I do not approve the DPIA")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you approve the DPIA.")},
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you do not approve, or when you decide against the DPO's advice."),
    )


class PriorConsultationForm(DesignsystemetMixin, forms.Form):
    sent_on = forms.DateField(label=_("Sent to Datatilsynet on"), widget=DATE_INPUT)


class ArchiveForm(VersionedActionForm):
    change_reason = forms.CharField(
        label=_("Why is the DPIA archived?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Explain why the DPIA is archived.")},
    )
