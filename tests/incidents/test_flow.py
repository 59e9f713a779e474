"""The avvik's life: handling, the DPO's advice, the leader's version-pinned decision, the notification
(late ones say why), closing; "Endret etter godkjenning" after an edit; the 72 hours everywhere."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from isms.core.models import SignOff, SignOffDecision
from isms.core.signoff import content_digest
from isms.core.tracking import StaleEditError
from isms.incidents.clock import ClockState, clock_of
from isms.incidents.models import Incident, IncidentStatus
from isms.incidents.selectors import IncidentFigures, municipality_figures, statistics
from isms.incidents.services import IncidentInputError, save_handling, save_measure
from isms.incidents.workflow import close_incident, decide, record_notification, send_for_decision
from tests.pdf_text import pdf_pages
from tests.risk.builders import make_analysis, make_measure, make_scenario

from ..downloads import body
from .builders import advised, handled, ready_for_leader, reported, with_measure

pytestmark = pytest.mark.django_db


def _decide(incident, leader, *, notify="notify", inform=False, comment=""):
    return decide(
        incident=incident,
        leader=leader,
        approve=True,
        notify_choice=notify,
        inform_data_subjects=inform,
        comment=comment,
        expected_version=incident.version,
    )


def test_the_leader_decides_on_the_version_read_and_the_avvik_closes_with_lessons(cast):
    incident = ready_for_leader(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn, cast.dpo)
    assert incident.status == IncidentStatus.AWAITING_DECISION
    signoff = _decide(incident, cast.leader_vefsn)
    incident = Incident.objects.get(pk=incident.pk)
    assert incident.status == IncidentStatus.DECIDED and incident.notification_decision == "notify"
    assert signoff.root_version == incident.version and signoff.content_sha256 == content_digest(incident)
    assert signoff.decision == SignOffDecision.APPROVED and "Meld til Datatilsynet" in signoff.comment
    with pytest.raises(IncidentInputError, match="registrer meldingen først"):
        close_incident(
            incident=incident, actor=cast.editor_vefsn, lessons_learned="Lært", expected_version=incident.version
        )
    record_notification(
        incident=incident, actor=cast.editor_vefsn, notified_at=timezone.now(), authority_reference="26/1",
        delay_reason="", subjects_informed_at=None, subject_notice="",
    )  # fmt: skip
    incident = Incident.objects.get(pk=incident.pk)
    assert incident.version == signoff.root_version  # workflow steps make no version
    assert clock_of(incident).state == ClockState.NOTIFIED
    close_incident(
        incident=incident, actor=cast.editor_vefsn, lessons_learned="Sjekk adressen.", expected_version=incident.version
    )
    assert Incident.objects.get(pk=incident.pk).status == IncidentStatus.CLOSED


def test_no_decision_without_the_dpo_advice(cast):
    incident = with_measure(
        handled(reported(cast.vefsn, cast.editor_vefsn), cast.editor_vefsn, cast.leader_vefsn), cast.editor_vefsn
    )
    with pytest.raises(IncidentInputError, match="personvernombudets råd"):
        send_for_decision(incident=incident, actor=cast.editor_vefsn, expected_version=incident.version)


def test_deciding_against_the_advice_needs_reasons(cast):
    incident = ready_for_leader(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn, cast.dpo)
    with pytest.raises(IncidentInputError, match="mot personvernombudets råd"):
        _decide(incident, cast.leader_vefsn, notify="not_notify")
    _decide(incident, cast.leader_vefsn, notify="not_notify", comment="Kryptert; ingen risiko.")
    assert clock_of(Incident.objects.get(pk=incident.pk)).state == ClockState.NOT_REQUIRED


def test_closing_without_measures_is_refused(cast):
    incident = advised(handled(reported(cast.vefsn, cast.editor_vefsn), cast.editor_vefsn, cast.leader_vefsn), cast.dpo)
    incident = send_for_decision(incident=incident, actor=cast.editor_vefsn, expected_version=incident.version)
    _decide(Incident.objects.get(pk=incident.pk), cast.leader_vefsn, notify="not_notify", comment="Ingen risiko.")
    incident = Incident.objects.get(pk=incident.pk)
    with pytest.raises(IncidentInputError, match="minst ett"):
        close_incident(
            incident=incident, actor=cast.editor_vefsn, lessons_learned="Lært", expected_version=incident.version
        )


def test_a_late_notification_needs_the_reason_for_the_delay(cast, client_for):
    incident = handled(reported(cast.vefsn, cast.editor_vefsn, hours_ago=100), cast.editor_vefsn, cast.leader_vefsn)
    url = reverse("incidents:notification", args=["vefsn", incident.pk])
    when = timezone.localtime(timezone.now() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    client = client_for(cast.editor_vefsn)
    response = client.post(url, {"notified_at": when, "authority_reference": "26/77"})
    assert response.status_code == 400 and "begrunnelsen for forsinkelsen" in response.content.decode()
    assert "26/77" in response.content.decode()  # kept
    response = client.post(url, {"notified_at": when, "authority_reference": "26/77", "delay_reason": "Uklart omfang."})
    assert response.status_code == 302
    incident = Incident.objects.get(pk=incident.pk)
    assert incident.authority_reference == "26/77" and clock_of(incident).state == ClockState.NOTIFIED_LATE


def test_an_edit_after_the_decision_shows_changed_after_approval_on_the_page_and_in_the_pdf(cast, client_for):
    incident = ready_for_leader(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn, cast.dpo)
    _decide(incident, cast.leader_vefsn)
    incident = Incident.objects.get(pk=incident.pk)
    with pytest.raises(Exception):  # noqa: B017 - a decided avvik needs a reason
        save_measure(incident=incident, actor=cast.editor_vefsn, values={"title": "Opplæring", "timing": "planned"},
                     reason="", expected_version=incident.version)  # fmt: skip
    save_measure(incident=incident, actor=cast.editor_vefsn, values={"title": "Opplæring", "timing": "planned"},
                 reason="Nytt tiltak", expected_version=incident.version)  # fmt: skip
    incident = Incident.objects.get(pk=incident.pk)
    assert incident.changed_after_approval and incident.status == IncidentStatus.HANDLING
    client = client_for(cast.viewer_vefsn)
    assert (
        "Endret etter godkjenning"
        in client.get(reverse("incidents:detail", args=["vefsn", incident.pk])).content.decode()
    )
    assert "Endret etter godkjenning" in client.get(reverse("incidents:list", args=["vefsn"])).content.decode()
    text = "\n".join(pdf_pages(client.get(reverse("incidents:pdf", args=["vefsn", incident.pk])).content))
    assert "Endret etter godkjenning" in text and "Opplæring" in text


def test_a_stale_save_is_refused(cast):
    incident = handled(reported(cast.vefsn, cast.editor_vefsn), cast.editor_vefsn, cast.leader_vefsn)
    with pytest.raises(StaleEditError):
        save_handling(incident=incident, actor=cast.dpo, values={"consequences": "Alvorlig"}, processing=[], systems=[],
                      reason="", expected_version=incident.version - 1)  # fmt: skip


def test_links_to_ros_and_the_protocol_stay_in_the_municipality(cast):
    incident = handled(reported(cast.vefsn, cast.editor_vefsn), cast.editor_vefsn, cast.leader_vefsn)
    rana_scenario = make_scenario(make_analysis(cast.rana, cast.leader_rana))
    with pytest.raises(IncidentInputError, match="samme kommune"):
        save_handling(incident=incident, actor=cast.editor_vefsn, values={"foreseen_by": rana_scenario}, processing=[],
                      systems=[], reason="", expected_version=incident.version)  # fmt: skip
    rana_measure = make_measure(rana_scenario.analysis)
    with pytest.raises(IncidentInputError, match="samme kommune"):
        save_measure(incident=incident, actor=cast.editor_vefsn, values={"title": "X", "ros_measure": rana_measure},
                     reason="", expected_version=incident.version)  # fmt: skip
    ours = make_scenario(make_analysis(cast.vefsn, cast.leader_vefsn))
    incident, changed = save_handling(
        incident=incident, actor=cast.editor_vefsn, values={"foreseen_by": ours},
        processing=[], systems=[], reason="", expected_version=incident.version,
    )  # fmt: skip
    assert changed and incident.foreseen_by == ours


def test_the_clock_counts_hours_from_discovery_in_oslo(cast):
    incident = reported(cast.vefsn, cast.editor_vefsn, hours_ago=30)
    now = timezone.now()
    clock = clock_of(incident, now)
    assert clock.state == ClockState.RUNNING and clock.hours_left == 41
    assert clock.label == "41 timer igjen"
    late = clock_of(incident, now + timedelta(hours=45))
    assert late.state == ClockState.OVERDUE and late.label == "Fristen gikk ut for 3 timer siden"
    assert clock.deadline_text == timezone.localtime(incident.discovered_at + timedelta(hours=72)).strftime(
        "%d.%m.%Y kl. %H:%M"
    )
    security = reported(cast.vefsn, cast.editor_vefsn, personal_data="no")
    assert clock_of(security).state == ClockState.NOT_APPLICABLE


def test_figures_per_municipality_count_open_and_past_the_72_hours(cast):
    reported(cast.vefsn, cast.editor_vefsn, hours_ago=80)
    reported(cast.vefsn, cast.editor_vefsn, hours_ago=5)
    reported(cast.rana, cast.editor_rana, hours_ago=90, personal_data="no")
    figures = municipality_figures()
    assert figures[cast.vefsn.pk] == IncidentFigures(open=2, past_deadline=1)
    assert figures[cast.rana.pk] == IncidentFigures(open=1, past_deadline=0)
    assert municipality_figures([cast.rana.pk]).keys() == {cast.rana.pk}


def test_statistics_per_municipality_classification_and_month(cast):
    handled(reported(cast.vefsn, cast.editor_vefsn), cast.editor_vefsn, cast.leader_vefsn)
    reported(cast.rana, cast.editor_rana)
    stats = statistics(Incident.objects.all())
    assert stats.total == 2
    assert [(row["municipality__name"], row["total"], row["breaches"]) for row in stats.by_municipality] == [
        ("Rana", 1, 0),
        ("Vefsn", 1, 1),
    ]
    assert dict(stats.by_kind) == {"Ikke klassifisert": 1, "Brudd på personopplysningssikkerheten": 1}
    assert sum(n for _month, n in stats.by_month) == 2


def test_the_list_exports_csv_with_the_clock(cast, client_for):
    reported(cast.vefsn, cast.editor_vefsn, hours_ago=30, title="Feil mottaker")
    response = client_for(cast.editor_vefsn).get(reverse("incidents:list", args=["vefsn"]) + "?_export=csv")
    text = body(response).decode("utf-8-sig")
    assert "Feil mottaker;41 timer igjen;Mottatt" in text
    xlsx = client_for(cast.editor_vefsn).get(reverse("incidents:list", args=["vefsn"]) + "?_export=xlsx")
    assert xlsx.status_code == 200 and body(xlsx)[:2] == b"PK"


def test_the_leader_sees_the_avvik_under_to_sign(cast, client_for):
    incident = ready_for_leader(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn, cast.dpo)
    page = client_for(cast.leader_vefsn).get(reverse("core:to_sign")).content.decode()
    assert incident.title in page
    decide_page = client_for(cast.leader_vefsn).post(
        reverse("incidents:decide", args=["vefsn", incident.pk]),
        {"expected_version": incident.version, "decision": "approve", "notify": "notify"},
    )
    assert decide_page.status_code == 400 and "informeres" in decide_page.content.decode()
    assert not SignOff.objects.exists()


@pytest.mark.parametrize("count", [2, 12])
def test_pages_and_pdfs_run_a_constant_number_of_queries(cast, client_for, django_assert_max_num_queries, count):
    analysis = make_analysis(cast.vefsn, cast.leader_vefsn)
    for index in range(count):
        incident = ready_for_leader(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn, cast.dpo, title=f"Avvik {index}")
        for n in range(index % 4):
            ros = make_measure(analysis, title=f"ROS {index}-{n}")
            save_measure(incident=incident, actor=cast.editor_vefsn, reason="Tiltak",
                         values={"title": f"Tiltak {n}", "ros_measure": ros},
                         expected_version=Incident.objects.get(pk=incident.pk).version)  # fmt: skip
        reported(cast.rana, cast.editor_rana, title=f"Rana {index}")
    last = Incident.objects.filter(municipality=cast.vefsn).order_by("-pk").first()
    urls = [
        (cast.editor_vefsn, reverse("incidents:list", args=["vefsn"])),
        (cast.editor_vefsn, reverse("incidents:detail", args=["vefsn", last.pk])),
        (cast.editor_vefsn, reverse("incidents:pdf", args=["vefsn", last.pk])),
        (cast.editor_vefsn, reverse("incidents:register_pdf", args=["vefsn"])),
        (cast.dpo, reverse("incidents:dpo_overview")),
        (cast.dpo, reverse("incidents:dpo_overview") + "?_export=csv"),
        (cast.dpo, reverse("incidents:dpo_overview") + "?_export=xlsx&table=municipalities"),
        (cast.editor_vefsn, reverse("incidents:pdf", args=["vefsn", last.pk]) + "?version=2"),
        (cast.leader_vefsn, reverse("incidents:decide", args=["vefsn", last.pk])),
    ]
    for user, url in urls:
        client = client_for(user)
        with django_assert_max_num_queries(22):
            assert client.get(url).status_code == 200, url


def test_the_dpo_overview_lists_what_still_waits_across_municipalities(cast, client_for):
    running = reported(cast.rana, cast.editor_rana, hours_ago=60, title="Rana venter")
    security = reported(cast.vefsn, cast.editor_vefsn, personal_data="no", title="Bare sikkerhet")
    notified = handled(
        reported(cast.vefsn, cast.editor_vefsn, title="Allerede meldt"), cast.editor_vefsn, cast.leader_vefsn
    )
    record_notification(
        incident=notified, actor=cast.editor_vefsn, notified_at=timezone.now(), authority_reference="",
        delay_reason="", subjects_informed_at=None, subject_notice="",
    )  # fmt: skip
    page = client_for(cast.dpo).get(reverse("incidents:dpo_overview")).content.decode()
    assert running.title in page and "11 timer igjen" in page
    assert security.title not in page and notified.title not in page
    assert client_for(cast.editor_vefsn).get(reverse("incidents:dpo_overview")).status_code == 403
