"""Every write of the avvik register: reporting (logged in or through the municipality's link), the
handling and its parts, and the report link. A write to a part also writes the avvik's next version, so
"version N" names the whole avvik. The advice, the decision and what follows are in workflow.py."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from isms.core.decisions import is_leader_of
from isms.core.models import GlobalRole, MembershipRole, Municipality, User, display_name
from isms.core.notifications import notify
from isms.core.tracking import (
    ReasonRequiredError,
    assign_changes,
    create_tracked,
    delete_tracked,
    lock_for_edit,
    save_new_version,
    save_state_change,
)
from isms.protocol.models import ProcessingActivity, SystemUse

from .models import (
    Channel,
    Incident,
    IncidentMeasure,
    IncidentProcessing,
    IncidentStatus,
    IncidentSystem,
    ReportLink,
)


class IncidentInputError(ValueError):
    """Input the forms should have caught, or a step the avvik is not ready for (already in bokmål)."""


def check_times(*, occurred_at: datetime | None, discovered_at: datetime, now: datetime | None = None) -> None:
    now = now or timezone.now()
    if discovered_at > now:
        raise IncidentInputError(_("The time of discovery cannot be in the future."))
    if occurred_at is not None and occurred_at > discovered_at:
        raise IncidentInputError(_("The avvik cannot have occurred after it was discovered."))


def detail_url(incident: Incident, name: str = "incidents:detail") -> str:
    return reverse(name, args=[incident.municipality.slug, incident.pk])


def handlers_of(municipality: Municipality) -> list[User]:
    """Who is told at once about a new avvik: the municipality's editors and the DPO."""
    editors = User.objects.filter(
        memberships__municipality=municipality, memberships__role=MembershipRole.EDITOR, is_active=True
    )
    dpos = User.objects.filter(global_role=GlobalRole.DPO, is_active=True)
    return list((editors | dpos).distinct().order_by("pk"))


def report_incident(
    *,
    municipality: Municipality,
    values: dict[str, Any],
    reporter: User | None,
    channel: str,
    reported_at: datetime | None = None,
) -> Incident:
    """Record a report, tell the handlers and send the reporter a receipt (after commit). `reported_at` is
    now, except for demo data that tells an avvik's story from its start."""
    from .tasks import send_receipt

    check_times(occurred_at=values.get("occurred_at"), discovered_at=values["discovered_at"])
    if channel not in Channel.values:
        raise IncidentInputError(_("Unknown way of reporting."))
    with transaction.atomic():
        # The municipality's row serialises the running numbers of two reports at the same moment.
        Municipality.objects.select_for_update().get(pk=municipality.pk)
        number = (Incident.objects.filter(municipality=municipality).aggregate(top=Max("number"))["top"] or 0) + 1
        who = display_name(reporter) if reporter else values.get("reporter_name", "")
        incident = create_tracked(
            Incident,
            actor=reporter,
            reason=_("Reported by %(who)s") % {"who": who or _("someone without an account")},
            values={
                **values,
                "municipality": municipality,
                "number": number,
                "reported_at": reported_at or timezone.now(),
                "reported_by": reporter,
                "channel": channel,
                "reporter_name": (values.get("reporter_name") or (reporter.get_full_name() if reporter else "")),
                "reporter_email": (values.get("reporter_email") or (reporter.email if reporter else "")),
            },
        )
        discovered = formats.date_format(timezone.localtime(incident.discovered_at), "DATETIME_FORMAT")
        for user in handlers_of(municipality):
            notify(
                user=user,
                municipality=municipality,
                subject=_("New avvik in %(name)s: %(title)s") % {"name": municipality.name, "title": incident.title},
                body=_(
                    "Avvik %(ref)s was reported. Discovered %(when)s. Personal data involved: %(pd)s. "
                    "If it is a personal data breach, Datatilsynet must be notified within 72 hours of discovery."
                )
                % {"ref": incident.reference, "when": discovered, "pd": incident.get_personal_data_display()},
                link=detail_url(incident),
            )
        if incident.reporter_email:
            transaction.on_commit(lambda: send_receipt.delay(incident.pk))
        return incident


def _reopen_if_decided(root: Incident) -> None:
    """A change to a decided or closed avvik takes it back to handling; "Endret etter godkjenning" shows
    until the leader decides on the new version."""
    if root.status in (IncidentStatus.REPORTED, IncidentStatus.DECIDED, IncidentStatus.CLOSED):
        root.status = IncidentStatus.HANDLING


