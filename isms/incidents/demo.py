"""Demo avvik: a health form e-mailed to the wrong recipient (Brønnøy, with the leader now), a lost laptop
with an encrypted disk (Rana, closed without notification), a phishing attempt without a breach (Vefsn),
KOBO access granted too widely (Hemnes, notified late with the reason) and a class list found on a bus,
reported through the link and past the 72 hours (Vefsn). Written through the services, with history;
times are relative to the first run so the 72 hours show something."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from isms.core.models import Municipality, User
from isms.protocol.models import ProcessingActivity, SystemUse
from risk.models import RiskMeasure, RiskScenario

from .models import Channel, Incident, NotificationChoice
from .services import report_incident, save_handling, save_measure
from .workflow import close_incident, decide, give_advice, record_notification, send_for_decision

REASON = "Demodata"


def _user(email: str) -> User | None:
    return User.objects.filter(email=email, is_active=True).first()


def _handle(incident: Incident, editor: User, values: dict, *, processing=(), systems=()) -> Incident:
    incident, _changed = save_handling(
        incident=incident,
        actor=editor,
        values=values,
        processing=list(processing),
        systems=list(systems),
        reason=REASON,
        expected_version=incident.version,
    )
    return incident


def _measures(incident: Incident, editor: User, rows) -> Incident:
    for values in rows:
        save_measure(incident=incident, actor=editor, values=values, reason="", expected_version=incident.version)
        incident.refresh_from_db()
    return incident


def _advise_and_decide(incident, *, dpo, editor, leader, notify, inform, reasons, decide_now=True):
    give_advice(
        incident=incident,
        dpo=dpo,
        notify_choice=notify,
        inform_data_subjects=inform,
        reasons=reasons,
        expected_version=incident.version,
    )
    incident.refresh_from_db()
    send_for_decision(incident=incident, actor=editor, expected_version=incident.version)
    incident.refresh_from_db()
    if decide_now:
        decide(
            incident=incident,
            leader=leader,
            approve=True,
            notify_choice=notify,
            inform_data_subjects=inform,
            comment="",
            expected_version=incident.version,
        )
        incident.refresh_from_db()
    return incident


def _cast(slug: str):
    municipality = Municipality.objects.filter(slug=slug).first()
    editor, leader = _user(f"redaktor.{slug}@demo.no"), _user(f"leder.{slug}@demo.no")
    return municipality, editor, leader


def _exists(municipality, title: str) -> bool:
    return Incident.objects.filter(municipality=municipality, title=title).exists()


def _health_form(now, dpo) -> int:
    municipality, editor, leader = _cast("bronnoy")
    title = "E-post med helseskjema sendt til feil mottaker"
    if None in (municipality, editor, leader) or _exists(municipality, title):
        return 0
    incident = report_incident(
        municipality=municipality,
        values={
            "title": title,
            "description": "Et utfylt skjema «Søknad om helse- og omsorgstjenester» ble videresendt på e-post til en "
            "privatperson med nesten samme navn som fastlegekontoret. Mottakeren ringte og sa fra.",
            "discovered_at": now - timedelta(hours=30),
            "occurred_at": now - timedelta(hours=33),
            "unit": "Tildelingskontoret",
            "system_text": "Outlook / søknad om helse- og omsorgstjenester",
            "personal_data": "yes",
        },
        reporter=editor,
        channel=Channel.LOGGED_IN,
        reported_at=now - timedelta(hours=30) + timedelta(minutes=40),
    )
    scenario = RiskScenario.objects.filter(municipality=municipality, threat__key="feil-mottaker-epost").first()
    activity = ProcessingActivity.objects.filter(municipality=municipality, name__icontains="helse").first()
    incident = _handle(
        incident,
        editor,
        {
            "kind": "breach",
            "security": ["C"],
            "data_subject_categories": "Søker av helse- og omsorgstjenester",
            "data_subject_count": 1,
            "data_categories": "Navn, fødselsnummer, adresse, diagnoser og funksjonsnivå",
            "record_count": 1,
            "special_categories": ["health"],
            "consequences": "Uvedkommende har lest helseopplysninger om søkeren; fare for belastning og tap av tillit.",
            "foreseen_by": scenario,
            "proposed_scenario": "" if scenario else "E-post med helseopplysninger sendt til feil mottaker",
            "decision_maker": leader,
        },
        processing=[activity] if activity else [],
    )
    incident = _measures(
        incident,
        editor,
        [
            {"title": "Mottakeren har bekreftet sletting skriftlig", "timing": "taken", "owner": "Tildelingskontoret"},
            {
                "title": "Skjemaet sendes bare gjennom eFormidling, ikke e-post",
                "timing": "planned",
                "owner": "Digitale Helgeland",
                "due_on": (now + timedelta(days=30)).date(),
                "ros_measure": RiskMeasure.objects.filter(
                    municipality=municipality, title__startswith="Vandelsopplysninger bare via eFormidling"
                ).first(),
            },
        ],
    )
    _advise_and_decide(
        incident,
        dpo=dpo,
        editor=editor,
        leader=leader,
        notify=NotificationChoice.NOTIFY,
        inform=True,
        reasons="Helseopplysninger (art. 9) er kommet til en uvedkommende; det er ikke usannsynlig at bruddet medfører "
        "risiko. Meld til Datatilsynet og informer søkeren (art. 34), helst samme dag.",
        decide_now=False,
    )
    return 1


def _laptop(now, dpo) -> int:
    municipality, editor, leader = _cast("rana")
    title = "Bærbar PC mistet på toget"
    if None in (municipality, editor, leader) or _exists(municipality, title):
        return 0
    incident = report_incident(
        municipality=municipality,
        values={
            "title": title,
            "description": "En saksbehandler i barnevernstjenesten glemte den bærbare PC-en sin på toget. PC-en har "
            "kryptert disk (BitLocker) og krever innlogging med to faktorer.",
            "discovered_at": now - timedelta(days=20, hours=4),
            "occurred_at": now - timedelta(days=20, hours=6),
            "unit": "Barnevernstjenesten",
            "system_text": "Bærbar PC",
            "personal_data": "unknown",
        },
        reporter=editor,
        channel=Channel.LOGGED_IN,
        reported_at=now - timedelta(days=20, hours=4) + timedelta(minutes=40),
    )
    system = SystemUse.objects.filter(municipality=municipality).select_related("system").first()
    incident = _handle(
        incident,
        editor,
        {
            "kind": "both",
            "security": ["C", "A"],
            "data_subject_categories": "Barn og foreldre i barnevernssaker",
            "data_subject_count": 40,
            "data_categories": "Lokale kopier av dokumenter i saker",
            "special_categories": ["health"],
            "consequences": "Disken er kryptert og PC-en låst; innsyn er lite sannsynlig. Saksbehandleren mister "
            "arbeidsverktøyet noen dager.",
            "proposed_scenario": "Tap av bærbar PC utenfor kontoret",
            "decision_maker": leader,
        },
        systems=[system] if system else [],
    )
    incident = _measures(
        incident,
        editor,
        [
            {"title": "PC-en er sperret og fjernslettet fra Intune", "timing": "taken", "owner": "IKT-tjenesten"},
            {"title": "Påminnelse til ansatte om lokale kopier", "timing": "taken", "owner": "Enhetsleder"},
        ],
    )
    incident = _advise_and_decide(
        incident,
        dpo=dpo,
        editor=editor,
        leader=leader,
        notify=NotificationChoice.NOT_NOTIFY,
        inform=False,
        reasons="Disken er kryptert og nøkkelen er ikke på avveie; PC-en er fjernslettet. Bruddet medfører "
        "sannsynligvis ikke risiko for de registrerte. Dokumenter vurderingen i avviksregisteret (art. 33 nr. 5).",
    )
    close_incident(
        incident=incident,
        actor=editor,
        lessons_learned="Krypteringen virket som den skulle. Lokale kopier av saksdokumenter skal ikke lagres på "
        "PC-en; "
        "rutinen er gjentatt på personalmøtet.",
        expected_version=incident.version,
    )
    return 1


def _phishing(now, dpo) -> int:
    municipality, editor, leader = _cast("vefsn")
    title = "Phishing-e-post til ansatte i oppvekst"
    if None in (municipality, editor, leader) or _exists(municipality, title):
        return 0
    incident = report_incident(
        municipality=municipality,
        values={
            "title": title,
            "description": "Tolv ansatte fikk en e-post som lignet en melding fra Microsoft om utløpt passord. To "
            "klikket på lenken, men ingen oppga passord. E-posten ble meldt til IKT.",
            "discovered_at": now - timedelta(days=5, hours=2),
            "unit": "Oppvekst og kultur",
            "system_text": "E-post (Microsoft 365)",
            "personal_data": "no",
        },
        reporter=editor,
        channel=Channel.LOGGED_IN,
        reported_at=now - timedelta(days=5, hours=2) + timedelta(minutes=40),
    )
    incident = _handle(
        incident,
        editor,
        {
            "kind": "security",
            "security": ["C"],
            "consequences": "Ingen brudd: ingen passord ble oppgitt. Risiko for kontoovertakelse om det hadde skjedd.",
            "proposed_scenario": "",
            "decision_maker": leader,
        },
    )
    _measures(
        incident,
        editor,
        [
            {"title": "Avsenderdomenet er blokkert", "timing": "taken", "owner": "IKT-tjenesten"},
            {
                "title": "Phishing-øvelse for oppvekst",
                "timing": "planned",
                "owner": "Informasjonssikkerhetsrådgiver",
                "due_on": (now + timedelta(days=45)).date(),
            },
        ],
    )
    return 1


def _kobo(now, dpo) -> int:
    municipality, editor, leader = _cast("hemnes")
    title = "For vide tilganger i KOBO"
    if None in (municipality, editor, leader) or _exists(municipality, title):
        return 0
    discovered = now - timedelta(days=10, hours=3)
    incident = report_incident(
        municipality=municipality,
        values={
            "title": title,
            "description": "Ved gjennomgang av roller i Altinn ble det oppdaget at fire ansatte i servicetorget hadde "
            "fått saksbehandlerrolle i KOBO og kunne lese alle startlånssaker, uten tjenstlig behov.",
            "discovered_at": discovered,
            "occurred_at": discovered - timedelta(days=60),
            "unit": "Servicetorget",
            "system_text": "KOBO",
            "personal_data": "yes",
        },
        reporter=editor,
        channel=Channel.LOGGED_IN,
        reported_at=discovered + timedelta(minutes=40),
    )
    scenario = RiskScenario.objects.filter(municipality=municipality, title__icontains="rolletildeling").first()
    activity = ProcessingActivity.objects.filter(municipality=municipality, name__icontains="startlån").first()
    system = SystemUse.objects.filter(municipality=municipality, system__name__icontains="KOBO").first()
    incident = _handle(
        incident,
        editor,
        {
            "kind": "breach",
            "security": ["C"],
            "data_subject_categories": "Søkere av startlån og bostøtte, med husstand",
            "data_subject_count": 180,
            "data_categories": "Navn, fødselsnummer, inntekt, gjeld, boforhold",
            "record_count": 95,
            "consequences": "Loggene viser oppslag i tre saker uten tjenstlig behov. Fare for at økonomiske forhold "
            "blir kjent i et lite lokalsamfunn.",
            "foreseen_by": scenario,
            "proposed_scenario": "" if scenario else "Feil rolletildeling i Altinn gir tilgang til KOBO",
            "decision_maker": leader,
        },
        processing=[activity] if activity else [],
        systems=[system] if system else [],
    )
    incident = _measures(
        incident,
        editor,
        [
            {"title": "Rollene er fjernet og loggene gjennomgått", "timing": "taken", "owner": "Systemansvarlig KOBO"},
            {
                "title": "Kvartalsvis gjennomgang av roller i Altinn",
                "timing": "planned",
                "owner": "Systemansvarlig KOBO",
                "due_on": (now + timedelta(days=20)).date(),
            },
        ],
    )
    _advise_and_decide(
        incident,
        dpo=dpo,
        editor=editor,
        leader=leader,
        notify=NotificationChoice.NOTIFY,
        inform=False,
        reasons="Økonomiske opplysninger om mange har vært tilgjengelige uten tjenstlig behov, og det er gjort "
        "oppslag. "
        "Meld til Datatilsynet. Informasjon til de tre hvis saker ble lest, vurderes når loggene er gått gjennom.",
    )
    record_notification(
        incident=Incident.objects.get(pk=incident.pk),
        actor=editor,
        notified_at=discovered + timedelta(hours=91),
        authority_reference="26/04211",
        delay_reason="Omfanget var uklart til loggene fra Husbanken kom etter tre dager; meldingen ble sendt "
        "samme dag.",
        subjects_informed_at=None,
        subject_notice="",
    )
    return 1


def _bus(now, dpo) -> int:
    from .services import report_link

    municipality, editor, _leader = _cast("vefsn")
    title = "Klasseliste funnet på bussen"
    if None in (municipality, editor) or _exists(municipality, title):
        return 0
    report_link(municipality=municipality, actor=editor)
    report_incident(
        municipality=municipality,
        values={
            "title": title,
            "description": "En elev fant en utskrift med navn, telefonnummer og tilretteleggingsbehov for en klasse "
            "på skolebussen og leverte den til sjåføren.",
            "discovered_at": now - timedelta(hours=80),
            "unit": "Mosjøen ungdomsskole",
            "system_text": "",
            "personal_data": "yes",
            "reporter_name": "Ansatt ved skolen",
            "reporter_email": "ansatt.skole@demo.no",
        },
        reporter=None,
        channel=Channel.PUBLIC_LINK,
        reported_at=now - timedelta(hours=79),
    )
    return 1


def seed_incident_demo() -> int:
    dpo = _user("dpo@demo.no")
    if dpo is None:
        return 0
    now = timezone.now()
    return sum(step(now, dpo) for step in (_health_form, _laptop, _phishing, _kobo, _bus))
