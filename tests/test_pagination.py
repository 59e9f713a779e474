"""Pages that grow with the data show a page at a time, in a constant number of queries; exports keep all."""

import csv
import io

import pytest
from django.urls import reverse

from dpia.workflow import send_to_dpo
from isms.core.services import update_municipality

from .dpia.builders import make_activity
from .dpia.test_dpo_queue import adopted_in, joint_dpia
from .factories import MunicipalityFactory


def versions_of_vefsn(cast, count: int) -> None:
    for population in range(cast.vefsn.version, count):
        cast.vefsn.refresh_from_db()
        update_municipality(
            municipality=cast.vefsn,
            actor=cast.coordinator,
            values={"population": 10_000 + population},
            expected_version=cast.vefsn.version,
            reason=f"Folketall {population}",
        )


def test_the_history_of_an_object_with_500_versions_is_paged_in_constant_queries(
    client_for, cast, django_assert_max_num_queries
):
    url = reverse("core:municipal_object_history", args=["vefsn", "municipality", cast.vefsn.pk])
    client = client_for(cast.viewer_vefsn)
    versions_of_vefsn(cast, 60)
    with django_assert_max_num_queries(30) as small:
        client.get(url)
    versions_of_vefsn(cast, 500)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(url).content.decode()
    assert "500 versjoner" in page and "Side 1 av 10" in page
    assert page.count('class="ds-card"') == 50 and "Versjon 500</strong>" in page and "Versjon 450</strong>" not in page
    last = client.get(url, {"page": 10}).content.decode()
    assert "Versjon 1</strong>" in last and "Versjon 51</strong>" not in last and 'start="50"' in last
    assert 'href="?page=9"' in last


def test_the_activities_not_yet_screened_are_paged(client_for, cast, django_assert_max_num_queries):
    url = reverse("dpia:list", args=["vefsn"])
    client = client_for(cast.viewer_vefsn)
    for number in range(5):
        make_activity(cast.vefsn, f"Behandling {number:03}")
    with django_assert_max_num_queries(40) as small:
        client.get(url)
    for number in range(5, 120):
        make_activity(cast.vefsn, f"Behandling {number:03}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(url).content.decode()
    assert "120 behandlinger er ikke vurdert" in page
    assert "Behandling 049" in page and "Behandling 050" not in page and "Side 1 av 3" in page
    last = client.get(url, {"unscreened_page": 3}).content.decode()
    assert "Behandling 119" in last and "Behandling 099" not in last


@pytest.fixture
def waiting_for_advice(cast):
    def build(count: int) -> None:
        municipalities = [MunicipalityFactory() for _ in range(count)]
        template = joint_dpia(cast.coordinator, municipalities)
        for dpia in adopted_in(municipalities, cast, template):
            editor = dpia.municipality.memberships.get().user
            send_to_dpo(dpia=dpia, actor=editor, expected_version=dpia.version)

    return build


def test_the_dpo_queue_is_paged_and_its_export_holds_every_row(
    client_for, cast, waiting_for_advice, django_assert_max_num_queries
):
    url = reverse("dpia:dpo_queue")
    client = client_for(cast.dpo)
    waiting_for_advice(3)
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    waiting_for_advice(52)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(url).content.decode()
    assert "55 DPIA-er venter på rådet ditt" in page and "Side 1 av 2" in page
    queue = page.split('id="queue-caption"')[1].split("</table>")[0]
    assert queue.count("<tr>") == 51  # the heading and fifty rows
    export = client.get(url, {"_export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 56
