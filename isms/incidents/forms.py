"""Forms of the avvik register: the short report (logged in or through the link), the handling, a measure,
the DPO's advice, the leader's decision, the notification and closing. Errors in bokmål, next to the field."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from isms.core.forms import AggregateChildForm, DesignsystemetMixin, TrackedEditForm, VersionedActionForm
from isms.core.models import MembershipRole, Municipality, User
from isms.protocol.models import ProcessingActivity, SystemUse
from risk.models import RiskMeasure, RiskScenario

from .models import Incident, IncidentMeasure, NotificationChoice, PersonalData

# The longest text a report may hold: a page or two is plenty, 10 MB is a flood.
TEXT_LIMIT = 10_000
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def _datetime_field(label, *, required: bool, help_text: str = "") -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=DATETIME_FORMATS,
        widget=DATETIME_INPUT,
        help_text=help_text,
        error_messages={"invalid": _("Give date and time as dd.mm.yyyy hh:mm."), "required": _("Give date and time.")},
    )


def _long_text(label, *, required: bool = False, rows: int = 4, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_LIMIT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "max_length": _("Keep it under %(limit_value)s characters (you wrote %(show_value)s)."),
            "required": _("Describe what happened."),
        },
    )


class TimesMixin:
    """Discovered not in the future, and not before it occurred."""

    def clean(self):
        cleaned = super().clean()
        discovered, occurred = cleaned.get("discovered_at"), cleaned.get("occurred_at")
        if discovered and discovered > timezone.now():
            self.add_error("discovered_at", _("The time of discovery cannot be in the future."))
        if discovered and occurred and occurred > discovered:
            self.add_error("occurred_at", _("The avvik cannot have occurred after it was discovered."))
        return cleaned


class ReportForm(TimesMixin, DesignsystemetMixin, forms.Form):
    """The short report anyone in the municipality can make. It asks nothing about other reports."""

    title = forms.CharField(
        label=_("Short description"),
        max_length=200,
        help_text=_("For example “E-mail with a health form sent to the wrong recipient”."),
        error_messages={"required": _("Give a short description."), "max_length": _("At most 200 characters.")},
    )
    description = _long_text(
        _("What happened?"),
        required=True,
        rows=6,
        help_text=_(
            "What happened, what was affected, and what has been done so far. "
            "Do not write more personal data than needed."
        ),
    )
    discovered_at = _datetime_field(_("When was it discovered?"), required=True)
    occurred_at = _datetime_field(_("When did it happen, if known?"), required=False)
    unit = forms.CharField(label=_("Where (unit)"), max_length=200, required=False)
    system_text = forms.CharField(label=_("Which system or processing, if known"), max_length=300, required=False)
    personal_data = forms.ChoiceField(
        label=_("Are personal data involved?"),
        choices=PersonalData.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Answer whether personal data are involved.")},
    )

    def values(self) -> dict:
        names = ("title", "description", "discovered_at", "occurred_at", "unit", "system_text", "personal_data")
        values = {name: self.cleaned_data[name] for name in names}
        for name in ("title", "description", "unit", "system_text"):
            values[name] = values[name].strip()
        return values


class PublicReportForm(ReportForm):
    """The report through the municipality's link: the reporter gives a name and an address for the receipt."""

    reporter_name = forms.CharField(
        label=_("Your name"), max_length=200, error_messages={"required": _("Give your name.")}
    )
    reporter_email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("You get a receipt here."),
        error_messages={
            "required": _("Give your e-mail address for the receipt."),
            "invalid": _("Give a valid e-mail address."),
        },
    )

    def values(self) -> dict:
        return {
            **super().values(),
            "reporter_name": self.cleaned_data["reporter_name"].strip(),
            "reporter_email": self.cleaned_data["reporter_email"].strip().lower(),
        }


class LoggedInReportForm(ReportForm):
    """Logged in: the reporter names the municipality (staff without a role have no municipality on file)."""

    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name"),
        empty_label=_("Choose the municipality"),
        error_messages={"required": _("Choose the municipality."), "invalid_choice": _("Choose the municipality.")},
    )
    field_order = ["municipality"]


