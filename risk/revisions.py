"""What changed in an analysis: from last year's analysis to its revision, and from the version the risk
owner last signed to now (what they must read before signing again): scenarios added, removed, re-rated
and edited, measures added, removed, changed and completed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .models import MeasureStatus, RiskAnalysis, RiskMeasure, RiskScenario
from .snapshot import MEASURE_FIELDS, SCENARIO_FIELDS, AnalysisSnapshot, analysis_snapshot


@dataclass(frozen=True)
class Rerated:
    before: RiskScenario
    after: RiskScenario

    @property
    def went_down(self) -> bool:
        return (self.after.score or 0) < (self.before.score or 0)


@dataclass
class RevisionDiff:
    previous: AnalysisSnapshot
    current: AnalysisSnapshot
    added: list[RiskScenario] = field(default_factory=list)
    removed: list[RiskScenario] = field(default_factory=list)
    rerated: list[Rerated] = field(default_factory=list)
    edited: list[RiskScenario] = field(default_factory=list)  # same ratings, other text
    completed: list[RiskMeasure] = field(default_factory=list)
    new_measures: list[RiskMeasure] = field(default_factory=list)
    removed_measures: list[RiskMeasure] = field(default_factory=list)
    changed_measures: list[RiskMeasure] = field(default_factory=list)  # changed, but not just completed
    since_signed: bool = False  # from the last signed version, not from the previous revision

    @property
    def is_empty(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.rerated
            or self.edited
            or self.completed
            or self.new_measures
            or self.removed_measures
            or self.changed_measures
        )


RATING_FIELDS = ("likelihood", "consequence", "residual_likelihood", "residual_consequence")
TEXT_FIELDS = tuple(name for name in SCENARIO_FIELDS if name not in RATING_FIELDS)


def _compare(
    previous: AnalysisSnapshot, current: AnalysisSnapshot, *, same: Callable[[object], int | None], since_signed: bool
) -> RevisionDiff:
    """`same(part)` gives the pk in `previous` of a part of `current` (itself, or the one it was carried from)."""
    diff = RevisionDiff(previous, current, since_signed=since_signed)
    before = {scenario.pk: scenario for scenario in previous.scenarios}
    carried = set()
    for scenario in current.scenarios:
        old = before.get(same(scenario))
        if old is None:
            diff.added.append(scenario)
            continue
        carried.add(old.pk)
        if any(getattr(old, name) != getattr(scenario, name) for name in RATING_FIELDS):
            diff.rerated.append(Rerated(old, scenario))
        elif since_signed and any(getattr(old, name) != getattr(scenario, name) for name in TEXT_FIELDS):
            diff.edited.append(scenario)
    diff.removed = [scenario for pk, scenario in before.items() if pk not in carried]
    measures_before = {measure.pk: measure for measure in previous.measures}
    kept = set()
    for measure in current.measures:
        old = measures_before.get(same(measure))
        if old is None:
            diff.new_measures.append(measure)
        else:
            kept.add(old.pk)
        if measure.status == MeasureStatus.DONE and (old is None or old.status != MeasureStatus.DONE):
            diff.completed.append(measure)
        elif since_signed and old is not None and _measure_changed(old, measure, previous, current):
            diff.changed_measures.append(measure)
    if since_signed:  # a revision carries over only the measures still to do: the others are not "removed"
        diff.removed_measures = [measure for pk, measure in measures_before.items() if pk not in kept]
    return diff


def _measure_changed(old, new, previous: AnalysisSnapshot, current: AnalysisSnapshot) -> bool:
    linked_before = sorted(s.pk for s in previous.scenarios_of.get(old.pk, []))
    linked_now = sorted(s.pk for s in current.scenarios_of.get(new.pk, []))
    return linked_before != linked_now or any(getattr(old, name) != getattr(new, name) for name in MEASURE_FIELDS)


def signed_diff(analysis: RiskAnalysis) -> RevisionDiff | None:
    """What changed since the version the risk owner last signed; None when never signed or unchanged."""
    signed = analysis.last_signed_version
    if not signed or signed >= analysis.version:
        return None
    return _compare(
        analysis_snapshot(analysis, version=signed),
        analysis_snapshot(analysis),
        same=lambda part: part.pk,
        since_signed=True,
    )


def revision_diff(analysis: RiskAnalysis) -> RevisionDiff | None:
    """None for a first analysis; otherwise the difference from the revision it was made from."""
    if analysis.previous_id is None:
        return None
    return _compare(
        analysis_snapshot(analysis.previous),
        analysis_snapshot(analysis),
        same=lambda part: part.carried_from_id,
        since_signed=False,
    )
