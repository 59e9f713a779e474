"""The demo's five avvik as data: what was reported, how it was handled, its measures, and how far along the
flow it has come. `demo.py` writes them through the services. Times are relative to the run."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from .models import NotificationChoice


@dataclass(frozen=True)
class Advice:
    notify: str
    inform: bool
    reasons: str
    decided: bool = True  # False: it waits for the leader


@dataclass(frozen=True)
class Notified:
    after: timedelta  # after discovery
    reference: str
    delay_reason: str


@dataclass(frozen=True)
class DemoAvvik:
    slug: str
    title: str
    description: str
    discovered_ago: timedelta
    unit: str
    system_text: str
    personal_data: str
    occurred_before: timedelta | None = None  # before discovery
    reported_after: timedelta = timedelta(minutes=40)  # after discovery
    public: bool = False  # reported through the municipality's link, by someone without an account
    reporter: dict[str, str] = field(default_factory=dict)
    handling: dict[str, Any] | None = None
    scenario: dict[str, str] | None = None  # lookup of the ROS scenario that foresaw it
    proposed_scenario: str = ""  # when no scenario foresaw it
    activity: str = ""  # part of the name of the processing activity involved
    system: str = ""  # part of the name of the system involved
    measures: tuple[dict[str, Any], ...] = ()  # "due_in" days; "ros_measure": the title a ROS measure starts with
    advice: Advice | None = None
    notified: Notified | None = None
    lessons_learned: str = ""  # closed with these


AVVIK = (
    DemoAvvik(
        slug="bronnoy",
        title="E-post med helseskjema sendt til feil mottaker",
        description="Et utfylt skjema «Søknad om helse- og omsorgstjenester» ble videresendt på e-post til en "
        "privatperson med nesten samme navn som fastlegekontoret. Mottakeren ringte og sa fra.",
        discovered_ago=timedelta(hours=30),
        occurred_before=timedelta(hours=3),
        unit="Tildelingskontoret",
        system_text="Outlook / søknad om helse- og omsorgstjenester",
        personal_data="yes",
        handling={
            "kind": "breach",
            "security": ["C"],
            "data_subject_categories": "Søker av helse- og omsorgstjenester",
            "data_subject_count": 1,
            "data_categories": "Navn, fødselsnummer, adresse, diagnoser og funksjonsnivå",
            "record_count": 1,
            "special_categories": ["health"],
            "consequences": "Uvedkommende har lest helseopplysninger om søkeren; fare for belastning og tap av tillit.",
        },
        scenario={"threat__key": "feil-mottaker-epost"},
        proposed_scenario="E-post med helseopplysninger sendt til feil mottaker",
        activity="helse",
        measures=(
            {"title": "Mottakeren har bekreftet sletting skriftlig", "timing": "taken", "owner": "Tildelingskontoret"},
            {
                "title": "Skjemaet sendes bare gjennom eFormidling, ikke e-post",
                "timing": "planned",
                "owner": "Digitale Helgeland",
                "due_in": 30,
                "ros_measure": "Vandelsopplysninger bare via eFormidling",
            },
        ),
        advice=Advice(
            NotificationChoice.NOTIFY,
            True,
            "Helseopplysninger (art. 9) er kommet til en uvedkommende; det er ikke usannsynlig at bruddet medfører "
            "risiko. Meld til Datatilsynet og informer søkeren (art. 34), helst samme dag.",
            decided=False,
        ),
    ),
    DemoAvvik(
        slug="rana",
        title="Bærbar PC mistet på toget",
        description="En saksbehandler i barnevernstjenesten glemte den bærbare PC-en sin på toget. PC-en har "
        "kryptert disk (BitLocker) og krever innlogging med to faktorer.",
        discovered_ago=timedelta(days=20, hours=4),
        occurred_before=timedelta(hours=2),
        unit="Barnevernstjenesten",
        system_text="Bærbar PC",
        personal_data="unknown",
        handling={
            "kind": "both",
            "security": ["C", "A"],
            "data_subject_categories": "Barn og foreldre i barnevernssaker",
            "data_subject_count": 40,
            "data_categories": "Lokale kopier av dokumenter i saker",
            "special_categories": ["health"],
            "consequences": "Disken er kryptert og PC-en låst; innsyn er lite sannsynlig. Saksbehandleren mister "
            "arbeidsverktøyet noen dager.",
        },
        proposed_scenario="Tap av bærbar PC utenfor kontoret",
        measures=(
            {"title": "PC-en er sperret og fjernslettet fra Intune", "timing": "taken", "owner": "IKT-tjenesten"},
            {"title": "Påminnelse til ansatte om lokale kopier", "timing": "taken", "owner": "Enhetsleder"},
        ),
        advice=Advice(
            NotificationChoice.NOT_NOTIFY,
            False,
            "Disken er kryptert og nøkkelen er ikke på avveie; PC-en er fjernslettet. Bruddet medfører "
            "sannsynligvis ikke risiko for de registrerte. Dokumenter vurderingen i avviksregisteret (art. 33 nr. 5).",
        ),
        lessons_learned="Krypteringen virket som den skulle. Lokale kopier av saksdokumenter skal ikke lagres på "
        "PC-en; rutinen er gjentatt på personalmøtet.",
    ),
    DemoAvvik(
        slug="vefsn",
        title="Phishing-e-post til ansatte i oppvekst",
        description="Tolv ansatte fikk en e-post som lignet en melding fra Microsoft om utløpt passord. To "
        "klikket på lenken, men ingen oppga passord. E-posten ble meldt til IKT.",
        discovered_ago=timedelta(days=5, hours=2),
        unit="Oppvekst og kultur",
        system_text="E-post (Microsoft 365)",
        personal_data="no",
        handling={
            "kind": "security",
            "security": ["C"],
            "consequences": "Ingen brudd: ingen passord ble oppgitt. Risiko for kontoovertakelse om det hadde skjedd.",
        },
        measures=(
            {"title": "Avsenderdomenet er blokkert", "timing": "taken", "owner": "IKT-tjenesten"},
            {
                "title": "Phishing-øvelse for oppvekst",
                "timing": "planned",
                "owner": "Informasjonssikkerhetsrådgiver",
                "due_in": 45,
            },
        ),
    ),
    DemoAvvik(
        slug="hemnes",
        title="For vide tilganger i KOBO",
        description="Ved gjennomgang av roller i Altinn ble det oppdaget at fire ansatte i servicetorget hadde "
        "fått saksbehandlerrolle i KOBO og kunne lese alle startlånssaker, uten tjenstlig behov.",
        discovered_ago=timedelta(days=10, hours=3),
        occurred_before=timedelta(days=60),
        unit="Servicetorget",
        system_text="KOBO",
        personal_data="yes",
        handling={
            "kind": "breach",
            "security": ["C"],
            "data_subject_categories": "Søkere av startlån og bostøtte, med husstand",
            "data_subject_count": 180,
            "data_categories": "Navn, fødselsnummer, inntekt, gjeld, boforhold",
            "record_count": 95,
            "consequences": "Loggene viser oppslag i tre saker uten tjenstlig behov. Fare for at økonomiske forhold "
            "blir kjent i et lite lokalsamfunn.",
        },
        scenario={"title__icontains": "rolletildeling"},
        proposed_scenario="Feil rolletildeling i Altinn gir tilgang til KOBO",
        activity="startlån",
        system="KOBO",
        measures=(
            {"title": "Rollene er fjernet og loggene gjennomgått", "timing": "taken", "owner": "Systemansvarlig KOBO"},
            {
                "title": "Kvartalsvis gjennomgang av roller i Altinn",
                "timing": "planned",
                "owner": "Systemansvarlig KOBO",
                "due_in": 20,
            },
        ),
        advice=Advice(
            NotificationChoice.NOTIFY,
            False,
            "Økonomiske opplysninger om mange har vært tilgjengelige uten tjenstlig behov, og det er gjort oppslag. "
            "Meld til Datatilsynet. Informasjon til de tre hvis saker ble lest, vurderes når loggene er gått gjennom.",
        ),
        notified=Notified(
            after=timedelta(hours=91),
            reference="26/04211",
            delay_reason="Omfanget var uklart til loggene fra Husbanken kom etter tre dager; meldingen ble sendt "
            "samme dag.",
        ),
    ),
    DemoAvvik(
        slug="vefsn",
        title="Klasseliste funnet på bussen",
        description="En elev fant en utskrift med navn, telefonnummer og tilretteleggingsbehov for en klasse "
        "på skolebussen og leverte den til sjåføren.",
        discovered_ago=timedelta(hours=80),
        reported_after=timedelta(hours=1),
        unit="Mosjøen ungdomsskole",
        system_text="",
        personal_data="yes",
        public=True,
        reporter={"reporter_name": "Ansatt ved skolen", "reporter_email": "ansatt.skole@demo.no"},
    ),
)
