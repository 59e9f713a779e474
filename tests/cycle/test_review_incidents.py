"""Ledelsens gjennomgang counts the avvik of its own year from the register, on the page, in the PDF and in the
inputs stored with the review: as they stood at the end of that year, Oslo time, and only the municipality's."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from isms.cycle import selectors, services
from isms.cycle.presenters import input_sections
from isms.incidents.workflow import close_incident, decide, record_notification
from tests.incidents.builders import for_decision, handled, reported, with_measure
from tests.pdf_text import pdf_pages

pytestmark = pytest.mark.django_db
OSLO = ZoneInfo("Europe/Oslo")


def _at(year, month, day, hour=10, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=OSLO)


def _notified_and_closed(incident, cast, *, after: datetime.timedelta, delay_reason=""):
    """A breach the leader decided to notify, notified `after` its discovery, then closed (today)."""
    from tests.incidents.builders import advised

    incident = for_decision(advised(with_measure(incident, cast.editor_vefsn), cast.dpo), cast.editor_vefsn)
    decide(incident=incident, leader=cast.leader_vefsn, approve=True, notify_choice="notify",
           inform_data_subjects=False, comment="", expected_version=incident.version)  # fmt: skip
    incident = record_notification(
        incident=incident, actor=cast.editor_vefsn, notified_at=incident.discovered_at + after,
        authority_reference="22/01234", delay_reason=delay_reason, subjects_informed_at=None, subject_notice="",
    )  # fmt: skip
    incident.refresh_from_db()
    close_incident(incident=incident, actor=cast.editor_vefsn, lessons_learned="Rutinen for utsending er endret.",
                   expected_version=incident.version)  # fmt: skip


@pytest.fixture
def avvik(cast):
    """Vefsn's avvik around 2026 (today is in 2026; closing stamps today): two breaches notified and closed (one
    late), a security deviation and an unclassified report from the first minutes of the Oslo year left open,
    one from 2025 still open; and Rana's own avvik, which Vefsn's review never counts."""
    editor, leader = cast.editor_vefsn, cast.leader_vefsn
    on_time = handled(reported(cast.vefsn, editor, discovered_at=_at(2026, 3, 2), title="Vedtak til feil mottaker"),
                      editor, leader)  # fmt: skip
    _notified_and_closed(on_time, cast, after=datetime.timedelta(hours=20))
    late = handled(reported(cast.vefsn, editor, discovered_at=_at(2026, 2, 2), title="Liste på avveie"), editor, leader)
    _notified_and_closed(late, cast, after=datetime.timedelta(days=5), delay_reason="Oppdaget i ferien.")
    handled(reported(cast.vefsn, editor, discovered_at=_at(2026, 11, 20), title="Virus på PC", personal_data="no"),
            editor, leader, kind="security")  # fmt: skip
    # 00:30 on 1 January in Oslo is still 31 December in UTC: it belongs to the new year.
    reported(cast.vefsn, editor, discovered_at=_at(2026, 1, 1, 0, 30), title="Nyttårsavvik")
    reported(cast.vefsn, editor, discovered_at=_at(2025, 6, 1), title="Fjorårets avvik")
    reported(cast.rana, cast.editor_rana, discovered_at=_at(2026, 4, 1), title="Ranas avvik")


EXPECTED_2026 = {
    "reported": 4,
    "breaches": 2,
    "security": 1,
    "unclassified": 1,
    "notified": 2,
    "notified_late": 1,
    "subjects_informed": 0,
    "open_at_year_end": 3,  # the security deviation, the New Year report and last year's
}


def test_the_review_gathers_its_years_avvik_from_the_register(cast, avvik):
    review = services.start_review(municipality=cast.vefsn, year=2026, actor=cast.editor_vefsn)
    assert review.inputs["incidents"] == EXPECTED_2026
    earlier = selectors.review_inputs(cast.vefsn, 2025)["incidents"]
    assert earlier["reported"] == 1 and earlier["open_at_year_end"] == 1 and earlier["breaches"] == 0


def test_the_review_page_and_pdf_show_the_avvik_figures(cast, avvik, client_for):
    services.start_review(municipality=cast.vefsn, year=2026, actor=cast.editor_vefsn)
    client = client_for(cast.leader_vefsn)
    page = client.get(reverse("cycle:review_detail", args=["vefsn", 2026])).content.decode()
    assert "Ikke registrert" not in page
    for label, value in [("Meldt i året", 4), ("Meldt til Datatilsynet", 2), ("Meldt etter 72 timer", 1),
                         ("Åpne ved årets slutt", 3)]:  # fmt: skip
        assert f"<dt>{label}</dt><dd>{value}</dd>" in page
    text = " ".join(" ".join(pdf_pages(client.get(reverse("cycle:review_pdf", args=["vefsn", 2026])).content)).split())
    assert "Meldt i året 4" in text and "Meldt etter 72 timer 1" in text and "Åpne ved årets slutt 3" in text


def test_the_stored_inputs_are_what_the_review_shows_until_gathered_again(cast, avvik):
    review = services.start_review(municipality=cast.vefsn, year=2026, actor=cast.editor_vefsn)
    reported(cast.vefsn, cast.editor_vefsn, discovered_at=_at(2026, 12, 1), title="Sent i året")
    review.refresh_from_db()
    assert dict(input_sections(review.inputs))["Avvik"][0] == ("Meldt i året", "4")
    services.refresh_inputs(review=review, actor=cast.editor_vefsn, expected_version=review.version)
    review.refresh_from_db()
    assert dict(input_sections(review.inputs))["Avvik"][0] == ("Meldt i året", "5")


def test_a_review_compiled_before_the_register_says_so():
    rows = dict(input_sections({"incidents": None}))["Avvik"]
    assert rows == [("Avvik", "Ikke hentet: gjennomgangen ble satt sammen før avviksregisteret fantes")]
