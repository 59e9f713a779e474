"""The scheduled deadline checks: each kind tells the right people once per object and occasion, a
second run tells nobody again, a Vefsn editor never hears about Rana, and a run costs the same number
of queries for few objects as for many."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dpia.models import DpiaStatus
from isms.core.checks import CHECKS, run_checks
from isms.core.models import DeadlineNotice, MembershipRole, Municipality, Notification, Template
from isms.protocol.models import AgreementStatus, DataProcessingAgreement, ProcessingActivity, Vendor
from risk.models import AnalysisStatus
from tests.dpia.builders import complete_dpia
from tests.risk.builders import make_analysis, make_measure
from tests.training.builders import make_course, make_round, make_session, register

from ..factories import MembershipFactory, UserFactory

TODAY = datetime.date(2026, 12, 3)


def activity(municipality, name="Startlån", **values) -> ProcessingActivity:
    return ProcessingActivity.objects.create(
        municipality=municipality, name=name, sector="welfare", purposes="Startlån", legal_bases=["e"],
        data_subject_categories="Søkere", personal_data_categories="Navn", retention="Arkivlova", **values,
    )  # fmt: skip


def agreement(municipality, valid_until, title="Databehandleravtale KOBO") -> DataProcessingAgreement:
    vendor, _created = Vendor.objects.get_or_create(name="Husbanken")
    return DataProcessingAgreement.objects.create(
        municipality=municipality, vendor=vendor, title=title, status=AgreementStatus.SIGNED,
        signed_on=datetime.date(2024, 1, 1), valid_until=valid_until,
    )  # fmt: skip


def told(kind: str) -> list[tuple[str, str]]:
    return sorted(Notification.objects.filter(kind=kind).values_list("user__email", "subject"))


def test_every_app_registered_its_checks():
    assert {
        "review_due", "agreement_expiry", "measure_due", "revision_due", "signoff_stale", "ros_joint_update",
        "dpia_waiting_dpo", "dpia_reassess", "dpia_stale", "dpia_joint_update", "course_summary", "kins_membership",
    } <= set(CHECKS)  # fmt: skip


def test_review_due_and_overdue_to_the_editors_of_that_municipality_only(cast):
    activity(cast.vefsn, "Startlån", next_review=TODAY + datetime.timedelta(days=10))
    activity(cast.rana, "Bostøtte", next_review=TODAY - datetime.timedelta(days=1))
    activity(cast.vefsn, "Barnehageopptak", next_review=TODAY + datetime.timedelta(days=60))  # not yet
    assert run_checks(TODAY, ["review_due"]) == {"review_due": 2}
    assert told("review_due") == [
        ("redaktor.rana@example.no", "Gjennomgang forfalt: Bostøtte"),
        ("redaktor.vefsn@example.no", "Gjennomgang nærmer seg: Startlån"),
    ]
    assert run_checks(TODAY, ["review_due"]) == {"review_due": 0}
    # The day it passes, the same activity is told once more: now overdue.
    assert run_checks(TODAY + datetime.timedelta(days=11), ["review_due"]) == {"review_due": 1}
    assert Notification.objects.filter(kind="review_due", user=cast.editor_vefsn).count() == 2


def test_agreements_at_90_and_30_days_and_expired(cast):
    agreement(cast.vefsn, TODAY + datetime.timedelta(days=80))
    assert run_checks(TODAY, ["agreement_expiry"]) == {"agreement_expiry": 1}
    assert run_checks(TODAY + datetime.timedelta(days=5), ["agreement_expiry"]) == {"agreement_expiry": 0}
    assert run_checks(TODAY + datetime.timedelta(days=55), ["agreement_expiry"]) == {"agreement_expiry": 1}
    assert run_checks(TODAY + datetime.timedelta(days=81), ["agreement_expiry"]) == {"agreement_expiry": 1}
    assert run_checks(TODAY + datetime.timedelta(days=82), ["agreement_expiry"]) == {"agreement_expiry": 0}
    subjects = [subject for _email, subject in told("agreement_expiry")]
    assert sorted(subjects) == [
        "Avtale utløper om 25 dager: Husbanken – Databehandleravtale KOBO",
        "Avtale utløper om 80 dager: Husbanken – Databehandleravtale KOBO",
        "Avtale utløpt: Husbanken – Databehandleravtale KOBO",
    ]
    assert {email for email, _subject in told("agreement_expiry")} == {"redaktor.vefsn@example.no"}


def test_measures_due_go_to_their_owner_and_the_editors(cast):
    owner = MembershipFactory(
        user=UserFactory(email="it.sjef@vefsn.kommune.no", first_name="Ida", last_name="Tangen"),
        municipality=cast.vefsn, role=MembershipRole.VIEWER,
    ).user  # fmt: skip
    analysis = make_analysis(cast.vefsn, cast.leader_vefsn)
    make_measure(analysis, "Tofaktorinnlogging", owner="Ida Tangen", due_on=TODAY + datetime.timedelta(days=3))
    make_measure(analysis, "Logging", owner="IT", due_on=TODAY - datetime.timedelta(days=3))
    make_measure(analysis, "Ferdig", due_on=TODAY - datetime.timedelta(days=3), status="done")
    assert run_checks(TODAY, ["measure_due"]) == {"measure_due": 2}
    assert told("measure_due") == [
        (owner.email, "Tiltak med frist: Tofaktorinnlogging"),
        ("redaktor.vefsn@example.no", "Tiltak forfalt: Logging"),
        ("redaktor.vefsn@example.no", "Tiltak med frist: Tofaktorinnlogging"),
    ]
    assert run_checks(TODAY, ["measure_due"]) == {"measure_due": 0}


def test_an_old_analysis_is_due_for_a_new_revision_and_a_changed_approval_tells_the_risk_owner(cast):
    old = make_analysis(cast.vefsn, cast.leader_vefsn, "ROS for Visma")
    old.analysed_on = datetime.date(2025, 11, 1)
    old.status, old.last_signed_version, old.last_decision = AnalysisStatus.APPROVED, 1, "approved"
    old.version = 2  # edited after the approval of version 1
    old.save()
    make_analysis(cast.vefsn, cast.leader_vefsn, "ROS for Elements", status=AnalysisStatus.APPROVED)  # recent
    assert run_checks(TODAY, ["revision_due", "signoff_stale"]) == {"revision_due": 1, "signoff_stale": 1}
    assert told("revision_due") == [
        ("leder.vefsn@example.no", "Ny revisjon skal lages: ROS for Visma"),
        ("redaktor.vefsn@example.no", "Ny revisjon skal lages: ROS for Visma"),
    ]
    assert told("signoff_stale") == [("leder.vefsn@example.no", "Endret etter godkjenning: ROS for Visma")]
    assert run_checks(TODAY, ["revision_due", "signoff_stale"]) == {"revision_due": 0, "signoff_stale": 0}


def test_dpia_waiting_for_the_dpo_reassessment_and_changed_decision(cast, settings):
    settings.DPIA_DPO_WAIT_DAYS = 14
    waiting = complete_dpia(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn, name="Helsetjenester")
    waiting.status, waiting.sent_to_dpo_at = DpiaStatus.AWAITING_ADVICE, timezone.now() - datetime.timedelta(days=20)
    waiting.save()
    approved = complete_dpia(cast.rana, cast.editor_rana, cast.leader_rana, name="Bevillinger")
    approved.status, approved.last_decided_version, approved.last_decision = DpiaStatus.APPROVED, 1, "approved"
    approved.version = 2
    approved.save()
    activity_row = approved.processing_activity
    activity_row.version += 1
    activity_row.save()
    results = run_checks(TODAY, ["dpia_waiting_dpo", "dpia_reassess", "dpia_stale"])
    assert results == {"dpia_waiting_dpo": 1, "dpia_reassess": 1, "dpia_stale": 1}
    assert [email for email, _s in told("dpia_waiting_dpo")] == ["pvo@example.no"]
    assert [email for email, _s in told("dpia_reassess")] == ["redaktor.rana@example.no"]
    assert [email for email, _s in told("dpia_stale")] == ["leder.rana@example.no"]
    assert set(run_checks(TODAY, ["dpia_waiting_dpo", "dpia_reassess", "dpia_stale"]).values()) == {0}


def test_a_joint_analysis_published_in_a_newer_version_tells_the_adopters(cast):
    template = Template.objects.create(kind="risk", key="kobo", title="Felles ROS for KOBO", is_joint=True,
                                       published_version=2)  # fmt: skip
    make_analysis(cast.vefsn, cast.leader_vefsn, "ROS for KOBO", template=template, template_version=1)
    make_analysis(cast.rana, cast.leader_rana, "ROS for KOBO", template=template, template_version=2)
    assert run_checks(TODAY, ["ros_joint_update"]) == {"ros_joint_update": 1}
    assert told("ros_joint_update") == [("redaktor.vefsn@example.no", "Felles ROS-analyse oppdatert: ROS for KOBO")]


def test_the_coordinator_gets_a_weekly_summary_naming_municipalities_at_zero(cast):
    session = make_session(make_course(), make_round(9, "Pulje 9"), starts_on=TODAY + datetime.timedelta(days=30))
    register(session, cast.vefsn, 1)
    today = datetime.date.today()
    assert run_checks(today, ["course_summary"]) == {"course_summary": 1}
    notification = Notification.objects.get(kind="course_summary")
    assert notification.user == cast.coordinator
    assert "Vefsn: 1" in notification.body and "Ingen påmeldte ennå: Rana." in notification.body
    assert run_checks(today + datetime.timedelta(days=1 if today.weekday() < 6 else 0), ["course_summary"]) == {
        "course_summary": 0
    }
    assert run_checks(today + datetime.timedelta(days=7), ["course_summary"]) == {"course_summary": 1}


def test_kins_membership_missing_at_most_monthly_to_the_leaders(cast):
    vefsn = Municipality.objects.get(pk=cast.vefsn.pk)
    vefsn.kins_member, vefsn.kins_member_since = True, datetime.date(2024, 1, 1)
    vefsn.save()
    assert run_checks(TODAY, ["kins_membership"]) == {"kins_membership": 1}
    assert told("kins_membership") == [("leder.rana@example.no", "Rana er ikke medlem av KINS")]
    assert run_checks(TODAY + datetime.timedelta(days=20), ["kins_membership"]) == {"kins_membership": 0}
    assert run_checks(datetime.date(2027, 1, 4), ["kins_membership"]) == {"kins_membership": 1}


def test_a_claimed_notice_is_not_told_again_by_a_second_worker(cast):
    """The second run of the same day finds the claim (the unique row), even without its own read."""
    activity(cast.vefsn, "Startlån", next_review=TODAY)
    assert run_checks(TODAY, ["review_due"])["review_due"] == 1
    assert DeadlineNotice.objects.filter(kind="review_due").count() == 1
    from isms.core.checks import CHECKS, CheckContext, _claim

    notice = next(iter(CHECKS["review_due"].function(CheckContext(today=TODAY))))
    assert _claim("review_due", notice) is False


@pytest.mark.parametrize("kind", sorted(["review_due", "agreement_expiry", "measure_due", "kins_membership"]))
def test_a_check_reads_in_a_constant_number_of_queries(cast, kind):
    """Reads do not grow with the objects: the second run (nothing new) costs the same for 2 as for 20."""

    def build(n: int) -> None:
        for index in range(n):
            number = f"{5000 + Municipality.objects.count():04d}"
            municipality = Municipality.objects.create(
                number=number, name=f"Testkommune {index}", slug=f"test-{kind}-{n}-{index}"
            )
            MembershipFactory(municipality=municipality, role=MembershipRole.EDITOR)
            MembershipFactory(municipality=municipality, role=MembershipRole.LEADER)
            activity(municipality, f"Behandling {index}", next_review=TODAY)
            agreement(municipality, TODAY + datetime.timedelta(days=10), title=f"Avtale {index}")
            make_measure(make_analysis(municipality, cast.leader_vefsn), due_on=TODAY)

    counts = []
    for n in (2, 20):
        build(n)
        run_checks(TODAY, [kind])
        with CaptureQueriesContext(connection) as queries:
            assert run_checks(TODAY, [kind]) == {kind: 0}
        counts.append(len(queries))
    assert counts[0] == counts[1] and counts[0] <= 6, counts
