"""The refusals of the DPIA's flow, one rule each: sending incomplete, advice by someone else than the
DPO, a decision against the advice without reasons, a response required after revision, the leader who
decides, the Art. 36 flag, "Må vurderes på nytt" and archiving."""

import datetime

import pytest
from django.urls import reverse

from dpia.models import Dpia, DpiaStatus
from dpia.services import DpiaInputError, save_dpia
from dpia.workflow import decide, give_advice, record_prior_consultation, send_for_decision, send_to_dpo
from isms.core.models import MembershipRole
from tests.factories import MembershipFactory, UserFactory

from .builders import complete_dpia


def advised(cast, *, high=False, leader=None, decision="agrees", comment=""):
    dpia = complete_dpia(cast.vefsn, cast.editor_vefsn, leader, high=high)
    dpia = send_to_dpo(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)
    give_advice(dpia=dpia, dpo=cast.dpo, decision=decision, comment=comment, notes={}, expected_version=dpia.version)
    return Dpia.objects.get(pk=dpia.pk)


def approved(cast, **kwargs):
    dpia = advised(cast, leader=cast.leader_vefsn, **kwargs)
    dpia = send_for_decision(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)
    decide(dpia=dpia, leader=cast.leader_vefsn, decision="approved", comment="Ok", expected_version=dpia.version)
    return Dpia.objects.get(pk=dpia.pk)


# --- Who decides ---


@pytest.mark.django_db
def test_the_editor_chooses_the_leader_when_sending_for_decision(cast):
    dpia = advised(cast)
    assert dpia.decision_maker is None
    with pytest.raises(DpiaInputError, match="Velg en leder"):
        send_for_decision(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)
    sent = send_for_decision(
        dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version, decision_maker_id=cast.leader_vefsn.pk
    )
    assert sent.status == DpiaStatus.AWAITING_DECISION and sent.decision_maker == cast.leader_vefsn
    # Who decides is content: a new version, decided on by the leader; no response to the advice needed.
    assert sent.version == dpia.version + 1
    assert sent.history.filter(history_change_reason__startswith="Besluttes av").exists()


@pytest.mark.django_db
def test_a_leader_of_another_municipality_or_an_editor_cannot_be_chosen(cast):
    dpia = advised(cast)
    for someone in (cast.leader_rana, cast.editor_vefsn):
        with pytest.raises(DpiaInputError, match="Velg en leder"):
            send_for_decision(
                dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version, decision_maker_id=someone.pk
            )
    assert Dpia.objects.get(pk=dpia.pk).status == DpiaStatus.ADVISED


@pytest.mark.django_db
def test_the_detail_page_offers_the_leaders_and_preselects_the_only_one(cast, client_for):
    dpia = advised(cast)
    url = reverse("dpia:detail", args=["vefsn", dpia.pk])
    page = client_for(cast.editor_vefsn).get(url).content.decode()
    assert f'<option value="{cast.leader_vefsn.pk}" selected>' in page
    assert str(cast.leader_rana.pk) + '"' not in page.split('id="decision-maker"')[1].split("</select>")[0]
    second = MembershipFactory(municipality=cast.vefsn, role=MembershipRole.LEADER, user=UserFactory()).user
    page = client_for(cast.editor_vefsn).get(url).content.decode()
    chooser = page.split('id="decision-maker"')[1].split("</select>")[0]
    assert '<option value="">Velg en leder</option>' in chooser and "selected" not in chooser
    response = client_for(cast.editor_vefsn).post(
        reverse("dpia:submit", args=["vefsn", dpia.pk]),
        {"expected_version": dpia.version, "decision_maker": second.pk},
    )
    assert response.status_code == 302
    assert Dpia.objects.get(pk=dpia.pk).decision_maker == second


# --- Refusals of the flow ---


@pytest.mark.django_db
def test_a_dpia_with_the_dpo_or_the_leader_cannot_be_sent_again(cast):
    dpia = complete_dpia(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn)
    dpia = send_to_dpo(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)
    with pytest.raises(DpiaInputError, match="allerede hos personvernombudet eller lederen"):
        send_to_dpo(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)
    with pytest.raises(DpiaInputError, match="Be om personvernombudets råd"):
        send_for_decision(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)


@pytest.mark.django_db
def test_the_leader_cannot_be_asked_before_the_dpo_has_advised(cast):
    dpia = complete_dpia(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn)
    with pytest.raises(DpiaInputError, match="Be om personvernombudets råd"):
        send_for_decision(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)


