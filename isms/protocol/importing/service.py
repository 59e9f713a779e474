"""The import as the user goes through it: upload → columns → values → preview → one atomic commit.

The upload is parsed once into an ImportDraft (the sheets' cell text, never the file itself), so the
later steps and the commit use what the preview showed and nothing piles up in media/. A draft is
removed on commit or cancel, and any draft older than a day when the next import starts.
"""

from __future__ import annotations

import datetime
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isms.core.models import Municipality, User
from isms.core.tracking import StaleEditError

from ..models import ImportDraft, ImportMapping, ProcessingActivity, RecordStatus, System
from ..selectors import systems_by_name
from ..services import create_imported_activities, save_catalogue_entry, save_processing_activity, save_system_use
from .columns import Problem, normalise
from .headings import choose_sheet, find_header_row, headings_of, mapping_problems, match_columns
from .preview import ImportPreview, Plan, PreviewRow, build_preview
from .reading import ImportFileError, Sheet, read_file

DRAFT_LIFETIME = datetime.timedelta(days=1)


def _plan(draft: ImportDraft) -> Plan:
    sheet = Sheet.from_json(draft.sheets[draft.sheet_index])
    headings = headings_of(sheet, draft.header_row)
    columns = (list(draft.columns) + [""] * len(headings))[: len(headings)]
    return Plan(
        filename=draft.filename,
        sheet=sheet,
        header_row=draft.header_row,
        headings=headings,
        columns=columns,
        values=draft.values,
        sector_default=draft.sector_default,
        sector_from_unit=draft.sector_from_unit,
        new_systems=draft.new_systems,
    )


def draft_plan(draft: ImportDraft) -> Plan:
    return _plan(draft)


def start_import(*, municipality: Municipality, actor: User, content: bytes, filename: str) -> ImportDraft:
    """Read the file (raises ImportFileError with the reason) and guess sheet, heading row and columns."""
    ImportDraft.objects.filter(created_at__lt=timezone.now() - DRAFT_LIFETIME).delete()
    sheets = read_file(content, filename)
    usable = [sheet for sheet in sheets if not sheet.refused]
    if not usable:
        raise ImportFileError(sheets[0].refused)
    if not any(any(cells) for sheet in usable for cells in sheet.rows):
        raise ImportFileError(_("The file is empty."))
    remembered = ImportMapping.objects.filter(municipality=municipality).first()
    index = choose_sheet(sheets)
    header_row = find_header_row(sheets[index])
    columns = match_columns(headings_of(sheets[index], header_row), remembered.columns if remembered else None)
    ImportDraft.objects.filter(municipality=municipality, created_by=actor).delete()
    return ImportDraft.objects.create(
        municipality=municipality,
        created_by=actor,
        filename=filename[:255],
        sheets=[sheet.as_json() for sheet in sheets],
        sheet_index=index,
        header_row=header_row,
        columns=columns,
        values=remembered.values if remembered else {},
        sector_default=remembered.sector_default if remembered else "",
        sector_from_unit=remembered.sector_from_unit if remembered else True,
    )


def choose_columns(
    *, draft: ImportDraft, sheet_index: int, header_row: int, columns: list[str] | None
) -> list[Problem]:
    """Step 1: another sheet or heading row guesses the columns again; otherwise the user's mapping is kept.
    Returns what blocks going on (a field chosen twice, no name column); the choice is saved either way."""
    sheet_changed = sheet_index != draft.sheet_index or header_row != draft.header_row
    draft.sheet_index, draft.header_row = sheet_index, header_row
    if sheet_changed or columns is None:
        remembered = ImportMapping.objects.filter(municipality=draft.municipality).first()
        sheet = Sheet.from_json(draft.sheets[sheet_index])
        columns = match_columns(headings_of(sheet, header_row), remembered.columns if remembered else None)
    draft.columns = columns
    draft.values_confirmed = False
    draft.checked = None
    draft.save()
    plan = _plan(draft)
    return [] if sheet_changed else mapping_problems(plan.headings, plan.columns, plan.header_row)


def choose_values(
    *,
    draft: ImportDraft,
    values: dict[str, dict[str, str]],
    sector_default: str,
    sector_from_unit: bool,
    new_systems: list[str],
) -> None:
    """Step 2: what each text not understood means, the sector for rows without one, the systems to add."""
    draft.values = {**draft.values, **values}
    draft.sector_default = sector_default
    draft.sector_from_unit = sector_from_unit
    draft.new_systems = new_systems
    draft.values_confirmed = True
    draft.checked = None
    draft.save()


