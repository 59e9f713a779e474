"""Every endpoint costs the same number of queries at 40 and at 400 rows (the peer GRC tool needs ~9 per
row). The rows are written with simple-history's bulk helper (history rows included), as the bench does."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from simple_history.utils import bulk_create_with_history

from isms.core.models import Municipality
from isms.oversight.snapshots import figures_changed
from isms.protocol.models import (
    DataProcessingAgreement,
    ProcessingActivity,
    ProcessingProcessor,
    ProcessingSystem,
    SubProcessor,
    System,
    SystemUse,
    Vendor,
)
from risk.models import MeasureScenario, RiskAnalysis, RiskMeasure, RiskScenario, SubjectType
from tests.dpia.builders import complete_dpia
from tests.risk.builders import default_matrix
from tests.training.builders import make_round
from training.models import Course, Session

# The most any list may cost, whatever its length: auth (token, its use, roles), count, page, prefetches.
MAX_QUERIES = 12
# The status overview counts every area of /oversikt/ in grouped queries, as the page does.
MAX_QUERIES_STATUS = 20


def bulk(model, rows: list) -> list:
    bulk_create_with_history(rows, model, batch_size=500, default_change_reason="test")
    return list(model.objects.order_by("-pk")[: len(rows)])


def processing(cast, start: int, count: int) -> None:
    vendor = Vendor.objects.get_or_create(name="Leverandør")[0]
    use = SystemUse.objects.filter(municipality=cast.vefsn).first() or SystemUse.objects.create(
        municipality=cast.vefsn, system=System.objects.create(name="Fagsystem", vendor=vendor)
    )
    activities = bulk(ProcessingActivity, [
        ProcessingActivity(municipality=cast.vefsn, name=f"Behandling {index}", sector="health", purposes="Pleie",
                           legal_bases=["c"], data_subject_categories="Pasienter", personal_data_categories="Helse",
                           retention="Arkivlova")
        for index in range(start, start + count)
    ])  # fmt: skip
    bulk(ProcessingSystem, [ProcessingSystem(municipality=cast.vefsn, processing_activity=a, system_use=use)
                            for a in activities])  # fmt: skip
    bulk(ProcessingProcessor, [ProcessingProcessor(municipality=cast.vefsn, processing_activity=a, vendor=vendor)
                               for a in activities])  # fmt: skip


def agreements(cast, start: int, count: int) -> None:
    vendor = Vendor.objects.get_or_create(name="Leverandør")[0]
    rows = bulk(DataProcessingAgreement, [
        DataProcessingAgreement(municipality=cast.vefsn, vendor=vendor, title=f"DBA {index}", status="signed",
                                signed_on=datetime.date(2024, 1, 1))
        for index in range(start, start + count)
    ])  # fmt: skip
    bulk(SubProcessor, [SubProcessor(municipality=cast.vefsn, agreement=row, name="Drift AS") for row in rows])


def analyses(cast, start: int, count: int) -> None:
    matrix = default_matrix()
    rows = bulk(RiskAnalysis, [
        RiskAnalysis(municipality=cast.vefsn, title=f"ROS {index}", subject_type=SubjectType.SERVICE, scope="Alt",
                     analysed_on=datetime.date(2026, 1, 1), risk_owner=cast.leader_vefsn, matrix=matrix)
        for index in range(start, start + count)
    ])  # fmt: skip
    scenarios = bulk(RiskScenario, [
        RiskScenario(municipality=cast.vefsn, analysis=row, title="Tap", asset="Data", security=["C"], likelihood=3,
                     consequence=3)
        for row in rows
    ])  # fmt: skip
    measures = bulk(RiskMeasure, [RiskMeasure(municipality=cast.vefsn, analysis=row, title="Tiltak") for row in rows])
    by_analysis = {scenario.analysis_id: scenario for scenario in scenarios}
    bulk(MeasureScenario, [MeasureScenario(municipality=cast.vefsn, measure=m, scenario=by_analysis[m.analysis_id])
                           for m in measures])  # fmt: skip


def dpias(cast, start: int, count: int) -> None:
    # Every DPIA is a whole aggregate with screening and advice: 40 then 400 built through the services.
    for index in range(start, start + count):
        complete_dpia(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn, name=f"Behandling {index}")


def catalogue(cast, start: int, count: int) -> None:
    vendors = bulk(Vendor, [Vendor(name=f"Leverandør {index}") for index in range(start, start + count)])
    bulk(System, [System(name=f"System {vendor.pk}", vendor=vendor) for vendor in vendors])


def municipalities(cast, start: int, count: int) -> None:
    bulk(Municipality, [
        Municipality(number=f"{3000 + index:04d}", name=f"Kommune {index}", slug=f"kommune-{index}", population=1000)
        for index in range(start, start + count)
    ])  # fmt: skip


def courses(cast, start: int, count: int) -> None:
    round_ = make_round()
    rows = bulk(Course, [Course(key=f"kurs-x{index}", title=f"Kurs {index}") for index in range(start, start + count)])
    day = datetime.date(2027, 1, 10)
    bulk(Session, [Session(course=course, round=round_, starts_on=day, ends_on=day, capacity=10,
                           registration_deadline=day) for course in rows])  # fmt: skip


CASES = [
    ("processing-activities", "editor_vefsn", processing, "/api/v1/processing-activities/"),
    ("agreements", "editor_vefsn", agreements, "/api/v1/agreements/"),
    ("risk-analyses", "viewer_vefsn", analyses, "/api/v1/risk-analyses/"),
    ("vendors", "editor_vefsn", catalogue, "/api/v1/vendors/"),
    ("systems", "editor_vefsn", catalogue, "/api/v1/systems/"),
    ("municipalities", "coordinator", municipalities, "/api/v1/municipalities/"),
    ("participation", "coordinator", municipalities, "/api/v1/participation/"),
    ("status", "dpo", municipalities, "/api/v1/status/"),
    ("courses", "coordinator", courses, "/api/v1/courses/"),
]


def queries_for(client, url: str) -> tuple[int, object]:
    figures_changed(None)  # the status figures counted afresh for every municipality, not kept from before
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(captured), response


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role", "build", "path"), CASES, ids=[case[0] for case in CASES])
def test_constant_queries_at_40_and_400_rows(cast, api, django_assert_max_num_queries, name, role, build, path):
    client = api(cast.by_role(role))
    url = path + ("" if name in {"participation", "status"} else "?page_size=500")
    build(cast, 0, 40)
    client.get(url)  # the token's first use is written once; later uses within the minute write nothing
    small, _response = queries_for(client, url)
    build(cast, 40, 360)
    with django_assert_max_num_queries(MAX_QUERIES_STATUS if name == "status" else MAX_QUERIES):
        large, response = queries_for(client, url)
    body = response.json()
    rows = body["results"] if isinstance(body, dict) else body
    assert len(rows) >= 400
    assert large == small, f"{name}: {small} queries at 40 rows, {large} at 400"


@pytest.mark.django_db
def test_dpia_list_costs_the_same_at_5_and_40(cast, api, django_assert_max_num_queries):
    client = api(cast.leader_vefsn)
    dpias(cast, 0, 5)
    client.get("/api/v1/dpias/")
    small, _response = queries_for(client, "/api/v1/dpias/")
    dpias(cast, 5, 35)
    with django_assert_max_num_queries(MAX_QUERIES):
        large, response = queries_for(client, "/api/v1/dpias/")
    assert response.json()["count"] == 40
    assert large == small


@pytest.mark.django_db
def test_history_costs_the_same_at_3_and_40_versions(cast, api):
    from django.db import transaction

    from isms.core.tracking import update_tracked

    processing(cast, 0, 1)
    record = ProcessingActivity.objects.get()
    client = api(cast.viewer_vefsn)
    url = reverse("api:municipal_history", args=[cast.vefsn.pk, "processing", record.pk])

    def edits(count: int) -> None:
        for index in range(count):
            current = ProcessingActivity.objects.get(pk=record.pk)
            with transaction.atomic():
                update_tracked(ProcessingActivity, pk=record.pk, actor=cast.editor_vefsn, reason=f"Endring {index}",
                               expected_version=current.version, values={"retention": f"{index} år"})  # fmt: skip

    edits(2)
    client.get(url)
    small, _response = queries_for(client, url)
    edits(37)
    large, response = queries_for(client, url)
    assert len(response.json()) == 40
    assert large == small
