"""Demo DPIAs from the seeds: the joint KOBO DPIA approved in most of its municipalities, the licensing
form's DPIA waiting for the DPO's advice in Bindal and Brønnøy, and the screening of the health-service
form (health data, vulnerable data subjects → required). Written through the services, with history."""

from __future__ import annotations

import datetime

from django.utils import timezone

from isms.core.demo_clock import recorded_at
from isms.core.library.kinds import get_kind
from isms.core.library.services import adopt_templates, publish_template, save_template
from isms.core.models import Municipality, Template, User
from isms.protocol.demo import KOBO, kobo_municipalities
from isms.protocol.models import ProcessingActivity

from .models import Dpia, ScreeningItem
from .services import create_dpia, save_principles, save_risk, screen_activity
from .workflow import decide, give_advice, send_for_decision, send_to_dpo

REASON = "Demodata"
KOBO_DPIA_TITLE = "Felles DPIA for KOBO (startlån, tilskudd og bostøtte)"
KOBO_NOT_YET_DECIDED = {"grane", "vevelstad", "leirfjord"}
# The licensing DPIAs were written and sent to the DPO this many days ago: the DPO's queue shows one waiting
# longer than two weeks ("Lang ventetid") and one sent this week.
LICENSING_SENT_DAYS_AGO = {"bindal": 18, "bronnoy": 3}
KOBO_CONTENT = {
    "processing_name": "Startlån, tilskudd og bostøtte",
    "description": "Saksbehandling av startlån, tilskudd og bostøtte i Husbankens KOBO. Opplysninger hentes fra "
    "Skatteetaten; tilgang styres med roller i Altinn. Vurdert i felles møter i Digitale Helgeland.",
    "purposes": "Behandle søknader om startlån, tilskudd og bostøtte, og følge opp lån.",
    "data_subjects": "Søkere og medlemmer av husstanden",
    "data_categories": "Navn, fødselsnummer, inntekt, formue og gjeld, boforhold, helse ved søknad om tilpasning",
    "recipients": "Husbanken; Kartverket (pant)",
    "systems": "KOBO, Altinn",
    "retention": "Etter arkivlova; lånesaker til lånet er innfridd",
    "data_subject_views": "Brukerrådet i Vefsn ble spurt; ingen innvendinger mot digital søknad.",
    "principle_legal_basis": "Art. 6 nr. 1 c og e med husbankloven og forskriftene; helse etter art. 9 nr. 2 g.",
    "principle_minimisation": "Skjemaet spør bare om det forskriften krever; vedlegg begrenses.",
    "principle_accuracy": "Inntekt hentes direkte fra Skatteetaten.",
    "principle_storage": "Arkiveres i Elements; kopier i KOBO slettes etter Husbankens rutine.",
    "principle_information": "Personvernerklæring i søknaden og på kommunens nettside.",
    "principle_rights": "Innsyn og retting gjennom saksbehandler; rutinen er beskrevet.",
    "principle_processors": "Husbanken er databehandler; felles databehandleravtale.",
    "principle_transfers": "Ingen overføring ut av EØS.",
    "risks": "Uvedkommende får innsyn i søknader | tilgang | 3 | 3 | 3 | 2\n"
    "Feil inntekt gir feil vedtak | endring | 3 | 2 | 2 | 1\n"
    "Saker går tapt ved feil i integrasjonen mot arkivet | tap | 2 | 2 | 2 | 1",
}


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _joint_kobo(coordinator: User | None) -> Template:
    existing = Template.objects.filter(kind="dpia", title=KOBO_DPIA_TITLE).first()
    if existing is not None:
        return existing
    kind = get_kind("dpia")
    content, errors = kind.clean_content(KOBO_CONTENT)
    if errors:
        raise ValueError(f"The demo KOBO DPIA is invalid: {errors}")
    template, _created = save_template(
        kind=kind,
        actor=coordinator,
        reason=REASON,
        content=content,
        values={
            "title": KOBO_DPIA_TITLE,
            "description": f"Felles DPIA for de tolv KOBO-kommunene: {kobo_municipalities()}.",
            "is_joint": True,
        },
        participants=list(Municipality.objects.filter(slug__in=KOBO)),
    )
    publish_template(template=template, actor=coordinator, change_note=REASON, expected_version=template.version)
    template.refresh_from_db()
    return template


