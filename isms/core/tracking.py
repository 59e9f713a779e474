"""Versioned models with full history: the abstract TrackedModel and the field-level diff."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date, datetime, timedelta
from typing import Any

from django.db import models
from django.dispatch import Signal
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# Fields every tracked model carries that say nothing about the content of a change.
BOOKKEEPING_FIELDS = frozenset({"id", "created_at", "updated_at", "version"})


# Sent once by a write that records the history rows of many objects in bulk (the protocol import), with
# `instances`: simple-history's post_create_historical_record, which listeners hear for every other write,
# is not sent for those rows.
history_written_in_bulk = Signal()


class TrackedModel(models.Model):
    """Base of every domain model: timestamps, an optimistic-lock version and simple-history.

    Writes go through services (never `QuerySet.update()`, `bulk_create` or raw SQL), so every change
    leaves a historical row with the acting user and the reason.
    """

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True

    @property
    def change_reason_required(self) -> bool:
        """Whether an edit must state why. Models with drafts relax this until signed/approved."""
        return True


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str


def display_value(field: models.Field, value: Any) -> str:
    """A value as the UI shows it: choice labels, Ja/Nei, dd.mm.yyyy, "—" for empty."""
    if value is None or value == "" or value == []:
        return "—"
    if hasattr(field, "labels"):
        return ", ".join(field.labels(value))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(field, models.ForeignKey):
        return f"#{value}"
    return str(value)


def field_changes(older, newer) -> list[FieldChange]:
    """Field-by-field difference between two historical rows of the same object."""
    model = newer.instance_type
    changes = []
    for field in model._meta.concrete_fields:
        if field.name in BOOKKEEPING_FIELDS:
            continue
        attname = field.attname
        old, new = getattr(older, attname, None), getattr(newer, attname, None)
        if old != new:
            changes.append(
                FieldChange(
                    field=field.name,
                    label=capfirst(str(field.verbose_name)),
                    old=display_value(field, old),
                    new=display_value(field, new),
                )
            )
    return changes


@dataclass(frozen=True)
class VersionEntry:
    """One row of an object's history as the history page and conflict messages show it."""

    history_id: int
    version: int
    date: datetime
    user: Any
    reason: str
    kind: str  # "+" created, "~" changed, "-" deleted
    changes: list[FieldChange]
    # For an aggregate root: children added or removed in this version ("+ KOBO", "− Altinn").
    child_changes: list[str] = dataclass_field(default_factory=list)


def history_entries(history_rows) -> list[VersionEntry]:
    """Turn historical rows (any order) into entries, oldest first, each diffed against the one before."""
    rows = sorted(history_rows, key=lambda row: (row.history_date, row.history_id))
    entries = []
    previous = None
    for row in rows:
        entries.append(
            VersionEntry(
                history_id=row.history_id,
                version=row.version,
                date=row.history_date,
                user=row.history_user,
                reason=row.history_change_reason or "",
                kind=row.history_type,
                changes=field_changes(previous, row) if previous is not None else [],
            )
        )
        previous = row
    return entries


class StaleEditError(Exception):
    """Somebody saved the object after this user opened it; `changes_since` says what they did."""

    def __init__(self, current, changes_since: list[VersionEntry], since: datetime | None = None):
        super().__init__(f"{current!r} changed since the form was opened")
        self.current = current
        self.changes_since = changes_since
        self.since = since  # when the version the user saw was written


class ReasonRequiredError(ValueError):
    pass


def lock_for_edit(model: type[TrackedModel], *, pk: int, expected_version: int) -> TrackedModel:
    """Lock the row and make sure nobody saved it since the form was opened at `expected_version`.

    Must run inside a transaction; raises StaleEditError with the other people's changes.
    """
    current = model._default_manager.select_for_update().get(pk=pk)
    if current.version != expected_version:
        newer = current.history.filter(version__gt=expected_version).select_related("history_user")
        base = current.history.filter(version=expected_version).order_by("-history_date")[:1]
        base = list(base)
        raise StaleEditError(
            current, history_entries([*base, *newer])[len(base) :], since=base[0].history_date if base else None
        )
    return current


