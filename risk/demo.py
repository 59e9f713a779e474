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


KOBO_ROS_TITLE = "Felles ROS-analyse for KOBO"
KOBO_ROS_CONTENT = {
    "service": "KOBO (Husbankens saksbehandlingssystem for startlån og bostøtte)",
    "scope": "Saksbehandling av startlån, tilskudd og bostøtte i KOBO, med innhenting fra Skatteetaten og roller i "
    "Altinn. Arkivintegrasjon KOBO → Elements er utenfor (planlagt).",
    "context": "Husbanken er databehandler. Felles ROS-møter i Digitale Helgeland med de tolv KOBO-kommunene: "
    "{kommuner}.",
    "participants": "Digitale Helgeland\nPersonvernombudet\nSaksbehandlere fra kommunene\nHusbanken",
    "scenarios": "Uautorisert innsyn i søknader og vedtak | Søknader med økonomi og helse | K | 3 | 4 | 2 | 4\n"
    "Feil rolletildeling i Altinn | Tilgang til KOBO | K,I | 3 | 3 | 2 | 3\n"
    "Feil opplysninger fra Skatteetaten gir feil vedtak | Inntektsopplysninger | I | 2 | 4 | 2 | 3\n"
    "KOBO utilgjengelig i søknadsfristen | Saksbehandlingen | T | 2 | 3 | 2 | 2\n"
    "Sensitive vedlegg sendt på e-post | Vedlegg om helse og økonomi | K | 4 | 4 | 3 | 4",
}
KOBO_ROS_STATES = {"rejected": ["grane"], "stale": ["hemnes"], "draft": ["leirfjord", "somna", "vevelstad"]}


def _joint_kobo_ros(actor: User | None):
    from isms.core.library.kinds import get_kind
    from isms.core.library.services import publish_template, save_template
    from isms.core.models import Template
    from isms.protocol.demo import KOBO, kobo_municipalities

    existing = Template.objects.filter(kind="ros", title=KOBO_ROS_TITLE).first()
    if existing is not None:
        return existing
    kind = get_kind("ros")
    names = kobo_municipalities()
    content, errors = kind.clean_content(
        {**KOBO_ROS_CONTENT, "context": KOBO_ROS_CONTENT["context"].format(kommuner=names)}
    )
    if errors:
        raise ValueError(f"The demo KOBO ROS content is invalid: {errors}")
    template, _created = save_template(
        kind=kind,
        actor=actor,
        values={"title": KOBO_ROS_TITLE, "description": f"Felles ROS for KOBO i {names}.", "is_joint": True},
        content=content,
        reason=REASON,
        participants=list(Municipality.objects.filter(slug__in=KOBO)),
    )
    publish_template(template=template, actor=actor, change_note=REASON, expected_version=template.version)
    template.refresh_from_db()
    return template


def seed_kobo_ros() -> int:
    """The joint KOBO ROS adopted by its municipalities: most signed, one not approved, one changed after
    approval, a few still drafts. Returns how many municipalities adopted it now."""
    from isms.core.library.kinds import get_kind
    from isms.core.library.services import adopt_templates

    from .workflow import request_signoff, sign_analysis

    if current_matrix() is None:
        return 0
    coordinator = User.objects.filter(email="koordinator@demo.no").first()
    template = _joint_kobo_ros(coordinator)
    added = 0
    for participant in template.participants.select_related("municipality"):
        municipality = participant.municipality
        if RiskAnalysis.objects.filter(municipality=municipality, template=template).exists():
            continue
        editor = User.objects.filter(email=f"redaktor.{municipality.slug}@demo.no").first()
        if _leader(municipality) is None:
            continue
        adopt_templates(kind=get_kind("ros"), municipality=municipality, templates=[template], actor=editor)
        added += 1
        analysis = RiskAnalysis.objects.get(municipality=municipality, template=template)
        if municipality.slug in KOBO_ROS_STATES["draft"]:
            continue
        request_signoff(analysis=analysis, actor=editor, expected_version=analysis.version)
        decision = "rejected" if municipality.slug in KOBO_ROS_STATES["rejected"] else "approved"
        sign_analysis(
            analysis=analysis,
            signer=analysis.risk_owner,
            decision=decision,
            comment="Sensitive vedlegg på e-post må stoppes før vi kan akseptere." if decision == "rejected" else "",
            expected_version=analysis.version,
            high_risk_confirmed=True,
        )
        if municipality.slug in KOBO_ROS_STATES["stale"]:
            analysis.refresh_from_db()
            save_scenario(
                analysis=analysis,
                actor=editor,
                values={"title": "Utskrifter av vedtak på felles skriver", "asset": "Vedtaksbrev",
                        "security": ["C"], "likelihood": 3, "consequence": 2},
                reason="Lokalt scenario etter avvik i november",
                expected_version=analysis.version,
            )  # fmt: skip
    return added
