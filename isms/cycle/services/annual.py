"""Writes of the årshjul: a year's cycle, adopted from the template or written by hand, and its activities."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from isms.core.models import (
    Municipality,
    Template,
    TemplateVersion,
    User,
)
from isms.core.tracking import (
    assign_changes,
    create_tracked,
    delete_tracked,
    lock_for_edit,
    save_new_version,
    save_state_change,
)

from ..models import (
    ActivityKind,
    ActivityStatus,
    AnnualCycle,
    CycleActivity,
)
from .errors import CycleInputError

ACTIVITY_FIELDS = ("title", "kind", "months", "responsible_role", "owner", "description")


def _bump(model, root, *, actor: User, reason: str, expected_version: int | None = None):
    """Lock the root (at the version the user saw, when given) and write its next version."""
    if expected_version is None:
        current = model.objects.select_for_update().get(pk=root.pk)
    else:
        current = lock_for_edit(model, pk=root.pk, expected_version=expected_version)
    save_new_version(current, actor=actor, reason=reason)
    return current


def _check_year(municipality: Municipality, year: int) -> None:
    if not 2000 <= year <= 2100:
        raise CycleInputError(_("The year must be between 2000 and 2100."))
    if AnnualCycle.objects.filter(municipality=municipality, year=year).exists():
        raise CycleInputError(
            _("%(name)s already has an annual cycle for %(year)s.") % {"name": municipality.name, "year": year}
        )


def _check_months(months) -> list[str]:
    values = [str(month).strip() for month in months or []]
    if not values:
        raise CycleInputError(_("Choose at least one month."))
    if any(not value.isdigit() or not 1 <= int(value) <= 12 for value in values):
        raise CycleInputError(_("A month must be a number from 1 to 12."))
    return sorted(set(values), key=int)


def create_cycle(
    *,
    municipality: Municipality,
    year: int,
    title: str,
    content: dict[str, Any],
    actor: User | None,
    reason: str,
    template_values: dict[str, Any] | None = None,
) -> AnnualCycle:
    """A municipality's årshjul for a year, with the activities of the template content (if any)."""
    with transaction.atomic():
        Municipality.objects.select_for_update().get(pk=municipality.pk)
        _check_year(municipality, year)
        try:
            with transaction.atomic():
                cycle = create_tracked(
                    AnnualCycle,
                    actor=actor,
                    reason=reason,
                    values={"municipality": municipality, "year": year, "title": title,
                            "scope": content.get("scope", ""), **(template_values or {})},
                )  # fmt: skip
        except IntegrityError as exc:
            raise CycleInputError(
                _("%(name)s already has an annual cycle for %(year)s.") % {"name": municipality.name, "year": year}
            ) from exc
        activities = content.get("activities") or []
        if activities:
            write_template_activities(cycle, activities, actor=actor, reason=reason)
            save_state_change(cycle, actor=actor, reason=reason)  # version 1 includes its activities
        return cycle


def adopt_cycle(
    *, template: Template, municipality: Municipality, year: int, actor: User, reason: str = ""
) -> AnnualCycle:
    """Adopt the latest published version of the cooperation's årshjul for one year."""
    version = (
        TemplateVersion.objects.select_related("template")
        .filter(template=template, template__kind="cycle", number=F("template__published_version"))
        .first()
    )
    if version is None:
        raise CycleInputError(_("The annual cycle template is not published."))
    return create_cycle(
        municipality=municipality,
        year=year,
        title=version.title,
        content=version.content,
        template_values={"template": template, "template_version": version.number},
        actor=actor,
        reason=reason.strip()
        or _("Adopted from the template %(title)s, version %(n)s") % {"title": version.title, "n": version.number},
    )