def _check_links(municipality_id: int, values: dict[str, Any], processing, systems) -> None:
    scenario = values.get("foreseen_by")
    if scenario is not None and scenario.municipality_id != municipality_id:
        raise IncidentInputError(_("The scenario must belong to a ROS analysis of the same municipality."))
    owner = values.get("decision_maker")
    if owner is not None and not is_leader_of(owner, municipality_id):
        raise IncidentInputError(_("The decision must be made by a leader of the municipality."))
    if any(row.municipality_id != municipality_id for row in [*processing, *systems]):
        raise IncidentInputError(_("Choose processing activities and systems of the same municipality."))


def _sync_links(root: Incident, model, field: str, wanted, *, actor: User, reason: str) -> bool:
    current = {getattr(link, f"{field}_id"): link for link in model.objects.filter(incident=root)}
    wanted_ids = {row.pk for row in wanted}
    changed = False
    for pk in wanted_ids - set(current):
        create_tracked(
            model,
            actor=actor,
            reason=reason,
            values={"municipality_id": root.municipality_id, "incident": root, f"{field}_id": pk},
        )
        changed = True
    for pk in set(current) - wanted_ids:
        delete_tracked(current[pk], actor=actor, reason=reason)
        changed = True
    return changed


def save_handling(
    *,
    incident: Incident,
    actor: User,
    values: dict[str, Any],
    processing: list[ProcessingActivity],
    systems: list[SystemUse],
    reason: str,
    expected_version: int,
) -> tuple[Incident, bool]:
    """The handlers' assessment: classification, C/I/A, data subjects and records, consequences, the ROS
    scenario, the processing activities and systems involved. One version of the avvik."""
    if "discovered_at" in values:
        check_times(occurred_at=values.get("occurred_at"), discovered_at=values["discovered_at"])
    _check_links(incident.municipality_id, values, processing, systems)
    with transaction.atomic():
        root = lock_for_edit(Incident, pk=incident.pk, expected_version=expected_version)
        changed = assign_changes(root, values)
        default = _("Handled")
        links_changed = _sync_links(
            root, IncidentProcessing, "processing_activity", processing, actor=actor, reason=reason or default
        )
        links_changed |= _sync_links(root, IncidentSystem, "system_use", systems, actor=actor, reason=reason or default)
        if not (changed or links_changed):
            return root, False
        if not reason.strip() and root.change_reason_required:
            raise ReasonRequiredError("A reason is required for this change.")
        _reopen_if_decided(root)
        save_new_version(root, actor=actor, reason=reason.strip() or default)
        return root, True


def save_measure(
    *,
    incident: Incident,
    actor: User,
    values: dict[str, Any],
    reason: str,
    expected_version: int,
    measure: IncidentMeasure | None = None,
) -> IncidentMeasure:
    ros = values.get("ros_measure")
    if ros is not None and ros.municipality_id != incident.municipality_id:
        raise IncidentInputError(_("The measure must belong to a ROS analysis of the same municipality."))
    with transaction.atomic():
        root = lock_for_edit(Incident, pk=incident.pk, expected_version=expected_version)
        if not reason.strip() and root.change_reason_required:
            raise ReasonRequiredError("A reason is required for this change.")
        label = values.get("title") or (measure.title if measure else "")
        _reopen_if_decided(root)
        save_new_version(root, actor=actor, reason=reason.strip() or f"{_('Measure')}: {label}")
        if measure is None:
            return create_tracked(
                IncidentMeasure,
                actor=actor,
                reason=reason,
                values={**values, "incident": root, "municipality_id": root.municipality_id},
            )
        current = IncidentMeasure.objects.select_for_update().get(pk=measure.pk, incident=root)
        if assign_changes(current, values):
            save_new_version(current, actor=actor, reason=reason or _("Changed"))
        return current


def report_link(*, municipality: Municipality, actor: User | None) -> ReportLink:
    """The municipality's active report link, made the first time it is asked for."""
    with transaction.atomic():
        Municipality.objects.select_for_update().get(pk=municipality.pk)
        link = ReportLink.objects.filter(municipality=municipality, active=True).first()
        if link is None:
            link = create_tracked(
                ReportLink, actor=actor, reason=_("Report link made"), values={"municipality": municipality}
            )
        return link


def rotate_link(*, municipality: Municipality, actor: User) -> ReportLink:
    """Retire the current link (someone outside got hold of it) and make a new one."""
    with transaction.atomic():
        Municipality.objects.select_for_update().get(pk=municipality.pk)
        for link in ReportLink.objects.select_for_update().filter(municipality=municipality, active=True):
            link.active = False
            save_state_change(link, actor=actor, reason=_("Link replaced"))
        return create_tracked(
            ReportLink, actor=actor, reason=_("New report link"), values={"municipality": municipality}
        )
