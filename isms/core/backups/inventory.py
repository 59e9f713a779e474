"""What a database holds, as a backup's manifest records it: rows per table and the stored files named."""

from __future__ import annotations

from django.apps import apps
from django.db import connections, models
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in the user's language."""


def counted_models() -> dict[str, type[models.Model]]:
    """Every table of the installation by name (history tables and many-to-many tables included)."""
    tables = {MigrationRecorder.Migration._meta.db_table: MigrationRecorder.Migration}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            tables.setdefault(model._meta.db_table, model)
    return tables


def table_counts(using: str = "default") -> dict[str, int]:
    """Rows per table of the database `using` (the tables that exist there)."""
    existing = set(connections[using].introspection.table_names())
    return {
        table: model._base_manager.using(using).count()
        for table, model in sorted(counted_models().items())
        if table in existing
    }


def file_fields() -> list[tuple[type[models.Model], str]]:
    """(model, field name) of every stored file, the history models' copies of the fields included."""
    fields = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                fields.append((model, field.name))
                history = getattr(model, "history", None)
                if history is not None and hasattr(history, "model"):
                    fields.append((history.model, field.name))
    return fields


def stored_file_names(using: str = "default") -> list[str]:
    """Every stored file some row (live or history) names. Stored files are never deleted or overwritten
    (a new upload gets a new name), so names read after the database dump cover every file it names."""
    names: set[str] = set()
    for model, field in file_fields():
        names.update(model._base_manager.using(using).exclude(**{field: ""}).values_list(field, flat=True))
    return sorted(name for name in names if name)


def differences(expected: dict[str, int], found: dict[str, int]) -> list[str]:
    """The tables whose row counts differ, as lines for an error message."""
    return [
        _("%(table)s: %(expected)s rows in the backup, %(found)s in the database")
        % {"table": table, "expected": expected.get(table, 0), "found": found.get(table, 0)}
        for table in sorted(set(expected) | set(found))
        if expected.get(table, 0) != found.get(table, 0)
    ]
