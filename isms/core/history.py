"""Which tracked models have a history page, and how their rows are read within a tenant."""

from __future__ import annotations

from django.db.models import Model
from django.http import Http404

from .models import Membership, Municipality
from .tracking import VersionEntry, field_changes, history_entries

# URL label → model. Apps add theirs in AppConfig.ready() through register_history().
MUNICIPAL_HISTORY: dict[str, type[Model]] = {"municipality": Municipality, "membership": Membership}
COOPERATION_HISTORY: dict[str, type[Model]] = {}


def register_history(label: str, model: type[Model], *, cooperation_level: bool = False) -> None:
    (COOPERATION_HISTORY if cooperation_level else MUNICIPAL_HISTORY)[label] = model


def municipal_history(label: str, pk: int, municipality: Municipality) -> tuple[type[Model], list[VersionEntry], list]:
    """All versions of one object of `municipality` (deleted objects too); 404 for anything else."""
    model = MUNICIPAL_HISTORY.get(label)
    if model is None:
        raise Http404
    rows = model.history.filter(id=pk).select_related("history_user")
    rows = rows.filter(id=municipality.pk) if model is Municipality else rows.filter(municipality_id=municipality.pk)
    rows = list(rows)
    if not rows:
        raise Http404
    return model, history_entries(rows), rows


def cooperation_history(label: str, pk: int) -> tuple[type[Model], list[VersionEntry], list]:
    """All versions of one cooperation-level object (catalogue entries, templates, joint parents)."""
    model = COOPERATION_HISTORY.get(label)
    if model is None:
        raise Http404
    rows = list(model.history.filter(id=pk).select_related("history_user"))
    if not rows:
        raise Http404
    return model, history_entries(rows), rows


def compare(rows: list, from_id: int | None, to_id: int | None):
    """The two chosen history rows (defaults: previous and latest) and their field diff."""
    ordered = sorted(rows, key=lambda row: (row.history_date, row.history_id))
    by_id = {row.history_id: row for row in ordered}
    newer = by_id.get(to_id) or ordered[-1]
    older = by_id.get(from_id) or (ordered[-2] if len(ordered) > 1 else ordered[-1])
    if (older.history_date, older.history_id) > (newer.history_date, newer.history_id):
        older, newer = newer, older
    return older, newer, field_changes(older, newer)
