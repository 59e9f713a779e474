"""The status across municipalities: each figure against hand-made data, tenancy, as-of and query counts."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dpia.models import DpiaStatus
from dpia.workflow import send_to_dpo
from isms.core.models import Municipality
from isms.oversight.registry import Context, Light
from isms.oversight.selectors import context_for, status_rows
from isms.protocol.models import AgreementStatus, DataProcessingAgreement, ProcessingProcessor, Vendor
from risk.models import AnalysisStatus
from tests.dpia.builders import complete_dpia, make_activity
from tests.factories import MunicipalityFactory
from tests.risk.builders import make_analysis, make_measure, make_scenario
from tests.training.builders import make_course, make_round, make_session, register

from ..downloads import body

pytestmark = pytest.mark.django_db


def _row(rows, municipality):
    return next(row for row in rows if row.municipality == municipality)


def _values(rows, municipality, area):
    return _row(rows, municipality).cell(area).values


def test_protocol_and_agreement_figures_count_hand_made_data(cast):
    today = timezone.localdate()
    complete = make_activity(cast.vefsn, "Startlån")
    complete.recipients, complete.security_measures = "Husbanken", "Tilgangsstyring"
    complete.save()
    overdue = make_activity(cast.vefsn, "Bostøtte")  # recipients and security measures empty: incomplete
    overdue.next_review = today - datetime.timedelta(days=1)
    overdue.save()
    husbanken, sikri = Vendor.objects.create(name="Husbanken"), Vendor.objects.create(name="Sikri")
    ProcessingProcessor.objects.create(municipality=cast.vefsn, processing_activity=complete, vendor=husbanken)
    ProcessingProcessor.objects.create(municipality=cast.vefsn, processing_activity=overdue, vendor=sikri)
    DataProcessingAgreement.objects.create(
        municipality=cast.vefsn, vendor=sikri, title="DBA Elements", status=AgreementStatus.SIGNED,
        signed_on=today - datetime.timedelta(days=300), valid_until=today + datetime.timedelta(days=30),
    )  # fmt: skip
    DataProcessingAgreement.objects.create(
        municipality=cast.vefsn, vendor=husbanken, title="DBA KOBO (gammel)", status=AgreementStatus.SIGNED,
        signed_on=today - datetime.timedelta(days=800), valid_until=today - datetime.timedelta(days=1),
    )  # fmt: skip

    rows = status_rows(municipalities=Municipality.objects.all())

    protocol = _values(rows, cast.vefsn, "protocol")
    assert protocol == {
        "activities": 2, "incomplete": 1, "complete_share": 50, "reviews_overdue": 1, "without_system": 2,
        "without_agreement": 1,
    }  # fmt: skip
    agreements = _values(rows, cast.vefsn, "agreements")
    assert agreements == {"processors_without": 1, "expiring": 1, "expired": 1, "joint_unsigned": 0}
    assert _row(rows, cast.vefsn).cell("agreements").light == Light.RED
    assert _values(rows, cast.rana, "protocol")["activities"] == 0
    assert _row(rows, cast.rana).cell("protocol").light == Light.RED


def test_ros_dpia_and_course_figures_count_hand_made_data(cast):
    today = timezone.localdate()
    signed = make_analysis(cast.vefsn, cast.leader_vefsn, title="ROS KOBO", status=AnalysisStatus.APPROVED,
                           last_decision="approved", last_signed_version=1)  # fmt: skip
    changed = make_analysis(cast.vefsn, cast.leader_vefsn, title="ROS Elements", status=AnalysisStatus.DRAFT,
                            last_decision="approved", last_signed_version=1, version=2)  # fmt: skip
    make_analysis(cast.vefsn, cast.leader_vefsn, title="ROS arkiv", status=AnalysisStatus.ARCHIVED)
    make_scenario(signed, likelihood=5, consequence=4)  # 20: red (tolerable up to 9)
    make_scenario(signed, likelihood=5, consequence=4, residual_likelihood=1, residual_consequence=2)
    make_measure(changed, due_on=today - datetime.timedelta(days=3))
    make_measure(changed, due_on=today - datetime.timedelta(days=3), status="done")
    dpia = complete_dpia(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn, high=True)
    send_to_dpo(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)
    course_round = make_round()
    session = make_session(make_course(), course_round)
    for n in range(3):
        register(session, cast.vefsn, n)

    rows = status_rows(municipalities=Municipality.objects.all())

    ros = _values(rows, cast.vefsn, "ros")
    assert (ros["analyses"], ros["signed"], ros["not_signed"], ros["changed"]) == (2, 1, 1, 1)
    assert (ros["red"], ros["overdue_measures"], ros["older"]) == (1, 1, 0)
    assert _row(rows, cast.vefsn).cell("ros").light == Light.RED  # the overdue measure
    dpia_values = _values(rows, cast.vefsn, "dpia")
    assert dpia_values["awaiting_advice"] == 1
    assert dpia_values["art36"] == 1  # residual 3 × 3, no prior consultation sent
    assert dpia_values["unscreened"] == 0  # no special categories: no screening asked for
    health = make_activity(cast.vefsn, "Helsestasjon")
    health.special_categories, health.special_category_bases = ["health"], ["h"]
    health.save()
    rows = status_rows(municipalities=Municipality.objects.all())
    assert _values(rows, cast.vefsn, "dpia")["unscreened"] == 1
    courses = _values(rows, cast.vefsn, "courses")
    assert courses == {"registered": 3, "per_thousand": round(3000 / 13408, 1)}
    assert _row(rows, cast.rana).cell("courses").light == Light.RED  # 0 participants


def test_figures_as_of_an_instant_come_from_history(cast):
    activity = make_activity(cast.vefsn, "Bostøtte")  # incomplete
    before_fix = timezone.now()
    activity.recipients, activity.security_measures = "Husbanken", "Tilgangsstyring"
    activity.save()
    make_activity(cast.vefsn, "Startlån")  # made after the instant: not counted then

    then = status_rows(
        municipalities=Municipality.objects.all(), context=Context(day=timezone.localdate(), as_of=before_fix)
    )
    now = status_rows(municipalities=Municipality.objects.all())

    assert _values(then, cast.vefsn, "protocol")["activities"] == 1
    assert _values(then, cast.vefsn, "protocol")["incomplete"] == 1
    assert _values(now, cast.vefsn, "protocol")["activities"] == 2
    assert _values(now, cast.vefsn, "protocol")["incomplete"] == 1  # the new one is incomplete


def test_a_past_day_reads_the_history_and_today_the_live_tables():
    assert context_for(None).historical is False
    assert context_for(timezone.localdate()).historical is False
    assert context_for(timezone.localdate() - datetime.timedelta(days=1)).historical is True


def _populate(municipalities, owner):
    """Something in every area for each municipality (so a per-row query would show)."""
    vendor = Vendor.objects.get_or_create(name="Husbanken")[0]
    for municipality in municipalities:
        activity = make_activity(municipality, f"Behandling {municipality.number}")
        ProcessingProcessor.objects.create(municipality=municipality, processing_activity=activity, vendor=vendor)
        analysis = make_analysis(municipality, owner, title=f"ROS {municipality.number}")
        make_scenario(analysis)
        make_measure(analysis, due_on=datetime.date(2026, 1, 1))


def _count_queries(client, url) -> int:
    """Queries of the page counting every municipality afresh (nothing kept from an earlier page)."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_status_page_and_its_exports_run_the_same_queries_for_16_and_357_municipalities(cast, client_for):
    client = client_for(cast.dpo)
    urls = [reverse("oversight:status") + query for query in ("", "?_export=csv", "?_export=xlsx")]
    MunicipalityFactory.create_batch(14)
    _populate(Municipality.objects.all(), cast.leader_vefsn)
    _count_queries(client, urls[0])  # warm the per-process caches (content types)
    small = [_count_queries(client, url) for url in urls]
    more = MunicipalityFactory.create_batch(341)
    _populate(more, cast.leader_vefsn)
    assert Municipality.objects.count() == 357
    large = [_count_queries(client, url) for url in urls]
    assert large == small, (small, large)
    assert max(large) <= 30
    # The export costs no more than the page: the same selectors, nothing per row.
    assert large[1] <= large[0] and large[2] <= large[0]


