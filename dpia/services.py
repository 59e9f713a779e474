"""Every write of the DPIA app before its workflow: screening questions, screenings, the DPIA and its
parts. A write to a part also writes the DPIA's next version, so "version N" names the whole DPIA."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from isms.core.decisions import is_leader_of
from isms.core.models import User
from isms.core.tracking import (
    assign_changes,
    bump_root,
    create_tracked,
    lock_for_edit,
    save_new_version,
    save_part,
    save_state_change,
    update_tracked,
)
from isms.protocol.models import ProcessingActivity, RecordDpiaStatus
from isms.protocol.services import record_dpia_status

from .models import (
    Dpia,
    DpiaAction,
    DpiaPrinciple,
    DpiaRisk,
    DpiaStatus,
    Principle,
    RiskKind,
    Screening,
    ScreeningItem,
    ScreeningItemKind,
    ScreeningResult,
)

RECORD_STATUS = {
    ScreeningResult.REQUIRED: RecordDpiaStatus.REQUIRED,
    ScreeningResult.RECOMMENDED: RecordDpiaStatus.RECOMMENDED,
    ScreeningResult.NOT_REQUIRED: RecordDpiaStatus.NOT_REQUIRED,
}


class DpiaInputError(ValueError):
    """Input the forms should have caught, or a step the DPIA is not ready for."""


def save_screening_item(*, values: dict[str, Any], reason: str) -> tuple[ScreeningItem, str]:
    with transaction.atomic():
        existing = ScreeningItem.objects.filter(key=values["key"]).first()
        if existing is None:
            return create_tracked(ScreeningItem, actor=None, reason=reason, values=values), "created"
        item, changed = update_tracked(
            ScreeningItem, pk=existing.pk, actor=None, reason=reason, expected_version=existing.version, values=values
        )
        return item, "updated" if changed else "same"


def result_by_criteria(*, criteria: list[str], listed: list[str]) -> str:
    """WP248: two or more criteria, or processing on Datatilsynet's list → required; one → recommended."""
    if listed or len(criteria) >= 2:
        return ScreeningResult.REQUIRED
    return ScreeningResult.RECOMMENDED if criteria else ScreeningResult.NOT_REQUIRED


def screen_activity(
    *,
    activity: ProcessingActivity,
    actor: User,
    criteria: list[str],
    listed: list[str],
    result: str,
    justification: str,
    expected_version: int | None = None,
) -> Screening:
    """Record the screening of `activity`; a conclusion other than the criteria's needs a justification."""
    known = dict(ScreeningItem.objects.values_list("key", "kind"))
    if any(known.get(key) != ScreeningItemKind.CRITERION for key in criteria) or any(
        known.get(key) != ScreeningItemKind.LISTED for key in listed
    ):
        raise DpiaInputError(_("Unknown screening question."))
    computed = result_by_criteria(criteria=criteria, listed=listed)
    if result != computed and not justification.strip():
        raise DpiaInputError(
            _("Your conclusion differs from what the criteria give (%(computed)s). Justify it.")
            % {"computed": ScreeningResult(computed).label}
        )
    values = {
        "criteria": sorted(criteria),
        "listed": sorted(listed),
        "computed_result": computed,
        "result": result,
        "justification": justification.strip(),
        "screened_on": timezone.localdate(),
    }
    with transaction.atomic():
        existing = Screening.objects.filter(processing_activity=activity).first()
        if existing is None:
            screening = create_tracked(
                Screening,
                actor=actor,
                reason=_("Screened"),
                values={**values, "municipality_id": activity.municipality_id, "processing_activity": activity},
            )
        else:
            screening, _changed = update_tracked(
                Screening,
                pk=existing.pk,
                actor=actor,
                reason=_("Screened again"),
                expected_version=expected_version if expected_version is not None else existing.version,
                values=values,
            )
        if not activity.dpias.exclude(status=DpiaStatus.ARCHIVED).exists():
            record_dpia_status(
                activity=activity,
                status=RECORD_STATUS[result],
                actor=actor,
                reason=_("DPIA screening: %s") % ScreeningResult(result).label,
            )
        return screening


STANDARD_RISKS = [
    (RiskKind.ILLEGITIMATE_ACCESS, _("Unauthorised people get access to the personal data")),
    (RiskKind.UNWANTED_MODIFICATION, _("The personal data are changed without authority or by mistake")),
    (RiskKind.DISAPPEARANCE, _("The personal data disappear or are unavailable when needed")),
]


def _prefill(activity: ProcessingActivity) -> dict[str, Any]:
    systems = ", ".join(
        link.system_use.system.name for link in activity.system_links.select_related("system_use__system")
    )
    return {
        "purposes": activity.purposes,
        "data_subjects": activity.data_subject_categories,
        "data_categories": activity.personal_data_categories,
        "recipients": activity.recipients,
        "systems": systems,
        "retention": activity.retention,
        "description": _("%(name)s. Responsible unit: %(unit)s. Legal basis: Art. 6(1) %(bases)s (%(law)s).")
        % {
            "name": activity.name,
            "unit": activity.responsible_unit or "—",
            "bases": ", ".join(activity.legal_bases) or "—",
            "law": activity.national_law or "—",
        },
    }


