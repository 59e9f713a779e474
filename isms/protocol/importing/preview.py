"""From a sheet and the user's choices to the rows an import would write, with every problem by row and column.

Nothing here writes. The database is read a constant number of times per file (existing activities,
catalogue systems, the municipality's system uses), never per row: the form's own uniqueness and
constraint queries are replaced by one lookup of the names, and the check constraints are the form's rules.
"""

from __future__ import annotations

import copy
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from isms.core.models import Municipality

from ..forms import ProcessingActivityForm
from ..models import ProcessingActivity, ProcessingSystem, RecordDpiaStatus, RecordStatus, RecordType, System, SystemUse
from ..models.processing import FOLLOW_UP_FIELDS
from ..selectors import systems_by_name
from .columns import CHOICES, COLUMN_BY_FIELD, FORM_FIELDS, INFORMATION_ONLY, Problem, normalise
from .reading import Sheet, column_letter
from .values import REVIEW, read_value, resolve_option, sector_from_words


@dataclass
class Plan:
    """What to import: one sheet, where its headings are, and what the user chose in the steps."""

    filename: str
    sheet: Sheet
    header_row: int  # 1-based
    headings: list[str]
    columns: list[str]  # field per column, "" = ignored
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    sector_default: str = ""
    sector_from_unit: bool = True
    new_systems: list[str] = field(default_factory=list)
    strict_headings: bool = False  # the one-step import refuses a column it does not know


@dataclass
class Unknown:
    field: str
    key: str
    text: str
    rows: list[int]
    choice: str = ""

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def heading(self) -> str:
        return COLUMN_BY_FIELD[self.field].heading


@dataclass
class PreviewRow:
    row: int
    name: str
    values: dict[str, Any]
    current: ProcessingActivity | None
    systems: list[str]  # catalogue names, new ones included
    notes: list[str] = field(default_factory=list)
    status: str = "new"  # new | updated | unchanged


@dataclass
class ImportPreview:
    filename: str
    rows: list[PreviewRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    unknown_headings: list[str] = field(default_factory=list)
    unknowns: list[Unknown] = field(default_factory=list)
    new_system_counts: dict[str, int] = field(default_factory=dict)
    sections: list[tuple[int, str]] = field(default_factory=list)
    missing_sector_column: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)


class ImportForm(ProcessingActivityForm):
    """The activity form without its per-row queries: uniqueness is checked once per file by the preview."""

    def validate_unique(self):
        return None

    def _post_clean(self):
        # The model's check constraints would each cost a query per row; the form's clean() checks the same
        # rules (transfer needs a mechanism, Art. 9 needs a basis, a processor names its controller), and the
        # commit's full_clean() checks them against the database once more.
        full_clean = self.instance.full_clean
        self.instance.full_clean = lambda **kwargs: full_clean(**kwargs, validate_constraints=False)
        try:
            super()._post_clean()
        finally:
            del self.instance.full_clean


class _RowForms:
    """One ImportForm per file, copied for each row: building a model form deep-copies its thirty fields,
    which was most of the time of a 2 000-row preview. Validation only reads the shared fields."""

    def __init__(self, municipality: Municipality):
        self.prototype = ImportForm(municipality=municipality)
        self.prototype.fields["change_reason"].required = False

    def bind(self, data: dict[str, Any], instance: ProcessingActivity | None) -> ImportForm:
        form = copy.copy(self.prototype)
        form.data, form.files, form.is_bound = data, {}, True
        form.instance = instance if instance is not None else ProcessingActivity()
        form.initial, form._errors, form._bound_fields_cache = {}, None, {}
        return form


def _unknown_message(field_name: str, text: str) -> str:
    if COLUMN_BY_FIELD[field_name].kind == "bool":
        return _("Write Ja or Nei, not “%s”.") % text
    allowed = "; ".join(str(label) for _code, label in CHOICES[field_name].choices)
    return _("“%(value)s” is not a known value. Write one of: %(allowed)s.") % {"value": text, "allowed": allowed}


def _merge_text(current: str, addition: str) -> str:
    if not addition or addition.casefold() in (current or "").casefold():
        return current or ""
    return f"{current}, {addition}" if current else addition


class _Catalogue:
    """The catalogue's systems by lower-case name or alias and the municipality's uses of them: two queries."""

    def __init__(self, municipality: Municipality):
        self.systems = systems_by_name()
        self.uses = dict(SystemUse.objects.filter(municipality=municipality).values_list("system_id", "pk"))

    def known(self, name: str) -> System | None:
        return self.systems.get(name.casefold())


