"""Forms of the cycle app; each explains in bokmål what is wrong, next to the field."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from isms.core.forms import REASON_LABEL, AggregateChildForm, DesignsystemetMixin, TrackedEditForm
from isms.core.models import Template

from .models import MATURITY_LEVELS, MONTHS, ActivityStatus, CycleActivity, ManagementReview, ReviewDecision

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class YearField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Year"))
        kwargs.setdefault("min_value", 2000)
        kwargs.setdefault("max_value", 2100)
        kwargs.setdefault("error_messages", {
            "min_value": _("The year must be between 2000 and 2100."),
            "max_value": _("The year must be between 2000 and 2100."),
            "invalid": _("Write the year with four digits."),
            "required": _("Write the year with four digits."),
        })  # fmt: skip
        super().__init__(**kwargs)


class AdoptCycleForm(DesignsystemetMixin, forms.Form):
    template = forms.ModelChoiceField(
        label=_("The cooperation's annual cycle"),
        queryset=Template.objects.none(),
        required=False,
        empty_label=_("None: an empty annual cycle of our own"),
    )
    year = YearField()
    title = forms.CharField(label=_("Title"), max_length=200, required=False,
                            help_text=_("Only for an annual cycle of your own."))  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = Template.objects.filter(kind="cycle", published_version__gt=0)
        if not self.is_bound:
            self.initial["year"] = timezone.localdate().year


class ActivityForm(DesignsystemetMixin, forms.ModelForm):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    months = forms.MultipleChoiceField(
        label=_("Months"),
        choices=MONTHS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one month."),
            "invalid_choice": _("A month must be a number from 1 to 12."),
        },
    )
    change_reason = forms.CharField(label=REASON_LABEL, max_length=500, required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    class Meta:
        model = CycleActivity
        fields = ["title", "kind", "months", "responsible_role", "owner", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["expected_version"] = self.instance.version if self.instance.pk else cycle.version
            if self.instance.pk:
                self.initial["months"] = list(self.instance.months)

    def model_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}


class ActivityStatusForm(DesignsystemetMixin, forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices)
    reason = forms.CharField(label=_("Why it was skipped"), max_length=1000, required=False)


class StartAssessmentForm(DesignsystemetMixin, forms.Form):
    template = forms.ModelChoiceField(
        label=_("Questionnaire"),
        queryset=Template.objects.none(),
        error_messages={"required": _("Choose a questionnaire.")},
    )
    assessed_on = forms.DateField(label=_("Date of the kartlegging"), widget=DATE_WIDGET,
                                  error_messages={"invalid": _("Write the date as dd.mm.yyyy.")})  # fmt: skip
    participants = forms.CharField(label=_("Participants"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = Template.objects.filter(kind="maturity", published_version__gt=0)
        if not self.is_bound:
            self.initial["assessed_on"] = timezone.localdate()

    def clean_assessed_on(self):
        value = self.cleaned_data["assessed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date of a kartlegging cannot be in the future."))
        return value


LEVEL_CHOICES = [("", _("Not answered"))] + [(str(level), str(level)) for level in MATURITY_LEVELS]


class AnswersForm(DesignsystemetMixin, forms.Form):
    """One level, comment and evidence link per question of the version answered."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    questionnaire_version = forms.IntegerField(widget=forms.HiddenInput)
    change_reason = forms.CharField(label=REASON_LABEL, max_length=500, required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args, questions: list[dict], answers: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for number, question in enumerate(questions, start=1):
            key = question["key"]
            answer = answers.get(key)
            levels = [(str(level), f"{level} – {text}") for level, text in enumerate(question["levels"])]
            self.fields[f"level-{key}"] = forms.ChoiceField(
                label=f"{number}. {question['text']}",
                choices=levels,
                required=False,
                widget=forms.RadioSelect,
                initial=str(answer.level) if answer and answer.level is not None else None,
                error_messages={"invalid_choice": _("The level must be 0–4.")},
            )
            self.fields[f"comment-{key}"] = forms.CharField(
                label=_("Comment"), required=False, max_length=2000, initial=answer.comment if answer else "",
                widget=forms.Textarea(attrs={"rows": 1}),
            )  # fmt: skip
            self.fields[f"evidence-{key}"] = forms.URLField(
                assume_scheme="https",
                label=_("Evidence link"), required=False, max_length=500,
                initial=answer.evidence_url if answer else "",
                error_messages={"invalid": _("Write a whole web address, starting with https://.")},
            )  # fmt: skip
        for field in self.fields.values():
            if isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["class"] = "ds-input"

    def groups(self):
        """(area, [(question, level field, comment field, evidence field)]) for the template."""
        grouped: dict[str, list] = {}
        for question in self.questions:
            key = question["key"]
            grouped.setdefault(question["area"], []).append(
                (question, self[f"level-{key}"], self[f"comment-{key}"], self[f"evidence-{key}"])
            )
        return list(grouped.items())

    def answers(self) -> dict[str, dict]:
        result = {}
        for question in self.questions:
            key = question["key"]
            level = self.cleaned_data.get(f"level-{key}")
            result[key] = {
                "level": int(level) if level not in (None, "") else None,
                "comment": self.cleaned_data.get(f"comment-{key}", ""),
                "evidence_url": self.cleaned_data.get(f"evidence-{key}", ""),
            }
        return result


class StartReviewForm(DesignsystemetMixin, forms.Form):
    year = YearField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["year"] = timezone.localdate().year


class ReviewForm(TrackedEditForm):
    class Meta:
        model = ManagementReview
        fields = [
            "held_on", "participants", "assessment_records", "assessment_incidents", "assessment_maturity",
            "assessment_previous", "conclusion",
        ]  # fmt: skip
        widgets = {
            "held_on": DATE_WIDGET,
            **{name: forms.Textarea(attrs={"rows": 3}) for name in (
                "participants", "assessment_records", "assessment_incidents", "assessment_maturity",
                "assessment_previous", "conclusion",
            )},
        }  # fmt: skip


class DecisionForm(AggregateChildForm):
    class Meta:
        model = ReviewDecision
        fields = ["kind", "title", "description", "owner", "due_on", "status"]
        widgets = {"due_on": DATE_WIDGET, "description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"due_on": {"invalid": _("Write the date as dd.mm.yyyy.")}}


class SignReviewForm(DesignsystemetMixin, forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(label=_("Comment"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    confirm = forms.BooleanField(
        label=_("I have read this version of the management review and sign it on behalf of the management."),
        error_messages={"required": _("Confirm that you have read the review.")},
    )
