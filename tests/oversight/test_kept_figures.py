"""Today's figures are kept between pages and renewed by the writes they are counted from (snapshots.py)."""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from isms.core.models import Municipality
from isms.core.tracking import save_new_version
from isms.oversight.registry import Context
from isms.oversight.selectors import status_rows
from tests.dpia.builders import make_activity
from tests.factories import MunicipalityFactory
from tests.training.builders import make_round, make_session, register


def _values(municipality, area: str, context: Context | None = None) -> dict:
    rows = status_rows(municipalities=Municipality.objects.filter(pk=municipality.pk), context=context)
    return rows[0].cell(area).values


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_a_second_status_page_reads_the_kept_figures_instead_of_counting(cast, client_for):
    client = client_for(cast.dpo)
    MunicipalityFactory.create_batch(5)
    for municipality in Municipality.objects.all():
        make_activity(municipality, f"Behandling {municipality.number}")
    url = reverse("oversight:status")
    counted = _queries(client, url)
    kept = _queries(client, url)
    # The areas' grouped counts (two or more per area) are gone; the municipalities and the session remain.
    assert kept <= counted - 10, (counted, kept)
    rows = status_rows(municipalities=Municipality.objects.all())
    assert {row.cell("protocol").values["activities"] for row in rows} == {1}


def test_a_write_in_one_municipality_renews_its_figures_and_keeps_the_others(cast):
    assert _values(cast.vefsn, "protocol")["activities"] == 0
    assert _values(cast.rana, "protocol")["activities"] == 0
    make_activity(cast.vefsn, "Barnehageopptak")
    assert _values(cast.vefsn, "protocol")["activities"] == 1
    assert _values(cast.rana, "protocol")["activities"] == 0
    rana_activity = make_activity(cast.rana, "Skoleskyss")
    rana_activity.retention = ""
    save_new_version(rana_activity, actor=cast.editor_rana, reason="Sletting ikke avklart")
    assert _values(cast.rana, "protocol")["incomplete"] == 1


def test_a_change_to_the_municipality_itself_is_seen(cast):
    assert _values(cast.vefsn, "kins")["kins_member"] == int(cast.vefsn.kins_member)
    cast.vefsn.kins_member = not cast.vefsn.kins_member
    save_new_version(cast.vefsn, actor=cast.coordinator, reason="Meldt inn i KINS")
    assert _values(cast.vefsn, "kins")["kins_member"] == int(cast.vefsn.kins_member)


def test_a_new_course_round_renews_every_municipality(cast):
    # The round is a shared table (no municipality): the courses area names it in its shared inputs.
    first = make_round()
    session = make_session(round=first)
    register(session, cast.vefsn, 1)
    assert _values(cast.vefsn, "courses")["registered"] == 1
    second = make_round()
    register(make_session(round=second), cast.rana, 2)
    # "This round" is now the second one, in which nobody from Vefsn takes part.
    assert _values(cast.vefsn, "courses")["registered"] == 0
    assert _values(cast.rana, "courses")["registered"] == 1


def test_figures_kept_yesterday_are_counted_again_today(cast):
    activity = make_activity(cast.vefsn, "Byggesak")
    activity.next_review = datetime.date.today()
    save_new_version(activity, actor=cast.editor_vefsn, reason="Ny revisjonsdato")
    today = datetime.date.today()
    assert _values(cast.vefsn, "protocol", Context(day=today))["reviews_overdue"] == 0
    tomorrow = today + datetime.timedelta(days=1)
    assert _values(cast.vefsn, "protocol", Context(day=tomorrow))["reviews_overdue"] == 1


def test_a_write_rolled_back_leaves_the_figures_right(cast):
    assert _values(cast.vefsn, "protocol")["activities"] == 0
    try:
        with transaction.atomic():
            make_activity(cast.vefsn, "Angret behandling")
            assert _values(cast.vefsn, "protocol")["activities"] == 1
            raise RuntimeError("avbrutt")
    except RuntimeError:
        pass
    assert _values(cast.vefsn, "protocol")["activities"] == 0


def test_the_nights_count_leaves_the_first_page_of_the_day_without_counting(cast, client_for):
    from isms.oversight.tasks import count_todays_figures

    client = client_for(cast.dpo)
    url = reverse("oversight:status")
    cold = _queries(client, url)
    cache.clear()
    assert count_todays_figures() == Municipality.objects.count()
    client = client_for(cast.dpo)
    assert _queries(client, url) <= cold - 10


def test_an_import_writing_its_history_in_bulk_renews_the_figures(cast):
    from isms.protocol.services import create_imported_activities

    assert _values(cast.vefsn, "protocol")["activities"] == 0
    values = {
        "name": "Importert behandling", "sector": "health", "purposes": "Formål", "retention": "Arkivlova",
        "data_subject_categories": "Søkere", "personal_data_categories": "Navn",
    }  # fmt: skip
    create_imported_activities(municipality=cast.vefsn, actor=cast.editor_vefsn, rows=[(values, [])], reason="Import")
    assert _values(cast.vefsn, "protocol")["activities"] == 1
