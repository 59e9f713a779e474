"""Loading the template data in fixtures/kins_templates/: validate every entry first, then write.

Each YAML file has one loader. Loaders are idempotent: rows are matched by a natural key, a changed
entry updates the row through the service (so history records it), an unchanged one writes nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Municipality
from .services import upsert_municipality

TEMPLATE_DIR = Path(settings.BASE_DIR) / "fixtures" / "kins_templates"
LOADER_REASON = gettext_lazy("Loaded from the template library (%s)")


class TemplateDataError(Exception):
    """A template file that cannot be loaded; names the file and the entry."""

    def __init__(self, path: Path, message: str, entry: int | None = None, key: str = ""):
        where = f"{path.name}"
        if entry is not None:
            where += ", " + _("entry %(n)s") % {"n": entry + 1} + (f" ({key})" if key else "")
        super().__init__(f"{where}: {message}")


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    details: list[str] = field(default_factory=list)

    def count(self, outcome: str) -> None:
        attribute = {"created": "created", "updated": "updated", "same": "unchanged"}[outcome]
        setattr(self, attribute, getattr(self, attribute) + 1)


def checked_key(
    path: Path, index: int, entry: Any, *, allowed: set[str], required: tuple[str, ...], seen: set[str]
) -> str:
    """The key of a YAML entry that is a mapping with its required fields, no unknown ones, and a key not
    seen before in the file (added to `seen`); otherwise a TemplateDataError naming the file and entry."""
    if not isinstance(entry, dict):
        raise TemplateDataError(path, _("the entry must be a mapping (key: value)."), index)
    key = str(entry.get("key") or "")
    for name in required:
        if not entry.get(name):
            raise TemplateDataError(path, _("the field “%s” is missing.") % name, index, key)
    unknown = set(entry) - allowed
    if unknown:
        raise TemplateDataError(path, _("unknown fields: %s.") % ", ".join(sorted(unknown)), index, key)
    if key in seen:
        raise TemplateDataError(path, _("“%s” appears twice.") % key, index, key)
    seen.add(key)
    return key


def read_entries(path: Path, top_key: str) -> list[dict[str, Any]]:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise TemplateDataError(path, _("invalid YAML: %s") % exc) from exc
    if not isinstance(document, dict) or not isinstance(document.get(top_key), list):
        raise TemplateDataError(path, _("the file must have a list under “%s”.") % top_key)
    return document[top_key]


MUNICIPALITY_FIELDS = {
    "number": str,
    "name": str,
    "official_name": str,
    "slug": str,
    "org_number": str,
    "population": int,
    "population_as_of": datetime.date,
    "kins_member": bool,
    "kins_member_since": datetime.date,
    "joined_on": datetime.date,
    "left_on": datetime.date,
}
MUNICIPALITY_REQUIRED = ("number", "name", "slug")
OUTCOME_WORDS = {"created": gettext_lazy("new"), "updated": gettext_lazy("updated")}


def _validated_municipality(path: Path, index: int, entry: Any) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise TemplateDataError(path, _("the entry must be a mapping (key: value)."), index)
    key = str(entry.get("number") or entry.get("name") or "")
    for name in MUNICIPALITY_REQUIRED:
        if entry.get(name) in (None, ""):
            raise TemplateDataError(path, _("the field “%s” is missing.") % name, index, key)
    unknown = set(entry) - set(MUNICIPALITY_FIELDS)
    if unknown:
        raise TemplateDataError(path, _("unknown fields: %s.") % ", ".join(sorted(unknown)), index, key)
    for name, value in entry.items():
        expected = MUNICIPALITY_FIELDS[name]
        if value is not None and not isinstance(value, expected):
            raise TemplateDataError(path, _("the field “%s” has the wrong type.") % name, index, key)
    candidate = Municipality(**entry)
    try:
        candidate.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        messages = "; ".join(f"{name}: {' '.join(errs)}" for name, errs in exc.message_dict.items())
        raise TemplateDataError(path, messages, index, key) from exc
    return dict(entry)


def load_municipalities(path: Path) -> LoadResult:
    entries = [_validated_municipality(path, i, e) for i, e in enumerate(read_entries(path, "municipalities"))]
    for name in ("number", "slug"):
        seen: set[str] = set()
        for index, entry in enumerate(entries):
            if entry[name] in seen:
                raise TemplateDataError(path, _("“%s” appears twice.") % entry[name], index, entry["number"])
            seen.add(entry[name])
    result = LoadResult()
    for entry in entries:
        obj, outcome = upsert_municipality(values=entry, actor=None, reason=str(LOADER_REASON) % path.name)
        result.count(outcome)
        if outcome != "same":
            result.details.append(f"{obj.number} {obj.name}: {OUTCOME_WORDS[outcome]}")
    return result


# File name → loader, in load order: the municipalities first, then the files the apps register.
LOADERS: dict[str, Callable[[Path], LoadResult]] = {
    "municipalities.yaml": load_municipalities,
}


def register_loader(file_name: str, loader: Callable[[Path], LoadResult]) -> None:
    LOADERS[file_name] = loader


def load_all(directory: Path | None = None) -> dict[str, LoadResult]:
    """Load every known template file in one transaction: an error anywhere loads nothing."""
    directory = directory or TEMPLATE_DIR
    results = {}
    with transaction.atomic():
        for name, loader in LOADERS.items():
            path = directory / name
            if not path.exists():
                raise TemplateDataError(path, _("the file does not exist."))
            results[name] = loader(path)
    return results
