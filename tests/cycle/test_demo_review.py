"""The demo's management review of 2023 reads as it happened: held in December, signed by Vefsn's leader on
15 January 2024, with its history dated so and in the order it was written, never today."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from isms.core.models import SignOff
from isms.cycle import services
from isms.cycle.demo import SIGNED_2023, _review_2023
from isms.cycle.models import ManagementReview, ReviewDecision
from tests.cycle.builders import make_assessment

pytestmark = pytest.mark.django_db


def test_vefsns_2023_review_is_signed_in_january_2024_with_its_history_dated_so(cast, client_for):
    assert _review_2023(cast.vefsn) == 1
    review = ManagementReview.objects.get(municipality=cast.vefsn, year=2023)
    signoff = SignOff.objects.get()
    assert signoff.signed_at == SIGNED_2023 and signoff.signer == cast.leader_vefsn
    assert review.signoff_state.is_current  # signed the version it is at
    history = list(review.history.order_by("history_date", "history_id"))
    assert [row.history_id for row in history] == sorted(row.history_id for row in history)  # written in order
    assert history[0].history_date.date() == datetime.date(2023, 12, 1)
    signed_row = history[-1]
    assert abs(signed_row.history_date - SIGNED_2023) < datetime.timedelta(seconds=1)
    assert signed_row.history_user == cast.leader_vefsn
    decisions = ReviewDecision.history.all()
    assert decisions.count() == 3 and all(row.history_date.year == 2023 for row in decisions)
    page = client_for(cast.leader_vefsn).get(reverse("cycle:review_detail", args=["vefsn", 2023])).content.decode()
    assert "ble signert av" in page and "15.01.2024" in page
    # Its inputs were gathered when it was started, not on the day the demo was loaded.
    assert timezone.localdate(review.inputs_gathered_at) == datetime.date(2023, 12, 1)
    assert timezone.localdate(review.created_at) == datetime.date(2023, 12, 1)
    assert "Hentet 01.12.2023 09:00" in page


def test_what_is_written_after_the_demo_clock_is_dated_now(cast):
    _review_2023(cast.vefsn)
    review = ManagementReview.objects.get(municipality=cast.vefsn, year=2023)
    services.save_review(review=review, actor=cast.editor_vefsn, values={"conclusion": "Rettet"}, reason="Skrivefeil",
                         expected_version=review.version)  # fmt: skip
    assert timezone.localdate(review.history.latest().history_date) == timezone.localdate()
    review.refresh_from_db()
    assert timezone.localdate(review.updated_at) == timezone.localdate()  # the real clock is back


def test_a_review_started_in_2023_leaves_out_a_kartlegging_made_later(cast):
    later = make_assessment(cast.vefsn, cast.editor_vefsn, levels=(2, 3, 4), assessed_on=datetime.date(2026, 1, 10))
    _review_2023(cast.vefsn)
    review = ManagementReview.objects.get(municipality=cast.vefsn, year=2023)
    assert review.inputs["maturity"] is None
    today = services.start_review(municipality=cast.vefsn, year=2026, actor=cast.editor_vefsn)
    assert today.inputs["maturity"]["title"] == later.title
