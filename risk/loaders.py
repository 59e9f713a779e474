"""Loading the risk matrix and the threat catalogue from fixtures/kins_templates/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from isms.core.kins_templates import LOADER_REASON, LoadResult, TemplateDataError, read_entries

from .models import ConsequenceArea, RiskMatrix, Security, Threat
from .services import save_matrix, save_threat

THREAT_FIELDS = {"key", "title", "group", "description", "cia", "nsm_category", "source", "typical_measures"}
MATRIX_FIELDS = {"name", "likelihood_levels", "consequence_levels", "acceptable_max", "tolerable_max",
                 "acceptance_criteria"}  # fmt: skip


def _check_fields(path: Path, index: int, entry: Any, allowed: set[str], required: set[str], key: str) -> None:
    if not isinstance(entry, dict):
        raise TemplateDataError(path, _("the entry must be a mapping (key: value)."), index)
    for name in sorted(required):
        if entry.get(name) in (None, "", []):
            raise TemplateDataError(path, _("the field “%s” is missing.") % name, index, key)
    unknown = set(entry) - allowed
    if unknown:
        raise TemplateDataError(path, _("unknown fields: %s.") % ", ".join(sorted(unknown)), index, key)


def _full_clean(path: Path, index: int, key: str, obj) -> None:
    try:
        obj.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        messages = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in exc.message_dict.items())
        raise TemplateDataError(path, messages, index, key) from exc


def load_threats(path: Path) -> LoadResult:
    """Every threat checked first; then created or updated by key (a threat gone from the file stays)."""
    entries, seen = [], set()
    for index, entry in enumerate(read_entries(path, "threats")):
        key = str(entry.get("key") or "") if isinstance(entry, dict) else ""
        _check_fields(
            path, index, entry, THREAT_FIELDS, {"key", "title", "group", "cia", "nsm_category", "source"}, key
        )
        if key in seen:
            raise TemplateDataError(path, _("“%s” appears twice.") % key, index, key)
        seen.add(key)
        values = {name: entry.get(name) or "" for name in THREAT_FIELDS - {"cia"}}
        order = list(Security.values)  # stored in this order, so compare in it too
        values["security"] = sorted(set(entry["cia"]), key=lambda code: order.index(code) if code in order else 9)
        _full_clean(path, index, key, Threat(**values))
        entries.append(values)
    result = LoadResult()
    for values in entries:
        threat, outcome = save_threat(actor=None, values=values, reason=str(LOADER_REASON) % path.name)
        result.count(outcome)
        if outcome != "same":
            result.details.append(f"{threat.title}: {outcome}")
    return result


def _check_matrix(path: Path, entry: dict[str, Any]) -> None:
    likelihood, consequence = entry["likelihood_levels"], entry["consequence_levels"]
    if not (isinstance(likelihood, list) and isinstance(consequence, list)) or not (
        2 <= len(likelihood) <= 9 and 2 <= len(consequence) <= 9
    ):
        raise TemplateDataError(path, _("a matrix needs from 2 to 9 levels on each axis."), 0)
    for level in likelihood:
        if not isinstance(level, dict) or not level.get("label"):
            raise TemplateDataError(path, _("every likelihood level needs a label."), 0)
    for level in consequence:
        if (
            not isinstance(level, dict)
            or not level.get("label")
            or set(level.get("areas", {})) - set(ConsequenceArea.values)
        ):
            raise TemplateDataError(path, _("every consequence level needs a label and known areas."), 0)
    if not 0 < entry["acceptable_max"] < entry["tolerable_max"]:
        raise TemplateDataError(path, _("the green band must end below the yellow one."), 0)


def load_risk_matrix(path: Path) -> LoadResult:
    """The default matrix, loaded once: after that the cooperation keeps its matrix in the app."""
    entries = read_entries(path, "matrices")
    if len(entries) != 1:
        raise TemplateDataError(path, _("the file must hold exactly one matrix."))
    entry = entries[0]
    _check_fields(path, 0, entry, MATRIX_FIELDS, MATRIX_FIELDS - {"acceptance_criteria"}, "")
    _check_matrix(path, entry)
    result = LoadResult()
    if RiskMatrix.objects.exists():
        result.count("same")
        return result
    save_matrix(actor=None, values=dict(entry), reason=str(LOADER_REASON) % path.name)
    result.count("created")
    result.details.append(entry["name"])
    return result