def preview_draft(*, draft: ImportDraft) -> ImportPreview:
    """Check every row; a preview without problems is stored with the draft for the commit to write."""
    plan = _plan(draft)
    preview = build_preview(plan, municipality=draft.municipality)
    preview.problems = mapping_problems(plan.headings, plan.columns, plan.header_row) + preview.problems
    checked = _stored_rows(preview, plan.headings) if preview.ok else None
    if checked != draft.checked:
        draft.checked = checked
        draft.save(update_fields=["checked"])
    return preview


def commit_draft(*, draft: ImportDraft, actor: User) -> ImportPreview:
    """Write the rows the stored preview checked, or none; the mapping is remembered for the next import.

    The file is not read or checked again: only what can have changed since the preview is, in this
    transaction with one query each — the municipality's activities (a name taken, or an activity edited
    since: nothing is written and the user is asked to look at the preview again) and the catalogue."""
    if draft.checked is None:  # no preview without problems since the last choice: check now
        preview = preview_draft(draft=draft)
        if draft.checked is None:
            return preview
    preview = _stored_preview(draft)
    changed: list[str] = []
    try:
        with transaction.atomic():
            changed = _changed_since_preview(preview, municipality=draft.municipality)
            if not changed:
                _write(preview, draft.filename, municipality=draft.municipality, actor=actor)
                _remember(draft, draft.checked["headings"], list(draft.columns), actor)
    except (IntegrityError, StaleEditError):
        preview.problems.append(Problem(0, "", str(CHANGED_MEANWHILE)))
    if changed:
        # Nothing was written; the user sees the file checked against what is saved now.
        preview = preview_draft(draft=draft)
        names = ", ".join(changed[:10]) + (" …" if len(changed) > 10 else "")
        preview.problems.insert(0, Problem(0, "", str(TAKEN_SINCE_PREVIEW) % {"names": names}))
    return preview


# Someone saved or edited an activity with one of the file's names after the preview was shown.
TAKEN_SINCE_PREVIEW = gettext_lazy(
    "Since the preview, these activities were created or changed by someone else: %(names)s. "
    "Nothing was saved. Check the preview again."
)

_ROW_KEYS = ("row", "name", "values", "systems", "notes", "status")


def _stored_rows(preview: ImportPreview, headings: list[str]) -> dict:
    """What the commit needs of a preview, as JSON: the checked values, and per existing activity the
    version that was previewed and the links it keeps."""
    rows = []
    for row in preview.rows:
        stored = {key: getattr(row, key) for key in _ROW_KEYS}
        if row.current is not None:
            stored["current"] = {
                "pk": row.current.pk,
                "version": row.current.version,
                "system_uses": [link.system_use_id for link in row.current.system_links.all()],
                "processors": [link.vendor_id for link in row.current.processor_links.all()],
            }
        rows.append(stored)
    return json.loads(
        json.dumps({"headings": headings, "rows": rows}, cls=DjangoJSONEncoder)
    )  # as the draft reads it back


class _Previewed:
    """An existing activity as the preview saw it: the commit locks it by pk and checks the version."""

    def __init__(self, stored: dict):
        self.pk, self.version = stored["pk"], stored["version"]
        self.system_uses, self.processors = stored["system_uses"], stored["processors"]


def _stored_preview(draft: ImportDraft) -> ImportPreview:
    preview = ImportPreview(filename=draft.filename)
    fields = {f.name: f for f in ProcessingActivity._meta.concrete_fields}
    for stored in draft.checked["rows"]:
        values = {
            name: (fields[name].to_python(value) if name in fields and value is not None else value)
            for name, value in stored["values"].items()
        }
        current = _Previewed(stored["current"]) if "current" in stored else None
        row = PreviewRow(stored["row"], stored["name"], values, current, stored["systems"], stored["notes"])
        row.status = stored["status"]
        preview.rows.append(row)
        {"new": preview.created, "updated": preview.updated, "unchanged": preview.unchanged}[row.status].append(
            row.name
        )
    return preview


def _changed_since_preview(preview: ImportPreview, *, municipality: Municipality) -> list[str]:
    """The file's names whose activity is not as previewed: new since, gone, or at another version."""
    now = {
        name.casefold(): (pk, version)
        for pk, name, version in ProcessingActivity.objects.filter(
            municipality=municipality, status=RecordStatus.ACTIVE
        ).values_list("pk", "name", "version")
    }
    changed = []
    for row in preview.rows:
        seen = (row.current.pk, row.current.version) if row.current is not None else None
        if now.get(row.name.casefold()) != seen:
            changed.append(row.name)
    return changed


