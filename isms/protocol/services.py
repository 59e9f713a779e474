"""Every write to the behandlingsprotokoll and the catalogue."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from isms.core.files import unguessable_name
from isms.core.models import Municipality, User
from isms.core.tracking import (
    assign_changes,
    create_tracked,
    delete_tracked,
    history_written_in_bulk,
    lock_for_edit,
    save_new_version,
    save_state_change,
    update_tracked,
)

from .models import (
    AgreementStatus,
    DataProcessingAgreement,
    JointAgreement,
    ProcessingActivity,
    ProcessingProcessor,
    ProcessingSystem,
    RecordStatus,
    SubProcessor,
    System,
    SystemUse,
    Vendor,
)


def _sync_links(
    *,
    activity: ProcessingActivity,
    model: type[ProcessingSystem] | type[ProcessingProcessor],
    field: str,
    wanted: Iterable[int],
    actor: User,
    reason: str,
    new: bool = False,
) -> bool:
    """Make the activity's links of one kind exactly `wanted` (ids); return whether anything changed."""
    wanted = set(wanted)
    links = [] if new else model.objects.filter(processing_activity=activity)  # a new activity has none yet
    current = {getattr(link, f"{field}_id"): link for link in links}
    for target_id in wanted - set(current):
        create_tracked(
            model,
            actor=actor,
            reason=reason,
            values={"municipality": activity.municipality, "processing_activity": activity, f"{field}_id": target_id},
        )
    for target_id in set(current) - wanted:
        delete_tracked(current[target_id], actor=actor, reason=reason)
    return wanted != set(current)


def _full_clean(activity: ProcessingActivity, values_checked: bool) -> None:
    if values_checked:
        activity.full_clean(exclude=["municipality"], validate_unique=False, validate_constraints=False)
    else:
        activity.full_clean()


def save_processing_activity(
    *,
    municipality: Municipality,
    actor: User,
    values: dict[str, Any],
    system_use_ids: Iterable[int],
    processor_ids: Iterable[int],
    reason: str,
    activity: ProcessingActivity | None = None,
    expected_version: int | None = None,
    values_checked: bool = False,
) -> tuple[ProcessingActivity, bool]:
    """Create or edit a processing activity with its systems and processors as one new version.

    `values_checked` is for the import, which has checked every row with the activity form and the names
    with one query per file in this transaction: the model's constraint checks (a query each) are then
    left to the database's own constraints, which refuse the whole commit if anything slipped through.

    The links must belong to `municipality` (the form offers only its own system uses); edits are
    refused when someone saved since `expected_version` (StaleEditError). Everything runs in one
    transaction, so a refused save (stale, no reason) leaves no link behind. The import's rows run inside
    its own transaction, which any failure rolls back whole, so they need no savepoint each (two queries
    a row).
    """
    system_use_ids = list(system_use_ids)
    if SystemUse.objects.filter(pk__in=system_use_ids).exclude(municipality=municipality).exists():
        raise ValueError("A system use of another municipality cannot be linked.")
    with transaction.atomic(savepoint=not values_checked):
        if activity is None:
            obj = ProcessingActivity(municipality=municipality, **values)
            _full_clean(obj, values_checked)
            obj._history_user = actor
            obj._change_reason = reason.strip() or _("Created")
            obj.save()
            _sync_links(
                activity=obj,
                model=ProcessingSystem,
                field="system_use",
                wanted=system_use_ids,
                actor=actor,
                reason=reason,
                new=True,
            )
            _sync_links(
                activity=obj,
                model=ProcessingProcessor,
                field="vendor",
                wanted=processor_ids,
                actor=actor,
                reason=reason,
                new=True,
            )
            if system_use_ids or processor_ids:
                # Version 1 is the activity with its links: write its history row after them, so
                # "as of version 1" (PDFs, history) includes them.
                save_state_change(obj, actor=actor, reason=obj._change_reason)
            return obj, True
        current = lock_for_edit(ProcessingActivity, pk=activity.pk, expected_version=expected_version)
        fields_changed = assign_changes(current, values)
        if fields_changed:
            _full_clean(current, values_checked)
        links_changed = _sync_links(
            activity=current,
            model=ProcessingSystem,
            field="system_use",
            wanted=system_use_ids,
            actor=actor,
            reason=reason,
        )
        links_changed |= _sync_links(
            activity=current,
            model=ProcessingProcessor,
            field="vendor",
            wanted=processor_ids,
            actor=actor,
            reason=reason,
        )
        if not (fields_changed or links_changed):
            return current, False
        save_new_version(current, actor=actor, reason=reason)
        return current, True


