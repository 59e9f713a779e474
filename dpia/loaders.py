"""Loading the screening questions (WP248 criteria and Datatilsynet's list) from fixtures/kins_templates/."""

from __future__ import annotations

from pathlib import Path

from isms.core.kins_templates import LOADER_REASON, LoadResult, checked_key, read_entries

from .models import ScreeningItemKind
from .services import save_screening_item

FIELDS = {"key", "title", "explanation", "example"}


def load_screening(path: Path) -> LoadResult:
    """All entries are checked before any is written; then created or updated by key."""
    entries, seen = [], set()
    for kind, top_key in ((ScreeningItemKind.CRITERION, "criteria"), (ScreeningItemKind.LISTED, "listed")):
        for index, entry in enumerate(read_entries(path, top_key)):
            checked_key(path, index, entry, allowed=FIELDS, required=("key", "title"), seen=seen)
            entries.append({"kind": kind, "order": index, **{name: str(entry.get(name) or "") for name in FIELDS}})
    result = LoadResult()
    for values in entries:
        item, outcome = save_screening_item(values=values, reason=str(LOADER_REASON) % path.name)
        result.count(outcome)
        if outcome != "same":
            result.details.append(f"{item.title}: {outcome}")
    return result