def build_preview(plan: Plan, *, municipality: Municipality) -> ImportPreview:
    """Every row read, mapped and checked as the activity form checks it; nothing written."""
    preview = ImportPreview(filename=plan.filename)
    heading_of = {name: plan.headings[index] for index, name in enumerate(plan.columns) if name}
    preview.missing_sector_column = "sector" not in heading_of
    for index, heading in enumerate(plan.headings):
        header_cells = plan.sheet.rows[plan.header_row - 1]
        information = normalise(heading) in INFORMATION_ONLY
        if plan.strict_headings and not plan.columns[index] and index < len(header_cells) and header_cells[index]:
            if information:
                continue
            preview.unknown_headings.append(heading)
            preview.problems.append(
                Problem(
                    plan.header_row, heading, _("Unknown column. Rename it to one of the headings in the template.")
                )
            )
    for row_index, column_index, message in plan.sheet.notes:
        if row_index + 1 > plan.header_row and column_index < len(plan.columns) and plan.columns[column_index]:
            preview.problems.append(Problem(row_index + 1, plan.headings[column_index], message))
    if preview.problems and plan.strict_headings:
        return preview
    existing = {
        activity.name.casefold(): activity
        for activity in ProcessingActivity.objects.filter(
            municipality=municipality, status=RecordStatus.ACTIVE
        ).prefetch_related(
            Prefetch("system_links", queryset=ProcessingSystem.objects.select_related("system_use__system")),
            "processor_links",
        )
    }
    catalogue = _Catalogue(municipality) if "systems" in heading_of else None
    forms = _RowForms(municipality)
    unknowns: dict[tuple[str, str], Unknown] = {}
    new_systems: Counter = Counter()
    seen: dict[str, int] = {}
    section = ""
    mapped_count = sum(bool(name) for name in plan.columns)
    for row_index in range(plan.header_row, len(plan.sheet.rows)):
        cells = plan.sheet.rows[row_index]
        row_number = row_index + 1
        filled = [cell for cell in cells if cell.strip()]
        if not filled:
            continue
        if len(filled) == 1 and mapped_count >= 3:
            section = filled[0]  # "Oppvekst" over a group of rows: a heading, not an activity
            preview.sections.append((row_number, section))
            continue
        raw = {name: (cells[index] if index < len(cells) else "") for index, name in enumerate(plan.columns) if name}
        built = _build_row(plan, raw, row_number, heading_of, section, unknowns, preview.problems)
        if built is None:
            continue
        data, unreadable, review, notes, systems = built
        name = (data.get("name") or "").strip()
        if name and name.casefold() in seen:
            preview.problems.append(
                Problem(row_number, heading_of["name"], _("The same name is on row %s.") % seen[name.casefold()])
            )
            continue
        seen[name.casefold()] = row_number
        linked = []
        for system_name in systems:
            known = catalogue.known(system_name) if catalogue else None
            if known is not None:
                linked.append(known.name)
                if known.name.casefold() != system_name.casefold():
                    notes.append(_("“%(text)s” is %(system)s in the catalogue") % {"text": system_name,
                                                                                  "system": known.name})  # fmt: skip
            elif system_name.casefold() in {n.casefold() for n in plan.new_systems}:
                linked.append(system_name)
                new_systems[system_name] += 1
            else:
                new_systems[system_name] += 1
                if plan.strict_headings:
                    preview.problems.append(
                        Problem(
                            row_number, heading_of["systems"], _("“%s” is not in the system catalogue.") % system_name
                        )
                    )
                else:
                    notes.append(_("Not linked: %s (not in the catalogue)") % system_name)
        current = existing.get(name.casefold())
        row = _check_row(plan, data, current, forms, row_number, heading_of, unreadable, review, preview)
        if row is None:
            continue
        row.notes, row.systems = notes + row.notes, linked
        preview.rows.append(row)
        if current is not None:
            old_systems = {link.system_use.system.name.casefold() for link in current.system_links.all()}
            if row.status == "unchanged" and not {n.casefold() for n in linked} <= old_systems:
                row.status = "updated"
        {"new": preview.created, "updated": preview.updated, "unchanged": preview.unchanged}[row.status].append(name)
    preview.unknowns = sorted(unknowns.values(), key=lambda item: (list(COLUMN_BY_FIELD).index(item.field), item.key))
    preview.new_system_counts = dict(sorted(new_systems.items()))
    if not preview.rows and not preview.problems:
        preview.problems.append(Problem(plan.header_row, "", _("The sheet has headings but no rows to import.")))
    return preview


