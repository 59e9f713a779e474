"""The aggregate write (core's `bump_root` and `save_part`): a part of a ROS analysis and of a DPIA is
saved the same way: the root moves to its next version with the part's reason, a decided root is reopened
and asks why, a stale root is refused and nothing is written."""

import pytest

from dpia.models import DpiaRisk
from dpia.services import save_risk
from isms.core.tracking import ReasonRequiredError, StaleEditError
from risk.models import RiskAnalysis, RiskScenario
from risk.services import save_scenario
from risk.workflow import request_signoff, sign_analysis
from tests.risk.builders import make_analysis, make_scenario

from .test_signoff_state import _decided_dpia


def _ros(cast):
    analysis = make_analysis(cast.vefsn, cast.leader_vefsn)
    make_scenario(analysis, likelihood=2, consequence=2)
    request_signoff(analysis=analysis, actor=cast.editor_vefsn, expected_version=1)
    sign_analysis(analysis=analysis, signer=cast.leader_vefsn, decision="approved", comment="", expected_version=1)
    root = RiskAnalysis.objects.get(pk=analysis.pk)

    def save(reason, version):
        return save_scenario(
            analysis=root, actor=cast.editor_vefsn, reason=reason, expected_version=version,
            values={"title": "Løsepengevirus", "asset": "Fagsystem", "security": ["A"], "likelihood": 2,
                    "consequence": 3},
        )  # fmt: skip

    return root, save, RiskScenario


def _dpia(cast):
    root = _decided_dpia(cast, "approved")

    def save(reason, version):
        return save_risk(
            dpia=root, actor=cast.editor_vefsn, reason=reason, expected_version=version,
            values={"title": "Uvedkommende ser helseopplysninger", "kind": "access"},
        )  # fmt: skip

    return root, save, DpiaRisk


@pytest.mark.django_db
@pytest.mark.parametrize("aggregate", [_ros, _dpia], ids=["ros", "dpia"])
def test_a_part_of_a_decided_aggregate_is_written_the_same_way(cast, aggregate):
    root, save, part_model = aggregate(cast)
    model, version, parts = type(root), root.version, part_model.objects.count()
    with pytest.raises(ReasonRequiredError):
        save("", version)
    with pytest.raises(StaleEditError):
        save("Ny risiko", version - 1)
    assert part_model.objects.count() == parts and model.objects.get(pk=root.pk).version == version

    part = save("Ny risiko etter møte", version)
    root = model.objects.get(pk=root.pk)
    assert root.version == version + 1
    assert root.signoff_state.changed_after_approval and root.state_label == "Endret etter godkjenning"
    assert root.history.latest().history_change_reason == "Ny risiko etter møte"
    assert part.history.latest().history_change_reason == "Ny risiko etter møte"
