"""A print-out of the protocol as of an earlier moment names the systems and vendors as they were called
then, not as the catalogue calls them today, in a constant number of queries."""

import pytest
from django.utils import timezone

from isms.protocol.models import ProcessingProcessor, ProcessingSystem, System, SystemUse, Vendor
from isms.protocol.pdf import render_protocol
from isms.protocol.services import save_catalogue_entry
from isms.protocol.snapshot import protocol_snapshot

from ..pdf_text import pdf_pages
from .test_pdfs import _activity


def _used(cast, count=1):
    vendor = Vendor.objects.create(name="Acos AS", country="NO")
    system = System.objects.create(name="Acos WebSak", vendor=vendor)
    use = SystemUse.objects.create(municipality=cast.vefsn, system=system, owner="Arkivet")
    for index in range(count):
        activity = _activity(cast.vefsn, cast.editor_vefsn, name=f"Saksbehandling {index}")
        ProcessingSystem.objects.create(municipality=cast.vefsn, processing_activity=activity, system_use=use)
        ProcessingProcessor.objects.create(municipality=cast.vefsn, processing_activity=activity, vendor=vendor)
    return vendor, system


def _rename(cast, vendor, system):
    save_catalogue_entry(
        model=Vendor, actor=cast.coordinator, values={"name": "Sikri AS"}, reason="Nytt selskapsnavn",
        entry=vendor, expected_version=vendor.version,
    )  # fmt: skip
    save_catalogue_entry(
        model=System, actor=cast.coordinator, values={"name": "Elements"}, reason="Nytt produktnavn",
        entry=system, expected_version=system.version,
    )  # fmt: skip


def test_an_earlier_print_out_names_systems_and_vendors_as_they_were_then(cast):
    vendor, system = _used(cast)
    before_rename = timezone.now()
    _rename(cast, vendor, system)

    then = protocol_snapshot(municipality=cast.vefsn, at=before_rename).activities[0]
    now = protocol_snapshot(municipality=cast.vefsn).activities[0]
    assert (then.systems, [name for name, _covered in then.processors]) == (["Acos WebSak"], ["Acos AS"])
    assert (now.systems, [name for name, _covered in now.processors]) == (["Elements"], ["Sikri AS"])

    text = "\n".join(pdf_pages(render_protocol(protocol_snapshot(municipality=cast.vefsn, at=before_rename))))
    assert "Acos WebSak" in text and "DBA mangler for Acos AS" in text
    assert "Elements" not in text and "Sikri" not in text


@pytest.mark.parametrize("count", [2, 30])
def test_an_earlier_print_out_runs_a_constant_number_of_queries(cast, django_assert_max_num_queries, count):
    vendor, system = _used(cast, count)
    before_rename = timezone.now()
    _rename(cast, vendor, system)
    with django_assert_max_num_queries(9):
        snapshot = protocol_snapshot(municipality=cast.vefsn, at=before_rename)
    assert len(snapshot.activities) == count and snapshot.activities[-1].systems == ["Acos WebSak"]
