"""KOBO's DPA with Husbanken is negotiated once; each municipality signs its own row."""

from django.urls import reverse

from isms.protocol.models import AgreementStatus, DataProcessingAgreement, JointAgreement, Vendor
from isms.protocol.services import save_agreement


def test_coordinator_creates_a_joint_agreement_and_sees_who_has_signed(client_for, cast):
    husbanken = Vendor.objects.create(name="Husbanken")
    client = client_for(cast.coordinator)
    response = client.post(
        reverse("protocol:joint_agreement_create"),
        {
            "title": "Databehandleravtale KOBO",
            "vendor": husbanken.pk,
            "municipalities": [cast.vefsn.pk, cast.rana.pk],
            "expected_version": 1,
        },
    )
    assert response.status_code == 302
    joint = JointAgreement.objects.get()
    assert DataProcessingAgreement.objects.filter(parent=joint, status=AgreementStatus.MISSING).count() == 2

    vefsn_row = DataProcessingAgreement.objects.get(parent=joint, municipality=cast.vefsn)
    save_agreement(
        municipality=cast.vefsn,
        actor=cast.leader_vefsn,
        values={"status": AgreementStatus.SIGNED, "signed_on": "2024-03-01"},
        reason="Signert av kommunedirektøren",
        agreement=vefsn_row,
        expected_version=1,
    )
    html = client.get(reverse("protocol:joint_agreement_list")).content.decode()
    assert "signert i 1 av 2" in html
    detail = client.get(reverse("protocol:joint_agreement_detail", args=[joint.pk])).content.decode()
    assert "Vefsn" in detail and "Rana" in detail


def test_editors_do_not_see_the_cooperation_overview(client_for, cast):
    assert client_for(cast.editor_vefsn).get(reverse("protocol:joint_agreement_list")).status_code == 403
    assert client_for(cast.dpo).get(reverse("protocol:joint_agreement_list")).status_code == 200
