"""The 72-hour clock of Art. 33(1), from "discovered": the one place that says whether it runs, how many
hours are left, and how it ended. The avvik page, the list, the DPO's overview, the PDF and the exports
all read it from here (the querysets in models.py select the same avvik in the database)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Incident, IncidentKind, NotificationChoice, PersonalData


class ClockState:
    NOT_APPLICABLE = "not_applicable"  # no personal data: nothing to notify
    RUNNING = "running"
    OVERDUE = "overdue"
    NOTIFIED = "notified"
    NOTIFIED_LATE = "notified_late"
    NOT_REQUIRED = "not_required"  # the leader decided that no notification is needed


@dataclass(frozen=True)
class Clock:
    state: str
    deadline: datetime
    hours_left: int | None  # whole hours left; when overdue, minus the whole hours since; None once stopped

    @property
    def is_running(self) -> bool:
        return self.state in (ClockState.RUNNING, ClockState.OVERDUE)

    @property
    def color(self) -> str:
        """Designsystemet colour of the tag."""
        if self.state == ClockState.OVERDUE or self.state == ClockState.NOTIFIED_LATE:
            return "danger"
        if self.state == ClockState.RUNNING:
            return "warning" if (self.hours_left or 0) < 24 else "info"
        if self.state == ClockState.NOTIFIED:
            return "success"
        return "neutral"

    @property
    def deadline_text(self) -> str:
        return formats.date_format(timezone.localtime(self.deadline), "DATETIME_FORMAT")

    @property
    def label(self) -> str:
        if self.state == ClockState.RUNNING:
            hours = self.hours_left or 0
            return ngettext("%(n)s hour left", "%(n)s hours left", hours) % {"n": hours}
        if self.state == ClockState.OVERDUE:
            hours = -(self.hours_left or 0)
            return ngettext("Deadline passed %(n)s hour ago", "Deadline passed %(n)s hours ago", hours) % {"n": hours}
        if self.state == ClockState.NOTIFIED:
            return _("Notified in time")
        if self.state == ClockState.NOTIFIED_LATE:
            return _("Notified late")
        if self.state == ClockState.NOT_REQUIRED:
            return _("Notification not required")
        return _("No personal data")


def clock_applies(incident: Incident) -> bool:
    if incident.kind:
        return incident.kind in (IncidentKind.BREACH, IncidentKind.BOTH)
    return incident.personal_data != PersonalData.NO


def hours_between(start: datetime, end: datetime) -> int:
    """Whole hours from `start` to `end`, rounded towards the past (so "0 hours left" is the last hour)."""
    return math.floor((end - start).total_seconds() / 3600)


def clock_of(incident: Incident, now: datetime | None = None) -> Clock:
    now = now or timezone.now()
    deadline = incident.deadline
    if not clock_applies(incident):
        return Clock(ClockState.NOT_APPLICABLE, deadline, None)
    if incident.notified_at is not None:
        late = incident.notified_at > deadline
        return Clock(ClockState.NOTIFIED_LATE if late else ClockState.NOTIFIED, deadline, None)
    if incident.last_decision == "approved" and incident.notification_decision == NotificationChoice.NOT_NOTIFY:
        return Clock(ClockState.NOT_REQUIRED, deadline, None)
    if now <= deadline:
        return Clock(ClockState.RUNNING, deadline, hours_between(now, deadline))
    return Clock(ClockState.OVERDUE, deadline, -hours_between(deadline, now))


def is_late(incident: Incident, notified_at: datetime) -> bool:
    return notified_at > incident.deadline