def set_processing_status(
    *, activity: ProcessingActivity, actor: User, status: str, expected_version: int, reason: str
) -> ProcessingActivity:
    """Archive a processing activity that has ended (never delete it), or put it back in the record."""
    with transaction.atomic():
        obj, _changed = update_tracked(
            ProcessingActivity,
            pk=activity.pk,
            actor=actor,
            reason=reason,
            expected_version=expected_version,
            values={"status": RecordStatus(status)},
        )
    return obj


def save_catalogue_entry(
    *,
    model: type[System] | type[Vendor],
    actor: User,
    values: dict[str, Any],
    reason: str,
    entry: System | Vendor | None = None,
    expected_version: int | None = None,
    created_in: Municipality | None = None,
) -> tuple[System | Vendor, bool]:
    """Add a system or vendor to the cooperation's catalogue, or edit one (authorisation is the caller's)."""
    with transaction.atomic():
        if entry is None:
            obj = model(**values, created_in=created_in)
            obj.full_clean()
            return create_tracked(
                model,
                actor=actor,
                reason=reason or _("Added to the catalogue"),
                values={**values, "created_in": created_in},
            ), True
        return update_tracked(
            model, pk=entry.pk, actor=actor, reason=reason, expected_version=expected_version, values=values
        )


def save_system_use(
    *,
    municipality: Municipality,
    actor: User,
    values: dict[str, Any],
    reason: str,
    system_use: SystemUse | None = None,
    expected_version: int | None = None,
) -> tuple[SystemUse, bool]:
    with transaction.atomic():
        if system_use is None:
            obj = SystemUse(municipality=municipality, **values)
            obj.full_clean()
            return create_tracked(
                SystemUse,
                actor=actor,
                reason=reason or _("Taken into use"),
                values={"municipality": municipality, **values},
            ), True
        return update_tracked(
            SystemUse, pk=system_use.pk, actor=actor, reason=reason, expected_version=expected_version, values=values
        )


def _store_agreement_document(document: UploadedFile) -> tuple[str, str]:
    """Store a validated PDF under an unguessable name; returns (stored name, SHA-256 hex)."""
    digest = hashlib.sha256()
    document.seek(0)
    for chunk in document.chunks():
        digest.update(chunk)
    document.seek(0)
    name = DataProcessingAgreement.document.field.storage.save(unguessable_name("agreements", ".pdf"), document)
    return name, digest.hexdigest()


def save_agreement(
    *,
    municipality: Municipality,
    actor: User,
    values: dict[str, Any],
    reason: str,
    document: UploadedFile | None = None,
    agreement: DataProcessingAgreement | None = None,
    expected_version: int | None = None,
) -> tuple[DataProcessingAgreement, bool]:
    """Create or edit a municipality's data processing agreement, storing a new signed PDF with its hash."""
    with transaction.atomic():
        if document is not None:
            name, sha256 = _store_agreement_document(document)
            values = {**values, "document": name, "document_sha256": sha256}
        if agreement is None:
            obj = DataProcessingAgreement(municipality=municipality, **values)
            obj.full_clean()
            return create_tracked(
                DataProcessingAgreement,
                actor=actor,
                reason=reason or _("Created"),
                values={"municipality": municipality, **values},
            ), True
        current = lock_for_edit(DataProcessingAgreement, pk=agreement.pk, expected_version=expected_version)
        if not assign_changes(current, values):
            return current, False
        current.full_clean()
        save_new_version(current, actor=actor, reason=reason)
        return current, True


