"""The avvik PDF as of the decided version (`?version=N`, like the DPIA's and the ROS analysis's), and the
DPO's statistics as CSV/XLSX through the one export helper (formulas neutralised, the period kept)."""

import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from isms.incidents.models import Incident
from isms.incidents.services import save_measure
from isms.incidents.workflow import decide
from tests.downloads import body
from tests.pdf_text import pdf_pages
from tests.risk.builders import make_analysis, make_measure

from .builders import handled, ready_for_leader, reported

pytestmark = pytest.mark.django_db


def _decide(incident, leader) -> Incident:
    decide(
        incident=incident, leader=leader, approve=True, notify_choice="notify",
        inform_data_subjects=False, comment="", expected_version=incident.version,
    )  # fmt: skip
    return Incident.objects.get(pk=incident.pk)


def _add_measure(cast, incident, title, **values) -> Incident:
    save_measure(
        incident=incident, actor=cast.editor_vefsn, values={"title": title, "timing": "planned", **values},
        reason="Nytt tiltak", expected_version=incident.version,
    )  # fmt: skip
    return Incident.objects.get(pk=incident.pk)


def _pdf_text(client, incident, **params) -> str:
    response = client.get(reverse("incidents:pdf", args=["vefsn", incident.pk]), params)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return response, "\n".join(pdf_pages(response.content))


def test_the_pdf_of_the_decided_version_shows_the_avvik_as_it_was_decided(cast, client_for):
    ros = make_measure(make_analysis(cast.vefsn, cast.leader_vefsn), title="Adressekontroll før utsending")
    incident = ready_for_leader(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn, cast.dpo)
    incident = _decide(_add_measure(cast, incident, "Kontroll av mottaker", ros_measure=ros), cast.leader_vefsn)
    decided_version = incident.version
    edited = _add_measure(cast, incident, "Opplæring i utsending")
    assert edited.changed_after_approval and edited.version == decided_version + 1
    client = client_for(cast.viewer_vefsn)
    response, now_text = _pdf_text(client, edited)
    assert "Opplæring i utsending" in now_text and "Endret etter godkjenning" in now_text
    response, then_text = _pdf_text(client, edited, version=decided_version)
    assert f'-v{decided_version}.pdf"' in response["Content-Disposition"]
    assert "Kontroll av mottaker" in then_text and "Adressekontroll før utsending" in then_text
    assert "Opplæring i utsending" not in then_text and "Endret etter godkjenning" not in then_text
    assert f"Godkjent (v{decided_version})" in then_text
    detail = client.get(reverse("incidents:detail", args=["vefsn", edited.pk])).content.decode()
    assert f"pdf/?version={decided_version}" in detail


def test_a_version_the_avvik_never_had_or_another_municipality_answers_404(cast, client_for):
    incident = _decide(ready_for_leader(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn, cast.dpo), cast.leader_vefsn)
    url = reverse("incidents:pdf", args=["vefsn", incident.pk])
    assert client_for(cast.viewer_vefsn).get(url, {"version": incident.version + 5}).status_code == 404
    assert client_for(cast.viewer_rana).get(url, {"version": incident.version}).status_code == 404


def test_a_later_advice_and_decision_stay_out_of_an_earlier_version(cast, client_for):
    incident = _decide(ready_for_leader(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn, cast.dpo), cast.leader_vefsn)
    first = incident.version
    _add_measure(cast, incident, "Opplæring i utsending")
    text = _pdf_text(client_for(cast.viewer_vefsn), incident, version=first - 1)[1]
    assert f"Godkjent (v{first})" not in text and "Ikke besluttet" in text


@pytest.mark.parametrize("measures", [1, 8])
def test_the_pdf_of_an_earlier_version_runs_a_constant_number_of_queries(
    cast, client_for, django_assert_max_num_queries, measures
):
    analysis = make_analysis(cast.vefsn, cast.leader_vefsn)
    incident = ready_for_leader(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn, cast.dpo)
    for number in range(measures):
        incident = _add_measure(cast, incident, f"Tiltak {number}", ros_measure=make_measure(analysis, f"ROS {number}"))
    incident = _decide(incident, cast.leader_vefsn)
    _add_measure(cast, incident, "Opplæring i utsending")
    client = client_for(cast.viewer_vefsn)
    with django_assert_max_num_queries(20):
        assert _pdf_text(client, incident, version=incident.version)[0].status_code == 200


def _rows(response) -> list[list]:
    assert response.status_code == 200
    if response["Content-Type"].startswith("text/csv"):
        return list(csv.reader(io.StringIO(body(response).decode("utf-8-sig")), delimiter=";"))
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_statistics_export_keeps_the_period_and_neutralises_formulas(cast, client_for):
    formula = '=HYPERLINK("http://evil","x")'
    handled(reported(cast.vefsn, cast.editor_vefsn, title=formula), cast.editor_vefsn, cast.leader_vefsn)
    handled(reported(cast.rana, cast.editor_rana, hours_ago=24 * 40), cast.editor_rana, cast.leader_rana)
    client = client_for(cast.dpo)
    url = reverse("incidents:dpo_overview")
    since = (timezone.localdate() - timedelta(days=10)).isoformat()
    page = client.get(url, {"start": since}).content.decode()
    assert f"start={since}&amp;_export=csv&amp;table=municipalities" in page
    rows = _rows(client.get(url, {"start": since, "_export": "csv", "table": "municipalities"}))
    assert rows == [
        ["Kommune", "Avvik", "Brudd på personopplysningssikkerheten", "Meldt", "Meldt for sent", "Åpne"],
        ["Vefsn", "1", "1", "0", "0", "1"],
    ]
    everything = _rows(client.get(url, {"_export": "xlsx", "table": "municipalities"}))
    assert [row[0] for row in everything[1:]] == ["Rana", "Vefsn"] and everything[1][1] == 1  # numbers stay numbers
    assert _rows(client.get(url, {"start": since, "_export": "csv", "table": "kinds"}))[1:] == [
        ["Brudd på personopplysningssikkerheten", "1"]
    ]
    months = _rows(client.get(url, {"_export": "xlsx", "table": "months"}))
    assert sum(row[1] for row in months[1:]) == 2
    opened = openpyxl.load_workbook(io.BytesIO(body(client.get(url, {"_export": "xlsx"})))).active
    cell = next(row[1] for row in opened.iter_rows(min_row=2) if formula in str(row[1].value))
    assert cell.data_type == "s" and cell.value.endswith(formula)  # text, never a live formula
