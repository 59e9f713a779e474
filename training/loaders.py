"""Loading the courses from fixtures/kins_templates/courses.yaml (matched by key, idempotent)."""

from __future__ import annotations

from pathlib import Path

from isms.core.kins_templates import LOADER_REASON, LoadResult, checked_key, read_entries

from .models import Course
from .services import save_course

COURSE_FIELDS = {"key", "title", "description", "provider", "target_group"}


def load_courses(path: Path) -> LoadResult:
    entries, seen = [], set()
    for index, entry in enumerate(read_entries(path, "courses")):
        checked_key(path, index, entry, allowed=COURSE_FIELDS, required=("key", "title"), seen=seen)
        entries.append({name: str(entry.get(name) or "") for name in COURSE_FIELDS})
    result = LoadResult()
    reason = str(LOADER_REASON) % path.name
    for values in entries:
        existing = Course.objects.filter(key=values["key"]).first()
        course, changed = save_course(
            actor=None,
            values=values,
            reason=reason,
            course=existing,
            expected_version=existing.version if existing else None,
        )
        outcome = "created" if existing is None else ("updated" if changed else "same")
        result.count(outcome)
        if outcome != "same":
            result.details.append(f"{course.title}: {outcome}")
    return result