class HandlingForm(TimesMixin, TrackedEditForm):
    processing = forms.ModelMultipleChoiceField(
        label=_("Processing activities involved"),
        queryset=ProcessingActivity.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("From the record of processing. Hold Ctrl (Cmd on Mac) to choose more than one."),
    )
    systems = forms.ModelMultipleChoiceField(
        label=_("Systems involved"),
        queryset=SystemUse.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Incident
        fields = [
            "title",
            "description",
            "discovered_at",
            "occurred_at",
            "unit",
            "kind",
            "security",
            "data_subject_categories",
            "data_subject_count",
            "data_categories",
            "record_count",
            "special_categories",
            "consequences",
            "foreseen_by",
            "proposed_scenario",
            "decision_maker",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 4}),
            "data_subject_categories": forms.Textarea(attrs={"rows": 2}),
            "data_categories": forms.Textarea(attrs={"rows": 2}),
            "consequences": forms.Textarea(attrs={"rows": 3}),
            "proposed_scenario": forms.Textarea(attrs={"rows": 2}),
            "data_subject_count": forms.NumberInput(attrs={"min": 0}),
            "record_count": forms.NumberInput(attrs={"min": 0}),
        }
        error_messages = {
            "data_subject_count": {"min_value": _("The number cannot be negative.")},
            "record_count": {"min_value": _("The number cannot be negative.")},
        }

    def __init__(self, *args, municipality: Municipality, links: tuple[list, list] = ([], []), **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("discovered_at", "occurred_at"):
            self.fields[name] = _datetime_field(
                self.fields[name].label, required=name == "discovered_at", help_text=self.fields[name].help_text
            )
        for name in ("description", "data_subject_categories", "data_categories", "consequences", "proposed_scenario"):
            self.fields[name].max_length = TEXT_LIMIT
            self.fields[name].validators.append(MaxLengthValidator(TEXT_LIMIT))
        self.fields["kind"].choices = [choice for choice in self.fields["kind"].choices if choice[0]]
        self.fields["kind"].required = True
        self.fields["kind"].error_messages["required"] = _("Classify the avvik.")
        self.fields["foreseen_by"].queryset = RiskScenario.objects.filter(municipality=municipality).select_related(
            "analysis"
        )
        self.fields["foreseen_by"].label_from_instance = lambda s: f"{s.title} ({s.analysis.title})"
        self.fields["decision_maker"].queryset = User.objects.filter(
            memberships__municipality=municipality, memberships__role=MembershipRole.LEADER, is_active=True
        ).order_by("first_name", "last_name")
        self.fields["decision_maker"].label_from_instance = lambda user: user.get_full_name() or user.email
        self.fields["processing"].queryset = ProcessingActivity.objects.filter(municipality=municipality).order_by(
            "name"
        )
        self.fields["systems"].queryset = (
            SystemUse.objects.filter(municipality=municipality).select_related("system").order_by("system__name")
        )
        self.fields["systems"].label_from_instance = lambda use: use.system.name
        if not self.is_bound:
            processing, systems = links
            self.initial["processing"] = [row.processing_activity_id for row in processing]
            self.initial["systems"] = [row.system_use_id for row in systems]

    def sections(self):
        return [
            (_("The report"), ["title", "description", "discovered_at", "occurred_at", "unit"]),
            (_("Classification"), ["kind", "security"]),
            (
                _("Personal data"),
                [
                    "data_subject_categories",
                    "data_subject_count",
                    "data_categories",
                    "record_count",
                    "special_categories",
                ],
            ),
            (
                _("Consequences and the ROS"),
                ["consequences", "processing", "systems", "foreseen_by", "proposed_scenario"],
            ),
            (_("Decision"), ["decision_maker", "change_reason"]),
        ]

    def field_sections(self):
        return [(title, [self[name] for name in names]) for title, names in self.sections()]


class MeasureForm(AggregateChildForm):
    class Meta:
        model = IncidentMeasure
        fields = ["title", "timing", "owner", "due_on", "ros_measure"]
        widgets = {"due_on": DATE_INPUT, "timing": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ros_measure"].queryset = RiskMeasure.objects.filter(
            municipality_id=self.root.municipality_id
        ).select_related("analysis")
        self.fields["ros_measure"].label_from_instance = lambda m: f"{m.title} ({m.analysis.title})"
        self.fields["ros_measure"].help_text = _(
            "The same measure in a ROS analysis, so the ROS and the avvik share it."
        )


class AdviceForm(VersionedActionForm):
    notify = forms.ChoiceField(
        label=_("Notification to Datatilsynet (Art. 33)"),
        choices=NotificationChoice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether Datatilsynet should be notified.")},
    )
    inform_data_subjects = forms.ChoiceField(
        label=_("Inform the data subjects (Art. 34)?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text=_("When the breach is likely to result in a high risk to their rights and freedoms."),
        error_messages={"required": _("Choose whether the data subjects should be informed.")},
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Give the reasons for your advice.")},
    )


class DecisionForm(VersionedActionForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("I decide on the notification as below")), ("return", _("Back to handling"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose your decision.")},
    )
    notify = forms.ChoiceField(
        label=_("Notification to Datatilsynet (Art. 33)"),
        choices=NotificationChoice.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    inform_data_subjects = forms.ChoiceField(
        label=_("Inform the data subjects (Art. 34)?"), choices=YES_NO, widget=forms.RadioSelect, required=False
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you decide against the DPO's advice or send the avvik back."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "approve":
            if not cleaned.get("notify"):
                self.add_error("notify", _("Choose whether Datatilsynet is notified."))
            if not cleaned.get("inform_data_subjects"):
                self.add_error("inform_data_subjects", _("Choose whether the data subjects are informed."))
        return cleaned


class NotificationForm(DesignsystemetMixin, forms.Form):
    notified_at = _datetime_field(_("Notified to Datatilsynet"), required=False)
    authority_reference = forms.CharField(label=_("Datatilsynet's reference"), max_length=100, required=False)
    delay_reason = _long_text(
        _("Reason for the delay"),
        rows=3,
        help_text=_("Required when the notification came more than 72 hours after discovery (Art. 33(1))."),
    )
    subjects_informed_at = _datetime_field(_("Data subjects informed"), required=False)
    subject_notice = _long_text(
        _("Notice to the data subjects (Art. 34)"),
        rows=3,
        help_text=_("How they were told, and what: the nature of the breach, likely consequences, measures, contact."),
    )


class CloseForm(VersionedActionForm):
    lessons_learned = _long_text(_("Lessons learned"), required=True, rows=5)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lessons_learned"].error_messages["required"] = _("Write down the lessons learned.")


class PeriodForm(DesignsystemetMixin, forms.Form):
    """The period of the register's PDF and of the statistics (discovered between the two dates)."""

    start = forms.DateField(label=_("From"), required=False, widget=DATE_INPUT)
    end = forms.DateField(label=_("To"), required=False, widget=DATE_INPUT)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", _("The period cannot end before it starts."))
        return cleaned
