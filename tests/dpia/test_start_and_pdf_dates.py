"""Starting a DPIA twice (a double click) makes one DPIA, and the PDFs date a sign-off by the Oslo day."""

import datetime

import pytest
from django.urls import reverse

from dpia.models import Dpia

from .builders import make_activity


@pytest.mark.django_db
def test_starting_the_dpia_twice_makes_one_dpia(cast, client_for):
    activity = make_activity(cast.vefsn)
    client = client_for(cast.editor_vefsn)
    url = reverse("dpia:create", args=["vefsn", activity.pk])
    first, second = client.post(url), client.post(url)
    assert (first.status_code, second.status_code) == (302, 302)
    assert Dpia.objects.filter(processing_activity=activity).count() == 1


def test_the_pdfs_date_a_sign_off_by_the_oslo_day():
    from isms.core.pdf import pdf_date  # the one date formatter of every PDF (ROS, DPIA, protocol)

    late_evening_utc = datetime.datetime(2026, 12, 1, 23, 30, tzinfo=datetime.UTC)  # 00:30 on 2 December in Oslo
    assert pdf_date(late_evening_utc) == "02.12.2026"
