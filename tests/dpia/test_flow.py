"""The DPIA's flow: complete before it is sent, the DPO's advice, the response, the leader's decision
(with reasons against the advice), Art. 36, "Må vurderes på nytt", the PDF and bounded queries."""

import pytest
from django.core import mail
from django.urls import reverse

from dpia.models import DpiaStatus
from dpia.services import DpiaInputError, save_dpia
from dpia.workflow import decide, give_advice, record_prior_consultation, send_for_decision, send_to_dpo
from isms.core.models import SignOff
from isms.core.signoff import content_digest
from isms.protocol.services import save_processing_activity
from tests.pdf_text import pdf_pages

from .builders import complete_dpia, make_activity


def advised(cast, decision="agrees", comment="", **kwargs):
    dpia = complete_dpia(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn, **kwargs)
    send_to_dpo(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)
    give_advice(dpia=dpia, dpo=cast.dpo, decision=decision, comment=comment, notes={"risks": "Se på logging"},
                expected_version=dpia.version)  # fmt: skip
    dpia.refresh_from_db()
    return dpia


@pytest.mark.django_db
def test_an_incomplete_dpia_names_its_empty_sections_and_is_not_sent(cast):
    from dpia.services import create_dpia

    dpia = create_dpia(activity=make_activity(cast.vefsn), actor=cast.editor_vefsn)
    with pytest.raises(DpiaInputError) as error:
        send_to_dpo(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)
    assert "Nødvendighet og forholdsmessighet" in str(error.value) and "Dataminimering" in str(error.value)
    dpia.refresh_from_db()
    assert dpia.status == DpiaStatus.DRAFT


@pytest.mark.django_db
def test_the_dpo_is_told_and_sees_the_dpia_in_his_queue(client_for, cast, django_capture_on_commit_callbacks):
    dpia = complete_dpia(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn)
    with django_capture_on_commit_callbacks(execute=True):
        send_to_dpo(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)
    assert [message.to for message in mail.outbox] == [[cast.dpo.email]]
    queue = client_for(cast.dpo).get(reverse("dpia:dpo_queue")).content.decode()
    assert dpia.title in queue and "Vefsn" in queue


@pytest.mark.django_db
def test_only_the_dpo_gives_advice_and_it_is_pinned_to_the_version(cast):
    dpia = complete_dpia(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn)
    send_to_dpo(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)
    with pytest.raises(DpiaInputError, match="personvernombudet"):
        give_advice(dpia=dpia, dpo=cast.leader_vefsn, decision="agrees", comment="", notes={}, expected_version=1)
    signoff = give_advice(
        dpia=dpia, dpo=cast.dpo, decision="conditions", comment="Logging må på plass", notes={"risks": "Logg innsyn"},
        expected_version=dpia.version,
    )  # fmt: skip
    dpia.refresh_from_db()
    assert (signoff.root_version, signoff.content_sha256) == (dpia.version, content_digest(dpia))
    assert [note.text for note in signoff.advice_notes.all()] == ["Logg innsyn"]
    assert dpia.status == DpiaStatus.ADVISED


@pytest.mark.django_db
def test_deciding_against_the_dpos_advice_needs_reasons(cast):
    dpia = advised(cast, decision="disagrees", comment="Mangler rettslig grunnlag")
    send_for_decision(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)
    with pytest.raises(DpiaInputError, match="mot personvernombudets råd"):
        decide(dpia=dpia, leader=cast.leader_vefsn, decision="approved", comment="", expected_version=dpia.version)
    decide(dpia=dpia, leader=cast.leader_vefsn, decision="approved", comment="Hjemmel avklart med KS-advokatene",
           expected_version=dpia.version)  # fmt: skip
    dpia.refresh_from_db()
    assert dpia.status == DpiaStatus.APPROVED
    assert dpia.processing_activity.dpia_status == "done"


@pytest.mark.django_db
def test_a_revision_after_the_advice_needs_a_response_before_the_decision(cast):
    dpia = advised(cast, decision="conditions", comment="Logging")
    dpia, _changed = save_dpia(dpia=dpia, actor=cast.editor_vefsn, values={"purposes": "Nytt formål"},
                               reason="Etter råd", expected_version=dpia.version)  # fmt: skip
    with pytest.raises(DpiaInputError, match="fulgte opp"):
        send_for_decision(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)
    dpia, _changed = save_dpia(dpia=dpia, actor=cast.editor_vefsn, values={"response_to_advice": "Logging innført"},
                               reason="Svar på råd", expected_version=dpia.version)  # fmt: skip
    send_for_decision(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)


