"""A joint ROS for a shared service: written once by the coordinator, adopted by each participating
municipality through the template library, with local scenarios and its own leader's sign-off."""

import pytest

from isms.core.library.kinds import get_kind
from isms.core.library.services import (
    adopt_templates,
    pending_update,
    publish_template,
    save_template,
    take_in_template_version,
)
from risk.models import RiskAnalysis
from risk.services import save_scenario
from risk.workflow import request_signoff, sign_analysis

from .builders import default_matrix

KOBO_CONTENT = {
    "service": "KOBO",
    "scope": "Saksbehandling av startlån og bostøtte i KOBO",
    "context": "Husbanken er databehandler",
    "participants": "Digitale Helgeland\nPersonvernombudet",
    "scenarios": "Uautorisert innsyn i søknader | Søknader om startlån | K | 3 | 4 | 2 | 4\n"
    "KOBO er utilgjengelig | Saksbehandlingen | T | 2 | 3",
}


def joint_kobo(cast, content=KOBO_CONTENT):
    default_matrix()
    kind = get_kind("ros")
    cleaned, errors = kind.clean_content(content)
    assert not errors, errors
    template, _created = save_template(
        kind=kind, actor=cast.coordinator, values={"title": "Felles ROS for KOBO", "description": "", "is_joint": True},
        content=cleaned, reason="", participants=[cast.vefsn, cast.rana],
    )  # fmt: skip
    publish_template(template=template, actor=cast.coordinator, change_note="Første versjon", expected_version=1)
    template.refresh_from_db()
    return kind, template


@pytest.mark.django_db
def test_a_municipality_adopts_the_joint_ros_with_its_scenarios(cast):
    kind, template = joint_kobo(cast)
    adopt_templates(kind=kind, municipality=cast.vefsn, templates=[template], actor=cast.editor_vefsn)
    analysis = RiskAnalysis.objects.get(municipality=cast.vefsn)
    scenarios = list(analysis.scenarios.order_by("pk"))
    assert (analysis.template, analysis.template_version, analysis.risk_owner) == (template, 1, cast.leader_vefsn)
    assert [(s.title, s.security, s.likelihood, s.residual_consequence) for s in scenarios] == [
        ("Uautorisert innsyn i søknader", ["C"], 3, 4),
        ("KOBO er utilgjengelig", ["A"], 2, None),
    ]


@pytest.mark.django_db
def test_a_bad_scenario_line_is_named_by_its_number(cast):
    default_matrix()
    _content, errors = get_kind("ros").clean_content({**KOBO_CONTENT, "scenarios": "Bare en tittel"})
    assert "Linje 1" in str(errors["scenarios"])


@pytest.mark.django_db
def test_a_new_version_of_the_joint_ros_changes_its_scenarios_and_keeps_local_ones(cast):
    kind, template = joint_kobo(cast)
    adopt_templates(kind=kind, municipality=cast.vefsn, templates=[template], actor=cast.editor_vefsn)
    analysis = RiskAnalysis.objects.get(municipality=cast.vefsn)
    save_scenario(
        analysis=analysis, actor=cast.editor_vefsn, expected_version=1, reason="",
        values={"title": "Lokal skriver", "asset": "Utskrifter", "security": ["C"], "likelihood": 2, "consequence": 2},
    )  # fmt: skip
    analysis.refresh_from_db()
    request_signoff(analysis=analysis, actor=cast.editor_vefsn, expected_version=analysis.version)
    sign_analysis(
        analysis=analysis, signer=cast.leader_vefsn, decision="approved", comment="", expected_version=analysis.version
    )  # fmt: skip
    changed = {**KOBO_CONTENT, "scenarios": "Uautorisert innsyn i søknader | Søknader om startlån | K | 2 | 4 | 1 | 4"}
    cleaned, _errors = kind.clean_content(changed)
    save_template(
        kind=kind, actor=cast.coordinator, template=template, expected_version=template.version,
        values={"title": template.title, "description": "", "is_joint": True}, content=cleaned,
        reason="Tofaktor innført", participants=[cast.vefsn, cast.rana],
    )  # fmt: skip
    template.refresh_from_db()
    publish_template(
        template=template, actor=cast.coordinator, change_note="Ny vurdering", expected_version=template.version
    )
    analysis = RiskAnalysis.objects.get(pk=analysis.pk)
    update = pending_update(kind, analysis)
    assert [change.field for change in update.changes] == ["scenarios"]
    take_in_template_version(
        kind=kind, record=analysis, fields=["scenarios"], actor=cast.editor_vefsn, reason="Felles vurdering",
        expected_version=analysis.version,
    )  # fmt: skip
    analysis = RiskAnalysis.objects.get(pk=analysis.pk)
    assert sorted(analysis.scenarios.values_list("title", "likelihood")) == [
        ("Lokal skriver", 2),
        ("Uautorisert innsyn i søknader", 2),
    ]
    assert analysis.changed_after_approval and analysis.template_version == 2
