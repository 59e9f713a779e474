"""The long tables of the DPO's avvik overview as rows of HTML: `{% open_rows %}` (every open avvik of every
municipality with its 72 hours) and `{% municipality_rows %}` (the statistics per municipality).

The table, its caption and header stay in the template; only the rows are written here, as in
`risk_tables`: at 357 municipalities a template loop with `{% url %}`, `|date` and the clock's include per
row was two thirds of the page's time. Every value is escaped as the template escaped it (`format_row`)."""

from __future__ import annotations

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.formats import get_format
from django.utils.safestring import SafeString

from isms.core.display import format_row, url_filler

register = template.Library()


def _rows(format_string: str, rows) -> SafeString:
    return SafeString("\n".join(format_row(format_string, *row) for row in rows))  # nosec B703 (format_row escapes)


@register.simple_tag
def open_rows(rows) -> SafeString:
    """The overview's ClockRows: municipality, the avvik linked to its page, discovered, the 72 hours, status."""
    detail_url = url_filler("incidents:detail", "slug", "int")
    datetime_format = get_format("DATETIME_FORMAT")  # what `|date:"DATETIME_FORMAT"` uses, looked up once
    return _rows(
        "<tr>\n      <td>{}</td>\n"
        '      <td><a class="ds-link" href="{}">{} {}</a></td>\n'
        "      <td>{}</td>\n"
        '      <td><span class="ds-tag" data-color="{}">{}</span></td>\n'
        "      <td>{}</td>\n    </tr>",
        (
            (
                row.incident.municipality.name,
                detail_url(row.incident.municipality.slug, row.incident.pk),
                row.incident.reference,
                row.incident.title,
                date_format(timezone.localtime(row.incident.discovered_at), datetime_format),
                row.clock.color,
                row.clock.label,
                row.incident.state_label,
            )
            for row in rows
        ),
    )


@register.simple_tag
def municipality_rows(rows) -> SafeString:
    """The statistics per municipality (`Statistics.by_municipality`)."""
    return _rows(
        '<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td>'
        '<td class="num">{}</td><td class="num">{}</td></tr>',
        (
            (row["municipality__name"], row["total"], row["breaches"], row["notified"], row["late"], row["open"])
            for row in rows
        ),
    )


@register.simple_tag
def incident_rows(table) -> SafeString:
    """The avvik list's rows of the page (`IncidentTable.cells`), striped as django-tables2 stripes them."""
    return SafeString(  # nosec B703 (each row made by format_row, which escapes every cell)
        "\n".join(
            format_row(
                '<tr class="{}">\n      <td >{}</td><td >{}</td><td >{}</td><td >{}</td><td >{}</td><td >{}</td>'
                "<td >{}</td>\n    </tr>",
                "odd" if index % 2 else "even",
                *table.cells(row.record),
            )
            for index, row in enumerate(table.paginated_rows)
        )
    )
