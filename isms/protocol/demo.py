"""Demo data for the behandlingsprotokoll: the shared services of Digitale Helgeland from the seeds.

The services and how many municipalities use them are from the cooperation's own pages (seeds 000, 001).
Where the sources give only a count (Elements in 14, the health form in 11 + Bindal and Lurøy, reduced
parental payment in 3), the municipalities chosen here are illustrative. Organisation numbers are left
blank rather than guessed. Everything is written through the services, so it has history.
"""

from __future__ import annotations

import datetime

from isms.core.models import Municipality

from .models import (
    AgreementStatus,
    DataProcessingAgreement,
    JointAgreement,
    ProcessingActivity,
    System,
    SystemUse,
    Vendor,
)
from .services import (
    add_joint_participants,
    create_joint_agreement,
    save_agreement,
    save_catalogue_entry,
    save_processing_activity,
    save_system_use,
)

REASON = "Demodata"

KOBO = ["vefsn", "bronnoy", "donna", "rana", "alstahaug", "grane", "hemnes", "bindal", "luroy", "vevelstad",
        "somna", "leirfjord"]  # fmt: skip
KOBO_NOT_YET_SIGNED = {"grane", "vevelstad", "leirfjord"}


def kobo_municipalities() -> str:
    """The KOBO municipalities by name ("Alstahaug, Bindal, … og Vevelstad"): the joint texts say which
    twelve of the sixteen take part."""
    names = sorted(Municipality.objects.filter(slug__in=KOBO).values_list("name", flat=True))
    return f"{', '.join(names[:-1])} og {names[-1]}" if len(names) > 1 else "".join(names)


HEALTH_FORM = ["vevelstad", "bindal", "donna", "grane", "nesna", "heroy", "luroy", "somna", "leirfjord", "hemnes",
               "alstahaug", "bronnoy", "vefsn"]  # fmt: skip
HEALTH_FORM_JOINED_LATER = {"bindal", "luroy"}
ELEMENTS = ["vevelstad", "vega", "hattfjelldal", "bindal", "donna", "grane", "nesna", "heroy", "luroy", "somna",
            "leirfjord", "hemnes", "alstahaug", "bronnoy"]  # fmt: skip
LICENSING = ["bindal", "bronnoy"]
PARENTAL_PAYMENT = ["alstahaug", "leirfjord", "heroy"]

VENDORS = {
    "Husbanken": {"country": "NO"},
    "Digitale Helgeland": {"country": "NO"},
    "Sikri AS": {"country": "NO"},
    "Digitaliseringsdirektoratet": {"country": "NO"},
    "KS": {"country": "NO"},
}
SYSTEMS = {
    "KOBO": {
        "vendor": "Husbanken", "hosting": "saas", "confidentiality": 3, "integrity": 3, "availability": 2,
        "description": "Husbankens saksbehandlingssystem for startlån og bostøtte.",
    },
    "Altinn": {
        "vendor": "Digitaliseringsdirektoratet", "hosting": "saas", "confidentiality": 3, "integrity": 3,
        "availability": 3, "description": "Felles skjemaløsning; tjenestene er utviklet av Digitale Helgeland.",
    },
    "Elements": {
        "vendor": "Sikri AS", "hosting": "saas", "confidentiality": 3, "integrity": 4, "availability": 3,
        "description": "Sak- og arkivsystem (skyløsning).", "aliases": "Sikri Elements\nElements Cloud",
    },
    "eFormidling": {
        "vendor": "Digitaliseringsdirektoratet", "hosting": "saas", "confidentiality": 3, "integrity": 3,
        "availability": 2, "description": "Sikker meldingsutveksling mellom virksomheter.",
    },
    "KS Fiks": {
        "vendor": "KS", "hosting": "saas", "confidentiality": 3, "integrity": 3, "availability": 2,
        "description": "Fellesløsninger for dataflyt i kommunal sektor.",
    },
}  # fmt: skip