def create_dpia(*, activity: ProcessingActivity, actor: User, title: str = "", values: dict | None = None) -> Dpia:
    """A new DPIA of `activity`, its context taken from the processing record, with every principle and
    the three standard risks ready to be assessed."""
    with transaction.atomic():
        # Locking the activity makes a double click wait here and then find the DPIA the first one made.
        ProcessingActivity.objects.select_for_update().get(pk=activity.pk)
        if Dpia.objects.filter(processing_activity=activity).exclude(status=DpiaStatus.ARCHIVED).exists():
            raise DpiaInputError(_("The processing activity already has a DPIA."))
        dpia = create_tracked(
            Dpia,
            actor=actor,
            reason=_("Created from the processing activity"),
            values={
                "municipality_id": activity.municipality_id,
                "processing_activity": activity,
                "based_on_activity_version": activity.version,
                "title": title or _("DPIA: %s") % activity.name,
                **_prefill(activity),
                **(values or {}),
            },
        )
        for principle in Principle:
            create_tracked(
                DpiaPrinciple,
                actor=actor,
                reason="",
                values={"municipality_id": dpia.municipality_id, "dpia": dpia, "principle": principle},
            )
        for kind, risk_title in STANDARD_RISKS:
            create_tracked(
                DpiaRisk,
                actor=actor,
                reason="",
                values={"municipality_id": dpia.municipality_id, "dpia": dpia, "kind": kind, "title": str(risk_title)},
            )
        save_state_change(dpia, actor=actor, reason=_("Created from the processing activity"))  # v1 has its parts
        record_dpia_status(
            activity=activity, status=RecordDpiaStatus.IN_PROGRESS, actor=actor, reason=_("DPIA started")
        )
        return dpia


def _reopen_if_decided(root: Dpia) -> None:
    if root.status == DpiaStatus.ARCHIVED:
        raise DpiaInputError(_("An archived DPIA cannot be changed."))
    if root.status in (DpiaStatus.APPROVED, DpiaStatus.REJECTED):
        root.status = DpiaStatus.ADVISED if root.last_decision else DpiaStatus.DRAFT


def bump(dpia: Dpia, *, actor: User, reason: str, default_reason: str, expected_version: int) -> Dpia:
    """The DPIA moves to its next version because a part changes (core's `bump_root`)."""
    return bump_root(
        Dpia, pk=dpia.pk, actor=actor, reason=reason, default_reason=default_reason,
        expected_version=expected_version, reopen=_reopen_if_decided,
    )  # fmt: skip


def save_dpia(
    *, dpia: Dpia, actor: User, values: dict[str, Any], reason: str, expected_version: int
) -> tuple[Dpia, bool]:
    owner = values.get("decision_maker")
    if owner is not None and not is_leader_of(owner, dpia.municipality_id):
        raise DpiaInputError(_("The decision must be made by a leader of the municipality."))
    with transaction.atomic():
        current = lock_for_edit(Dpia, pk=dpia.pk, expected_version=expected_version)
        if not assign_changes(current, values):
            return current, False
        _reopen_if_decided(current)
        save_new_version(current, actor=actor, reason=reason)
        return current, True


def save_principles(
    *, dpia: Dpia, actor: User, values: dict[str, dict[str, str]], reason: str, expected_version: int
) -> Dpia:
    """Every principle's assessment and planned measures in one version of the DPIA."""
    with transaction.atomic():
        rows = {row.principle: row for row in DpiaPrinciple.objects.select_for_update().filter(dpia=dpia)}
        changed = [
            (rows[code], fields)
            for code, fields in values.items()
            if code in rows and any(getattr(rows[code], name) != value for name, value in fields.items())
        ]
        if not changed:
            return dpia
        root = bump(
            dpia, actor=actor, reason=reason, default_reason=_("Principles assessed"), expected_version=expected_version
        )
        for row, fields in changed:
            assign_changes(row, fields)
            save_new_version(row, actor=actor, reason=reason or _("Assessed"))
        return root


def _save_part(model, *, dpia: Dpia, actor: User, values: dict, reason: str, expected_version: int, part, label: str):
    with transaction.atomic():
        root = bump(
            dpia,
            actor=actor,
            reason=reason,
            default_reason=f"{label}: {values.get('title', part.title if part else '')}",
            expected_version=expected_version,
        )
        return save_part(model, root=root, root_field="dpia", part=part, values=values, actor=actor, reason=reason)


def save_risk(
    *, dpia: Dpia, actor: User, values: dict, reason: str, expected_version: int, risk: DpiaRisk | None = None
):
    residual = [values.get("residual_severity"), values.get("residual_likelihood")]
    if any(residual) and not all(residual):
        raise DpiaInputError(_("Rate both severity and likelihood after measures, or neither."))
    return _save_part(
        DpiaRisk,
        dpia=dpia,
        actor=actor,
        values=values,
        reason=reason,
        expected_version=expected_version,
        part=risk,
        label=_("Risk"),
    )


def save_action(
    *, dpia: Dpia, actor: User, values: dict, reason: str, expected_version: int, action: DpiaAction | None = None
):
    measure = values.get("ros_measure")
    if measure is not None and measure.municipality_id != dpia.municipality_id:
        raise DpiaInputError(_("The measure must belong to a ROS analysis of the same municipality."))
    return _save_part(
        DpiaAction,
        dpia=dpia,
        actor=actor,
        values=values,
        reason=reason,
        expected_version=expected_version,
        part=action,
        label=_("Action"),
    )
