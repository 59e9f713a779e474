"""A list page of the API at speed (issue 13): the fast row reader (`ManyRows`) answers exactly what DRF's own
`to_representation` does (every list endpoint over the whole demo, read both ways, field for field), and the
page's rows are freed as soon as the response is done."""

import gc

import pytest
from django.core.management import call_command
from rest_framework import serializers

from isms.api.serializers.fields import ManyRows
from isms.api.urls import router
from isms.core.models import GlobalRole, User
from tests.api.conftest import bearer


@pytest.fixture
def demo(db):
    call_command("load_kins_templates", verbosity=0)
    call_command("seed_demo", verbosity=0)


def every_list(client) -> dict[str, list]:
    """Every row of every list endpoint, with nested rows, as the API answers it."""
    answers = {}
    for prefix, _viewset, basename in router.registry:
        response = client.get(f"/api/v1/{prefix}/?page_size=500")
        assert response.status_code == 200, (basename, response.content[:300])
        assert response.json()["next"] is None, f"{basename}: more than one page of demo rows"
        answers[basename] = response.json()["results"]
    return answers


def test_every_endpoint_reads_the_demo_rows_as_drf_does(demo, client, monkeypatch):
    dpo = User.objects.create_user("ombud.test@example.no", global_role=GlobalRole.DPO)
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {bearer(dpo)}"
    fast = every_list(client)
    monkeypatch.setattr(ManyRows, "to_representation", serializers.Serializer.to_representation)
    drf = every_list(client)
    assert set(fast) == {basename for _prefix, _viewset, basename in router.registry}
    for basename, rows in drf.items():
        assert rows, f"the demo has no {basename}"
        assert fast[basename] == rows, basename
        # Key order too: clients that diff JSON documents see the same text.
        assert [list(row) for row in fast[basename]] == [list(row) for row in rows], basename


def test_a_column_left_empty_reads_as_null_as_drf_does(db, cast, client, monkeypatch):
    from isms.protocol.models import ProcessingActivity

    ProcessingActivity.objects.create(municipality=cast.vefsn, name="Uten datoer", sector="health")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {bearer(cast.leader_vefsn)}"
    fast = client.get("/api/v1/processing-activities/").json()["results"]
    monkeypatch.setattr(ManyRows, "to_representation", serializers.Serializer.to_representation)
    drf = client.get("/api/v1/processing-activities/").json()["results"]
    assert fast == drf
    assert fast[0]["last_reviewed"] is None and fast[0]["template"] is None


def test_a_listed_page_lets_go_of_its_rows_when_the_response_is_done(db, cast, client):
    """The view, request, serializer and response refer to each other; the rows they hold must not wait for the
    garbage collector's full collection (at 500 rows a page that collection was the list's p95, issue 13)."""
    from isms.protocol.models import ProcessingActivity, ProcessingProcessor, Vendor

    vendor = Vendor.objects.create(name="Leverandør")
    for index in range(3):
        row = ProcessingActivity.objects.create(municipality=cast.vefsn, name=f"Behandling {index}", sector="health")
        ProcessingProcessor.objects.create(municipality=cast.vefsn, processing_activity=row, vendor=vendor)
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {bearer(cast.leader_vefsn)}"
    gc.collect()
    gc.disable()
    try:
        response = client.get("/api/v1/processing-activities/")
        assert len(response.json()["results"]) == 3 and response.json()["results"][0]["processors"]
        del response
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        left_for_the_collector = [obj for obj in gc.garbage if type(obj) in (ProcessingActivity, ProcessingProcessor)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert left_for_the_collector == []
