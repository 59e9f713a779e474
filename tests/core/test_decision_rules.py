"""The leader's decision after the DPO's advice is one set of rules for the DPIA and the avvik
(`isms.core.decisions`, `isms.core.flow_pages`): the same refusals, the same history and notice, the same
pages. Each test runs for both kinds, so the two cannot drift apart again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from dpia import workflow as dpia_flow
from dpia.models import Dpia, DpiaStatus
from dpia.services import DpiaInputError
from isms.core.models import Notification, SignOffDecision
from isms.incidents import workflow as incident_flow
from isms.incidents.models import Incident, IncidentStatus
from isms.incidents.services import IncidentInputError
from tests.dpia.builders import complete_dpia
from tests.incidents.builders import advised, handled, ready_for_leader, reported, with_measure

pytestmark = pytest.mark.django_db


def _dpia_ready(cast, *, against: bool) -> Dpia:
    """A DPIA with cast.leader_vefsn, advised (against approval when `against`)."""
    dpia = complete_dpia(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn)
    dpia = dpia_flow.send_to_dpo(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)
    dpia_flow.give_advice(
        dpia=dpia,
        dpo=cast.dpo,
        decision="disagrees" if against else "agrees",
        comment="Tiltakene mangler." if against else "",
        notes={},
        expected_version=dpia.version,
    )
    dpia = Dpia.objects.get(pk=dpia.pk)
    dpia_flow.send_for_decision(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)
    return Dpia.objects.get(pk=dpia.pk)


def _dpia_decide(root, leader, *, approve: bool, against: bool, comment: str):
    return dpia_flow.decide(
        dpia=root, leader=leader, decision="approved" if approve else "rejected", comment=comment,
        expected_version=root.version,
    )  # fmt: skip


def _dpia_form(root, *, approve: bool, against: bool, comment: str) -> dict:
    return {"decision": "approved" if approve else "rejected", "comment": comment, "expected_version": root.version}


def _incident_ready(cast, *, against: bool) -> Incident:
    """An avvik with cast.leader_vefsn; the DPO advised notifying (against = the leader decides not to)."""
    return ready_for_leader(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn, cast.dpo)


def _incident_decide(root, leader, *, approve: bool, against: bool, comment: str):
    return incident_flow.decide(
        incident=root, leader=leader, approve=approve, notify_choice="not_notify" if against else "notify",
        inform_data_subjects=False, comment=comment, expected_version=root.version,
    )  # fmt: skip


def _incident_form(root, *, approve: bool, against: bool, comment: str) -> dict:
    return {
        "decision": "approve" if approve else "reject", "notify": "not_notify" if against else "notify",
        "inform_data_subjects": "no", "comment": comment, "expected_version": root.version,
    }  # fmt: skip


@dataclass(frozen=True)
class Kind:
    model: Any
    error: type[Exception]
    ready: Callable[..., Any]
    decide: Callable[..., Any]
    form: Callable[..., dict]
    decide_page: str
    detail_page: str
    approved: str  # the status after approval
    not_the_leader: str  # the kind's refusal in bokmål
    rejected_without_reasons: str  # a regular expression
    stale: str
    name: Callable[[Any], str]


KINDS = {
    "dpia": Kind(
        Dpia, DpiaInputError, _dpia_ready, _dpia_decide, _dpia_form, "dpia:decide", "dpia:detail",
        DpiaStatus.APPROVED, "Bare lederen som er valgt til å beslutte", r"Si hvorfor du ikke godkjenner DPIA-en\.",
        "Noen endret DPIA-en etter at du åpnet den", lambda root: root.title,
    ),
    "avvik": Kind(
        Incident, IncidentInputError, _incident_ready, _incident_decide, _incident_form, "incidents:decide",
        "incidents:detail", IncidentStatus.DECIDED, "Bare lederen som er valgt til å beslutte",
        r"Skriv hva som må gjøres før du kan beslutte\.", "Noen endret avviket etter at du åpnet det",
        lambda root: f"avvik {root.reference}",
    ),
}  # fmt: skip


@pytest.fixture(params=list(KINDS))
def kind(request) -> Kind:
    return KINDS[request.param]


def test_following_the_advice_needs_no_reasons_and_is_pinned_told_and_written_to_history(cast, kind):
    root = kind.ready(cast, against=False)
    assert root.sent_by == cast.editor_vefsn and root.sent_for_decision_at is not None
    sent = f"Sendt til beslutning hos {cast.leader_vefsn.display_name}"
    assert root.history.filter(history_change_reason=sent).exists()
    signoff = kind.decide(root, cast.leader_vefsn, approve=True, against=False, comment="")
    root = kind.model.objects.get(pk=root.pk)
    assert root.status == kind.approved and root.signoff_state.is_approved
    assert signoff.decision == SignOffDecision.APPROVED and signoff.root_version == root.version
    assert root.history.filter(history_change_reason__startswith="Godkjent").exists()
    told = Notification.objects.get(user=cast.editor_vefsn, subject__startswith="Godkjent:")
    assert told.subject == f"Godkjent: {kind.name(root)}"
    assert told.link == reverse(kind.detail_page, args=["vefsn", root.pk])


def test_going_against_the_advice_needs_reasons(cast, kind):
    root = kind.ready(cast, against=True)
    with pytest.raises(kind.error, match="Du beslutter mot personvernombudets råd: oppgi begrunnelsen"):
        kind.decide(root, cast.leader_vefsn, approve=True, against=True, comment=" ")
    kind.decide(root, cast.leader_vefsn, approve=True, against=True, comment="Risikoen er akseptert.")
    root = kind.model.objects.get(pk=root.pk)
    assert root.status == kind.approved
    assert root.history.filter(history_change_reason__endswith="Risikoen er akseptert.").exists()


def test_not_approving_needs_reasons_and_tells_the_sender(cast, kind):
    root = kind.ready(cast, against=True)
    with pytest.raises(kind.error, match=kind.rejected_without_reasons):
        kind.decide(root, cast.leader_vefsn, approve=False, against=False, comment="")
    signoff = kind.decide(root, cast.leader_vefsn, approve=False, against=False, comment="Mangler tiltak.")
    root = kind.model.objects.get(pk=root.pk)
    assert signoff.decision == SignOffDecision.REJECTED and root.last_decision == SignOffDecision.REJECTED
    assert root.status != kind.approved
    assert Notification.objects.filter(user=cast.editor_vefsn, subject=f"Ikke godkjent: {kind.name(root)}").exists()


def test_only_the_chosen_leader_decides_and_others_meet_403(cast, client_for, kind):
    root = kind.ready(cast, against=False)
    for someone in (cast.leader_rana, cast.editor_vefsn):
        with pytest.raises(kind.error, match=kind.not_the_leader):
            kind.decide(root, someone, approve=True, against=False, comment="")
    url = reverse(kind.decide_page, args=["vefsn", root.pk])
    assert client_for(cast.editor_vefsn).get(url).status_code == 403
    assert client_for(cast.leader_rana).get(url).status_code == 404  # Rana does not see Vefsn's
    assert kind.model.objects.get(pk=root.pk).last_decision == ""


def test_the_decision_page_refuses_missing_reasons_with_400_and_a_stale_version_with_a_message(cast, client_for, kind):
    root = kind.ready(cast, against=True)
    client = client_for(cast.leader_vefsn)
    url = reverse(kind.decide_page, args=["vefsn", root.pk])
    assert client.get(url).status_code == 200
    refused = client.post(url, kind.form(root, approve=True, against=True, comment=""))
    assert refused.status_code == 400 and "oppgi begrunnelsen" in refused.content.decode()
    stale = {**kind.form(root, approve=True, against=True, comment="Akseptert."), "expected_version": root.version - 1}
    answer = client.post(url, stale, follow=True)
    assert answer.redirect_chain[0][0] == url and kind.stale in answer.content.decode()
    done = client.post(url, kind.form(root, approve=True, against=True, comment="Akseptert."))
    assert done.status_code == 302 and done["Location"] == reverse(kind.detail_page, args=["vefsn", root.pk])
    assert kind.model.objects.get(pk=root.pk).status == kind.approved


def test_no_one_but_a_leader_of_the_municipality_can_be_sent_the_decision(cast):
    """Both kinds refuse with the same words: the DPIA when the editor picks, the avvik from its handling."""
    dpia = complete_dpia(cast.vefsn, cast.editor_vefsn, None)
    dpia = dpia_flow.send_to_dpo(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)
    dpia_flow.give_advice(
        dpia=dpia, dpo=cast.dpo, decision="agrees", comment="", notes={}, expected_version=dpia.version
    )
    dpia = Dpia.objects.get(pk=dpia.pk)
    with pytest.raises(DpiaInputError, match="Velg en leder i kommunen som skal beslutte"):
        dpia_flow.send_for_decision(
            dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version, decision_maker_id=cast.leader_rana.pk
        )
    incident = advised(with_measure(handled(reported(cast.vefsn, cast.editor_vefsn), cast.editor_vefsn, None),
                                    cast.editor_vefsn), cast.dpo)  # fmt: skip
    with pytest.raises(IncidentInputError, match="Velg en leder i kommunen som skal beslutte"):
        incident_flow.send_for_decision(incident=incident, actor=cast.editor_vefsn, expected_version=incident.version)


def test_the_dpo_advice_of_both_kinds_is_never_changed_or_deleted(cast):
    """A DPIA's advice (a sign-off with notes per section) and an avvik's advice on notification are both
    append-only: new advice is a new row."""
    from dpia.models import AdviceNote
    from isms.core.models import AppendOnlyError
    from isms.incidents.models import NotificationAdvice

    dpia = complete_dpia(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn)
    dpia = dpia_flow.send_to_dpo(dpia=dpia, actor=cast.editor_vefsn, expected_version=dpia.version)
    dpia_flow.give_advice(
        dpia=dpia, dpo=cast.dpo, decision="conditions", comment="Vilkår.", notes={"risks": "Mer logging."},
        expected_version=dpia.version,
    )  # fmt: skip
    _incident_ready(cast, against=False)
    for model in (AdviceNote, NotificationAdvice):
        row = model.objects.get()
        with pytest.raises(AppendOnlyError):
            row.save()
        with pytest.raises(AppendOnlyError):
            row.delete()
        with pytest.raises(AppendOnlyError):
            model.objects.all().delete()
        assert model.objects.count() == 1
