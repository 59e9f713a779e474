"""Small helpers for the oversight templates."""

import functools
import html

from django import template
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from ..registry import Light
from ..selectors import PLAIN_UNITS, SLUG, display_value

register = template.Library()


@register.simple_tag
def sort_link(base_query: str, current: str, key: str) -> str:
    """The query string that sorts by `key`, or by it reversed when it is the current sort."""
    target = f"-{key}" if current == key else key
    return f"?{base_query + '&' if base_query else ''}sort={target}"


@register.filter
def sort_state(current: str, key: str) -> str:
    """aria-sort for a column header."""
    if current == key:
        return "ascending"
    if current == f"-{key}":
        return "descending"
    return "none"


@register.filter
def cells_of_row(services, row):
    return services.cells_of(row)


@register.simple_tag(takes_context=True)
def actions_for_row(context, actions, row):
    """The registered row actions this row shows to the reader, each with its URL for the row's municipality."""
    from types import SimpleNamespace

    user = context["request"].user
    return [
        SimpleNamespace(label=action.label, url=action.url(row.municipality.slug))
        for action in actions
        if action.shown(user, row)
    ]


@register.simple_tag
def status_cells(row, municipality_link: str) -> SafeString:
    """A status row's cells: the municipality (`municipality_link` is its page with SLUG for the slug), then
    each area's light and its figures, each linking to the list behind it.

    Built here rather than in template loops, and with plain string work rather than `format_html` per cell:
    the page shows some 30 cells for each of up to 357 municipalities. Every text is escaped; the links are
    escaped patterns with the municipality's slug (letters, digits and dashes) put in, and the labels of the
    lights and of yes/no are translated once per page language, not once per cell."""
    labels = _labels(translation.get_language())
    slug = row.municipality.slug
    href = html.escape(municipality_link.replace(SLUG, slug))
    parts = [f'<th scope="row"><a class="ds-link" href="{href}">{html.escape(row.municipality.name)}</a></th>']
    for cell in row.cells:
        light = f'<span class="light light--{cell.light.value}">{labels[cell.light]}</span>'
        parts.append(f'<td class="area-start">{light}</td>')
        values = cell.values
        for figure, link in cell.links.escaped:
            value = values.get(figure.key, 0)
            css = "numeric attention" if figure.attention and value else "numeric"
            if figure.unit in PLAIN_UNITS:
                display = display_value(figure, value)
            elif figure.unit == "yes_no":
                display = labels[bool(value)]
            else:
                display = html.escape(display_value(figure, value))
            if link:
                href = link.replace(SLUG, slug)
                parts.append(f'<td class="{css}"><a class="ds-link" href="{href}">{display}</a></td>')
            else:
                parts.append(f'<td class="{css}">{display}</td>')
    return SafeString("".join(parts))  # nosec B703 (every text and link escaped above)


@functools.lru_cache(maxsize=8)
def _labels(language: str | None) -> dict:
    """The escaped labels of the lights and of yes/no in `language` (the page's, active when called)."""
    labels: dict = {light: html.escape(label) for light, label in Light.labels().items()}
    labels.update({True: html.escape(gettext("Yes")), False: html.escape(gettext("No"))})
    return labels