COMMON = {"record_type": "controller", "dpia_status": "not_assessed"}
ACTIVITIES = [
    (
        KOBO,
        {
            **COMMON,
            "name": "Startlån, tilskudd og bostøtte",
            "sector": "welfare",
            "responsible_unit": "Tildelingskontoret",
            "purposes": "Behandle søknader om startlån, tilskudd og bostøtte, og følge opp lån.",
            "legal_bases": ["c", "e"],
            "national_law": "husbankloven, forskrift om lån fra Husbanken, bustøttelova",
            "data_subject_categories": "Søkere og medlemmer av husstanden",
            "personal_data_categories": "Navn, fødselsnummer, kontaktinformasjon, inntekt, formue og gjeld, boforhold",
            "data_source": "Søkeren, Skatteetaten, Folkeregisteret",
            "recipients": "Husbanken (databehandler og egen myndighet)",
            "retention": "Saksdokumenter arkiveres etter arkivlova og kommunens bevaringsplan.",
            "security_measures": "Innlogging med ID-porten, roller i Altinn, tilgangsstyring og logging i KOBO.",
            "dpia_status": "done",
        },
        ["KOBO", "Altinn"],
        ["Husbanken"],
    ),
    (
        HEALTH_FORM,
        {
            **COMMON,
            "name": "Søknad om helse- og omsorgstjenester",
            "sector": "health",
            "responsible_unit": "Tildelingskontoret / helse og omsorg",
            "purposes": "Ta imot og behandle søknader om helse- og omsorgstjenester.",
            "legal_bases": ["c", "e"],
            "national_law": "helse- og omsorgstjenesteloven kap. 3, pasient- og brukerrettighetsloven kap. 2",
            "data_subject_categories": "Søkere, pårørende, verger og fullmektiger",
            "personal_data_categories": "Navn, fødselsnummer, kontaktinformasjon, helseopplysninger, funksjonsnivå",
            "special_categories": ["health"],
            "special_category_bases": ["h"],
            "data_source": "Søkeren eller den som søker på vegne av søkeren",
            "recipients": "Saksbehandlere i tildelingskontoret; journalføres i pasientjournal",
            "retention": "Journalføres etter pasientjournalloven; søknaden arkiveres etter arkivlova.",
            "security_measures": "ID-porten på nivå 4, kryptert overføring med eFormidling, tilgangsstyring.",
            "dpia_status": "in_progress",
        },
        ["Altinn", "eFormidling"],
        ["Digitale Helgeland"],
    ),
    (
        ELEMENTS,
        {
            **COMMON,
            "name": "Saksbehandling og arkiv",
            "sector": "archive",
            "responsible_unit": "Dokumentsenteret",
            "purposes": "Journalføre, saksbehandle og arkivere kommunens saker.",
            "legal_bases": ["c", "e"],
            "national_law": "arkivlova, forvaltningsloven, offentleglova",
            "data_subject_categories": "Innbyggere, søkere, ansatte, folkevalgte, næringsdrivende",
            "personal_data_categories": "Navn, kontaktinformasjon, saksopplysninger; kan omfatte særlige kategorier",
            "special_categories": ["health"],
            "special_category_bases": ["g", "j"],
            "special_category_note": "arkivlova § 6, personopplysningsloven §§ 7 og 9",
            "recipients": "Saksbehandlere, innsyn etter offentleglova, Arkivverket",
            "retention": "Bevares eller kasseres etter kommunens bevarings- og kassasjonsplan.",
            "security_measures": "Tilgangskoder og skjerming, logging, sikkerhetskopi hos leverandør.",
        },
        ["Elements", "eFormidling", "KS Fiks"],
        ["Sikri AS"],
    ),
    (
        LICENSING,
        {
            **COMMON,
            "name": "Søknad om salgs-, skjenke- og serveringsbevilling",
            "sector": "administration",
            "responsible_unit": "Servicetorget",
            "purposes": "Behandle søknader om salgs-, skjenke- og serveringsbevilling, med vandelskontroll.",
            "legal_bases": ["c", "e"],
            "national_law": "alkoholloven §§ 1-7 (uttalelser i bevillingssaken), 1-7b (vandel) og 1-7c (styrer og "
            "stedfortreder), serveringsloven §§ 4 og 6",
            "data_subject_categories": "Søkere, styrer og stedfortreder, personer med vesentlig innflytelse",
            "personal_data_categories": "Navn, fødselsnummer, kontaktinformasjon, opplysninger om vandel",
            "criminal_offence_data": True,
            "criminal_offence_basis": "alkoholloven §§ 1-7b og 1-7c, serveringsloven § 6",
            "data_source": "Søkeren, Enhetsregisteret, Folkeregisteret; uttalelser om vandel fra politiet, "
            "Skatteetaten og sosialtjenesten i NAV (alkoholloven § 1-7)",
            "recipients": "Klageinstansen ved klage (Statsforvalteren for vedtak etter alkoholloven, jf. § 1-16)",
            "retention": "Arkiveres etter arkivlova; vandelsopplysninger slettes når saken er avsluttet.",
            "security_measures": "ID-porten, eFormidling, skjerming av vandelsopplysninger.",
            "dpia_status": "required",
        },
        ["Altinn", "eFormidling"],
        ["Digitale Helgeland"],
    ),
    (
        PARENTAL_PAYMENT,
        {
            **COMMON,
            "name": "Søknad om redusert foreldrebetaling i barnehage og SFO",
            "sector": "education",
            "responsible_unit": "Oppvekst",
            "purposes": "Beregne redusert foreldrebetaling og gratis kjernetid ut fra husstandens inntekt.",
            "legal_bases": ["c", "e"],
            "national_law": "forskrift om foreldrebetaling i barnehager, opplæringslova",
            "data_subject_categories": "Foresatte og barn",
            "personal_data_categories": "Navn, fødselsnummer, adresse, inntekt (fra Skatteetaten)",
            "data_source": "Søkeren, Skatteetaten",
            "recipients": "Saksbehandlere i oppvekst",
            "retention": "Arkiveres etter arkivlova; vedtak bevares i Elements.",
            "security_measures": "ID-porten, automatisk henting av inntekt fra Skatteetaten, tilgangsstyring.",
        },
        ["Altinn", "Elements"],
        ["Digitale Helgeland"],
    ),
]


