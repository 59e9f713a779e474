"""Which tracked models have a history page, and how their rows are read within a tenant."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import Http404
from django.urls import reverse

from .access import Action, can, has_municipal_access
from .models import Membership, Municipality, User
from .tracking import VersionEntry, field_changes, history_entries

# URL label → (model, the action needed to read its history). Apps add theirs in AppConfig.ready().
# A history shows as much as the object's own pages: who has a role is for those who see the members.
MUNICIPAL_HISTORY: dict[str, tuple[type[Model], Action]] = {
    "municipality": (Municipality, Action.VIEW),
    "membership": (Membership, Action.VIEW_MEMBERS),
}
# Cooperation level: None means anyone working with municipal records (the catalogue, say).
COOPERATION_HISTORY: dict[str, tuple[type[Model], Action | None]] = {}


@dataclass(frozen=True)
class ChildSpec:
    """Children of an aggregate whose additions and removals show on the root's history page."""

    model: type[Model]
    parent_field: str  # e.g. "processing_activity_id"
    title: str
    names: Callable[[list], dict[int, str]]  # historical child rows → {child pk: display name}


AGGREGATE_CHILDREN: dict[str, list[ChildSpec]] = {}


@dataclass(frozen=True)
class HistoryPlace:
    """Where an object lives, so its history page's breadcrumbs lead back to its list and its own page."""

    section_title: str
    section_url: str  # URL name of the list; a municipal one takes the slug
    detail_url: str | None = None  # URL name of the object's page; takes (slug,) pk


HISTORY_PLACES: dict[str, HistoryPlace] = {}


def register_children(label: str, children: list[ChildSpec]) -> None:
    AGGREGATE_CHILDREN[label] = children


def _attach_child_changes(label: str, pk: int, entries: list[VersionEntry], since=None) -> None:
    """Give each root version the child rows written in the same save (just before the root's row)."""
    if not entries or label not in AGGREGATE_CHILDREN:
        return
    for spec in AGGREGATE_CHILDREN[label]:
        rows = spec.model.history.filter(**{spec.parent_field: pk}).order_by("history_date")
        if since is not None:
            rows = rows.filter(history_date__gt=since)
        rows = list(rows)
        names = spec.names(rows)
        for row in rows:
            owner = next((entry for entry in entries if entry.date >= row.history_date), entries[-1])
            sign = "+" if row.history_type == "+" else "−" if row.history_type == "-" else "~"
            owner.child_changes.append(f"{spec.title}: {sign} {names.get(row.id, '?')}")


def register_history(
    label: str,
    model: type[Model],
    *,
    cooperation_level: bool = False,
    action: Action | None = None,
    place: HistoryPlace | None = None,
) -> None:
    if place is not None:
        HISTORY_PLACES[label] = place
    if cooperation_level:
        COOPERATION_HISTORY[label] = (model, action)
    else:
        MUNICIPAL_HISTORY[label] = (model, action or Action.VIEW)


def municipal_history(
    label: str, pk: int, municipality: Municipality, user: User
) -> tuple[type[Model], list[VersionEntry], list]:
    """All versions of one object of `municipality` (deleted objects too); 404 for anything else."""
    if label not in MUNICIPAL_HISTORY:
        raise Http404
    model, action = MUNICIPAL_HISTORY[label]
    if not can(user, action, municipality):
        raise PermissionDenied
    rows = model.history.filter(id=pk).select_related("history_user")
    rows = rows.filter(id=municipality.pk) if model is Municipality else rows.filter(municipality_id=municipality.pk)
    rows = list(rows)
    if not rows:
        raise Http404
    entries = history_entries(rows)
    _attach_child_changes(label, pk, entries)
    return model, entries, rows


def cooperation_history(label: str, pk: int, user: User) -> tuple[type[Model], list[VersionEntry], list]:
    """All versions of one cooperation-level object (catalogue entries, templates, joint parents)."""
    if label not in COOPERATION_HISTORY:
        raise Http404
    model, action = COOPERATION_HISTORY[label]
    if not (can(user, action) if action else has_municipal_access(user)):
        raise PermissionDenied
    rows = list(model.history.filter(id=pk).select_related("history_user"))
    if not rows:
        raise Http404
    return model, history_entries(rows), rows


def history_breadcrumbs(label: str, rows: list, municipality: Municipality | None) -> dict[str, str]:
    """Context for core/_breadcrumbs.html: the object's list, the object (unless deleted), then "History"."""
    place = HISTORY_PLACES.get(label)
    if place is None or not rows:
        return {}
    slug_args = [municipality.slug] if municipality is not None else []
    latest = max(rows, key=lambda row: (row.history_date, row.history_id))
    crumbs = {"crumb": str(place.section_title), "crumb_url": reverse(place.section_url, args=slug_args)}
    if place.detail_url and latest.history_type != "-":
        crumbs["parent"] = str(latest.instance)
        crumbs["parent_url"] = reverse(place.detail_url, args=[*slug_args, latest.id])
    return crumbs


def compare(rows: list, from_id: int | None, to_id: int | None):
    """The two chosen history rows (defaults: previous and latest) and their field diff."""
    ordered = sorted(rows, key=lambda row: (row.history_date, row.history_id))
    by_id = {row.history_id: row for row in ordered}
    newer = by_id.get(to_id) or ordered[-1]
    older = by_id.get(from_id) or (ordered[-2] if len(ordered) > 1 else ordered[-1])
    if (older.history_date, older.history_id) > (newer.history_date, newer.history_id):
        older, newer = newer, older
    return older, newer, field_changes(older, newer)


def stale_changes(stale) -> list[VersionEntry]:
    """What others saved since the user opened the form, with an aggregate's parts named ("Scenario: + …")."""
    model = type(stale.current)
    label = next((name for name, (registered, _action) in MUNICIPAL_HISTORY.items() if registered is model), None)
    if label is not None:
        _attach_child_changes(label, stale.current.pk, stale.changes_since, since=stale.since)
    return stale.changes_since
