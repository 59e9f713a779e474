"""The course figures and a session's participant list export for Norwegian Excel."""

import pytest
from django.urls import reverse

from ..downloads import body
from .builders import make_session, register


@pytest.mark.django_db
def test_the_course_and_sector_tables_export_as_csv(client_for, cast):
    session = make_session()
    register(session, cast.vefsn, 1)
    client = client_for(cast.coordinator)
    for table, heading in (("course", "Pulje"), ("sector", "Sektor")):
        response = client.get(reverse("training:statistics") + f"?table={table}&_export=csv")
        assert response.status_code == 200
        lines = body(response).decode("utf-8-sig").splitlines()
        assert heading in lines[0] and len(lines) == 2


@pytest.mark.django_db
def test_the_coordinator_exports_a_sessions_participants(client_for, cast):
    session = make_session()
    register(session, cast.vefsn, 1)
    response = client_for(cast.coordinator).get(reverse("training:session_detail", args=[session.pk]) + "?_export=csv")
    text = body(response).decode("utf-8-sig")
    assert response.status_code == 200 and "Vefsn" in text and ";" in text.splitlines()[0]
