"""Small helpers for the oversight templates."""

from django import template

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
