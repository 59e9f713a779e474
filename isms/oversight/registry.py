"""The areas of the status row: a small registry each app adds its area to (see the package docstring)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _


class Light(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"

    @property
    def label(self) -> str:
        return str(LIGHT_LABELS[self])

    @classmethod
    def labels(cls) -> dict[Light, str]:
        """Every light's label in the active language, translated once for a whole table or export."""
        return {light: light.label for light in cls}

    @property
    def rank(self) -> int:
        return {Light.GREEN: 0, Light.YELLOW: 1, Light.RED: 2}[self]


LIGHT_LABELS = {Light.GREEN: _("In order"), Light.YELLOW: _("Follow up"), Light.RED: _("Needs action")}


@dataclass(frozen=True)
class Figure:
    """One number of an area, e.g. "reviews overdue". `attention` figures need follow-up when not zero."""

    key: str
    label: str
    # The filtered list behind the number, from the municipality's slug ("" when there is none).
    link: Callable[[str], str] | None = None
    attention: bool = False
    # How the number reads: "count", "percent" (0–100) or "per_thousand"; "days" for an age.
    unit: str = "count"


@dataclass(frozen=True)
class Context:
    """What an area's annotations are built for: today's state, or the state at the end of `day`."""

    day: datetime.date
    as_of: datetime.datetime | None = None  # None: the live tables; else the history tables at that instant

    @property
    def historical(self) -> bool:
        return self.as_of is not None


@dataclass(frozen=True)
class Area:
    key: str
    label: str
    figures: tuple[Figure, ...]
    # The raw values per municipality id, counted in the database with a constant number of grouped
    # queries whatever the number of municipalities: collect(context, municipalities) -> {id: {name: value}}.
    collect: Callable[[Context, QuerySet], Mapping[int, Mapping[str, object]]]
    # The figures from the raw values of one municipality (lets an area derive shares and rates).
    # values(raw, municipality, context) -> {figure key: value}
    values: Callable[[Mapping[str, object], object, Context], dict[str, object]]
    light: Callable[[Mapping[str, object]], Light]
    order: int = 100
    as_of: bool = True  # can count as of a past day from history
    url: Callable[[str], str] | None = None  # the area's own page in a municipality
    explanation: str = ""  # what makes the light red or yellow, shown under the table
    short_label: str = ""  # for narrow table headers (the PDF); the label when empty
    # Today's figures are kept until a tracked row of the municipality changes (snapshots.py). Tables without a
    # municipality that the figures read are named here ("app_label.Model"): a change to them renews every row.
    shared_inputs: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)


AREAS: dict[str, Area] = {}


def register_area(area: Area) -> None:
    AREAS[area.key] = area


def shared_inputs() -> set[str]:
    return {label for area in AREAS.values() for label in area.shared_inputs}


def areas(*, keys: list[str] | None = None, as_of: bool = False) -> list[Area]:
    chosen = [area for area in AREAS.values() if (keys is None or area.key in keys) and (area.as_of or not as_of)]
    return sorted(chosen, key=lambda area: (area.order, area.key))


@dataclass(frozen=True)
class RowAction:
    """A button in the last column of a municipality's status row, e.g. "send a nudge" (notifications).

    `url(slug)` is where the button POSTs (the other app's view does the work and its own access check);
    `shown(user, row)` decides whether the row gets it (e.g. only rows that need action)."""

    key: str
    label: str
    url: Callable[[str], str]
    shown: Callable[[object, object], bool] = lambda user, row: True


ROW_ACTIONS: dict[str, RowAction] = {}


def register_row_action(action: RowAction) -> None:
    ROW_ACTIONS[action.key] = action
