"""The status table as headings and rows for the shared CSV/XLSX writer (core/tables_export.py).

Built straight from the status rows the page shows, not through a django-tables2 table: its per-cell
accessor (a signature inspected for every cell) made the export cost 40 ms a municipality, 14 s at 357."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .registry import Area, Light
from .selectors import StatusRow


def status_export(rows: list[StatusRow], shown: list[Area]) -> tuple[list[str], list[list[object]]]:
    """One column per area's light and per figure (raw numbers, so a spreadsheet can sum them)."""
    headers = [_("No."), _("Municipality")]
    for area in shown:
        headers.append(f"{area.label}: {_('status')}")
        headers += [f"{area.label}: {figure.label}" for figure in area.figures]
    light_labels = Light.labels()
    data = []
    for row in rows:
        line: list[object] = [row.municipality.number, row.municipality.name]
        for cell in row.cells:
            line.append(light_labels[cell.light])
            line += [cell.values.get(figure.key, 0) for figure in cell.area.figures]
        data.append(line)
    return headers, data