def _through_flow(dpia: Dpia, editor: User | None, dpo: User, *, decide_it: bool) -> None:
    dpia = send_to_dpo(dpia=dpia, actor=editor, expected_version=dpia.version)
    give_advice(
        dpia=dpia,
        dpo=dpo,
        decision="agrees",
        comment="Godt vurdert i fellesskap.",
        notes={},
        expected_version=dpia.version,
    )
    if not decide_it or dpia.decision_maker is None:
        return
    dpia = send_for_decision(dpia=dpia, actor=editor, expected_version=dpia.version)
    decide(dpia=dpia, leader=dpia.decision_maker, decision="approved", comment="", expected_version=dpia.version)


def _licensing(municipality: Municipality, editor: User | None) -> bool:
    activity = ProcessingActivity.objects.filter(municipality=municipality, name__startswith="Søknad om salgs").first()
    if activity is None or activity.dpias.exists():
        return False
    dpia = create_dpia(activity=activity, actor=editor)
    dpia = save_principles(
        dpia=dpia,
        actor=editor,
        reason=REASON,
        expected_version=dpia.version,
        values={
            p.principle: {"assessment": "Vurdert av servicetorget og arkivleder.", "planned_measures": ""}
            for p in dpia.principles.all()
        },
    )
    for risk, (severity, likelihood) in zip(dpia.risks.order_by("pk"), [(3, 3), (3, 2), (2, 2)], strict=False):
        save_risk(
            dpia=dpia,
            actor=editor,
            reason=REASON,
            expected_version=dpia.version,
            risk=risk,
            values={
                "severity": severity,
                "likelihood": likelihood,
                "residual_severity": 2,
                "residual_likelihood": 2,
                "measures": "Vandelsopplysninger bare via eFormidling; sletterutine når saken er avsluttet.",
            },
        )
        dpia.refresh_from_db()
    dpia.refresh_from_db()
    send_to_dpo(dpia=dpia, actor=editor, expected_version=dpia.version)
    return True


def seed_dpia_demo() -> int:
    """Returns how many DPIAs were added."""
    if not ScreeningItem.objects.exists():
        return 0
    dpo, coordinator = _user("dpo@demo.no"), _user("koordinator@demo.no")
    if dpo is None:
        return 0
    added = 0
    template = _joint_kobo(coordinator)
    for participant in template.participants.select_related("municipality").order_by("municipality__name"):
        municipality = participant.municipality
        if Dpia.objects.filter(municipality=municipality, template=template).exists():
            continue
        editor = _user(f"redaktor.{municipality.slug}@demo.no")
        adopt_templates(kind=get_kind("dpia"), municipality=municipality, templates=[template], actor=editor)
        dpia = Dpia.objects.get(municipality=municipality, template=template)
        _through_flow(dpia, editor, dpo, decide_it=municipality.slug not in KOBO_NOT_YET_DECIDED)
        added += 1
    for municipality in Municipality.objects.filter(slug__in=LICENSING_SENT_DAYS_AGO):
        sent = timezone.now() - datetime.timedelta(days=LICENSING_SENT_DAYS_AGO[municipality.slug])
        with recorded_at(sent):
            added += _licensing(municipality, _user(f"redaktor.{municipality.slug}@demo.no"))
    for activity in ProcessingActivity.objects.filter(
        name="Søknad om helse- og omsorgstjenester", screening__isnull=True
    ):
        screen_activity(
            activity=activity,
            actor=_user(f"redaktor.{activity.municipality.slug}@demo.no"),
            criteria=["sensitive-opplysninger", "sarbare-registrerte", "stor-skala"],
            listed=[],
            result="required",
            justification="Helseopplysninger om eldre og syke; felles skjema for tretten kommuner.",
        )
    return added
