"""The start page of each role: what waits for this person, and nothing of another municipality."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from dpia.workflow import send_to_dpo
from risk.models import AnalysisStatus
from risk.workflow import request_signoff
from tests.dpia.builders import complete_dpia, make_activity
from tests.risk.builders import make_analysis, make_measure, make_scenario
from tests.training.builders import make_course, make_round, make_session, register

pytestmark = pytest.mark.django_db


def _home(client_for, user) -> str:
    response = client_for(user).get(reverse("core:home"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_dpo_sees_advice_waiting_oldest_first_and_municipalities_needing_action(cast, client_for):
    dpia = complete_dpia(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn)
    send_to_dpo(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)
    page = _home(client_for, cast.dpo)
    assert reverse("dpia:advice", args=["vefsn", dpia.pk]) in page
    assert "Vefsn · sendt i dag" in page and "ventet 0 dager" not in page
    assert "Kommuner som trenger tiltak" in page
    assert "Rana" in page  # nothing registered: red
    assert "Velkommen" not in page


def test_the_coordinator_sees_municipalities_without_course_participants(cast, client_for):
    session = make_session(make_course(), make_round())
    register(session, cast.vefsn, 1)
    page = _home(client_for, cast.coordinator)
    section = page.split("Ingen kursdeltakere denne puljen")[1].split("</section>")[0]
    assert "Rana" in section and "Vefsn" not in section
    assert reverse("oversight:report_list") in page


def test_a_leader_sees_what_waits_for_his_signature_and_only_his_municipality(cast, client_for):
    analysis = make_analysis(cast.vefsn, cast.leader_vefsn, title="ROS for Elements")
    make_scenario(analysis, likelihood=2, consequence=2)
    request_signoff(analysis=analysis, actor=cast.editor_vefsn, expected_version=1)
    make_analysis(cast.rana, cast.leader_rana, title="ROS i Rana")
    page = _home(client_for, cast.leader_vefsn)
    assert reverse("risk:analysis_sign", args=["vefsn", analysis.pk]) in page
    assert "Status i Vefsn" in page
    assert "Rana" not in page  # no figures of another municipality anywhere on his page
    assert reverse("core:to_sign_count") in page  # the count on "Til signering", loaded after the page
    count = client_for(cast.leader_vefsn).get(reverse("core:to_sign_count")).content.decode()
    assert 'class="nav-count">1<' in count
    assert "nav-count" not in client_for(cast.leader_rana).get(reverse("core:to_sign_count")).content.decode()
    assert reverse("core:to_sign_count") not in _home(client_for, cast.editor_vefsn)  # editors do not sign


def test_an_editor_sees_drafts_reviews_due_and_overdue_measures(cast, client_for):
    today = timezone.localdate()
    draft = make_analysis(cast.vefsn, cast.leader_vefsn, title="ROS for skolen", status=AnalysisStatus.DRAFT)
    measure = make_measure(draft, title="Rydd tilganger", due_on=today - datetime.timedelta(days=2))
    activity = make_activity(cast.vefsn, "Barnehageopptak")
    activity.next_review = today + datetime.timedelta(days=10)
    activity.save()
    make_analysis(cast.rana, cast.leader_rana, title="Utkast i Rana", status=AnalysisStatus.DRAFT)
    page = _home(client_for, cast.editor_vefsn)
    assert reverse("risk:analysis_detail", args=["vefsn", draft.pk]) in page
    assert reverse("risk:measure_edit", args=["vefsn", draft.pk, measure.pk]) in page
    assert reverse("protocol:processing_detail", args=["vefsn", activity.pk]) in page
    assert "Utkast i Rana" not in page and "Rana" not in page


def test_staff_see_their_course_places(cast, client_for):
    session = make_session(make_course("Kurs i KINS styringssystem"), make_round())
    register(session, cast.vefsn, "x", email=cast.staff.email)
    page = _home(client_for, cast.staff)
    assert "Mine kursplasser" in page and "Kurs i KINS styringssystem" in page
    assert reverse("training:my_registrations") in page
    assert "Kommuner som trenger tiltak" not in page


def test_leaders_and_editors_open_no_overview_page(cast, client_for):
    for name in ("oversight:status", "oversight:shared_services", "oversight:report_list"):
        for user in (cast.leader_vefsn, cast.editor_vefsn):
            assert client_for(user).get(reverse(name)).status_code == 403
