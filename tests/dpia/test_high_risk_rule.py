"""One rule for "high risk after measures" (Art. 36): the risk's property, its queryset method, the leader's
"Til signering" flag and the status across municipalities agree on every edge of the levels."""

from __future__ import annotations

import pytest

from dpia.models import DpiaRisk
from isms.core.models import Municipality
from isms.oversight.selectors import status_rows
from tests.dpia.builders import complete_dpia

pytestmark = pytest.mark.django_db

# (severity, likelihood, residual severity, residual likelihood, high after measures); HIGH_LEVEL is 3
CASES = [
    (3, 3, None, None, True),  # not rated after measures: the rating before counts, at the threshold
    (3, 2, None, None, False),
    (4, 4, 2, 3, False),  # lowered below the threshold in one of the two
    (4, 4, 3, 3, True),
    (2, 2, 3, 3, True),  # got worse after measures
    (4, 4, None, 2, False),  # each value falls back on its own: severity 4, likelihood 2
    (4, 4, 3, None, True),
    (None, None, None, None, False),  # not rated at all
    (None, 4, 4, None, True),
]


def test_the_property_and_the_queryset_agree_on_the_level_edges(cast):
    dpia = complete_dpia(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn)
    for n, (severity, likelihood, residual_severity, residual_likelihood, _high) in enumerate(CASES):
        DpiaRisk.objects.create(
            municipality=cast.vefsn, dpia=dpia, kind="other", title=f"Risiko {n}", severity=severity,
            likelihood=likelihood, residual_severity=residual_severity, residual_likelihood=residual_likelihood,
        )  # fmt: skip
    expected = {f"Risiko {n}" for n, case in enumerate(CASES) if case[-1]}
    by_property = {risk.title for risk in DpiaRisk.objects.all() if risk.is_high_after_measures}
    by_queryset = set(DpiaRisk.objects.high_after_measures().values_list("title", flat=True))
    assert by_property == by_queryset == expected
    row = next(r for r in status_rows(municipalities=Municipality.objects.all()) if r.municipality == cast.vefsn)
    assert row.cell("dpia").values["art36"] == 1  # one DPIA with a high risk, no prior consultation sent


def test_a_dpia_without_a_high_risk_is_not_flagged(cast):
    dpia = complete_dpia(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn)
    assert not DpiaRisk.objects.filter(dpia=dpia).high_after_measures().exists()
    assert not any(risk.is_high_after_measures for risk in DpiaRisk.objects.filter(dpia=dpia))
    row = next(r for r in status_rows(municipalities=Municipality.objects.all()) if r.municipality == cast.vefsn)
    assert row.cell("dpia").values["art36"] == 0
