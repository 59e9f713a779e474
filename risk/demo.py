"""Demo ROS analyses: the licensing form awaiting its ROS in Bindal and Brønnøy (seed 000), drafted
from the threat catalogue, with measures. Written through the services, so everything has history."""

from __future__ import annotations

import datetime

from isms.core.models import Membership, MembershipRole, Municipality, User
from isms.protocol.models import ProcessingActivity

from .models import RiskAnalysis, SubjectType, Threat
from .services import current_matrix, save_analysis, save_measure, save_scenario

REASON = "Demodata"
LICENSING_MUNICIPALITIES = ["bindal", "bronnoy"]
LICENSING_TITLE = "ROS for søknad om salgs-, skjenke- og serveringsbevilling"
# (threat key, asset, likelihood, consequence, residual likelihood, residual consequence)
SCENARIOS = [
    ("sensitivt-i-epost", "Vandelsopplysninger fra politiet", 3, 4, 2, 4),
    ("feil-mottaker-epost", "Uttalelser fra politi, Skatteetaten og NAV", 3, 3, 2, 3),
    ("angrep-nettskjema", "Søknadsskjemaet i Altinn", 2, 3, 1, 3),
    ("lagret-for-lenge", "Vandelsopplysninger i saksarkivet", 4, 3, 2, 3),
    ("nettbrudd", "Saksbehandlingen i Elements", 2, 2, None, None),
]
MEASURES = [
    ("Vandelsopplysninger bare via eFormidling", "reduce", "Servicetorget", [0, 1]),
    ("Sletterutine for vandelsopplysninger når saken er avsluttet", "reduce", "Arkivleder", [3]),
    ("Sikkerhetstest av skjemaet før publisering", "transfer", "Digitale Helgeland", [2]),
]


def _leader(municipality: Municipality) -> User | None:
    membership = (
        Membership.objects.filter(municipality=municipality, role=MembershipRole.LEADER).select_related("user").first()
    )
    return membership.user if membership else None


def _licensing_analysis(municipality: Municipality, owner: User, editor: User | None) -> None:
    activity = ProcessingActivity.objects.filter(municipality=municipality, name__startswith="Søknad om salgs").first()
    analysis, _created = save_analysis(
        municipality=municipality,
        actor=editor,
        values={
            "title": LICENSING_TITLE,
            "subject_type": SubjectType.PROCESSING if activity else SubjectType.SERVICE,
            "processing_activity": activity,
            "service": "" if activity else "Bevillingsskjema i Altinn",
            "scope": "Søknad om bevilling i Altinn, saksbehandling i Elements og innhenting av uttalelser om vandel.",
            "context": "Skjemaet er utviklet av Digitale Helgeland. Uttalelser fra politiet, Skatteetaten og NAV.",
            "participants": "Servicetorget\nArkivleder\nIKT-rådgiver\nPersonvernombudet",
            "analysed_on": datetime.date(2026, 11, 10),
            "risk_owner": owner,
        },
        reason=REASON,
    )
    threats = {threat.key: threat for threat in Threat.objects.filter(key__in=[row[0] for row in SCENARIOS])}
    scenarios = []
    for key, asset, likelihood, consequence, residual_likelihood, residual_consequence in SCENARIOS:
        threat = threats.get(key)
        if threat is None:
            continue
        analysis.refresh_from_db()
        scenarios.append(
            save_scenario(
                analysis=analysis,
                actor=editor,
                values={
                    "threat": threat,
                    "title": threat.title,
                    "asset": asset,
                    "security": threat.security,
                    "likelihood": likelihood,
                    "consequence": consequence,
                    "residual_likelihood": residual_likelihood,
                    "residual_consequence": residual_consequence,
                    "existing_measures": threat.typical_measures,
                },
                reason=REASON,
                expected_version=analysis.version,
            )
        )
    for title, strategy, owner_name, indexes in MEASURES:
        analysis.refresh_from_db()
        save_measure(
            analysis=analysis,
            actor=editor,
            values={"title": title, "strategy": strategy, "owner": owner_name, "due_on": datetime.date(2027, 2, 1)},
            scenario_ids=[scenarios[index].pk for index in indexes if index < len(scenarios)],
            reason=REASON,
            expected_version=analysis.version,
        )


def seed_risk_demo() -> int:
    """Returns how many analyses were added."""
    if current_matrix() is None:
        return 0
    added = 0
    for municipality in Municipality.objects.filter(slug__in=LICENSING_MUNICIPALITIES):
        owner = _leader(municipality)
        if owner is None or RiskAnalysis.objects.filter(municipality=municipality, title=LICENSING_TITLE).exists():
            continue
        editor = User.objects.filter(email=f"redaktor.{municipality.slug}@demo.no").first()
        _licensing_analysis(municipality, owner, editor)
        added += 1
    return added