def save_new_version(obj: TrackedModel, *, actor, reason: str) -> None:
    """Write the object as its next version, with who and why in its history row."""
    if obj.change_reason_required and not reason.strip():
        raise ReasonRequiredError("A reason is required for this change.")
    obj.version += 1
    obj._history_user = actor
    obj._change_reason = reason.strip()
    obj.save()


def bump_root(
    model: type[TrackedModel],
    *,
    pk: int,
    actor,
    reason: str,
    default_reason: str,
    expected_version: int,
    reopen: Callable[[Any], None],
) -> TrackedModel:
    """A part of an aggregate changes: lock the root at the version the user saw, reopen it if it was
    decided (`reopen(root)`: the app's rule, which may refuse, e.g. an archived root), and write the root's
    next version with the same reason, so "version N" names the whole aggregate (ADR 4).

    A root that may change without a reason (a draft nobody signed) takes `default_reason` ("Scenario: …").
    Must run inside the transaction that writes the part (`save_part`)."""
    root = lock_for_edit(model, pk=pk, expected_version=expected_version)
    if not reason.strip() and root.change_reason_required:
        raise ReasonRequiredError("A reason is required for this change.")
    reopen(root)
    save_new_version(root, actor=actor, reason=reason.strip() or default_reason)
    return root


def save_part(
    model: type[TrackedModel], *, root: TrackedModel, root_field: str, part, values: dict[str, Any], actor, reason: str
) -> TrackedModel:
    """Add (`part` None) or change a part of the aggregate whose root `bump_root` has just moved."""
    if part is None:
        values = {**values, root_field: root, "municipality_id": root.municipality_id}
        return create_tracked(model, actor=actor, reason=reason, values=values)
    current = model._default_manager.select_for_update().get(pk=part.pk, **{root_field: root})
    if assign_changes(current, values):
        save_new_version(current, actor=actor, reason=reason or gettext("Changed"))
    return current


def assign_changes(obj: TrackedModel, values: dict[str, Any]) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def update_tracked(
    model: type[TrackedModel], *, pk: int, actor, reason: str, expected_version: int, values: dict[str, Any]
) -> tuple[TrackedModel, bool]:
    """Apply `values` to the locked row if it is still at `expected_version`; return (object, changed).

    Must run inside a transaction. The caller validates the values; the database constraints are the
    last line. A save that changes nothing writes no version.
    """
    current = lock_for_edit(model, pk=pk, expected_version=expected_version)
    if not assign_changes(current, values):
        return current, False
    save_new_version(current, actor=actor, reason=reason)
    return current, True


def create_tracked(model: type[TrackedModel], *, actor, reason: str, values: dict[str, Any]) -> TrackedModel:
    obj = model(**values)
    obj._history_user = actor
    obj._change_reason = reason.strip()
    obj.save()
    return obj


def delete_tracked(obj: TrackedModel, *, actor, reason: str) -> None:
    """Delete a row (only children and links are ever deleted); the history keeps it."""
    obj._history_user = actor
    obj._change_reason = reason.strip()
    obj.delete()


def save_state_change(obj: TrackedModel, *, actor, reason: str) -> None:
    """Write a workflow change (sent for sign-off, signed, archived) to history without a new version:
    `version` counts versions of the content, which sign-offs are pinned to."""
    obj._history_user = actor
    obj._change_reason = reason.strip()
    obj.save()


def version_moment(root: TrackedModel, version: int) -> tuple[Any, datetime] | None:
    """The root's history row at `version` and the moment its whole aggregate stood at that version, or None
    for a version it never had. The moment is just before the root's next version was written, not the row's
    own time: `bump_root` writes the root first and the part after it in the same transaction, so the part's
    change that made version N is dated a little after the root's row N."""
    row = root.history.filter(version=version).order_by("-history_date", "-history_id").first()
    if row is None:
        return None
    later = (
        root.history.filter(version__gt=version)
        .order_by("history_date", "history_id")
        .values_list("history_date", flat=True)
        .first()
    )
    return row, (later - timedelta(microseconds=1)) if later else timezone.now()
