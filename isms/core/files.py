"""Uploaded and generated files: stored through `STORAGES["default"]` under names nobody can guess.

A stored name is `<kind>/<yyyy>/<random token>.<ext>`: it says nothing about the municipality or the
document, and knowing one name never leads to another. Files are only ever served by access-checked views;
the original name a user should see lives in a model field and is sent as the Content-Disposition filename.
"""

from __future__ import annotations

import re
import secrets
from pathlib import PurePosixPath

from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.deconstruct import deconstructible

TOKEN_BYTES = 24  # 192 bits: 32 URL-safe characters
NAME_PATTERN = re.compile(r"^(?P<kind>[a-z]+)/(?P<year>\d{4})/(?P<token>[A-Za-z0-9_-]{32})(?P<ext>\.[a-z0-9]{1,5})?$")


def unguessable_name(kind: str, original: str = "") -> str:
    """A fresh stored name for a file of `kind`, keeping only the (lower-cased) extension of `original`
    (a file name, or an extension such as ".pdf")."""
    extension = (original if original.startswith(".") else PurePosixPath(original).suffix).lower()
    if not re.fullmatch(r"\.[a-z0-9]{1,5}", extension):
        extension = ""
    return f"{kind}/{timezone.localdate():%Y}/{secrets.token_urlsafe(TOKEN_BYTES)}{extension}"


def is_unguessable(name: str) -> bool:
    return bool(NAME_PATTERN.match(name))


@deconstructible
class UnguessableUploadTo:
    """A FileField's `upload_to`: every saved file gets `unguessable_name(kind, filename)`."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def __call__(self, instance, filename: str) -> str:
        return unguessable_name(self.kind, filename)

    def __eq__(self, other) -> bool:
        return isinstance(other, UnguessableUploadTo) and other.kind == self.kind


def rename_stored_files(apps, *, model: str, field: str, kind: str, history_model: str | None = None) -> int:
    """Data migration step: give every stored file of `model.field` an unguessable name, through the storage
    API (copy, then delete the old name), and point every row at it — the history rows too, so that an old
    version still opens its file. The content and its checksum do not change, so no new version is written.
    Returns the number of files renamed."""
    app_label, model_name = model.split(".")
    models = [apps.get_model(app_label, model_name)]
    if history_model:
        models.append(apps.get_model(app_label, history_model))
    names = set()
    for model_class in models:
        names.update(
            name
            for name in model_class._default_manager.exclude(**{field: ""}).values_list(field, flat=True)
            if name and not is_unguessable(name)
        )
    renamed: dict[str, str] = {}
    for old in sorted(names):
        if not default_storage.exists(old):
            continue
        with default_storage.open(old, "rb") as source:
            renamed[old] = default_storage.save(unguessable_name(kind, old), source)
    for model_class in models:
        for row in model_class._default_manager.filter(**{f"{field}__in": list(renamed)}):
            value = getattr(row, field)  # a FieldFile on the model, plain text on its history model
            setattr(row, field, renamed[getattr(value, "name", value)])
            row.save(update_fields=[field])
    for old in renamed:
        default_storage.delete(old)
    return len(renamed)
