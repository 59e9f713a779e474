"""The heat map's rows as HTML: `{% heat_rows rows %}` (357 municipalities × the areas).

The table, its caption and header stay in the template; only the rows are written here, as in
`risk_tables`: the template's inner loop over 6,000 cells was more than half of the page's time. Every
value is escaped as the template escaped it (`format_row`)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from isms.core.display import escape_value, format_row

register = template.Library()


@register.simple_tag
def heat_rows(rows, none_label) -> SafeString:
    """`selectors.HeatRow`s: the municipality (linked to its kartlegging), the date, one cell per area."""

    def row(heat_row) -> str:
        name = (
            format_row('<a class="ds-link" href="{}">{}</a>', heat_row.url, heat_row.name)
            if heat_row.url
            else format_row("{}", heat_row.name)
        )
        cells = "".join(
            f'<td class="heat {escape_value(css)}">{escape_value(text)}</td>' for text, css in heat_row.cells
        )
        return format_row(
            '<tr>\n      <th scope="row">{}</th>\n      <td class="nowrap">{}</td>\n      ', name,
            heat_row.date or none_label,
        ) + cells + "\n    </tr>"  # fmt: skip

    return SafeString("\n".join(row(heat_row) for heat_row in rows))  # nosec B703 (rows of format_row and escaped cells)