def save_sub_processors(
    *,
    agreement: DataProcessingAgreement,
    actor: User,
    rows: list[dict[str, Any]],
    expected_version: int,
    reason: str,
) -> bool:
    """Replace the agreement's list of sub-processors; the agreement gets a new version if it changed."""
    with transaction.atomic():
        current = lock_for_edit(DataProcessingAgreement, pk=agreement.pk, expected_version=expected_version)
        existing = list(current.sub_processors.all())
        key = ("name", "country", "service", "transfer_mechanism")
        if [tuple(getattr(s, k) for k in key) for s in existing] == [tuple(r.get(k, "") for k in key) for r in rows]:
            return False
        for sub in existing:
            delete_tracked(sub, actor=actor, reason=reason)
        for row in rows:
            create_tracked(
                SubProcessor,
                actor=actor,
                reason=reason,
                values={"municipality": current.municipality, "agreement": current, **row},
            )
        save_new_version(current, actor=actor, reason=reason)
        return True


def create_joint_agreement(
    *, actor: User, values: dict[str, Any], municipalities: Iterable[Municipality], reason: str = ""
) -> JointAgreement:
    """A cooperation-level agreement; every participating municipality gets its own row to sign."""
    with transaction.atomic():
        joint = JointAgreement(**values)
        joint.full_clean()
        joint = create_tracked(JointAgreement, actor=actor, reason=reason or _("Created"), values=values)
        add_joint_participants(joint=joint, actor=actor, municipalities=municipalities)
    return joint


def add_joint_participants(*, joint: JointAgreement, actor: User, municipalities: Iterable[Municipality]) -> int:
    present = set(joint.municipal_agreements.values_list("municipality_id", flat=True))
    added = 0
    for municipality in municipalities:
        if municipality.pk in present:
            continue
        create_tracked(
            DataProcessingAgreement,
            actor=actor,
            reason=_("Joins the joint agreement %(title)s") % {"title": joint.title},
            values={
                "municipality": municipality,
                "vendor": joint.vendor,
                "parent": joint,
                "title": joint.title,
                "status": AgreementStatus.MISSING,
            },
        )
        added += 1
    return added


def record_dpia_status(*, activity: ProcessingActivity, status: str, actor: User, reason: str) -> None:
    """The DPIA app tells the record where its screening or DPIA stands. Not a new version of the
    record: its content is unchanged, and a DPIA based on this version stays current."""
    current = ProcessingActivity.objects.select_for_update().get(pk=activity.pk)
    if current.dpia_status == status:
        return
    current.dpia_status = status
    save_state_change(current, actor=actor, reason=reason)


def create_imported_activities(
    *, municipality: Municipality, actor: User, rows: list[tuple[dict[str, Any], list[int]]], reason: str
) -> list[ProcessingActivity]:
    """The import's new activities with their system links, inside the import's transaction: one insert
    per activity and per link, then every history row at once with simple-history's bulk_history_create —
    the rows create_tracked would write one by one (same user, reason and type "+"), the links' first and
    each activity's version 1 after its links, so "as of version 1" includes them. The values were checked
    with the activity form and the names with one query per file; the database's constraints refuse the
    whole import if anything slipped through."""
    use_ids = {use_id for _values, ids in rows for use_id in ids}
    if SystemUse.objects.filter(pk__in=use_ids).exclude(municipality=municipality).exists():
        raise ValueError("A system use of another municipality cannot be linked.")
    reason = reason.strip() or _("Created")
    activities: list[ProcessingActivity] = []
    links: list[ProcessingSystem] = []
    for values, system_use_ids in rows:
        activity = ProcessingActivity(municipality=municipality, **values)
        _full_clean(activity, True)
        activity.save_without_historical_record()
        activities.append(activity)
        for use_id in dict.fromkeys(system_use_ids):
            link = ProcessingSystem(municipality=municipality, processing_activity=activity, system_use_id=use_id)
            link.save_without_historical_record()
            links.append(link)
    if links:
        ProcessingSystem.history.bulk_history_create(links, default_user=actor, default_change_reason=reason)
    ProcessingActivity.history.bulk_history_create(activities, default_user=actor, default_change_reason=reason)
    history_written_in_bulk.send(ProcessingActivity, instances=activities)
    return activities