@pytest.mark.django_db
def test_a_decision_by_a_non_leader_or_on_an_old_version_is_refused(client_for, cast):
    dpia = advised(cast)
    send_for_decision(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)
    url = reverse("dpia:decide", args=["vefsn", dpia.pk])
    assert (
        client_for(cast.editor_vefsn).post(url, {"decision": "approved", "expected_version": dpia.version}).status_code
        == 403
    )
    stale = client_for(cast.leader_vefsn).post(url, {"decision": "approved", "expected_version": dpia.version - 1})
    assert stale.status_code == 302 and not SignOff.objects.filter(role="leader").exists()


@pytest.mark.django_db
def test_high_residual_risk_flags_prior_consultation_and_the_leader_records_it(client_for, cast):
    dpia = advised(cast, high=True)
    send_for_decision(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)
    decide(dpia=dpia, leader=cast.leader_vefsn, decision="approved", comment="", expected_version=dpia.version)
    page = client_for(cast.viewer_vefsn).get(reverse("dpia:detail", args=["vefsn", dpia.pk])).content.decode()
    assert "Forhåndsdrøfting med Datatilsynet (art. 36)" in page
    import datetime

    record_prior_consultation(dpia=dpia, actor=cast.leader_vefsn, sent_on=datetime.date(2026, 11, 30))
    dpia.refresh_from_db()
    assert dpia.prior_consultation_sent_on == datetime.date(2026, 11, 30)
    pdf = "\n".join(pdf_pages(client_for(cast.viewer_vefsn).get(reverse("dpia:pdf", args=["vefsn", dpia.pk])).content))
    assert "– Høy" in pdf and "high" not in pdf


@pytest.mark.django_db
def test_an_approved_dpia_must_be_reassessed_when_the_processing_changes(client_for, cast):
    dpia = advised(cast)
    send_for_decision(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)
    decide(dpia=dpia, leader=cast.leader_vefsn, decision="approved", comment="", expected_version=dpia.version)
    activity = dpia.processing_activity
    activity.refresh_from_db()
    save_processing_activity(
        municipality=cast.vefsn, actor=cast.editor_vefsn, values={"purposes": "Også statistikk"},
        system_use_ids=[], processor_ids=[], reason="Nytt formål", activity=activity, expected_version=activity.version,
    )  # fmt: skip
    client = client_for(cast.viewer_vefsn)
    page = client.get(reverse("dpia:detail", args=["vefsn", dpia.pk])).content.decode()
    assert "Må vurderes på nytt" in page
    pdf = "\n".join(pdf_pages(client.get(reverse("dpia:pdf", args=["vefsn", dpia.pk])).content))
    assert "Må vurderes på nytt" in pdf


@pytest.mark.django_db
def test_the_pdf_holds_the_advice_and_the_decision_as_of_any_version(client_for, cast):
    dpia = advised(cast, decision="conditions", comment="Logging må på plass")
    dpia, _changed = save_dpia(dpia=dpia, actor=cast.editor_vefsn, values={"response_to_advice": "Logging innført"},
                               reason="Svar", expected_version=dpia.version)  # fmt: skip
    send_for_decision(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)
    decide(dpia=dpia, leader=cast.leader_vefsn, decision="approved", comment="Godkjent", expected_version=dpia.version)
    client = client_for(cast.viewer_vefsn)
    url = reverse("dpia:pdf", args=["vefsn", dpia.pk])
    now = "\n".join(pdf_pages(client.get(url).content))
    assert "Logging må på plass" in now and "Logging innført" in now and "Godkjent (v" in now
    first = "\n".join(pdf_pages(client.get(url + f"?version={dpia.version - 1}").content))
    assert "Logging innført" not in first


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 20])
def test_queue_detail_and_pdf_run_a_constant_number_of_queries(client_for, cast, django_assert_max_num_queries, count):
    dpias = []
    for index in range(count):
        dpia = complete_dpia(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn, name=f"Behandling {index}")
        for n in range(index % 5):
            dpia.risks.create(municipality=cast.vefsn, kind="other", title=f"Egen risiko {n}", severity=2, likelihood=2)
        send_to_dpo(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)
        dpias.append(dpia)
    pages = [
        (cast.dpo, reverse("dpia:dpo_queue")),
        (cast.viewer_vefsn, reverse("dpia:detail", args=["vefsn", dpias[-1].pk])),
        (cast.viewer_vefsn, reverse("dpia:pdf", args=["vefsn", dpias[-1].pk])),
        (cast.viewer_vefsn, reverse("dpia:list", args=["vefsn"])),
        (cast.leader_vefsn, reverse("core:to_sign")),
    ]
    for user, url in pages:
        client = client_for(user)
        with django_assert_max_num_queries(18):
            assert client.get(url).status_code == 200, url
