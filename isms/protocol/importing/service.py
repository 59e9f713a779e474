"""The import as the user goes through it: upload → columns → values → preview → one atomic commit.

The upload is parsed once into an ImportDraft (the sheets' cell text, never the file itself), so the
later steps and the commit use what the preview showed and nothing piles up in media/. A draft is
removed on commit or cancel, and any draft older than a day when the next import starts.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isms.core.models import Municipality, User
from isms.core.tracking import StaleEditError

from ..models import ImportDraft, ImportMapping, System
from ..selectors import systems_by_name
from ..services import save_catalogue_entry, save_processing_activity, save_system_use
from .columns import Problem, normalise
from .headings import choose_sheet, find_header_row, headings_of, mapping_problems, match_columns
from .preview import ImportPreview, Plan, build_preview
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
    draft.save()


def preview_draft(*, draft: ImportDraft) -> ImportPreview:
    plan = _plan(draft)
    preview = build_preview(plan, municipality=draft.municipality)
    preview.problems = mapping_problems(plan.headings, plan.columns, plan.header_row) + preview.problems
    return preview


def commit_draft(*, draft: ImportDraft, actor: User) -> ImportPreview:
    """Check the draft again (the data may have changed since the preview) and write every row, or none;
    the mapping is remembered for the municipality's next import."""
    plan = _plan(draft)
    preview = preview_draft(draft=draft)
    if not preview.ok:
        return preview
    try:
        with transaction.atomic():
            _write(preview, plan, municipality=draft.municipality, actor=actor)
            _remember(draft, plan, actor)
    except (IntegrityError, StaleEditError):
        preview.problems.append(Problem(0, "", str(CHANGED_MEANWHILE)))
    return preview


# Someone else saved an activity with one of the file's names, or edited one, between our check and our write.
CHANGED_MEANWHILE = gettext_lazy(
    "The record changed while the import was written; nothing was saved. Check the preview again."
)


def _remember(draft: ImportDraft, plan: Plan, actor: User) -> None:
    """The mapping of this import, offered by the municipality's next one; the draft is done."""
    ImportMapping.objects.update_or_create(
        municipality=draft.municipality,
        defaults={
            "columns": {normalise(h): name for h, name in zip(plan.headings, plan.columns, strict=True)},
            "values": draft.values,
            "sector_default": draft.sector_default,
            "sector_from_unit": draft.sector_from_unit,
            "updated_by": actor,
        },
    )
    draft.delete()


def cancel_import(*, draft: ImportDraft) -> None:
    draft.delete()


def _write(preview: ImportPreview, plan: Plan, *, municipality: Municipality, actor: User) -> None:
    """Every row through the one service that writes activities, with its history and the file's name."""
    reason = _("Imported from %s") % plan.filename
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
    for row in preview.rows:
        if row.status == "unchanged":
            continue
        current = row.current
        linked = [system_use_of[name.casefold()] for name in row.systems]
        keep = [link.system_use_id for link in current.system_links.all()] if current else []
        save_processing_activity(
            municipality=municipality,
            actor=actor,
            values=row.values,
            system_use_ids=list(dict.fromkeys([*keep, *linked])),
            processor_ids=[link.vendor_id for link in current.processor_links.all()] if current else [],
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
                _write(preview, plan, municipality=municipality, actor=actor)
        except (IntegrityError, StaleEditError):
            preview.problems.append(Problem(0, "", str(CHANGED_MEANWHILE)))
    return preview
