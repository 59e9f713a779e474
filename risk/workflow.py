"""The life of a ROS analysis after drafting: sent to its risk owner, signed (approved or not) on one
exact version, archived, and revised yearly into a new draft linked to the previous one."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from isms.core.decisions import is_leader_of
from isms.core.models import SignOff, SignOffDecision, SignOffRole, User, display_name
from isms.core.notifications import notify
from isms.core.signoff import record_signoff
from isms.core.tracking import create_tracked, lock_for_edit, save_state_change

from .models import AnalysisStatus, MeasureScenario, MeasureStatus, RiskAnalysis, RiskMeasure, RiskScenario
from .services import RiskInputError, current_matrix
from .snapshot import analysis_snapshot

SIGNABLE = (AnalysisStatus.DRAFT, AnalysisStatus.REJECTED, AnalysisStatus.APPROVED)


def _detail_url(analysis: RiskAnalysis) -> str:
    return reverse("risk:analysis_detail", args=[analysis.municipality.slug, analysis.pk])


def request_signoff(*, analysis: RiskAnalysis, actor: User, expected_version: int, message: str = "") -> RiskAnalysis:
    """Send the analysis at the version the editor sees to its risk owner, who is told by e-mail."""
    with transaction.atomic():
        root = lock_for_edit(RiskAnalysis, pk=analysis.pk, expected_version=expected_version)
        if root.status == AnalysisStatus.AWAITING_SIGNOFF:
            raise RiskInputError(_("The analysis is already waiting for the risk owner's decision."))
        if root.status == AnalysisStatus.ARCHIVED:
            raise RiskInputError(_("An archived analysis cannot be sent for sign-off."))
        if root.signoff_state.is_current:
            raise RiskInputError(_("This version has already been decided on. Change the analysis first."))
        if not root.scenarios.exists():
            raise RiskInputError(_("Add at least one scenario before you send the analysis for sign-off."))
        if not is_leader_of(root.risk_owner, root.municipality_id):
            raise RiskInputError(_("The risk owner must be a leader of the municipality."))
        root.status = AnalysisStatus.AWAITING_SIGNOFF
        root.signoff_requested_by = actor
        root.signoff_requested_at = timezone.now()
        save_state_change(
            root, actor=actor, reason=_("Sent for sign-off to %(owner)s") % {"owner": display_name(root.risk_owner)}
        )
        notify(
            user=root.risk_owner,
            municipality=root.municipality,
            subject=_("To sign: %(title)s") % {"title": root.title},
            body=(
                _("%(who)s asks you as risk owner to accept or reject the residual risk of version %(v)s of "
                  "the ROS analysis “%(title)s”.")
                % {"who": display_name(actor), "v": root.version, "title": root.title}
                + (f"\n\n{message.strip()}" if message.strip() else "")
            ),
            link=_detail_url(root),
        )  # fmt: skip
        return root


def sign_analysis(
    *,
    analysis: RiskAnalysis,
    signer: User,
    decision: str,
    comment: str,
    expected_version: int,
    high_risk_confirmed: bool = False,
) -> SignOff:
    """The risk owner accepts or rejects the residual risk of exactly the version they read."""
    with transaction.atomic():
        root = lock_for_edit(RiskAnalysis, pk=analysis.pk, expected_version=expected_version)
        if root.risk_owner_id != signer.pk or not is_leader_of(signer, root.municipality_id):
            raise RiskInputError(_("Only the risk owner, a leader of the municipality, can sign the analysis."))
        if root.signoff_state.is_current:
            raise RiskInputError(_("This version has already been signed."))
        if root.status != AnalysisStatus.AWAITING_SIGNOFF:
            raise RiskInputError(_("The analysis has not been sent for sign-off."))
        if decision not in SignOffDecision.values:
            raise RiskInputError(_("Choose whether you accept the residual risk."))
        if decision == SignOffDecision.REJECTED and not comment.strip():
            raise RiskInputError(_("Say why you do not accept the residual risk."))
        snapshot = analysis_snapshot(root)
        if decision == SignOffDecision.APPROVED and snapshot.high_residual and not high_risk_confirmed:
            raise RiskInputError(
                _("%(n)s scenarios are still red after measures. Confirm that you accept this risk.")
                % {"n": len(snapshot.high_residual)}
            )
        signoff = record_signoff(
            root=root,
            signer=signer,
            role=SignOffRole.LEADER,
            decision=decision,
            comment=comment,
            high_risk_confirmed=high_risk_confirmed and bool(snapshot.high_residual),
        )
        root.status = AnalysisStatus.APPROVED if decision == SignOffDecision.APPROVED else AnalysisStatus.REJECTED
        root.record_decision(signoff)
        decided = signoff.get_decision_display()
        save_state_change(root, actor=signer, reason=f"{decided}: {comment.strip()}".strip(": "))
        if root.signoff_requested_by_id and root.signoff_requested_by_id != signer.pk:
            notify(
                user=root.signoff_requested_by,
                municipality=root.municipality,
                subject=_("%(decision)s: %(title)s") % {"decision": decided, "title": root.title},
                body=_("%(who)s: %(decision)s (version %(v)s). %(comment)s")
                % {"who": display_name(signer), "decision": signoff.get_decision_display(), "v": root.version,
                   "comment": comment.strip()},
                link=_detail_url(root),
            )  # fmt: skip
        return signoff


def archive_analysis(*, analysis: RiskAnalysis, actor: User, reason: str, expected_version: int) -> RiskAnalysis:
    """Signed analyses are archive material: archived with their history, never deleted."""
    if not reason.strip():
        raise RiskInputError(_("Explain why the analysis is archived."))
    with transaction.atomic():
        root = lock_for_edit(RiskAnalysis, pk=analysis.pk, expected_version=expected_version)
        if root.status == AnalysisStatus.ARCHIVED:
            return root
        root.status = AnalysisStatus.ARCHIVED
        save_state_change(root, actor=actor, reason=reason)
        return root


def start_revision(*, analysis: RiskAnalysis, actor: User, analysed_on) -> RiskAnalysis:
    """ "Ny revisjon": a new draft with the scenarios and measures of `analysis`, linked to it."""
    with transaction.atomic():
        previous = RiskAnalysis.objects.select_for_update().get(pk=analysis.pk)
        if previous.revisions.exists():
            raise RiskInputError(_("A newer revision of this analysis already exists."))
        matrix = current_matrix() or previous.matrix
        same_scale = (matrix.likelihood_count, matrix.consequence_count) == (
            previous.matrix.likelihood_count,
            previous.matrix.consequence_count,
        )
        reason = _("New revision of version %(v)s") % {"v": previous.version}
        revision = create_tracked(
            RiskAnalysis,
            actor=actor,
            reason=reason,
            values={
                **{name: getattr(previous, name) for name in (
                    "municipality_id", "title", "subject_type", "system_use_id", "processing_activity_id",
                    "service", "scope", "context", "participants", "risk_owner_id", "template_id",
                    "template_version",
                )},
                "analysed_on": analysed_on,
                "matrix": matrix if same_scale else previous.matrix,
                "previous": previous,
            },
        )  # fmt: skip
        snapshot = analysis_snapshot(previous)
        copies: dict[int, RiskScenario] = {}
        for scenario in snapshot.scenarios:
            copies[scenario.pk] = create_tracked(
                RiskScenario,
                actor=actor,
                reason=reason,
                values={
                    **{name: getattr(scenario, name) for name in (
                        "municipality_id", "threat_id", "title", "asset", "cause", "consequence_description",
                        "security", "existing_measures", "likelihood", "consequence", "justification",
                        "residual_likelihood", "residual_consequence", "template_key",
                    )},
                    "analysis": revision,
                    "carried_from": scenario,
                },
            )  # fmt: skip
        for measure in snapshot.measures:
            if measure.status == MeasureStatus.CANCELLED:
                continue
            copy = create_tracked(
                RiskMeasure,
                actor=actor,
                reason=reason,
                values={
                    **{name: getattr(measure, name) for name in (
                        "municipality_id", "title", "description", "strategy", "owner", "due_on", "status",
                    )},
                    "analysis": revision,
                    "carried_from": measure,
                },
            )  # fmt: skip
            for scenario in snapshot.scenarios_of.get(measure.pk, []):
                create_tracked(
                    MeasureScenario,
                    actor=actor,
                    reason=reason,
                    values={"municipality_id": revision.municipality_id, "measure": copy,
                            "scenario": copies[scenario.pk]},
                )  # fmt: skip
        save_state_change(revision, actor=actor, reason=reason)  # version 1 includes what was carried over
        return revision
