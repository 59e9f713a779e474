"""The API's fast row reader (`ManyRows`, issue 13) answers exactly what DRF's own `to_representation` does:
every list endpoint over the whole demo, read both ways, field for field."""

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
