"""The avvik's flow after the report: the DPO's advice on notification (notify or not, inform the data
subjects, with reasons) → sent to a leader → the leader's decision as a sign-off pinned to the version →
the notification to Datatilsynet (a late one says why, Art. 33(1)) and the notice to the data subjects
(Art. 34) → closed with lessons learned. Each step is a history row without a new version."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isms.core.decisions import (
    DecisionFlow,
    record_leader_decision,
    require_decider,
    require_leader,
    require_reasons,
    send_to_leader,
)
from isms.core.models import SignOff, User, display_name
from isms.core.notifications import notify
from isms.core.tracking import lock_for_edit, save_state_change

from .clock import is_late
from .models import Incident, IncidentMeasure, IncidentStatus, NotificationAdvice, NotificationChoice
from .services import IncidentInputError, detail_url

ADVISABLE = (IncidentStatus.REPORTED, IncidentStatus.HANDLING, IncidentStatus.AWAITING_DECISION)

FLOW = DecisionFlow(
    error=IncidentInputError,
    awaiting=IncidentStatus.AWAITING_DECISION,
    name=lambda incident: f"avvik {incident.reference}",
    detail_url=detail_url,
    decide_url=lambda incident: detail_url(incident, "incidents:decide"),
    not_the_leader=gettext_lazy("Only the leader chosen to decide can decide on the avvik."),
    not_sent=gettext_lazy("The avvik has not been sent for decision."),
    rejected_without_reasons=gettext_lazy("Say what must be done before you can decide."),
)


def latest_advice(incident: Incident) -> NotificationAdvice | None:
    return (
        NotificationAdvice.objects.filter(incident=incident).select_related("dpo").order_by("-given_at", "-pk").first()
    )


def give_advice(
    *,
    incident: Incident,
    dpo: User,
    notify_choice: str,
    inform_data_subjects: bool,
    reasons: str,
    expected_version: int,
) -> NotificationAdvice:
    """The DPO's written advice on the version read; the handlers are told at once."""
    if not dpo.is_dpo:
        raise IncidentInputError(_("Only the data protection officer gives advice on notification."))
    if notify_choice not in NotificationChoice.values:
        raise IncidentInputError(_("Choose whether Datatilsynet should be notified."))
    if not reasons.strip():
        raise IncidentInputError(_("Give the reasons for your advice."))
    with transaction.atomic():
        root = lock_for_edit(Incident, pk=incident.pk, expected_version=expected_version)
        if root.status not in ADVISABLE:
            raise IncidentInputError(_("The avvik is decided; change it first if the advice should be given again."))
        if not root.kind:
            raise IncidentInputError(_("Classify the avvik before the advice is given."))
        advice = NotificationAdvice.objects.create(
            incident=root,
            root_version=root.version,
            dpo=dpo,
            notify=notify_choice,
            inform_data_subjects=inform_data_subjects,
            reasons=reasons.strip(),
        )
        save_state_change(root, actor=dpo, reason=f"{_('Advice from the DPO')}: {advice.get_notify_display()}")
        told = {user.pk: user for user in [root.sent_by, root.decision_maker] if user is not None}
        for user in told.values():
            notify(
                user=user,
                municipality=root.municipality,
                subject=_("The DPO's advice on avvik %(ref)s") % {"ref": root.reference},
                body=_("Advice on version %(v)s: %(advice)s. %(reasons)s")
                % {"v": root.version, "advice": advice.get_notify_display(), "reasons": advice.reasons},
                link=detail_url(root),
            )
        return advice


def send_for_decision(*, incident: Incident, actor: User, expected_version: int) -> Incident:
    with transaction.atomic():
        root = lock_for_edit(Incident, pk=incident.pk, expected_version=expected_version)
        if root.status not in (IncidentStatus.REPORTED, IncidentStatus.HANDLING):
            raise IncidentInputError(_("The avvik is already with the leader or decided."))
        if latest_advice(root) is None:
            raise IncidentInputError(_("Ask the DPO's advice on notification before the leader decides."))
        require_leader(FLOW, root.decision_maker, root.municipality_id)
        send_to_leader(
            FLOW,
            root,
            actor=actor,
            subject=_("To decide: avvik %(ref)s %(title)s") % {"ref": root.reference, "title": root.title},
            body=_("%(who)s asks you to decide on notification of version %(v)s of the avvik. Deadline: %(deadline)s.")
            % {
                "who": display_name(actor),
                "v": root.version,
                "deadline": timezone.localtime(root.deadline).strftime("%d.%m.%Y %H:%M"),
            },
        )
        return root