def write_template_activities(cycle: AnnualCycle, activities: list[dict], *, actor, reason: str) -> None:
    """Bring the activities that came from the template to `activities`; the municipality's own stay. An
    activity already done or skipped keeps its status."""
    existing = {a.template_key: a for a in CycleActivity.objects.filter(cycle=cycle).exclude(template_key="")}
    for item in activities:
        values = {
            "title": item["title"],
            "months": [str(month) for month in item.get("months", [])],
            "due_month": max(item.get("months") or [12]),
            "kind": item.get("kind") or ActivityKind.OTHER,
            "responsible_role": item.get("role", ""),
        }
        current = existing.pop(item["key"], None)
        if current is None:
            create_tracked(
                CycleActivity,
                actor=actor,
                reason=reason,
                values={
                    **values,
                    "template_key": item["key"],
                    "cycle": cycle,
                    "municipality_id": cycle.municipality_id,
                },
            )
        elif assign_changes(current, values):
            save_new_version(current, actor=actor, reason=reason or "—")
    for gone in existing.values():
        if gone.status in (ActivityStatus.DONE, ActivityStatus.SKIPPED):
            continue  # what was done that year stays in the year
        delete_tracked(gone, actor=actor, reason=reason)


def save_activity(
    *,
    cycle: AnnualCycle,
    actor: User,
    values: dict[str, Any],
    reason: str,
    expected_version: int,
    activity: CycleActivity | None = None,
) -> tuple[CycleActivity, bool]:
    """Add an own activity or change one; `expected_version` is the activity's (or, for a new one, the
    årshjul's) version when the form was opened."""
    values = {name: values[name] for name in ACTIVITY_FIELDS if name in values}
    values["months"] = _check_months(values.get("months"))
    values["due_month"] = int(values["months"][-1])
    if not str(values.get("title", "")).strip():
        raise CycleInputError(_("Name the activity."))
    with transaction.atomic():
        if activity is None:
            root = _bump(AnnualCycle, cycle, actor=actor, reason=reason or _("Activity: %s") % values["title"],
                         expected_version=expected_version)  # fmt: skip
            obj = create_tracked(
                CycleActivity,
                actor=actor,
                reason=reason,
                values={**values, "cycle": root, "municipality_id": root.municipality_id},
            )
            return obj, True
        current = lock_for_edit(CycleActivity, pk=activity.pk, expected_version=expected_version)
        if not assign_changes(current, values):
            return current, False
        save_new_version(current, actor=actor, reason=reason or _("Changed"))
        _bump(AnnualCycle, cycle, actor=actor, reason=reason or _("Activity: %s") % current.title)
        return current, True


def set_activity_status(
    *,
    activity: CycleActivity,
    actor: User,
    status: str,
    reason: str,
    expected_version: int,
    done_on: datetime.date | None = None,
) -> CycleActivity:
    """Planned, in progress, done (today, or the day given) or skipped (with the reason). Activities the
    records complete (a ROS signed, the protocol reviewed) are not marked by hand."""
    if status not in ActivityStatus.values:
        raise CycleInputError(_("Choose a status."))
    if done_on is not None and done_on > timezone.localdate():
        raise CycleInputError(_("An activity cannot be done on a day in the future."))
    with transaction.atomic():
        current = lock_for_edit(CycleActivity, pk=activity.pk, expected_version=expected_version)
        if current.done_by_system and status in (ActivityStatus.DONE, ActivityStatus.IN_PROGRESS):
            raise CycleInputError(
                _("“%(title)s” is marked done from the records (%(kind)s), not by hand.")
                % {"title": current.title, "kind": current.get_kind_display()}
            )
        if status == ActivityStatus.SKIPPED and not reason.strip():
            raise CycleInputError(_("Say why the activity is skipped."))
        current.status = status
        current.skip_reason = reason.strip() if status == ActivityStatus.SKIPPED else ""
        current.done_on = (done_on or timezone.localdate()) if status == ActivityStatus.DONE else None
        label = ActivityStatus(status).label
        why = f"{label}: {reason.strip()}" if reason.strip() else str(label)
        save_new_version(current, actor=actor, reason=why)
        _bump(AnnualCycle, current.cycle, actor=actor, reason=f"{current.title}: {why}")
        return current
