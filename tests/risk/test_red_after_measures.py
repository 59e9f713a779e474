"""One rule for "still red after measures": the scenario's property, its queryset method, the ROS overview's
count and the status across municipalities agree on every edge of the matrix's bands."""

from __future__ import annotations

import pytest

from isms.core.models import Municipality
from isms.oversight.selectors import status_rows
from risk.models import RiskMatrix, RiskScenario
from risk.selectors import all_analyses, overview
from tests.risk.builders import default_matrix, make_analysis, make_scenario

pytestmark = pytest.mark.django_db

# (title, likelihood, consequence, residual likelihood, residual consequence, red in the 5 × 5 matrix up to 9)
CASES = [
    ("9 before, not rated after: top of the yellow band", 3, 3, None, None, False),
    ("10 before, not rated after: first red score", 2, 5, None, None, True),
    ("25 before, 9 after", 5, 5, 3, 3, False),
    ("25 before, 10 after", 5, 5, 5, 2, True),
    ("4 before, 12 after (got worse)", 2, 2, 3, 4, True),
    ("25 before, only one residual value: counts as not rated after", 5, 5, 1, None, True),
    ("6 before, only the other residual value", 2, 3, None, 5, False),
    ("1 after: lowest score", 5, 5, 1, 1, False),
]


def _scenarios(cast):
    analysis = make_analysis(cast.vefsn, cast.leader_vefsn)
    for title, likelihood, consequence, residual_likelihood, residual_consequence, _red in CASES:
        make_scenario(
            analysis,
            title=title,
            likelihood=likelihood,
            consequence=consequence,
            residual_likelihood=residual_likelihood,
            residual_consequence=residual_consequence,
        )
    return analysis


def test_the_property_and_the_queryset_agree_on_the_band_edges(cast):
    analysis = _scenarios(cast)
    assert default_matrix().tolerable_max == 9
    expected = {title for title, *_ratings, red in CASES if red}
    by_property = {s.title for s in RiskScenario.objects.select_related("analysis__matrix") if s.is_red_after_measures}
    by_queryset = set(RiskScenario.objects.red_after_measures().values_list("title", flat=True))
    assert by_property == by_queryset == expected
    assert overview(all_analyses()).get(pk=analysis.pk).red_residual == len(expected)
    row = next(r for r in status_rows(municipalities=Municipality.objects.all()) if r.municipality == cast.vefsn)
    assert row.cell("ros").values["red"] == len(expected)


def test_the_band_is_the_analysis_matrix_not_the_current_one(cast):
    """An analysis keeps its matrix: a newer, more tolerant matrix does not turn its 10 green."""
    analysis = make_analysis(cast.vefsn, cast.leader_vefsn)
    make_scenario(analysis, title="Ti", likelihood=2, consequence=5)
    old = default_matrix()
    old.is_current = False
    old.save()
    tolerant = RiskMatrix.objects.create(
        number=old.number + 1, name="Romslig", likelihood_levels=old.likelihood_levels,
        consequence_levels=old.consequence_levels, acceptable_max=6, tolerable_max=12, is_current=True,
    )  # fmt: skip
    other = make_analysis(cast.vefsn, cast.leader_vefsn, title="ROS med ny matrise")
    other.matrix = tolerant
    other.save()
    make_scenario(other, title="Ti i ny matrise", likelihood=2, consequence=5)

    by_property = {s.title for s in RiskScenario.objects.all() if s.is_red_after_measures}
    by_queryset = set(RiskScenario.objects.red_after_measures().values_list("title", flat=True))
    assert by_property == by_queryset == {"Ti"}
    counts = dict(overview(all_analyses()).values_list("title", "red_residual"))
    assert counts == {analysis.title: 1, other.title: 0}
