"""One rule for "an agreement is in force on a day" (ADR 5): the list's "DBA mangler" flag, the protocol PDF,
the register's filter, the joint agreement's count and the model method all give the same answer."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from isms.protocol.models import (
    AgreementStatus,
    DataProcessingAgreement,
    JointAgreement,
    ProcessingProcessor,
    Vendor,
)
from isms.protocol.selectors import joint_agreements, processing_activities

from ..pdf_text import pdf_pages
from .test_pdfs import _activity

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)

CASES = {
    "signed yesterday, open-ended": (AgreementStatus.SIGNED, TODAY - DAY, None, True),
    "signed today, ends today": (AgreementStatus.SIGNED, TODAY, TODAY, True),
    "signed after the day": (AgreementStatus.SIGNED, TODAY + DAY, None, False),
    "unsigned draft": (AgreementStatus.DRAFT, None, None, False),
    "sent, not signed": (AgreementStatus.SENT, None, None, False),
    "expired": (AgreementStatus.SIGNED, TODAY - 400 * DAY, TODAY - DAY, False),
}


@pytest.fixture(params=list(CASES), ids=list(CASES))
def case(request, cast):
    status, signed_on, valid_until, in_force = CASES[request.param]
    vendor = Vendor.objects.create(name="Husbanken", country="NO")
    activity = _activity(cast.vefsn, cast.editor_vefsn)
    ProcessingProcessor.objects.create(municipality=cast.vefsn, processing_activity=activity, vendor=vendor)
    joint = JointAgreement.objects.create(title="KOBO", vendor=vendor)
    agreement = DataProcessingAgreement.objects.create(
        municipality=cast.vefsn, vendor=vendor, parent=joint, title="DBA KOBO", status=status,
        signed_on=signed_on, valid_until=valid_until,
    )  # fmt: skip
    return agreement, in_force


def test_model_method_and_queryset_method_agree(case):
    agreement, in_force = case
    assert agreement.in_force_on(TODAY) is in_force
    assert DataProcessingAgreement.objects.in_force_on(TODAY).filter(pk=agreement.pk).exists() is in_force
    assert agreement.is_in_force is in_force


def test_list_flag_pdf_register_filter_and_joint_count_agree(case, cast, client_for):
    agreement, in_force = case
    client = client_for(cast.viewer_vefsn)
    assert processing_activities(municipality=cast.vefsn).get().lacks_agreement is not in_force

    listing = client.get(reverse("protocol:processing_list", args=["vefsn"])).content.decode()
    assert ('data-color="danger">DBA mangler</span>' in listing) is not in_force

    pdf = "\n".join(pdf_pages(client.get(reverse("protocol:processing_pdf", args=["vefsn"])).content))
    assert ("DBA mangler for Husbanken" in pdf) is not in_force
    assert ("Husbanken – DBA i kraft" in pdf) is in_force

    not_in_force = client.get(reverse("protocol:agreement_list", args=["vefsn"]), {"attention": "not_in_force"})
    assert (f"/agreements/{agreement.pk}/" in not_in_force.content.decode()) is not in_force

    assert joint_agreements().get().signed_count == int(in_force)


def test_an_agreement_signed_ahead_says_from_when_it_is_in_force(case):
    agreement, in_force = case
    if agreement.status == AgreementStatus.SIGNED and agreement.signed_on > TODAY:
        assert agreement.status_label.startswith("Signert, i kraft fra")
    elif agreement.status == AgreementStatus.SIGNED and not in_force:
        assert agreement.status_label == "Signert, men utløpt"
    else:
        assert agreement.status_label == agreement.get_status_display()
