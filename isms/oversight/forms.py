"""The period of a board status report."""

from __future__ import annotations

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from isms.core.forms import DesignsystemetMixin

from .reports import first_data_day

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {
    "required": _("Choose a date."),
    "invalid": _("That is not a date. Write it as dd.mm.yyyy, e.g. 01.03.2024."),
}


class ReportPeriodForm(DesignsystemetMixin, forms.Form):
    start = forms.DateField(label=_("Period from"), widget=DATE_WIDGET, error_messages=DATE_ERRORS)
    end = forms.DateField(label=_("Period to"), widget=DATE_WIDGET, error_messages=DATE_ERRORS)

    def clean_end(self):
        end = self.cleaned_data["end"]
        today = timezone.localdate()
        if end > today:
            raise forms.ValidationError(
                _("The period cannot end in the future. Choose today (%(today)s) or an earlier day.")
                % {"today": formats.date_format(today, "SHORT_DATE_FORMAT")}
            )
        return end

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The period ends before it starts. Choose a last day on or after the first."))
        elif end:
            first = first_data_day()
            if first is None or end < first:
                self.add_error(
                    "end",
                    _("The period ends before there is any data in the system (the first is from %(day)s).")
                    % {"day": formats.date_format(first, "SHORT_DATE_FORMAT") if first else "—"},
                )
        return cleaned