def test_status_is_for_the_dpo_and_coordinator_only(cast, client_for):
    for user in (cast.leader_vefsn, cast.editor_vefsn, cast.viewer_vefsn, cast.staff):
        assert client_for(user).get(reverse("oversight:status")).status_code == 403
    assert client_for(cast.coordinator).get(reverse("oversight:status")).status_code == 200


def test_status_filters_by_area_and_what_needs_action(cast, client_for):
    activity = make_activity(cast.vefsn, "Startlån")
    activity.recipients, activity.security_measures = "Husbanken", "Tilgangsstyring"
    activity.save()
    client = client_for(cast.dpo)
    page = client.get(reverse("oversight:status"), {"area": "protocol", "action": "1"})
    content = page.content.decode()
    assert "Rana" in content  # no processing activities: red
    assert 'href="/m/vefsn/' not in content.split("<tbody>")[1]  # Vefsn's protocol is not red
    export = client.get(reverse("oversight:status"), {"_export": "csv"})
    text = body(export).decode("utf-8-sig")
    assert export["Content-Type"].startswith("text/csv")
    lines = [line.split(";") for line in text.splitlines()]
    header = lines[0]
    assert header[:2] == ["Nr.", "Kommune"]
    vefsn = next(line for line in lines if line[1] == "Vefsn")
    rana = next(line for line in lines if line[1] == "Rana")
    activities = header.index("Behandlingsprotokoll: Behandlinger")
    status = header.index("Behandlingsprotokoll: status")
    assert (vefsn[activities], rana[activities]) == ("1", "0")
    assert rana[status] == "Tiltak"
    assert len(vefsn) == len(header)


def test_old_dpo_address_redirects_and_the_dpia_queue_still_works(cast, client_for):
    client = client_for(cast.dpo)
    response = client.get("/dpo/")
    assert response.status_code == 302 and response["Location"] == reverse("oversight:status")
    assert client.get("/dpo/dpia/").status_code == 200


def test_dpia_queue_status_values_match_dpia_statuses():
    assert DpiaStatus.AWAITING_ADVICE == "awaiting_advice"


def test_another_app_can_put_a_button_on_each_status_row(cast, client_for):
    from isms.oversight.registry import ROW_ACTIONS, RowAction, register_row_action

    register_row_action(
        RowAction("nudge", "Send en påminnelse", lambda slug: f"/m/{slug}/nudge/", lambda user, row: row.needs_action)
    )
    try:
        page = client_for(cast.dpo).get(reverse("oversight:status")).content.decode()
    finally:
        ROW_ACTIONS.pop("nudge")
    assert 'action="/m/rana/nudge/"' in page  # Rana needs action (nothing registered)
    assert "Send en påminnelse" in page
