"""DPIA data for tests: the shipped screening questions and a complete DPIA ready to be sent."""

from __future__ import annotations

from dpia.loaders import load_screening
from dpia.models import Dpia, DpiaRisk, ScreeningItem
from dpia.services import create_dpia
from isms.core.kins_templates import TEMPLATE_DIR
from isms.protocol.models import ProcessingActivity


def screening_items() -> None:
    if not ScreeningItem.objects.exists():
        load_screening(TEMPLATE_DIR / "dpia_screening.yaml")


def make_activity(municipality, name="Søknad om helse- og omsorgstjenester") -> ProcessingActivity:
    return ProcessingActivity.objects.create(
        municipality=municipality, name=name, sector="health", purposes="Behandle søknader",
        legal_bases=["c", "e"], data_subject_categories="Søkere", personal_data_categories="Navn, helse",
        retention="Arkivlova",
    )  # fmt: skip


def complete_dpia(municipality, actor, leader, *, high=False, name="Søknad om helse- og omsorgstjenester") -> Dpia:
    """A DPIA with every section filled in (the ORM is fine here: the test is not about writing them)."""
    dpia = create_dpia(activity=make_activity(municipality, name), actor=actor)
    for principle in dpia.principles.all():
        principle.assessment = "Vurdert: innenfor formålet."
        principle.save()
    for risk in DpiaRisk.objects.filter(dpia=dpia):
        risk.severity, risk.likelihood = (4, 4) if high else (2, 2)
        risk.residual_severity, risk.residual_likelihood = (3, 3) if high else (1, 1)
        risk.save()
    dpia.decision_maker = leader
    dpia.save()
    return Dpia.objects.get(pk=dpia.pk)