@pytest.mark.django_db
def test_advice_needs_a_choice_reasons_unless_agreeing_and_a_dpia_waiting_for_it(cast):
    dpia = complete_dpia(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn)
    with pytest.raises(DpiaInputError, match="venter ikke på råd"):
        give_advice(dpia=dpia, dpo=cast.dpo, decision="agrees", comment="", notes={}, expected_version=dpia.version)
    dpia = send_to_dpo(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)
    for someone in (cast.coordinator, cast.editor_vefsn):
        with pytest.raises(DpiaInputError, match="personvernombudet"):
            give_advice(dpia=dpia, dpo=someone, decision="agrees", comment="", notes={}, expected_version=dpia.version)
    with pytest.raises(DpiaInputError):
        give_advice(dpia=dpia, dpo=cast.dpo, decision="approved", comment="x", notes={}, expected_version=dpia.version)
    with pytest.raises(DpiaInputError, match="Begrunn"):
        give_advice(dpia=dpia, dpo=cast.dpo, decision="disagrees", comment=" ", notes={}, expected_version=dpia.version)
    assert Dpia.objects.get(pk=dpia.pk).status == DpiaStatus.AWAITING_ADVICE


@pytest.mark.django_db
def test_rejecting_needs_reasons_and_so_does_rejecting_against_agreeing_advice(cast):
    dpia = advised(cast, leader=cast.leader_vefsn)
    dpia = send_for_decision(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)
    with pytest.raises(DpiaInputError, match="mot personvernombudets råd"):
        decide(dpia=dpia, leader=cast.leader_vefsn, decision="rejected", comment="", expected_version=dpia.version)
    with pytest.raises(DpiaInputError):
        decide(dpia=dpia, leader=cast.leader_vefsn, decision="maybe", comment="", expected_version=dpia.version)
    with pytest.raises(DpiaInputError, match="Bare lederen"):
        decide(dpia=dpia, leader=cast.leader_rana, decision="approved", comment="", expected_version=dpia.version)
    decide(
        dpia=dpia,
        leader=cast.leader_vefsn,
        decision="rejected",
        comment="Mangler logging",
        expected_version=dpia.version,
    )
    rejected = Dpia.objects.get(pk=dpia.pk)
    assert rejected.status == DpiaStatus.REJECTED and rejected.last_decision == "rejected"
    # A rejected DPIA goes back to the DPO, not straight to the leader again.
    with pytest.raises(DpiaInputError, match="Be om personvernombudets råd"):
        send_for_decision(dpia=rejected, actor=cast.editor_vefsn, expected_version=rejected.version)


@pytest.mark.django_db
def test_no_response_is_needed_when_nothing_changed_since_the_advice(cast):
    dpia = advised(cast, leader=cast.leader_vefsn, decision="conditions", comment="Logging")
    sent = send_for_decision(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)
    assert sent.status == DpiaStatus.AWAITING_DECISION and sent.version == dpia.version


@pytest.mark.django_db
def test_prior_consultation_only_with_high_residual_risk_and_never_in_the_future(cast, client_for):
    low = advised(cast, leader=cast.leader_vefsn)
    with pytest.raises(DpiaInputError, match="forhåndsdrøfting"):
        record_prior_consultation(dpia=low, actor=cast.leader_vefsn, sent_on=datetime.date(2026, 11, 30))
    page = client_for(cast.viewer_vefsn).get(reverse("dpia:detail", args=["vefsn", low.pk])).content.decode()
    assert "Forhåndsdrøfting med Datatilsynet (art. 36)" not in page
    high = complete_dpia(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn, high=True, name="Velferdsteknologi")
    with pytest.raises(DpiaInputError, match="fram i tid"):
        record_prior_consultation(
            dpia=high, actor=cast.leader_vefsn, sent_on=datetime.date.today() + datetime.timedelta(days=1)
        )
    assert Dpia.objects.get(pk=high.pk).prior_consultation_sent_on is None


@pytest.mark.django_db
def test_a_dpia_to_be_reassessed_goes_back_for_advice_when_revised(cast, client_for):
    from isms.protocol.services import save_processing_activity

    dpia = approved(cast)
    activity = dpia.processing_activity
    save_processing_activity(
        municipality=cast.vefsn, actor=cast.editor_vefsn, values={"purposes": "Også statistikk"},
        system_use_ids=[], processor_ids=[], reason="Nytt formål", activity=activity, expected_version=activity.version,
    )  # fmt: skip
    dpia = Dpia.objects.get(pk=dpia.pk)
    assert dpia.must_be_reassessed and dpia.state_label == "Må vurderes på nytt"
    page = client_for(cast.editor_vefsn).get(reverse("dpia:list", args=["vefsn"])).content.decode()
    assert "Må vurderes på nytt" in page
    revised, _changed = save_dpia(
        dpia=dpia, actor=cast.editor_vefsn, values={"purposes": "Også statistikk"}, reason="Ny vurdering",
        expected_version=dpia.version,
    )  # fmt: skip
    assert revised.status == DpiaStatus.ADVISED and not revised.must_be_reassessed
    assert revised.changed_after_approval
    with pytest.raises(DpiaInputError, match="fulgte opp"):
        send_for_decision(dpia=revised, actor=cast.editor_vefsn, expected_version=revised.version)


