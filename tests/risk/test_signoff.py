"""The risk owner's sign-off: sent by the editor, pinned to one version and its SHA-256, append-only,
and made historical by any later change ("Endret etter godkjenning")."""

import pytest
from django.core import mail
from django.urls import reverse

from isms.core.models import Notification, SignOff
from isms.core.models.signoffs import AppendOnlyError
from isms.core.signoff import content_digest
from risk.models import AnalysisStatus
from risk.services import RiskInputError, save_scenario
from risk.workflow import request_signoff, sign_analysis

from .builders import make_analysis, make_scenario


def sent(cast, *, likelihood=2, consequence=2, residual=(None, None)):
    analysis = make_analysis(cast.vefsn, cast.leader_vefsn)
    make_scenario(
        analysis, likelihood=likelihood, consequence=consequence,
        residual_likelihood=residual[0], residual_consequence=residual[1],
    )  # fmt: skip
    return request_signoff(analysis=analysis, actor=cast.editor_vefsn, expected_version=analysis.version)


def sign_page(analysis) -> str:
    return reverse("risk:analysis_sign", args=[analysis.municipality.slug, analysis.pk])


@pytest.mark.django_db
def test_sending_for_sign_off_tells_the_risk_owner_by_email_and_in_the_app(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        analysis = sent(cast)
    assert analysis.status == AnalysisStatus.AWAITING_SIGNOFF
    assert analysis.version == 1  # sending is a workflow step, not a new version of the content
    notification = Notification.objects.get(user=cast.leader_vefsn)
    assert notification.emailed_at is not None
    assert [message.to for message in mail.outbox] == [[cast.leader_vefsn.email]]
    assert "ROS for KOBO" in mail.outbox[0].subject


@pytest.mark.django_db
def test_the_risk_owner_sees_the_analysis_under_til_signering(client_for, cast):
    analysis = sent(cast)
    page = client_for(cast.leader_vefsn).get(reverse("core:to_sign")).content.decode()
    assert sign_page(analysis) in page
    assert sign_page(analysis) not in client_for(cast.leader_rana).get(reverse("core:to_sign")).content.decode()


@pytest.mark.django_db
def test_an_approval_is_pinned_to_the_version_and_the_hash_of_the_whole_analysis(client_for, cast):
    analysis = sent(cast)
    response = client_for(cast.leader_vefsn).post(
        sign_page(analysis), {"decision": "approved", "comment": "", "expected_version": 1}
    )
    assert response.status_code == 302
    signoff = SignOff.objects.get()
    analysis.refresh_from_db()
    assert (signoff.root_version, signoff.signer, analysis.status) == (1, cast.leader_vefsn, AnalysisStatus.APPROVED)
    assert signoff.content_sha256 == content_digest(analysis)


@pytest.mark.django_db
def test_changing_a_measure_after_approval_marks_the_analysis_changed_after_approval(client_for, cast):
    analysis = sent(cast)
    sign_analysis(analysis=analysis, signer=cast.leader_vefsn, decision="approved", comment="", expected_version=1)
    signed_digest = SignOff.objects.get().content_sha256
    make_measure_through_service = client_for(cast.editor_vefsn).post(
        reverse("risk:measure_create", args=["vefsn", analysis.pk]),
        {"title": "Opplæring", "strategy": "reduce", "status": "planned", "expected_version": 1,
         "change_reason": "Nytt tiltak etter møte"},
    )  # fmt: skip
    assert make_measure_through_service.status_code == 302
    analysis.refresh_from_db()
    assert analysis.version == 2 and analysis.changed_after_approval
    assert content_digest(analysis) != signed_digest
    page = client_for(cast.viewer_vefsn).get(reverse("risk:analysis_detail", args=["vefsn", analysis.pk]))
    assert "Endret etter godkjenning" in page.content.decode()


@pytest.mark.django_db
def test_a_change_after_approval_needs_a_reason(cast):
    analysis = sent(cast)
    sign_analysis(analysis=analysis, signer=cast.leader_vefsn, decision="approved", comment="", expected_version=1)
    analysis.refresh_from_db()
    from isms.core.tracking import ReasonRequiredError

    with pytest.raises(ReasonRequiredError):
        save_scenario(
            analysis=analysis, actor=cast.editor_vefsn, expected_version=1, reason="",
            values={"title": "Ny", "asset": "Søknader", "security": ["A"], "likelihood": 1, "consequence": 1},
        )  # fmt: skip


@pytest.mark.django_db
def test_the_same_version_cannot_be_signed_twice(cast):
    analysis = sent(cast)
    sign_analysis(analysis=analysis, signer=cast.leader_vefsn, decision="approved", comment="", expected_version=1)
    with pytest.raises(RiskInputError, match="allerede signert"):
        sign_analysis(analysis=analysis, signer=cast.leader_vefsn, decision="approved", comment="", expected_version=1)
    assert SignOff.objects.count() == 1


@pytest.mark.django_db
def test_red_residual_risk_needs_an_explicit_confirmation(client_for, cast):
    analysis = sent(cast, likelihood=5, consequence=5, residual=(4, 4))
    client = client_for(cast.leader_vefsn)
    refused = client.post(sign_page(analysis), {"decision": "approved", "expected_version": 1})
    assert refused.status_code == 400
    assert "fortsatt røde etter tiltak" in refused.content.decode()
    assert not SignOff.objects.exists()
    accepted = client.post(
        sign_page(analysis), {"decision": "approved", "expected_version": 1, "high_risk_confirmed": "on"}
    )
    assert accepted.status_code == 302
    assert SignOff.objects.get().high_risk_confirmed


@pytest.mark.django_db
def test_rejecting_needs_a_reason_and_returns_the_analysis_to_the_editor(client_for, cast):
    analysis = sent(cast)
    client = client_for(cast.leader_vefsn)
    refused = client.post(sign_page(analysis), {"decision": "rejected", "comment": "", "expected_version": 1})
    assert "Si hvorfor du ikke aksepterer restrisikoen." in refused.content.decode()
    client.post(sign_page(analysis), {"decision": "rejected", "comment": "Mangler tiltak", "expected_version": 1})
    analysis.refresh_from_db()
    assert analysis.status == AnalysisStatus.REJECTED
    assert Notification.objects.filter(user=cast.editor_vefsn, subject__contains="Ikke godkjent").exists()


@pytest.mark.django_db
def test_an_editor_cannot_sign_and_a_leader_of_rana_never_sees_vefsns_analysis(client_for, cast):
    analysis = sent(cast)
    data = {"decision": "approved", "expected_version": 1}
    assert client_for(cast.editor_vefsn).post(sign_page(analysis), data).status_code == 403
    assert client_for(cast.leader_rana).post(sign_page(analysis), data).status_code == 404
    assert not SignOff.objects.exists()


@pytest.mark.django_db
def test_a_leader_who_is_not_the_risk_owner_cannot_sign(cast, django_user_model):
    from isms.core.models import Membership

    other = django_user_model.objects.create_user(email="leder2.vefsn@demo.no", password="x")
    Membership.objects.create(user=other, municipality=cast.vefsn, role="leader")
    analysis = sent(cast)
    with pytest.raises(RiskInputError):
        sign_analysis(analysis=analysis, signer=other, decision="approved", comment="", expected_version=1)


@pytest.mark.django_db
def test_signing_a_version_the_leader_has_not_read_is_refused(client_for, cast):
    analysis = sent(cast)
    save_scenario(
        analysis=analysis, actor=cast.editor_vefsn, expected_version=1, reason="Glemt scenario",
        values={"title": "Ny", "asset": "Søknader", "security": ["A"], "likelihood": 1, "consequence": 1},
    )  # fmt: skip
    response = client_for(cast.leader_vefsn).post(sign_page(analysis), {"decision": "approved", "expected_version": 1})
    assert response.status_code == 302
    assert not SignOff.objects.exists()


@pytest.mark.django_db
def test_sign_offs_are_append_only(cast):
    analysis = sent(cast)
    signoff = sign_analysis(
        analysis=analysis, signer=cast.leader_vefsn, decision="approved", comment="", expected_version=1
    )
    with pytest.raises(AppendOnlyError):
        signoff.save()
    with pytest.raises(AppendOnlyError):
        signoff.delete()
    with pytest.raises(AppendOnlyError):
        SignOff.objects.all().delete()


@pytest.mark.django_db
def test_a_stale_scenario_save_names_the_scenario_the_other_editor_added(client_for, cast):
    analysis = make_analysis(cast.vefsn, cast.leader_vefsn)
    save_scenario(
        analysis=analysis, actor=cast.leader_vefsn, expected_version=1, reason="",
        values={"title": "Strømbrudd i serverrommet", "asset": "Server", "security": ["A"], "likelihood": 2,
                "consequence": 3},
    )  # fmt: skip
    response = client_for(cast.editor_vefsn).post(
        reverse("risk:scenario_create", args=["vefsn", analysis.pk]),
        {"title": "Phishing", "asset": "E-post", "security": ["C"], "likelihood": 3, "consequence": 3,
         "expected_version": 1},
    )  # fmt: skip
    assert response.status_code == 409
    assert "Strømbrudd i serverrommet" in response.content.decode()
