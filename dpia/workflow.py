"""The DPIA's flow: sent to the DPO → the DPO's written advice (Art. 35(2)) → the editor responds and
sends it for decision → the leader approves or rejects (with reasons when going against the advice) →
prior consultation with Datatilsynet (Art. 36) recorded when high residual risk remains."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.urls import reverse
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
from isms.core.models import GlobalRole, SignOff, SignOffDecision, SignOffRole, User, display_name
from isms.core.notifications import notify
from isms.core.signoff import record_signoff, signoffs_of
from isms.core.tracking import lock_for_edit, save_new_version, save_state_change
from isms.protocol.models import RecordDpiaStatus
from isms.protocol.services import record_dpia_status

from .models import AdviceNote, AdviceSection, Dpia, DpiaStatus
from .services import DpiaInputError
from .snapshot import dpia_snapshot

ADVICE = (SignOffDecision.ADVICE_AGREES, SignOffDecision.ADVICE_CONDITIONS, SignOffDecision.ADVICE_DISAGREES)


def _url(dpia: Dpia, name: str = "dpia:detail") -> str:
    return reverse(name, args=[dpia.municipality.slug, dpia.pk])


FLOW = DecisionFlow(
    error=DpiaInputError,
    awaiting=DpiaStatus.AWAITING_DECISION,
    name=lambda dpia: dpia.title,
    detail_url=_url,
    decide_url=lambda dpia: _url(dpia, "dpia:decide"),
    not_the_leader=gettext_lazy("Only the leader chosen to decide can approve or reject the DPIA."),
    not_sent=gettext_lazy("The DPIA has not been sent for decision."),
    rejected_without_reasons=gettext_lazy("Say why you do not approve the DPIA."),
)


def latest_advice(dpia: Dpia) -> SignOff | None:
    rows = [row for row in signoffs_of(Dpia, [dpia.pk]).get(dpia.pk, []) if row.role == SignOffRole.DPO]
    return rows[-1] if rows else None


def send_to_dpo(*, dpia: Dpia, actor: User, expected_version: int) -> Dpia:
    """Ask the DPO's advice on the version the editor sees; only a complete DPIA is sent."""
    with transaction.atomic():
        root = lock_for_edit(Dpia, pk=dpia.pk, expected_version=expected_version)
        if root.status == DpiaStatus.ARCHIVED:
            raise DpiaInputError(_("An archived DPIA cannot be changed."))
        if root.status not in (DpiaStatus.DRAFT, DpiaStatus.ADVISED, DpiaStatus.REJECTED):
            raise DpiaInputError(_("The DPIA is already with the DPO or the leader."))
        missing = dpia_snapshot(root).missing_sections()
        if missing:
            raise DpiaInputError(_("Complete these sections before you send the DPIA: %s.") % "; ".join(missing))
        root.status = DpiaStatus.AWAITING_ADVICE
        root.sent_to_dpo_at = timezone.now()
        root.sent_by = actor
        save_state_change(root, actor=actor, reason=_("Sent to the DPO for advice"))
        for dpo in User.objects.filter(global_role=GlobalRole.DPO, is_active=True):
            notify(
                user=dpo,
                municipality=root.municipality,
                subject=_("DPIA for advice: %(title)s (%(name)s)")
                % {"title": root.title, "name": root.municipality.name},
                body=_("%(who)s asks for your advice on version %(v)s of the DPIA “%(title)s”.")
                % {"who": display_name(actor), "v": root.version, "title": root.title},
                link=_url(root, "dpia:advice"),
            )
        return root


def give_advice(
    *, dpia: Dpia, dpo: User, decision: str, comment: str, notes: dict[str, str], expected_version: int
) -> SignOff:
    """The DPO's written advice, pinned to the version read, with advice per section where he wants."""
    if not dpo.is_dpo:
        raise DpiaInputError(_("Only the data protection officer gives advice on a DPIA."))
    if decision not in ADVICE:
        raise DpiaInputError(_("Choose your advice."))
    if decision != SignOffDecision.ADVICE_AGREES and not comment.strip():
        raise DpiaInputError(_("Give the reasons for your advice."))
    with transaction.atomic():
        root = lock_for_edit(Dpia, pk=dpia.pk, expected_version=expected_version)
        if root.status != DpiaStatus.AWAITING_ADVICE:
            raise DpiaInputError(_("The DPIA is not waiting for advice."))
        signoff = record_signoff(root=root, signer=dpo, role=SignOffRole.DPO, decision=decision, comment=comment)
        for section, text in notes.items():
            if section in AdviceSection.values and text.strip():
                AdviceNote.objects.create(signoff=signoff, section=section, text=text.strip())
        root.status = DpiaStatus.ADVISED
        save_state_change(root, actor=dpo, reason=f"{_('Advice from the DPO')}: {signoff.get_decision_display()}")
        if root.sent_by_id:
            notify(
                user=root.sent_by,
                municipality=root.municipality,
                subject=_("The DPO's advice: %(title)s") % {"title": root.title},
                body=_("Advice on version %(v)s: %(decision)s. %(comment)s")
                % {"v": root.version, "decision": signoff.get_decision_display(), "comment": comment.strip()},
                link=_url(root),
            )
        return signoff


