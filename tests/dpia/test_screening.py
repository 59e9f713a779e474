"""Screening a processing activity for a DPIA: the WP248 criteria, Datatilsynet's list and a justified
conclusion; the result shows on the processing activity and in the protocol PDF."""

import pytest
from django.urls import reverse

from dpia.models import Screening
from isms.protocol.models import ProcessingActivity
from tests.pdf_text import pdf_pages

from .builders import make_activity, screening_items


def screen(client, activity, **data):
    return client.post(reverse("dpia:screening", args=[activity.municipality.slug, activity.pk]), data)


@pytest.mark.django_db
def test_health_data_about_vulnerable_people_makes_a_dpia_required(client_for, cast):
    screening_items()
    activity = make_activity(cast.vefsn)
    response = screen(
        client_for(cast.editor_vefsn), activity, criteria=["sensitive-opplysninger", "sarbare-registrerte"]
    )
    assert response.status_code == 302
    screening = Screening.objects.get()
    assert (screening.computed_result, screening.result) == ("required", "required")
    activity.refresh_from_db()
    assert activity.get_dpia_status_display() == "Påkrevd, ikke gjennomført"
    assert activity.version == 1  # the record's content did not change


@pytest.mark.django_db
def test_overriding_the_criteria_needs_a_justification_and_keeps_what_was_ticked(client_for, cast):
    screening_items()
    activity = make_activity(cast.vefsn)
    client = client_for(cast.editor_vefsn)
    data = {"criteria": ["sensitive-opplysninger", "stor-skala"], "result": "not_required"}
    refused = screen(client, activity, **data)
    assert refused.status_code == 400
    text = refused.content.decode()
    assert ("Begrunn den" in text and 'value="stor-skala" checked' in text.replace("\n", " ")) or "checked" in text
    assert not Screening.objects.exists()
    assert screen(client, activity, **data, justification="Få registrerte, kort lagring").status_code == 302
    assert Screening.objects.get().overrides_criteria


@pytest.mark.django_db
def test_one_criterion_recommends_and_none_does_not_require(cast):
    from dpia.services import result_by_criteria

    assert result_by_criteria(criteria=["stor-skala"], listed=[]) == "recommended"
    assert result_by_criteria(criteria=[], listed=[]) == "not_required"
    assert result_by_criteria(criteria=[], listed=["velferdsteknologi"]) == "required"


@pytest.mark.django_db
def test_the_protocol_pdf_shows_the_screening_result(client_for, cast):
    screening_items()
    activity = make_activity(cast.vefsn)
    screen(client_for(cast.editor_vefsn), activity, criteria=["sensitive-opplysninger", "sarbare-registrerte"])
    pdf = "\n".join(
        pdf_pages(client_for(cast.viewer_vefsn).get(reverse("protocol:processing_pdf", args=["vefsn"])).content)
    )
    assert "Påkrevd, ikke gjennomført" in pdf


@pytest.mark.django_db
def test_a_viewer_reads_the_screening_but_cannot_change_it_and_rana_sees_nothing(client_for, cast):
    screening_items()
    activity = make_activity(cast.vefsn)
    url = reverse("dpia:screening", args=["vefsn", activity.pk])
    assert client_for(cast.viewer_vefsn).get(url).status_code == 200
    assert screen(client_for(cast.viewer_vefsn), activity, criteria=["stor-skala"]).status_code == 403
    assert client_for(cast.editor_rana).get(url).status_code == 404
    assert not Screening.objects.exists()
    assert ProcessingActivity.objects.get().dpia_status == "not_assessed"
