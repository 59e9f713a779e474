"""Forms of the token pages: a new token (name, expiry), and the coordinator's revocation with a reason."""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _


class NewTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What the token is for, e.g. “Power BI, sector report”.")
    )
    expires_on = forms.DateField(
        label=_("Expires"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The last day the token works; at most a year ahead."),
    )

    def clean_expires_on(self) -> datetime.date:
        day = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        latest = today + datetime.timedelta(days=settings.API_TOKEN_MAX_DAYS)
        if day < today:
            raise forms.ValidationError(_("The expiry date has passed: choose today or a later day."))
        if day > latest:
            raise forms.ValidationError(
                _("A token may work at most until %(date)s.")
                % {"date": formats.date_format(latest, "SHORT_DATE_FORMAT")}
            )
        return day


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)