# Someone else saved an activity with one of the file's names, or edited one, between our check and our write.
CHANGED_MEANWHILE = gettext_lazy(
    "The record changed while the import was written; nothing was saved. Check the preview again."
)


def _remember(draft: ImportDraft, headings: list[str], columns: list[str], actor: User) -> None:
    """The mapping of this import, offered by the municipality's next one; the draft is done."""
    ImportMapping.objects.update_or_create(
        municipality=draft.municipality,
        defaults={
            "columns": {normalise(h): name for h, name in zip(headings, columns, strict=True)},
            "values": draft.values,
            "sector_default": draft.sector_default,
            "sector_from_unit": draft.sector_from_unit,
            "updated_by": actor,
        },
    )
    draft.delete()


def cancel_import(*, draft: ImportDraft) -> None:
    draft.delete()


def _write(preview: ImportPreview, filename: str, *, municipality: Municipality, actor: User) -> None:
    """Every row through the one service that writes activities, with its history and the file's name."""
    reason = _("Imported from %s") % filename
    wanted = {name.casefold() for row in preview.rows for name in row.systems}
    system_use_of: dict[str, int] = {}
    if wanted:
        systems = systems_by_name()
        uses = {use.system_id: use.pk for use in municipality.system_uses.all()}
        for name in sorted({name for row in preview.rows for name in row.systems}, key=str.casefold):
            system = systems.get(name.casefold())
            if system is None:
                system, _created = save_catalogue_entry(
                    model=System, actor=actor, values={"name": name}, reason=reason, created_in=municipality
                )
                systems[name.casefold()] = system
            if system.pk not in uses:
                use, _created = save_system_use(
                    municipality=municipality, actor=actor, values={"system": system}, reason=reason
                )
                uses[system.pk] = use.pk
            system_use_of[name.casefold()] = uses[system.pk]
    created = [row for row in preview.rows if row.current is None]
    if created:
        rows = [(row.values, [system_use_of[name.casefold()] for name in row.systems]) for row in created]
        create_imported_activities(municipality=municipality, actor=actor, rows=rows, reason=reason)
    for row in preview.rows:
        if row.status == "unchanged" or row.current is None:
            continue
        current = row.current
        linked = [system_use_of[name.casefold()] for name in row.systems]
        if isinstance(current, _Previewed):
            keep, processors = current.system_uses, current.processors
        elif current is not None:
            keep = [link.system_use_id for link in current.system_links.all()]
            processors = [link.vendor_id for link in current.processor_links.all()]
        else:
            keep, processors = [], []
        save_processing_activity(
            municipality=municipality,
            actor=actor,
            values=row.values,
            system_use_ids=list(dict.fromkeys([*keep, *linked])),
            processor_ids=processors,
            reason=reason,
            activity=current,
            expected_version=current.version if current else None,
            values_checked=True,
        )


# The one-step import (a file already in our template's layout): no draft, unknown headings refused.


def _one_step_plan(content: bytes, filename: str) -> tuple[Plan | None, ImportPreview]:
    preview = ImportPreview(filename=filename)
    try:
        sheets = read_file(content, filename)
    except ImportFileError as error:
        preview.problems.append(Problem(1, "", str(error)))
        return None, preview
    sheet = sheets[choose_sheet(sheets)]
    if sheet.refused:
        preview.problems.append(Problem(1, "", sheet.refused))
        return None, preview
    header_row = find_header_row(sheet)
    headings = headings_of(sheet, header_row)
    plan = Plan(filename, sheet, header_row, headings, match_columns(headings), strict_headings=True)
    preview.problems += mapping_problems(headings, plan.columns, header_row)
    return plan, preview


def preview_import(*, municipality: Municipality, content: bytes, filename: str) -> ImportPreview:
    """Read and check the whole file without writing anything."""
    plan, preview = _one_step_plan(content, filename)
    if plan is None or preview.problems:
        return preview
    return build_preview(plan, municipality=municipality)


def commit_import(*, municipality: Municipality, actor: User, content: bytes, filename: str) -> ImportPreview:
    """Check the file and write all rows, or none."""
    plan, preview = _one_step_plan(content, filename)
    if plan is None or preview.problems:
        return preview
    preview = build_preview(plan, municipality=municipality)
    if preview.ok:
        try:
            with transaction.atomic():
                _write(preview, plan.filename, municipality=municipality, actor=actor)
        except (IntegrityError, StaleEditError):
            preview.problems.append(Problem(0, "", str(CHANGED_MEANWHILE)))
    return preview
