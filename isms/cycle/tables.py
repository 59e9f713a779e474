"""Tables for the CSV/XLSX exports of the year view and the heat map (through the shared export helper)."""

from __future__ import annotations

import django_tables2 as tables
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from .models import MONTHS

MONTH_NAMES = dict(MONTHS)


def _date(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


class ActivityTable(tables.Table):
    """The rows of the year view (selectors.ActivityRow)."""

    title = tables.Column(verbose_name=_("Activity"), accessor="activity__title")
    kind = tables.Column(verbose_name=_("Concerns"), accessor="activity__get_kind_display")
    months = tables.Column(verbose_name=_("Months"), accessor="activity__month_numbers")
    responsible_role = tables.Column(verbose_name=_("Responsible role"), accessor="activity__responsible_role")
    owner = tables.Column(verbose_name=_("Owner"), accessor="activity__owner")
    due = tables.Column(verbose_name=_("Due"), accessor="due_on")
    status = tables.Column(verbose_name=_("Status"), accessor="status_label")
    done_on = tables.Column(verbose_name=_("Done on"), accessor="done_on")
    skip_reason = tables.Column(verbose_name=_("Why it was skipped"), accessor="activity__skip_reason")

    def value_months(self, value):
        return ", ".join(str(MONTH_NAMES[str(month)]) for month in value)

    def value_due(self, value):
        return _date(value)

    def value_done_on(self, value):
        return _date(value)


def heat_map_table(heat_map):
    """Municipality × area, the averages with a decimal comma (as Norwegian Excel reads them)."""
    columns = [(f"area_{index}", tables.Column(verbose_name=area)) for index, area in enumerate(heat_map.areas)]
    data = []
    for municipality, assessment, values in heat_map.rows:
        row = {"municipality": municipality.name, "date": _date(assessment.assessed_on) if assessment else ""}
        for index, value in enumerate(values):
            row[f"area_{index}"] = "" if value is None else f"{value:.1f}".replace(".", ",")
        data.append(row)
    table = tables.Table(
        data,
        extra_columns=[
            ("municipality", tables.Column(verbose_name=_("Municipality"))),
            ("date", tables.Column(verbose_name=_("Date of the kartlegging"))),
            *columns,
        ],
    )
    return table
