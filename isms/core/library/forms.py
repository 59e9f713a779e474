"""Forms of the template library: the template with its kind's content, publishing, adoption, taking in."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..forms import REASON_LABEL, DesignsystemetMixin, TrackedEditForm
from ..models import Municipality, Template
from .kinds import TemplateKind


class TemplateForm(TrackedEditForm):
    """The template's own fields; the content is a second form of the kind, bound to the same data."""

    participants = forms.ModelMultipleChoiceField(
        label=_("Participating municipalities"),
        queryset=Municipality.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only for a joint assessment: the municipalities that adopt it."),
    )

    class Meta:
        model = Template
        fields = ["title", "description", "is_joint"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, kind: TemplateKind, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.content_form = kind.content_form(
            self.data if self.is_bound else None, initial=self.instance.content, prefix=kind.content_prefix
        )
        if self.instance.pk and not self.is_bound:
            self.initial["participants"] = [p.municipality_id for p in self.instance.participants.all()]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("participants") and not cleaned.get("is_joint"):
            self.add_error("participants", _("Only a joint assessment has participating municipalities."))
        if not self.content_form.is_valid():
            raise forms.ValidationError(_("Correct the content of the template (marked below)."))
        cleaned["content"] = self.kind.content_from_cleaned(self.content_form.cleaned_data)
        return cleaned


class PublishForm(DesignsystemetMixin, forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    change_note = forms.CharField(
        label=_("What changed"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to every municipality that has adopted the template, beside the changes."),
    )


class AdoptForm(DesignsystemetMixin, forms.Form):
    templates = forms.ModelMultipleChoiceField(
        label=_("Templates"),
        queryset=Template.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one template.")},
    )
    change_reason = forms.CharField(
        label=REASON_LABEL,
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional; the history says which template and version each record came from."),
    )

    def __init__(self, *args, kind: TemplateKind, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["templates"].queryset = Template.objects.filter(kind=kind.code, published_version__gt=0)


class TakeInForm(DesignsystemetMixin, forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    template_version = forms.IntegerField(widget=forms.HiddenInput, required=False)  # the version the diff showed
    fields_taken = forms.MultipleChoiceField(
        label=_("Take in these changes"), required=False, widget=forms.CheckboxSelectMultiple
    )
    change_reason = forms.CharField(
        label=REASON_LABEL,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown in the history beside the fields taken in and kept."),
        error_messages={"required": _("Explain why you make this change.")},
    )

    def __init__(self, *args, changes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fields_taken"].choices = [(change.field, change.label) for change in changes]