def send_for_decision(*, dpia: Dpia, actor: User, expected_version: int, decision_maker_id: int | None = None) -> Dpia:
    """After the DPO's advice (and the editor's response), the leader decides on the current version.
    `decision_maker_id` chooses (or changes) the leader who decides: who decides is part of the DPIA's
    content, so a change is written as its next version, which the leader then decides on."""
    with transaction.atomic():
        root = lock_for_edit(Dpia, pk=dpia.pk, expected_version=expected_version)
        if root.status != DpiaStatus.ADVISED:
            raise DpiaInputError(_("Ask the DPO's advice before the leader decides (Art. 35(2))."))
        chosen = root.decision_maker
        if decision_maker_id is not None and decision_maker_id != root.decision_maker_id:
            chosen = User.objects.filter(pk=decision_maker_id, is_active=True).first()
        require_leader(FLOW, chosen, root.municipality_id)
        advice = latest_advice(root)
        if advice is not None and advice.root_version < root.version and not root.response_to_advice.strip():
            raise DpiaInputError(_("Say how you followed up the DPO's advice before you send the DPIA for decision."))
        if chosen.pk != root.decision_maker_id:
            root.decision_maker = chosen
            save_new_version(root, actor=actor, reason=_("Decided by %(who)s") % {"who": display_name(chosen)})
        if root.processing_activity_id:
            root.based_on_activity_version = root.processing_activity.version
        send_to_leader(
            FLOW,
            root,
            actor=actor,
            subject=_("To sign: %(title)s") % {"title": root.title},
            body=_("%(who)s asks you to approve or reject version %(v)s of the DPIA “%(title)s”.")
            % {"who": display_name(actor), "v": root.version, "title": root.title},
        )
        return root


def decide(*, dpia: Dpia, leader: User, decision: str, comment: str, expected_version: int) -> SignOff:
    with transaction.atomic():
        root = lock_for_edit(Dpia, pk=dpia.pk, expected_version=expected_version)
        require_decider(FLOW, root, leader)
        if decision not in (SignOffDecision.APPROVED, SignOffDecision.REJECTED):
            raise DpiaInputError(_("Choose whether you approve the DPIA."))
        approve = decision == SignOffDecision.APPROVED
        advice = latest_advice(root)
        against = advice is not None and (
            (approve and advice.decision == SignOffDecision.ADVICE_DISAGREES)
            or (not approve and advice.decision == SignOffDecision.ADVICE_AGREES)
        )
        require_reasons(FLOW, approve=approve, against_advice=against, comment=comment)
        signoff = record_leader_decision(
            FLOW,
            root,
            leader=leader,
            approve=approve,
            comment=comment,
            status=DpiaStatus.APPROVED if approve else DpiaStatus.REJECTED,
        )
        if root.processing_activity_id and approve:
            record_dpia_status(
                activity=root.processing_activity, status=RecordDpiaStatus.DONE, actor=leader, reason=_("DPIA approved")
            )
        return signoff


def record_prior_consultation(*, dpia: Dpia, actor: User, sent_on: datetime.date) -> Dpia:
    """Art. 36: when high residual risk remains, the leader records when Datatilsynet was consulted."""
    with transaction.atomic():
        root = Dpia.objects.select_for_update().get(pk=dpia.pk)
        if not dpia_snapshot(root).high_risks:
            raise DpiaInputError(_("No high residual risk remains: prior consultation is not needed."))
        if sent_on > timezone.localdate():
            raise DpiaInputError(_("The date cannot be in the future."))
        root.prior_consultation_sent_on = sent_on
        save_state_change(root, actor=actor, reason=_("Prior consultation with Datatilsynet sent"))
        return root


def archive_dpia(*, dpia: Dpia, actor: User, reason: str, expected_version: int) -> Dpia:
    """Archive a DPIA no longer in use (the processing ended, or a new DPIA replaces it): it leaves the
    lists and the queues, stays readable with its advice, decisions and history, and can no longer change."""
    if not reason.strip():
        raise DpiaInputError(_("Explain why the DPIA is archived."))
    with transaction.atomic():
        root = lock_for_edit(Dpia, pk=dpia.pk, expected_version=expected_version)
        if root.status == DpiaStatus.ARCHIVED:
            return root
        if root.status in (DpiaStatus.AWAITING_ADVICE, DpiaStatus.AWAITING_DECISION):
            raise DpiaInputError(
                _("The DPIA is with the DPO or the leader: wait for the answer before you archive it.")
            )
        root.status = DpiaStatus.ARCHIVED
        save_state_change(root, actor=actor, reason=f"{_('Archived')}: {reason.strip()}")
        return root
