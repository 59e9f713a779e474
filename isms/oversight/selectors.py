"""Reads of the oversight app: the status rows of the municipalities a user may see, today or as of a day."""

from __future__ import annotations

import datetime
import html
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from isms.core.models import Municipality

from .history import end_of_day, rows
from .registry import Area, Context, Figure, Light, areas
from .snapshots import count_values, current_values


@dataclass(frozen=True)
class FigureCell:
    figure: Figure
    value: object
    url: str

    @property
    def needs_attention(self) -> bool:
        return self.figure.attention and bool(self.value)

    @property
    def display(self) -> str:
        return display_value(self.figure, self.value)


# Units whose display is the number itself (no text to translate or escape).
PLAIN_UNITS = frozenset({"count", "percent", "days"})


def display_value(figure: Figure, value) -> str:
    if figure.unit == "percent":
        return f"{value} %"
    if figure.unit == "per_thousand":
        return formats.number_format(value, decimal_pos=1)
    if figure.unit == "yes_no":
        return _("Yes") if value else _("No")
    return str(value)


# Stands for the municipality's slug in an area's links, reversed once per page instead of once per cell
# (a slug, so every URL pattern with a slug converter accepts it).
SLUG = "__municipality__"


@dataclass(frozen=True)
class Links:
    """An area's own page and each figure's list, as URLs with SLUG in place of the municipality."""

    area: str
    figures: dict[str, str]
    # Each figure with its link already HTML-escaped, for the page's cells (templatetags.status_cells).
    escaped: tuple[tuple[Figure, str], ...] = ()

    @classmethod
    def of(cls, area: Area) -> Links:
        figures = {figure.key: figure.link(SLUG) if figure.link else "" for figure in area.figures}
        escaped = tuple((figure, html.escape(figures[figure.key])) for figure in area.figures)
        return cls(area.url(SLUG) if area.url else "", figures, escaped)


@dataclass(frozen=True)
class AreaCell:
    area: Area
    values: dict
    light: Light
    slug: str
    links: Links

    @property
    def url(self) -> str:
        return self.links.area.replace(SLUG, self.slug)

    @property
    def figures(self) -> list[FigureCell]:
        links = self.links.figures
        return [
            FigureCell(figure, self.values.get(figure.key, 0), links[figure.key].replace(SLUG, self.slug))
            for figure in self.area.figures
        ]


@dataclass
class StatusRow:
    municipality: Municipality
    cells: list[AreaCell] = field(default_factory=list)

    @property
    def worst(self) -> Light:
        return max((cell.light for cell in self.cells), key=lambda light: light.rank, default=Light.GREEN)

    @property
    def needs_action(self) -> bool:
        """Red in some area ("Tiltak"); yellow is to follow up, not to act on now."""
        return self.worst == Light.RED

    def cell(self, key: str) -> AreaCell | None:
        return next((cell for cell in self.cells if cell.area.key == key), None)


def context_for(day: datetime.date | None = None) -> Context:
    """Today's state from the live tables; a past day's from the history tables as of its end."""
    today = timezone.localdate()
    if day is None or day >= today:
        return Context(day=today)
    return Context(day=day, as_of=end_of_day(day))


def status_rows(
    *, municipalities: QuerySet[Municipality], context: Context | None = None, area_keys: list[str] | None = None
) -> list[StatusRow]:
    """One row per municipality (by name) with every area's figures and light. A constant number of
    queries: one for the municipalities and each area's grouped counts, whatever their number. Today's
    figures come from the kept ones of the municipalities that did not change since (snapshots.py)."""
    context = context or context_for()
    chosen = areas(keys=area_keys, as_of=context.historical)
    if context.historical:
        # The municipalities as they stood (name, dates of membership, population), registered by then.
        stood = rows(Municipality, context).filter(id__in=municipalities.values("pk")).order_by("name", "id")
        listed = [m for m in (row.instance for row in stood) if m.is_member_on(context.day)]
        values = count_values(listed, context, chosen)
    else:
        listed = list(municipalities.order_by("name"))
        values = current_values(listed, context)
    links = {area.key: Links.of(area) for area in chosen}
    result = []
    for municipality in listed:
        row = StatusRow(municipality)
        for area in chosen:
            area_values = values[municipality.pk][area.key]
            row.cells.append(AreaCell(area, area_values, area.light(area_values), municipality.slug, links[area.key]))
        result.append(row)
    return result


def sort_rows(rows: list[StatusRow], key: str) -> list[StatusRow]:
    """`name`, `number`, `<area>` (by light, worst first) or `<area>.<figure>`; a leading "-" reverses."""
    descending = key.startswith("-")
    key = key.lstrip("-")
    if key == "number":
        return sorted(rows, key=lambda row: row.municipality.number, reverse=descending)
    area_key, _dot, figure_key = key.partition(".")
    if area_key in {area.key for area in areas()}:

        def value(row: StatusRow):
            cell = row.cell(area_key)
            if cell is None:
                return (0, 0)
            return (cell.values.get(figure_key, 0),) if figure_key else (cell.light.rank, row.municipality.name)

        worst_first = not descending if not figure_key else descending
        return sorted(rows, key=value, reverse=worst_first)
    return sorted(rows, key=lambda row: row.municipality.name, reverse=descending)


def only_needing_action(rows: list[StatusRow]) -> list[StatusRow]:
    return [row for row in rows if row.needs_action]
