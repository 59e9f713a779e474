"""The course statistics per municipality as a sortable table with CSV/XLSX export."""

import django_tables2 as tables
from django.utils import formats
from django.utils.translation import gettext_lazy as _


class MunicipalityFiguresTable(tables.Table):
    number = tables.Column(verbose_name=_("No."), accessor="municipality__number")
    name = tables.Column(verbose_name=_("Municipality"), accessor="municipality__name")
    population = tables.Column(
        verbose_name=_("Population"), accessor="municipality__population", attrs={"td": {"class": "num"}}
    )
    registered = tables.Column(verbose_name=_("Registered"), attrs={"td": {"class": "num"}})
    waitlisted = tables.Column(verbose_name=_("Waitlisted"), attrs={"td": {"class": "num"}})
    attended = tables.Column(verbose_name=_("Attended"), attrs={"td": {"class": "num"}})
    per_thousand = tables.Column(
        verbose_name=_("Registered per 1000 inhabitants"), empty_values=(), attrs={"td": {"class": "num"}}
    )

    class Meta:
        order_by = "name"
        empty_text = _("No municipalities.")
        row_attrs = {"class": lambda record: "figure-none" if record.has_none else ""}

    def render_population(self, value) -> str:
        return formats.number_format(value, force_grouping=True)

    def value_population(self, value):
        return value

    def render_per_thousand(self, record) -> str:
        value = record.per_thousand
        return "—" if value is None else formats.number_format(value, 2)

    def value_per_thousand(self, record):
        return record.per_thousand

    def render_name(self, record, value) -> str:
        return f"{value} ({_('no registrations')})" if record.has_none else value

    def value_name(self, value):
        return value
