"""Data processing agreements (Art. 28): per municipality and vendor, optionally under a joint parent."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from isms.core.countries import COUNTRY_CHOICES
from isms.core.files import UnguessableUploadTo
from isms.core.models import Municipality
from isms.core.tracking import TrackedModel

from .catalogue import Vendor
from .choices import AgreementStatus, TransferMechanism


class JointAgreement(TrackedModel):
    """A DPA negotiated once for a shared service (KOBO with Husbanken); each municipality signs its own row."""

    title = models.CharField(_("title"), max_length=200)
    vendor = models.ForeignKey(
        Vendor, verbose_name=_("vendor"), on_delete=models.PROTECT, related_name="joint_agreements"
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("joint data processing agreement")
        verbose_name_plural = _("joint data processing agreements")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


def in_force_q(day: datetime.date, *, prefix: str = "") -> Q:
    """The database side of `DataProcessingAgreement.in_force_on` (ADR 5), for querysets and for counts over
    a relation (`prefix="municipal_agreements__"`): signed, signed on or before the day, not run out."""
    return Q(**{f"{prefix}status": AgreementStatus.SIGNED, f"{prefix}signed_on__lte": day}) & (
        Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gte": day})
    )


class AgreementQuerySet(models.QuerySet):
    def in_force_on(self, day: datetime.date) -> AgreementQuerySet:
        """Agreements a processor may process on, on that day (Oslo date)."""
        return self.filter(in_force_q(day))


class DataProcessingAgreement(TrackedModel):
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="agreements"
    )
    vendor = models.ForeignKey(Vendor, verbose_name=_("processor"), on_delete=models.PROTECT, related_name="agreements")
    parent = models.ForeignKey(
        JointAgreement,
        verbose_name=_("joint agreement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="municipal_agreements",
    )
    title = models.CharField(_("subject"), max_length=200)
    status = models.CharField(_("status"), max_length=12, choices=AgreementStatus, default=AgreementStatus.MISSING)
    signed_on = models.DateField(_("signed"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    review_on = models.DateField(_("next review"), null=True, blank=True)
    transfer_mechanism = models.CharField(_("transfer mechanism"), max_length=20, choices=TransferMechanism, blank=True)
    document = models.FileField(_("signed agreement (PDF)"), upload_to=UnguessableUploadTo("agreements"), blank=True)
    document_sha256 = models.CharField(_("SHA-256 of the document"), max_length=64, blank=True, editable=False)
    notes = models.TextField(_("notes"), blank=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("data processing agreement")
        verbose_name_plural = _("data processing agreements")
        ordering = ["vendor__name", "title"]
        # "Is there an agreement in force for this processor?" is asked for every processor link of a list.
        indexes = [models.Index(fields=["municipality", "vendor", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(signed_on__isnull=True) | Q(valid_until__gte=F("signed_on")),
                name="agreement_valid_after_signed",
            ),
            models.CheckConstraint(
                condition=~Q(status="signed") | Q(signed_on__isnull=False),
                name="agreement_signed_has_date",
            ),
            models.UniqueConstraint(
                fields=["municipality", "parent"],
                condition=Q(parent__isnull=False),
                name="agreement_one_row_per_joint_parent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vendor} – {self.title}"

    def in_force_on(self, day: datetime.date) -> bool:
        """The one rule (ADR 5): signed, with a signing date on or before the day, and not past its end date.
        An agreement without a signing date is not in force; `in_force_q` says the same to the database."""
        return (
            self.status == AgreementStatus.SIGNED
            and self.signed_on is not None
            and self.signed_on <= day
            and (self.valid_until is None or self.valid_until >= day)
        )

    @property
    def is_in_force(self) -> bool:
        return self.in_force_on(timezone.localdate())

    @property
    def status_label(self) -> str:
        """The status as the register shows it: a signed agreement not in force today says why."""
        today = timezone.localdate()
        if self.status != AgreementStatus.SIGNED or self.in_force_on(today):
            return self.get_status_display()
        if self.signed_on is not None and self.signed_on > today:
            return _("Signed, in force from %(date)s") % {
                "date": formats.date_format(self.signed_on, "SHORT_DATE_FORMAT")
            }
        return _("Signed, but expired")


class SubProcessor(TrackedModel):
    """A sub-processor approved under an agreement (child of the agreement's aggregate)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    agreement = models.ForeignKey(
        DataProcessingAgreement, on_delete=models.CASCADE, related_name="sub_processors", verbose_name=_("agreement")
    )
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2, choices=COUNTRY_CHOICES, blank=True)
    service = models.CharField(_("service"), max_length=300, blank=True)
    transfer_mechanism = models.CharField(_("transfer mechanism"), max_length=20, choices=TransferMechanism, blank=True)

    class Meta:
        verbose_name = _("sub-processor")
        verbose_name_plural = _("sub-processors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