def _build_row(plan, raw, row_number, heading_of, section, unknowns, problems):
    """Form data for one row, the fields that could not be read, those left for review, notes, system names."""
    data: dict[str, Any] = {"record_type": RecordType.CONTROLLER, "dpia_status": RecordDpiaStatus.NOT_ASSESSED}
    unreadable: set[str] = set()
    review: set[str] = set()
    notes: list[str] = []
    extras: list[tuple[str, Any]] = []
    systems: list[str] = []
    for field_name, text in raw.items():
        reading = read_value(field_name, text)
        value = reading.value
        if reading.unknown:
            key = normalise(reading.unknown)
            entry = unknowns.setdefault((field_name, key), Unknown(field_name, key, reading.unknown, []))
            entry.rows.append(row_number)
            choice = plan.values.get(field_name, {}).get(key, "")
            entry.choice = choice
            if choice == REVIEW:
                review.add(field_name)
            elif choice:
                value = resolve_option(field_name, choice)
            else:
                problems.append(Problem(row_number, heading_of[field_name], _unknown_message(field_name, text.strip())))
                unreadable.add(field_name)
        extras += reading.extra.items()
        if field_name == "systems":
            systems = value or []
        elif value is not None and value != "":
            data[field_name] = value
    for field_name, value in extras:
        if field_name == "special_category_bases":
            data[field_name] = list(dict.fromkeys([*data.get(field_name, []), *value]))
        else:
            data[field_name] = _merge_text(data.get(field_name, ""), value)
    if not data.get("sector") and (plan.sector_from_unit or plan.sector_default):
        unit = data.get("responsible_unit", "")
        inferred = sector_from_words(unit) if plan.sector_from_unit and unit else None
        source = unit
        if inferred is None and plan.sector_from_unit and section:
            inferred, source = sector_from_words(section), section
        if inferred:
            data["sector"] = inferred
            notes.append(_("Sector %(sector)s inferred from “%(source)s”") % {
                "sector": CHOICES["sector"](inferred).label, "source": source})  # fmt: skip
        elif plan.sector_default:
            data["sector"] = plan.sector_default
            notes.append(_("Sector %s: the default for the file") % CHOICES["sector"](plan.sector_default).label)
    return data, unreadable, review, notes, systems


def _check_row(plan, data, current, forms, row_number, heading_of, unreadable, review, preview):
    stored = {name: getattr(current, name) for name in (*FORM_FIELDS, "follow_up")} if current else {}
    form = forms.bind(
        {**_form_defaults(current), **data, "expected_version": current.version if current else 1}, current
    )
    errors_left = False
    # Left for review means imported empty, which these fields cannot be (a required field, or a constraint).
    blocked = {"sector", "record_type"}
    if data.get("special_categories"):
        blocked.add("special_category_bases")
    if data.get("third_country_transfer"):
        blocked.add("transfer_mechanism")
    if not form.is_valid():
        for field_name, errors in form.errors.items():
            if field_name in unreadable or (field_name in review and field_name not in blocked):
                continue
            errors_left = True
            preview.problems += _form_problems(field_name, errors, heading_of, row_number, plan)
    if errors_left or unreadable:
        return None
    values = {name: value for name, value in form.tracked_values().items() if name in FORM_FIELDS}
    for field_name in review:
        values.setdefault(field_name, form.cleaned_data.get(field_name))
    # A field still flagged from an earlier import stays flagged until it has a value (or the user clears it).
    pending = {name for name in (current.follow_up.split(",") if current else []) if not values.get(name)}
    values["follow_up"] = ",".join(name for name in FOLLOW_UP_FIELDS if name in review | pending)
    row = PreviewRow(row_number, values["name"], values, current, [])
    if current is not None:
        changed = any(stored.get(key) != value for key, value in values.items() if key in stored)
        row.status = "updated" if changed else "unchanged"
    if review:
        headings = ", ".join(COLUMN_BY_FIELD[name].heading for name in sorted(review))
        row.notes.append(_("Needs follow-up: %s") % headings)
    return row


def _form_problems(field_name, errors, heading_of, row_number, plan) -> list[Problem]:
    """The form's errors by column; a field missing from the file is named by the template's heading."""
    column = COLUMN_BY_FIELD.get(field_name)
    problems = []
    for message in errors:
        if field_name in heading_of:
            problems.append(Problem(row_number, heading_of[field_name], message))
        elif column is not None:
            if plan.strict_headings:
                hint = _("The file has no column “%(heading)s”: add it.") % {"heading": column.heading}
            else:
                hint = _("No column is chosen for “%(heading)s”: choose one in step 1 or a default in step 2.") % {
                    "heading": column.heading
                }
            problems.append(Problem(row_number, column.heading, f"{message} {hint}"))
        else:
            problems.append(Problem(row_number, "", message))
    return problems


def _form_defaults(current: ProcessingActivity | None) -> dict[str, Any]:
    """Columns missing from the file keep the stored value (or the empty default for new rows)."""
    if current is None:
        return {}
    data = {}
    for name in FORM_FIELDS:
        value = getattr(current, name)
        kind = COLUMN_BY_FIELD[name].kind
        if kind == "bool":
            if value:
                data[name] = "on"
        elif kind == "date":
            data[name] = value.isoformat() if value else ""
        else:
            data[name] = value
    return data


def heading_label(plan: Plan, index: int) -> str:
    return f"{column_letter(index)}: {plan.headings[index]}"
