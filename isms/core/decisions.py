"""The leader's decision on a root after the DPO's advice, as the DPIA and the avvik share it: who may be
chosen and who may decide, when reasons are required, sending the root to its leader, and recording the
decision with its history and its notice to the sender.

Each kind describes what differs (its error, statuses, messages and pages) in one `DecisionFlow`; the rules
themselves are written once here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Membership, MembershipRole, SignOff, SignOffDecision, SignOffRole, User, display_name
from .notifications import notify
from .signoff import record_signoff
from .tracking import save_state_change


def is_leader_of(user: User | None, municipality_id: int) -> bool:
    """A leader of the municipality: the only kind of member who may be chosen to decide or sign."""
    return (
        user is not None
        and Membership.objects.filter(user=user, municipality_id=municipality_id, role=MembershipRole.LEADER).exists()
    )


@dataclass(frozen=True)
class DecisionFlow:
    """What differs between the kinds a chosen leader decides on (a DPIA, an avvik)."""

    error: type[Exception]  # the kind's input error, shown in bokmål
    awaiting: str  # the root's status while its leader decides
    name: Callable[[Any], str]  # how a notice names one root
    detail_url: Callable[[Any], str]
    decide_url: Callable[[Any], str]
    not_the_leader: str  # "Only the leader chosen to decide can …"
    not_sent: str  # "The … has not been sent for decision."
    rejected_without_reasons: str  # what a leader who does not approve must say


def require_leader(flow: DecisionFlow, user: User | None, municipality_id: int) -> None:
    if not is_leader_of(user, municipality_id):
        raise flow.error(_("Choose a leader of the municipality to decide."))


def require_decider(flow: DecisionFlow, root: Any, leader: User) -> None:
    """Only the leader chosen on the root, still a leader of its municipality, decides, and only once it
    has been sent for decision. The caller holds the root's row lock."""
    if root.decision_maker_id != leader.pk or not is_leader_of(leader, root.municipality_id):
        raise flow.error(str(flow.not_the_leader))
    if root.status != flow.awaiting:
        raise flow.error(str(flow.not_sent))


def require_reasons(flow: DecisionFlow, *, approve: bool, against_advice: bool, comment: str) -> None:
    """Going against the DPO's advice, or not approving, is never done without reasons."""
    if (against_advice or not approve) and not comment.strip():
        raise flow.error(
            _("You decide against the DPO's advice: state your reasons.")
            if against_advice
            else str(flow.rejected_without_reasons)
        )


def send_to_leader(flow: DecisionFlow, root: Any, *, actor: User, subject: str, body: str) -> None:
    """The root waits for its chosen leader, who is told at once. The caller holds the row lock and has
    checked the leader (`require_leader`) and the advice."""
    root.status = flow.awaiting
    root.sent_for_decision_at = timezone.now()
    root.sent_by = actor
    save_state_change(
        root, actor=actor, reason=_("Sent for decision to %(who)s") % {"who": display_name(root.decision_maker)}
    )
    notify(
        user=root.decision_maker,
        municipality=root.municipality,
        subject=subject,
        body=body,
        link=flow.decide_url(root),
    )


def record_leader_decision(
    flow: DecisionFlow, root: Any, *, leader: User, approve: bool, comment: str, status: str
) -> SignOff:
    """The leader's sign-off on the version read, copied onto the root with its new status, written to
    history, and told to whoever sent it (unless the leader sent it). The caller holds the row lock and has
    checked `require_decider` and `require_reasons`."""
    decision = SignOffDecision.APPROVED if approve else SignOffDecision.REJECTED
    signoff = record_signoff(root=root, signer=leader, role=SignOffRole.LEADER, decision=decision, comment=comment)
    root.record_decision(signoff)
    root.status = status
    save_state_change(root, actor=leader, reason=f"{signoff.get_decision_display()}: {signoff.comment}".strip(": "))
    if root.sent_by_id and root.sent_by_id != leader.pk:
        notify(
            user=root.sent_by,
            municipality=root.municipality,
            subject=_("%(decision)s: %(name)s") % {"decision": signoff.get_decision_display(), "name": flow.name(root)},
            body=signoff.comment or signoff.get_decision_display(),
            link=flow.detail_url(root),
        )
    return signoff
