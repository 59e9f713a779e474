"""The status table as django-tables2 rows, for the shared CSV/XLSX export helper."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .registry import Area
from .selectors import StatusRow


class StatusExportTable(tables.Table):
    number = tables.Column(verbose_name=_("No."))
    name = tables.Column(verbose_name=_("Municipality"))

    class Meta:
        orderable = False


def status_table(rows: list[StatusRow], shown: list[Area]) -> StatusExportTable:
    """One column per area's light and per figure (raw numbers, so a spreadsheet can sum them)."""
    extra = []
    data = []
    for area in shown:
        extra.append((f"{area.key}__light", tables.Column(verbose_name=f"{area.label}: {_('status')}")))
        extra += [
            (f"{area.key}__{figure.key}", tables.Column(verbose_name=f"{area.label}: {figure.label}"))
            for figure in area.figures
        ]
    for row in rows:
        item = {"number": row.municipality.number, "name": row.municipality.name}
        for cell in row.cells:
            item[f"{cell.area.key}__light"] = cell.light.label
            item.update({f"{cell.area.key}__{key}": value for key, value in cell.values.items()})
        data.append(item)
    return StatusExportTable(data, extra_columns=extra)
