"""Risk data for tests, written with the ORM where the test is not about how it is written."""

from __future__ import annotations

import datetime

from isms.core.kins_templates import TEMPLATE_DIR
from risk.loaders import load_risk_matrix
from risk.models import RiskAnalysis, RiskMatrix, RiskMeasure, RiskScenario, SubjectType, Threat


def default_matrix() -> RiskMatrix:
    """The shipped 5 × 5 matrix (green up to 4, yellow up to 9)."""
    if not RiskMatrix.objects.exists():
        load_risk_matrix(TEMPLATE_DIR / "risk_matrix.yaml")
    return RiskMatrix.objects.get(is_current=True)


def make_analysis(municipality, owner, title="ROS for KOBO", **values) -> RiskAnalysis:
    return RiskAnalysis.objects.create(
        municipality=municipality, title=title, subject_type=SubjectType.SERVICE, service="KOBO",
        scope="Saksbehandling av startlån", analysed_on=datetime.date(2026, 11, 1), risk_owner=owner,
        matrix=default_matrix(), **values,
    )  # fmt: skip


def make_threat(title="Phishing lurer ansatte til å oppgi passord") -> Threat:
    """The phishing threat (the same one when asked again: the browser walk reaches it from two pages)."""
    existing = Threat.objects.filter(title=title).first()
    if existing is not None:
        return existing
    return Threat.objects.create(
        key="phishing", title=title, group="Sosial manipulering", security=["C", "I"], nsm_category="protect",
        source="human_deliberate",
    )  # fmt: skip


def make_scenario(analysis, title="Passord på avveie", likelihood=4, consequence=4, **values) -> RiskScenario:
    return RiskScenario.objects.create(
        municipality=analysis.municipality, analysis=analysis, title=title, asset="Søknader", security=["C"],
        likelihood=likelihood, consequence=consequence, **values,
    )  # fmt: skip


def make_measure(analysis, title="Tofaktorinnlogging", **values) -> RiskMeasure:
    return RiskMeasure.objects.create(municipality=analysis.municipality, analysis=analysis, title=title, **values)