# --- Archive ---


@pytest.mark.django_db
def test_archiving_needs_a_reason_and_history_records_it(cast):
    from dpia.workflow import archive_dpia

    dpia = approved(cast)
    with pytest.raises(DpiaInputError, match="Forklar hvorfor"):
        archive_dpia(dpia=dpia, actor=cast.editor_vefsn, reason="  ", expected_version=dpia.version)
    archived = archive_dpia(
        dpia=dpia, actor=cast.editor_vefsn, reason="Behandlingen er avsluttet", expected_version=dpia.version
    )
    assert archived.status == DpiaStatus.ARCHIVED and archived.version == dpia.version  # a state, not content
    row = archived.history.order_by("-history_date", "-history_id").first()
    assert row.history_user == cast.editor_vefsn and "Behandlingen er avsluttet" in row.history_change_reason
    # Archiving twice changes nothing; an archived DPIA is not changed, sent or re-archived.
    assert archive_dpia(dpia=archived, actor=cast.editor_vefsn, reason="Igjen", expected_version=archived.version)
    assert archived.history.count() == row.instance.history.count()
    with pytest.raises(DpiaInputError, match="arkivert"):
        save_dpia(dpia=archived, actor=cast.editor_vefsn, values={"purposes": "x"}, reason="x",
                  expected_version=archived.version)  # fmt: skip
    with pytest.raises(DpiaInputError, match="arkivert"):
        send_to_dpo(dpia=archived, actor=cast.editor_vefsn, expected_version=archived.version)


@pytest.mark.django_db
def test_a_dpia_with_the_dpo_or_the_leader_is_not_archived(cast):
    from dpia.workflow import archive_dpia

    dpia = complete_dpia(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn)
    dpia = send_to_dpo(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)
    with pytest.raises(DpiaInputError, match="vent på svaret"):
        archive_dpia(dpia=dpia, actor=cast.editor_vefsn, reason="Feil", expected_version=dpia.version)


@pytest.mark.django_db
def test_an_archived_dpia_leaves_the_lists_and_the_queue_but_stays_readable(cast, client_for):
    dpia = approved(cast)
    kept = complete_dpia(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn, name="Barnevern")
    kept = send_to_dpo(dpia=kept, actor=cast.editor_vefsn, expected_version=kept.version)
    editor = client_for(cast.editor_vefsn)
    detail = reverse("dpia:detail", args=["vefsn", dpia.pk])
    assert "archive-reason" in editor.get(detail).content.decode()
    response = editor.post(
        reverse("dpia:archive", args=["vefsn", dpia.pk]), {"expected_version": dpia.version, "change_reason": ""}
    )
    assert response.status_code == 302 and Dpia.objects.get(pk=dpia.pk).status == DpiaStatus.APPROVED
    editor.post(
        reverse("dpia:archive", args=["vefsn", dpia.pk]),
        {"expected_version": dpia.version, "change_reason": "Behandlingen er avsluttet"},
    )
    assert Dpia.objects.get(pk=dpia.pk).status == DpiaStatus.ARCHIVED

    listing = editor.get(reverse("dpia:list", args=["vefsn"])).content.decode()
    in_use = listing.split('id="dpia-caption"')[1].split("</table>")[0]
    assert dpia.title not in in_use and "Barnevern" in in_use
    assert "1 arkivert DPIA" in listing and detail in listing
    queue = client_for(cast.dpo).get(reverse("dpia:dpo_queue")).content.decode()
    assert detail not in queue and "Barnevern" in queue and "1 DPIA" in queue

    page = client_for(cast.viewer_vefsn).get(detail)
    text = page.content.decode()
    assert page.status_code == 200 and "Denne DPIA-en er arkivert" in text
    assert "archive-reason" not in editor.get(detail).content.decode()
    assert client_for(cast.viewer_vefsn).get(reverse("dpia:pdf", args=["vefsn", dpia.pk])).status_code == 200
    assert client_for(cast.editor_rana).get(detail).status_code == 404
