"""Demo avvik: a health form e-mailed to the wrong recipient (Brønnøy, with the leader now), a lost laptop
with an encrypted disk (Rana, closed without notification), a phishing attempt without a breach (Vefsn),
KOBO access granted too widely (Hemnes, notified late with the reason) and a class list found on a bus,
reported through the link and past the 72 hours (Vefsn). The five are data in `demo_avvik.py`; this module
writes each through the services, with history, as far along the flow as its data says."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from isms.core.models import Municipality, User
from isms.protocol.models import ProcessingActivity, SystemUse
from risk.models import RiskMeasure, RiskScenario

from .demo_avvik import AVVIK, DemoAvvik
from .models import Channel, Incident
from .services import report_incident, report_link, save_handling, save_measure
from .workflow import close_incident, decide, give_advice, record_notification, send_for_decision

REASON = "Demodata"


def _user(email: str) -> User | None:
    return User.objects.filter(email=email, is_active=True).first()


def _report(spec: DemoAvvik, municipality: Municipality, editor: User, now: datetime) -> Incident:
    discovered = now - spec.discovered_ago
    if spec.public:
        report_link(municipality=municipality, actor=editor)
    values = {
        "title": spec.title,
        "description": spec.description,
        "discovered_at": discovered,
        "unit": spec.unit,
        "system_text": spec.system_text,
        "personal_data": spec.personal_data,
        **spec.reporter,
    }
    if spec.occurred_before is not None:
        values["occurred_at"] = discovered - spec.occurred_before
    return report_incident(
        municipality=municipality,
        values=values,
        reporter=None if spec.public else editor,
        channel=Channel.PUBLIC_LINK if spec.public else Channel.LOGGED_IN,
        reported_at=discovered + spec.reported_after,
    )


def _handle(spec: DemoAvvik, incident: Incident, editor: User, leader: User) -> Incident:
    municipality = incident.municipality
    scenario = (
        RiskScenario.objects.filter(municipality=municipality, **spec.scenario).first() if spec.scenario else None
    )
    activity = (
        spec.activity
        and ProcessingActivity.objects.filter(municipality=municipality, name__icontains=spec.activity).first()
    )
    system = (
        spec.system and SystemUse.objects.filter(municipality=municipality, system__name__icontains=spec.system).first()
    )
    incident, _changed = save_handling(
        incident=incident,
        actor=editor,
        values={
            **spec.handling,
            "foreseen_by": scenario,
            "proposed_scenario": "" if scenario else spec.proposed_scenario,
            "decision_maker": leader,
        },
        processing=[activity] if activity else [],
        systems=[system] if system else [],
        reason=REASON,
        expected_version=incident.version,
    )
    return incident


def _measures(spec: DemoAvvik, incident: Incident, editor: User, now: datetime) -> Incident:
    for row in spec.measures:
        values = {key: value for key, value in row.items() if key not in ("due_in", "ros_measure")}
        if "due_in" in row:
            values["due_on"] = (now + timedelta(days=row["due_in"])).date()
        if "ros_measure" in row:
            values["ros_measure"] = RiskMeasure.objects.filter(
                municipality=incident.municipality, title__startswith=row["ros_measure"]
            ).first()
        save_measure(incident=incident, actor=editor, values=values, reason="", expected_version=incident.version)
        incident.refresh_from_db()
    return incident


def _advise_and_decide(spec: DemoAvvik, incident: Incident, *, dpo: User, editor: User, leader: User) -> Incident:
    advice = spec.advice
    give_advice(
        incident=incident,
        dpo=dpo,
        notify_choice=advice.notify,
        inform_data_subjects=advice.inform,
        reasons=advice.reasons,
        expected_version=incident.version,
    )
    incident.refresh_from_db()
    send_for_decision(incident=incident, actor=editor, expected_version=incident.version)
    incident.refresh_from_db()
    if advice.decided:
        decide(
            incident=incident,
            leader=leader,
            approve=True,
            notify_choice=advice.notify,
            inform_data_subjects=advice.inform,
            comment="",
            expected_version=incident.version,
        )
        incident.refresh_from_db()
    return incident


def _build(spec: DemoAvvik, *, dpo: User, now: datetime) -> int:
    municipality = Municipality.objects.filter(slug=spec.slug).first()
    editor, leader = _user(f"redaktor.{spec.slug}@demo.no"), _user(f"leder.{spec.slug}@demo.no")
    if None in (municipality, editor) or (leader is None and spec.handling is not None):
        return 0
    if Incident.objects.filter(municipality=municipality, title=spec.title).exists():
        return 0
    incident = _report(spec, municipality, editor, now)
    if spec.handling is None:
        return 1
    incident = _measures(spec, _handle(spec, incident, editor, leader), editor, now)
    if spec.advice is not None:
        incident = _advise_and_decide(spec, incident, dpo=dpo, editor=editor, leader=leader)
    if spec.notified is not None:
        record_notification(
            incident=incident,
            actor=editor,
            notified_at=incident.discovered_at + spec.notified.after,
            authority_reference=spec.notified.reference,
            delay_reason=spec.notified.delay_reason,
            subjects_informed_at=None,
            subject_notice="",
        )
    if spec.lessons_learned:
        close_incident(
            incident=incident, actor=editor, lessons_learned=spec.lessons_learned, expected_version=incident.version
        )
    return 1


def seed_incident_demo() -> int:
    dpo = _user("dpo@demo.no")
    if dpo is None:
        return 0
    now = timezone.now()
    return sum(_build(spec, dpo=dpo, now=now) for spec in AVVIK)
