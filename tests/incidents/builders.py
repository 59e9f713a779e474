"""Avvik for tests: reported through the service, then handled and advised as a test needs."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from isms.incidents.models import Channel, Incident
from isms.incidents.services import report_incident, save_handling, save_measure
from isms.incidents.workflow import give_advice, send_for_decision


def reported(
    municipality, reporter=None, *, hours_ago: float = 10, title="E-post til feil mottaker", **values
) -> Incident:
    return report_incident(
        municipality=municipality,
        values={
            "title": title,
            "description": "Et vedtak ble sendt til feil adresse.",
            "discovered_at": timezone.now() - timedelta(hours=hours_ago),
            "occurred_at": None,
            "unit": "Servicetorget",
            "system_text": "",
            "personal_data": "yes",
            **values,
        },
        reporter=reporter,
        channel=Channel.LOGGED_IN if reporter else Channel.PUBLIC_LINK,
    )


def handled(incident: Incident, editor, leader, **values) -> Incident:
    incident, _changed = save_handling(
        incident=incident,
        actor=editor,
        values={"kind": "breach", "security": ["C"], "data_subject_count": 1, "decision_maker": leader, **values},
        processing=[],
        systems=[],
        reason="",
        expected_version=incident.version,
    )
    return incident


def with_measure(incident: Incident, editor, title="Mottakeren har slettet e-posten") -> Incident:
    save_measure(
        incident=incident,
        actor=editor,
        values={"title": title, "timing": "taken"},
        reason="",
        expected_version=incident.version,
    )
    return Incident.objects.get(pk=incident.pk)


def advised(incident: Incident, dpo, *, notify="notify", inform=False) -> Incident:
    give_advice(
        incident=incident,
        dpo=dpo,
        notify_choice=notify,
        inform_data_subjects=inform,
        reasons="Helseopplysninger på avveie.",
        expected_version=incident.version,
    )
    return Incident.objects.get(pk=incident.pk)


def for_decision(incident: Incident, editor) -> Incident:
    send_for_decision(incident=incident, actor=editor, expected_version=incident.version)
    return Incident.objects.get(pk=incident.pk)


def ready_for_leader(municipality, editor, leader, dpo, **values) -> Incident:
    incident = handled(reported(municipality, editor, **values), editor, leader)
    return for_decision(advised(with_measure(incident, editor), dpo), editor)
