"""The refusals of the DPIA's flow, one rule each: sending incomplete, advice by someone else than the
DPO, a decision against the advice without reasons, a response required after revision, the leader who
decides, the Art. 36 flag, "Må vurderes på nytt" and archiving."""

import pytest
from django.urls import reverse

from dpia.models import Dpia, DpiaStatus
from dpia.services import DpiaInputError
from dpia.workflow import decide, give_advice, send_for_decision, send_to_dpo
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