def decide(
    *,
    incident: Incident,
    leader: User,
    approve: bool,
    notify_choice: str,
    inform_data_subjects: bool,
    comment: str,
    expected_version: int,
) -> SignOff:
    """The leader's decision on the version read: approved with the decision on notification, or sent back
    to handling. Going against the DPO's advice, or sending back, needs reasons."""
    with transaction.atomic():
        root = lock_for_edit(Incident, pk=incident.pk, expected_version=expected_version)
        require_decider(FLOW, root, leader)
        advice = latest_advice(root)
        if advice is None:
            raise IncidentInputError(_("The DPO has not given advice: a decision needs it first."))
        if approve and notify_choice not in NotificationChoice.values:
            raise IncidentInputError(_("Choose whether Datatilsynet is notified."))
        against = approve and (
            notify_choice != advice.notify or bool(inform_data_subjects) != advice.inform_data_subjects
        )
        require_reasons(FLOW, approve=approve, against_advice=against, comment=comment)
        summary = ""
        if approve:
            summary = (
                str(NotificationChoice(notify_choice).label)
                + ". "
                + (
                    _("The data subjects are informed.")
                    if inform_data_subjects
                    else _("The data subjects are not informed.")
                )
            )
            root.notification_decision = notify_choice
            root.inform_data_subjects = bool(inform_data_subjects)
        return record_leader_decision(
            FLOW,
            root,
            leader=leader,
            approve=approve,
            comment=f"{summary} {comment}".strip(),
            status=IncidentStatus.DECIDED if approve else IncidentStatus.HANDLING,
        )


def record_notification(
    *,
    incident: Incident,
    actor: User,
    notified_at: datetime | None,
    authority_reference: str,
    delay_reason: str,
    subjects_informed_at: datetime | None,
    subject_notice: str,
) -> Incident:
    """Art. 33: when Datatilsynet was notified and its reference; a notification after the 72 hours says
    why. Art. 34: when and how the data subjects were told. Recorded whenever it happens: the 72 hours
    do not wait for the formal decision."""
    now = timezone.now()
    with transaction.atomic():
        root = Incident.objects.select_for_update().get(pk=incident.pk)
        for moment in (notified_at, subjects_informed_at):
            if moment is not None and moment > now:
                raise IncidentInputError(_("The time cannot be in the future."))
            if moment is not None and moment < root.discovered_at:
                raise IncidentInputError(_("The time cannot be before the avvik was discovered."))
        if notified_at is None and (authority_reference.strip() or delay_reason.strip()):
            raise IncidentInputError(_("Give the time Datatilsynet was notified."))
        if notified_at is not None and is_late(root, notified_at) and not delay_reason.strip():
            raise IncidentInputError(
                _(
                    "The notification came more than 72 hours after discovery: "
                    "give the reasons for the delay (Art. 33(1))."
                )
            )
        if subjects_informed_at is not None and not subject_notice.strip():
            raise IncidentInputError(_("Describe how and what the data subjects were told."))
        root.notified_at = notified_at
        root.authority_reference = authority_reference.strip()
        root.delay_reason = delay_reason.strip()
        root.subjects_informed_at = subjects_informed_at
        root.subject_notice = subject_notice.strip()
        save_state_change(root, actor=actor, reason=_("Notification recorded"))
        return root


def close_incident(*, incident: Incident, actor: User, lessons_learned: str, expected_version: int) -> Incident:
    with transaction.atomic():
        root = lock_for_edit(Incident, pk=incident.pk, expected_version=expected_version)
        if root.status != IncidentStatus.DECIDED:
            raise IncidentInputError(_("Only a decided avvik can be closed."))
        if not IncidentMeasure.objects.filter(incident=root).exists():
            raise IncidentInputError(_("Record at least one measure taken or planned before you close the avvik."))
        if not lessons_learned.strip():
            raise IncidentInputError(_("Write down the lessons learned before you close the avvik."))
        if root.notification_decision == NotificationChoice.NOTIFY and root.notified_at is None:
            raise IncidentInputError(_("The leader decided to notify Datatilsynet: record the notification first."))
        root.status = IncidentStatus.CLOSED
        root.lessons_learned = lessons_learned.strip()
        root.closed_at = timezone.now()
        save_state_change(root, actor=actor, reason=_("Closed"))
        return root
