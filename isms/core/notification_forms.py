"""Forms of the notification pages: a user's delivery choices, and the coordinator's nudge."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import DesignsystemetMixin
from .models import Delivery, Municipality
from .notifications import NotificationKind


class NotificationSettingsForm(DesignsystemetMixin, forms.Form):
    digest_hour = forms.TypedChoiceField(
        label=_("Hour of the daily digest"),
        coerce=int,
        choices=[(hour, f"{hour:02d}:00") for hour in range(24)],
        help_text=_("One e-mail a day with everything new that you chose to get in the digest."),
        error_messages={"invalid_choice": _("Choose an hour between 00 and 23.")},
    )

    def __init__(self, *args, kinds: list[NotificationKind], **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = kinds
        for kind in kinds:
            self.fields[f"kind_{kind.key}"] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                required=False,  # a kind left out keeps what the user had
                widget=forms.Select(attrs={"class": "ds-input"}),
                error_messages={"invalid_choice": _("Choose how you want to be told.")},
            )

    def deliveries(self) -> dict[str, str]:
        chosen = {kind.key: self.cleaned_data.get(f"kind_{kind.key}") for kind in self.kinds}
        return {key: delivery for key, delivery in chosen.items() if delivery}


class NudgeForm(DesignsystemetMixin, forms.Form):
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities"),
        queryset=Municipality.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The leaders of these municipalities get the message, in the app and by e-mail."),
        error_messages={"required": _("Choose at least one municipality.")},
    )
    subject = forms.CharField(
        label=_("Subject line"),
        max_length=200,
        error_messages={"required": _("Write a subject.")},
        help_text=_("For example: 0 registrations for the basic course"),
    )
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={"required": _("Write the message.")},
    )

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write the message."))
        return body
