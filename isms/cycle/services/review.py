"""Writes of the management review (ledelsens gjennomgang): inputs gathered, assessments, decisions and
the leader's signature."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from isms.core.models import (
    Membership,
    MembershipRole,
    Municipality,
    SignOff,
    SignOffDecision,
    SignOffRole,
    User,
)
from isms.core.signoff import record_signoff
from isms.core.tracking import (
    ReasonRequiredError,
    assign_changes,
    create_tracked,
    lock_for_edit,
    save_new_version,
    save_state_change,
)

from ..models import (
    DecisionStatus,
    ManagementReview,
    ReviewDecision,
    ReviewStatus,
)
from .errors import CycleInputError

REVIEW_FIELDS = (
    "held_on", "participants", "assessment_records", "assessment_incidents", "assessment_maturity",
    "assessment_previous", "conclusion",
)  # fmt: skip
DECISION_FIELDS = ("kind", "title", "description", "owner", "due_on", "status")


def _reopen_if_signed(root: ManagementReview) -> None:
    if root.status == ReviewStatus.APPROVED:
        root.status = ReviewStatus.DRAFT  # a changed review needs a new signature ("Endret etter godkjenning")


def start_review(*, municipality: Municipality, year: int, actor: User) -> ManagementReview:
    """The year's review, with the inputs gathered and last year's open decisions carried over."""
    from ..selectors import review_inputs

    if not 2000 <= year <= 2100:
        raise CycleInputError(_("The year must be between 2000 and 2100."))
    with transaction.atomic():
        Municipality.objects.select_for_update().get(pk=municipality.pk)
        if ManagementReview.objects.filter(municipality=municipality, year=year).exists():
            raise CycleInputError(
                _("%(name)s already has a management review for %(year)s.") % {"name": municipality.name, "year": year}
            )
        previous = ManagementReview.objects.filter(municipality=municipality, year__lt=year).order_by("-year").first()
        reason = _("Started")
        review = create_tracked(
            ManagementReview,
            actor=actor,
            reason=reason,
            values={"municipality": municipality, "year": year, "previous": previous,
                    "inputs": review_inputs(municipality, year), "inputs_gathered_at": timezone.now()},
        )  # fmt: skip
        if previous is not None:
            for decision in previous.decisions.filter(status=DecisionStatus.OPEN):
                create_tracked(
                    ReviewDecision,
                    actor=actor,
                    reason=_("Carried over from %(year)s") % {"year": previous.year},
                    values={
                        **{
                            name: getattr(decision, name)
                            for name in ("kind", "title", "description", "owner", "due_on")
                        },
                        "review": review,
                        "municipality_id": municipality.pk,
                        "carried_from": decision,
                    },
                )
            save_state_change(review, actor=actor, reason=reason)
        return review


def refresh_inputs(*, review: ManagementReview, actor: User, expected_version: int) -> ManagementReview:
    from ..selectors import review_inputs

    with transaction.atomic():
        root = lock_for_edit(ManagementReview, pk=review.pk, expected_version=expected_version)
        root.inputs = review_inputs(root.municipality, root.year)
        root.inputs_gathered_at = timezone.now()
        _reopen_if_signed(root)
        save_new_version(root, actor=actor, reason=_("Inputs gathered again from the records"))
        return root


def save_review(
    *, review: ManagementReview, actor: User, values: dict[str, Any], reason: str, expected_version: int
) -> tuple[ManagementReview, bool]:
    with transaction.atomic():
        root = lock_for_edit(ManagementReview, pk=review.pk, expected_version=expected_version)
        if not assign_changes(root, {name: values[name] for name in REVIEW_FIELDS if name in values}):
            return root, False
        _reopen_if_signed(root)
        save_new_version(root, actor=actor, reason=reason)
        return root, True


def save_decision(
    *,
    review: ManagementReview,
    actor: User,
    values: dict[str, Any],
    reason: str,
    expected_version: int,
    decision: ReviewDecision | None = None,
) -> ReviewDecision:
    """Add or change a decision; the review moves to its next version (a signed one must be signed again)."""
    values = {name: values[name] for name in DECISION_FIELDS if name in values}
    if not str(values.get("title", "")).strip():
        raise CycleInputError(_("Write the decision."))
    with transaction.atomic():
        root = lock_for_edit(ManagementReview, pk=review.pk, expected_version=expected_version)
        if root.change_reason_required and not reason.strip():
            raise ReasonRequiredError("A reason is required for this change.")
        if decision is None:
            obj = create_tracked(
                ReviewDecision,
                actor=actor,
                reason=reason,
                values={**values, "review": root, "municipality_id": root.municipality_id},
            )
        else:
            obj = ReviewDecision.objects.select_for_update().get(pk=decision.pk, review=root)
            if not assign_changes(obj, values):
                return obj
            save_new_version(obj, actor=actor, reason=reason or _("Changed"))
        _reopen_if_signed(root)
        save_new_version(root, actor=actor, reason=reason.strip() or _("Decision: %s") % obj.title)
        return obj


def is_leader_of(user: User, municipality: Municipality) -> bool:
    return Membership.objects.filter(user=user, municipality=municipality, role=MembershipRole.LEADER).exists()


def sign_review(*, review: ManagementReview, signer: User, comment: str, expected_version: int) -> SignOff:
    """The leader signs exactly the version they read; a review without decisions cannot be signed."""
    with transaction.atomic():
        root = lock_for_edit(ManagementReview, pk=review.pk, expected_version=expected_version)
        if not is_leader_of(signer, root.municipality):
            raise CycleInputError(_("Only a leader of the municipality can sign the management review."))
        if root.signoff_state.is_current:
            raise CycleInputError(_("This version has already been signed."))
        if not root.decisions.exists():
            raise CycleInputError(
                _("Record the management's decisions and actions before you sign; a review without decisions "
                  "cannot be signed.")
            )  # fmt: skip
        signoff = record_signoff(
            root=root, signer=signer, role=SignOffRole.LEADER, decision=SignOffDecision.APPROVED, comment=comment
        )
        root.status = ReviewStatus.APPROVED
        root.record_decision(signoff)
        save_state_change(root, actor=signer, reason=f"{_('Signed')}: {comment.strip()}".strip(": "))
        return signoff
