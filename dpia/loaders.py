"""Loading the screening questions (WP248 criteria and Datatilsynet's list) from fixtures/kins_templates/."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from isms.core.kins_templates import LOADER_REASON, LoadResult, TemplateDataError, read_entries

from .models import ScreeningItemKind
from .services import save_screening_item

FIELDS = {"key", "title", "explanation", "example"}


def load_screening(path: Path) -> LoadResult:
    """All entries are checked before any is written; then created or updated by key."""
    entries, seen = [], set()
    for kind, top_key in ((ScreeningItemKind.CRITERION, "criteria"), (ScreeningItemKind.LISTED, "listed")):
        for index, entry in enumerate(read_entries(path, top_key)):
            if not isinstance(entry, dict):
                raise TemplateDataError(path, _("the entry must be a mapping (key: value)."), index)
            key = str(entry.get("key") or "")
            for name in ("key", "title"):
                if not entry.get(name):
                    raise TemplateDataError(path, _("the field “%s” is missing.") % name, index, key)
            unknown = set(entry) - FIELDS
            if unknown:
                raise TemplateDataError(path, _("unknown fields: %s.") % ", ".join(sorted(unknown)), index, key)
            if key in seen:
                raise TemplateDataError(path, _("“%s” appears twice.") % key, index, key)
            seen.add(key)
            entries.append({"kind": kind, "order": index, **{name: str(entry.get(name) or "") for name in FIELDS}})
    result = LoadResult()
    for values in entries:
        item, outcome = save_screening_item(values=values, reason=str(LOADER_REASON) % path.name)
        result.count(outcome)
        if outcome != "same":
            result.details.append(f"{item.title}: {outcome}")
    return result