def _vendor(name: str) -> Vendor:
    existing = Vendor.objects.filter(name=name).first()
    if existing:
        return existing
    return save_catalogue_entry(model=Vendor, actor=None, values={"name": name, **VENDORS[name]}, reason=REASON)[0]


def _system(name: str) -> System:
    existing = System.objects.filter(name=name).first()
    if existing:
        return existing
    spec = dict(SYSTEMS[name])
    spec["vendor"] = _vendor(spec["vendor"])
    return save_catalogue_entry(model=System, actor=None, values={"name": name, **spec}, reason=REASON)[0]


def _use(municipality: Municipality, system: System) -> SystemUse:
    existing = SystemUse.objects.filter(municipality=municipality, system=system).first()
    if existing:
        return existing
    return save_system_use(municipality=municipality, actor=None, values={"system": system}, reason=REASON)[0]


def _joint(title: str, vendor: Vendor, slugs: list[str], signed: set[str], signed_on: dict[str, datetime.date]):
    joint = JointAgreement.objects.filter(title=title).first()
    municipalities = list(Municipality.objects.filter(slug__in=slugs))
    if joint is None:
        joint = create_joint_agreement(
            actor=None, values={"title": title, "vendor": vendor}, municipalities=municipalities, reason=REASON
        )
    else:
        add_joint_participants(joint=joint, actor=None, municipalities=municipalities)
    for row in DataProcessingAgreement.objects.filter(parent=joint).select_related("municipality"):
        slug = row.municipality.slug
        if slug in signed and row.status != AgreementStatus.SIGNED:
            save_agreement(
                municipality=row.municipality,
                actor=None,
                values={"status": AgreementStatus.SIGNED, "signed_on": signed_on.get(slug, datetime.date(2023, 6, 1))},
                reason=REASON,
                agreement=row,
                expected_version=row.version,
            )
        elif slug not in signed and row.status == AgreementStatus.MISSING:
            save_agreement(
                municipality=row.municipality,
                actor=None,
                values={"status": AgreementStatus.SENT},
                reason=REASON,
                agreement=row,
                expected_version=row.version,
            )


def seed_protocol_demo() -> int:
    """Create the demo catalogue, protocols and agreements; returns how many activities were added."""
    by_slug = {m.slug: m for m in Municipality.objects.all()}
    added = 0
    for slugs, values, system_names, processor_names in ACTIVITIES:
        systems = [_system(name) for name in system_names]
        processors = [_vendor(name) for name in processor_names]
        for slug in slugs:
            municipality = by_slug.get(slug)
            if municipality is None:
                continue
            uses = [_use(municipality, system) for system in systems]
            if ProcessingActivity.objects.filter(municipality=municipality, name=values["name"]).exists():
                continue
            save_processing_activity(
                municipality=municipality,
                actor=None,
                values=values,
                system_use_ids=[use.pk for use in uses],
                processor_ids=[vendor.pk for vendor in processors],
                reason=REASON,
            )
            added += 1
    _joint("Databehandleravtale KOBO", _vendor("Husbanken"), KOBO, set(KOBO) - KOBO_NOT_YET_SIGNED, {})
    _joint(
        "Databehandleravtale felles Altinn-tjenester",
        _vendor("Digitale Helgeland"),
        sorted(set(HEALTH_FORM) | set(LICENSING) | set(PARENTAL_PAYMENT)),
        set(HEALTH_FORM) | set(LICENSING) | set(PARENTAL_PAYMENT),
        {slug: datetime.date(2023, 11, 1) for slug in HEALTH_FORM_JOINED_LATER},
    )
    sikri = _vendor("Sikri AS")
    for slug in ELEMENTS:
        municipality = by_slug.get(slug)
        if (
            municipality
            and not DataProcessingAgreement.objects.filter(municipality=municipality, vendor=sikri).exists()
        ):
            save_agreement(
                municipality=municipality,
                actor=None,
                values={
                    "vendor": sikri,
                    "title": "Databehandleravtale Elements",
                    "status": AgreementStatus.SIGNED,
                    "signed_on": datetime.date(2022, 9, 1),
                    "review_on": datetime.date(2025, 9, 1),
                },
                reason=REASON,
            )
    return added
