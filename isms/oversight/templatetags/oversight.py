"""Small helpers for the oversight templates."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

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
def status_cells(row) -> SafeString:
    """A status row's cells: each area's light, then its figures, each linking to the list behind it.

    Built here rather than in template loops: the page shows some 30 cells for each of up to 357
    municipalities, and the template engine's per-variable lookups were most of the page's time."""
    parts = []
    for cell in row.cells:
        light = format_html('<span class="light light--{}">{}</span>', cell.light, cell.light.label)
        parts.append(format_html('<td class="area-start">{}</td>', light))
        parts += [_figure_cell(item) for item in cell.figures]
    return SafeString("".join(parts))  # nosec B703 (every part made by format_html)


def _figure_cell(item) -> SafeString:
    css = "numeric attention" if item.needs_attention else "numeric"
    if item.url:
        return format_html('<td class="{}"><a class="ds-link" href="{}">{}</a></td>', css, item.url, item.display)
    return format_html('<td class="{}">{}</td>', css, item.display)
