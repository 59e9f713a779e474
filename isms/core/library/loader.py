"""Loading a template file of fixtures/kins_templates/ into the library, published as versions.

Each entry is checked with the kind's own rules before anything is written. An entry whose text has
not changed since it was last loaded is left alone, even if the DPO has edited the template since;
a changed entry becomes the template's next published version.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..kins_templates import LoadResult, TemplateDataError, read_entries
from ..models import Template
from .kinds import get_kind
from .services import publish_template, save_template

KEY_PATTERN = re.compile(r"^[a-z0-9-]{1,80}$")
FIRST_VERSION_NOTE = gettext_lazy("First version from the template library (%s)")
UPDATED_NOTE = gettext_lazy("Updated in the template library (%s)")


def _validated_entries(path: Path, kind_code: str) -> list[dict[str, Any]]:
    kind = get_kind(kind_code)
    allowed = {"key", "title", "description", "content", *([kind.group_field] if kind.group_field else [])}
    entries, seen_keys, seen_titles = [], set(), set()
    for index, entry in enumerate(read_entries(path, "templates")):
        if not isinstance(entry, dict):
            raise TemplateDataError(path, _("the entry must be a mapping (key: value)."), index)
        key = str(entry.get("key") or "")
        for name in ("key", "title", "content"):
            if not entry.get(name):
                raise TemplateDataError(path, _("the field “%s” is missing.") % name, index, key)
        unknown = set(entry) - allowed
        if unknown:
            raise TemplateDataError(path, _("unknown fields: %s.") % ", ".join(sorted(unknown)), index, key)
        if not KEY_PATTERN.match(key):
            raise TemplateDataError(path, _("the key may only hold a–z, 0–9 and hyphens."), index, key)
        if key in seen_keys or entry["title"] in seen_titles:
            raise TemplateDataError(path, _("“%s” appears twice.") % key, index, key)
        seen_keys.add(key)
        seen_titles.add(entry["title"])
        if not isinstance(entry["content"], dict):
            raise TemplateDataError(path, _("“content” must be a mapping."), index, key)
        raw = dict(entry["content"])
        if kind.group_field and kind.group_field in entry:
            raw[kind.group_field] = entry[kind.group_field]
        content, errors = kind.clean_content(raw)
        if errors:
            raise TemplateDataError(path, "; ".join(kind.error_lines(errors)), index, key)
        entries.append(
            {
                "key": key,
                "title": str(entry["title"]).strip(),
                "description": str(entry.get("description") or "").strip(),
                "content": content,
            }
        )
    return entries


def _digest(entry: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(entry, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def load_template_file(path: Path, kind_code: str) -> LoadResult:
    kind = get_kind(kind_code)
    entries = _validated_entries(path, kind_code)
    existing = {template.key: template for template in Template.objects.filter(kind=kind_code)}
    result = LoadResult()
    for entry in entries:
        digest = _digest(entry)
        template = existing.get(entry["key"])
        if template is not None and template.source_digest == digest:
            result.count("same")
            continue
        note = str(FIRST_VERSION_NOTE if template is None else UPDATED_NOTE) % path.name
        values = {"title": entry["title"], "description": entry["description"], "source_digest": digest}
        template, _changed = save_template(
            kind=kind,
            actor=None,
            values=values,
            content=entry["content"],
            reason=note,
            template=template,
            expected_version=template.version if template else None,
            key=entry["key"],
        )
        if template.has_unpublished_changes:  # not when only the file's formatting changed
            publish_template(template=template, actor=None, change_note=note, expected_version=template.version)
        result.count("created" if entry["key"] not in existing else "updated")
        result.details.append(f"{entry['title']}: {'new' if entry['key'] not in existing else 'updated'}")
    return result
