"""Every write of the risk app. A write to a scenario, measure or link also writes the analysis's next
version with the same reason, so the analysis's version names the whole aggregate."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from isms.core.decisions import is_leader_of
from isms.core.models import User
from isms.core.tracking import (
    assign_changes,
    bump_root,
    create_tracked,
    delete_tracked,
    lock_for_edit,
    save_new_version,
    save_part,
    update_tracked,
)

from .models import AnalysisStatus, MeasureScenario, RiskAnalysis, RiskMatrix, RiskMeasure, RiskScenario, Threat


class RiskInputError(ValueError):
    """Input the forms should have caught (a rating outside the matrix, a foreign scenario)."""


def current_matrix() -> RiskMatrix | None:
    return RiskMatrix.objects.filter(is_current=True).first()


def save_matrix(
    *,
    actor: User | None,
    values: dict[str, Any],
    reason: str,
    matrix: RiskMatrix | None = None,
    expected_version: int | None = None,
) -> tuple[RiskMatrix, bool]:
    """Change the current matrix, or make its next version when analyses already use it."""
    with transaction.atomic():
        if matrix is None:
            number = (RiskMatrix.objects.order_by("-number").values_list("number", flat=True).first() or 0) + 1
            obj = create_tracked(
                RiskMatrix,
                actor=actor,
                reason=reason or _("Created"),
                values={**values, "number": number, "is_current": not RiskMatrix.objects.exists()},
            )
            return obj, True
        current = lock_for_edit(RiskMatrix, pk=matrix.pk, expected_version=expected_version)
        if all(getattr(current, name) == value for name, value in values.items()):
            return current, False
        if not RiskAnalysis.objects.filter(matrix=current).exists():
            assign_changes(current, values)
            save_new_version(current, actor=actor, reason=reason)
            return current, True
        was_current = current.is_current
        if was_current:
            current.is_current = False
            save_new_version(current, actor=actor, reason=_("Replaced by a new version: %s") % reason)
        successor = create_tracked(
            RiskMatrix,
            actor=actor,
            reason=reason,
            values={
                **{
                    name: getattr(current, name)
                    for name in (
                        "name",
                        "likelihood_levels",
                        "consequence_levels",
                        "acceptable_max",
                        "tolerable_max",
                        "acceptance_criteria",
                    )
                },
                **values,
                "number": RiskMatrix.objects.order_by("-number").values_list("number", flat=True).first() + 1,
                "is_current": was_current,
            },
        )
        return successor, True


def save_threat(*, actor: User | None, values: dict[str, Any], reason: str) -> tuple[Threat, str]:
    """Create or update a catalogue threat by its key; returns (threat, "created" | "updated" | "same")."""
    with transaction.atomic():
        existing = Threat.objects.filter(key=values["key"]).first()
        if existing is None:
            return create_tracked(Threat, actor=actor, reason=reason, values=values), "created"
        _threat, changed = update_tracked(
            Threat, pk=existing.pk, actor=actor, reason=reason, expected_version=existing.version, values=values
        )
        return _threat, "updated" if changed else "same"


def _check_rating(matrix: RiskMatrix, values: dict[str, Any]) -> None:
    limits = {
        "likelihood": matrix.likelihood_count,
        "residual_likelihood": matrix.likelihood_count,
        "consequence": matrix.consequence_count,
        "residual_consequence": matrix.consequence_count,
    }
    for name, highest in limits.items():
        value = values.get(name)
        if value is not None and not 1 <= value <= highest:
            raise RiskInputError(_("%(field)s must be between 1 and %(n)s.") % {"field": name, "n": highest})


def _bump(
    analysis: RiskAnalysis, *, actor: User, reason: str, default_reason: str, expected_version: int
) -> RiskAnalysis:
    """The analysis moves to its next version because a scenario or measure changes (core's `bump_root`)."""
    return bump_root(
        RiskAnalysis, pk=analysis.pk, actor=actor, reason=reason, default_reason=default_reason,
        expected_version=expected_version, reopen=_reopen_if_decided,
    )  # fmt: skip


def _reopen_if_decided(root: RiskAnalysis) -> None:
    """A changed analysis needs a new decision: it is a draft again ("Endret etter godkjenning")."""
    if root.status == AnalysisStatus.ARCHIVED:
        raise RiskInputError(_("An archived analysis cannot be changed. Start a new revision instead."))
    if root.status in (AnalysisStatus.APPROVED, AnalysisStatus.REJECTED):
        root.status = AnalysisStatus.DRAFT


def save_analysis(
    *,
    municipality,
    actor: User,
    values: dict[str, Any],
    reason: str,
    analysis: RiskAnalysis | None = None,
    expected_version: int | None = None,
) -> tuple[RiskAnalysis, bool]:
    owner = values.get("risk_owner")
    if owner is not None and not is_leader_of(owner, municipality.pk):
        raise RiskInputError(_("The risk owner must be a leader of the municipality."))
    with transaction.atomic():
        if analysis is None:
            matrix = values.pop("matrix", None) or current_matrix()
            if matrix is None:
                raise RiskInputError(_("The cooperation has no risk matrix yet."))
            obj = create_tracked(
                RiskAnalysis,
                actor=actor,
                reason=reason or _("Created"),
                values={**values, "municipality": municipality, "matrix": matrix},
            )
            return obj, True
        current = lock_for_edit(RiskAnalysis, pk=analysis.pk, expected_version=expected_version)
        if not assign_changes(current, values):
            return current, False
        _reopen_if_decided(current)
        save_new_version(current, actor=actor, reason=reason)
        return current, True


def save_scenario(
    *,
    analysis: RiskAnalysis,
    actor: User,
    values: dict[str, Any],
    reason: str,
    expected_version: int,
    scenario: RiskScenario | None = None,
) -> RiskScenario:
    """Add or change a scenario; the analysis must still be at `expected_version`."""
    _check_rating(analysis.matrix, values)
    with transaction.atomic():
        root = _bump(
            analysis,
            actor=actor,
            reason=reason,
            default_reason=_("Scenario: %s") % values.get("title", scenario.title if scenario else ""),
            expected_version=expected_version,
        )
        return save_part(
            RiskScenario, root=root, root_field="analysis", part=scenario, values=values, actor=actor, reason=reason
        )


def delete_scenario(*, scenario: RiskScenario, actor: User, reason: str, expected_version: int) -> None:
    with transaction.atomic():
        _bump(
            scenario.analysis,
            actor=actor,
            reason=reason,
            default_reason=_("Scenario removed: %s") % scenario.title,
            expected_version=expected_version,
        )
        for link in scenario.measure_links.all():
            delete_tracked(link, actor=actor, reason=reason)
        delete_tracked(scenario, actor=actor, reason=reason)


def save_measure(
    *,
    analysis: RiskAnalysis,
    actor: User,
    values: dict[str, Any],
    scenario_ids: list[int],
    reason: str,
    expected_version: int,
    measure: RiskMeasure | None = None,
) -> RiskMeasure:
    """Add or change a measure and the scenarios it answers (scenarios of this analysis only)."""
    with transaction.atomic():
        root = _bump(
            analysis,
            actor=actor,
            reason=reason,
            default_reason=_("Measure: %s") % values.get("title", measure.title if measure else ""),
            expected_version=expected_version,
        )
        wanted = set(scenario_ids)
        if wanted - set(root.scenarios.values_list("pk", flat=True)):
            raise RiskInputError(_("A measure can only answer scenarios of its own analysis."))
        current = save_part(
            RiskMeasure, root=root, root_field="analysis", part=measure, values=values, actor=actor, reason=reason
        )
        links = {link.scenario_id: link for link in current.scenario_links.all()}
        for scenario_id in wanted - set(links):
            create_tracked(
                MeasureScenario,
                actor=actor,
                reason=reason,
                values={"measure": current, "scenario_id": scenario_id, "municipality_id": root.municipality_id},
            )
        for scenario_id in set(links) - wanted:
            delete_tracked(links[scenario_id], actor=actor, reason=reason)
        return current


def delete_measure(*, measure: RiskMeasure, actor: User, reason: str, expected_version: int) -> None:
    with transaction.atomic():
        _bump(
            measure.analysis,
            actor=actor,
            reason=reason,
            default_reason=_("Measure removed: %s") % measure.title,
            expected_version=expected_version,
        )
        for link in measure.scenario_links.all():
            delete_tracked(link, actor=actor, reason=reason)
        delete_tracked(measure, actor=actor, reason=reason)
