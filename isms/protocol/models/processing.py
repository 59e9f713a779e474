"""The behandlingsprotokoll: processing activities (Art. 30) and the systems and processors they use.

A processing activity is one aggregate: its system and processor links are children whose every
change goes through a service that also bumps the activity's version (DESIGN.md, Aggregates).
"""

import datetime
import operator
from functools import reduce

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from isms.core.fields import ChoiceSetField
from isms.core.models import AdoptedFromTemplate, Municipality
from isms.core.tracking import TrackedModel

from .catalogue import SystemUse, Vendor
from .choices import (
    LegalBasis,
    RecordDpiaStatus,
    RecordStatus,
    RecordType,
    Sector,
    SpecialCategory,
    SpecialCategoryBasis,
    TransferMechanism,
)

# Fields Art. 30(1) asks for; an empty one makes the record "incomplete" in lists and the PDF.
ART30_CONTROLLER_FIELDS = (
    "purposes",
    "data_subject_categories",
    "personal_data_categories",
    "recipients",
    "retention",
    "security_measures",
)
# Art. 30(2): the processor's record names the controller and what it does for it.
ART30_PROCESSOR_FIELDS = ("controller_name", "purposes", "security_measures")
# Fields an import may leave for review (the user's choice in step 2 of the import).
FOLLOW_UP_FIELDS = (
    "record_type", "sector", "legal_bases", "special_categories", "special_category_bases",
    "criminal_offence_data", "third_country_transfer", "transfer_mechanism", "dpia_status",
)  # fmt: skip


def missing_art30_q() -> Q:
    """The database side of `ProcessingActivity.missing_art30_fields`: a field Art. 30 asks for is empty."""

    def any_empty(names) -> Q:
        return reduce(operator.or_, (Q(**{name: ""}) for name in names))

    return (Q(record_type=RecordType.CONTROLLER) & any_empty(ART30_CONTROLLER_FIELDS)) | (
        Q(record_type=RecordType.PROCESSOR) & any_empty(ART30_PROCESSOR_FIELDS)
    )


def review_overdue_q(day: datetime.date) -> Q:
    """The database side of `ProcessingActivity.review_overdue_on(day)`."""
    return Q(next_review__lt=day)


class ProcessingActivity(AdoptedFromTemplate, TrackedModel):
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="processing_activities"
    )
    record_type = models.CharField(_("record type"), max_length=12, choices=RecordType, default=RecordType.CONTROLLER)
    name = models.CharField(_("name"), max_length=200)
    reference = models.CharField(
        _("reference"), max_length=40, blank=True, help_text=_("The municipality's own number or code, if any.")
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector)
    responsible_unit = models.CharField(_("responsible unit"), max_length=200, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    joint_controllers = models.CharField(
        _("joint controllers"), max_length=500, blank=True, help_text=_("Art. 26, e.g. another municipality.")
    )
    controller_name = models.CharField(
        _("controller"), max_length=200, blank=True, help_text=_("Only for records as processor (Art. 30(2)).")
    )
    controller_contact = models.CharField(_("controller's contact details"), max_length=300, blank=True)

    purposes = models.TextField(_("purposes"), help_text=_("Art. 30(1)(b): why the data is processed."))
    legal_bases = ChoiceSetField(_("legal basis (Art. 6(1))"), choices=LegalBasis)
    national_law = models.CharField(
        _("national legal basis"),
        max_length=500,
        blank=True,
        help_text=_("Required for c) and e): the law and section, e.g. helse- og omsorgstjenesteloven § 3-2."),
    )
    data_subject_categories = models.TextField(_("categories of data subjects"))
    personal_data_categories = models.TextField(_("categories of personal data"))
    special_categories = ChoiceSetField(_("special categories (Art. 9)"), choices=SpecialCategory)
    special_category_bases = ChoiceSetField(_("basis for special categories (Art. 9(2))"), choices=SpecialCategoryBasis)
    special_category_note = models.CharField(_("national law for Art. 9"), max_length=500, blank=True)
    criminal_offence_data = models.BooleanField(_("data on criminal convictions and offences (Art. 10)"), default=False)
    criminal_offence_basis = models.CharField(_("legal basis for Art. 10 data"), max_length=500, blank=True)
    data_source = models.CharField(_("source of the data"), max_length=500, blank=True)
    recipients = models.TextField(_("categories of recipients"), blank=True)
    third_country_transfer = models.BooleanField(_("transfer to third countries"), default=False)
    transfer_countries = models.CharField(_("third countries"), max_length=300, blank=True)
    transfer_mechanism = models.CharField(_("transfer mechanism"), max_length=20, choices=TransferMechanism, blank=True)
    retention = models.TextField(_("retention and erasure"), help_text=_("Art. 30(1)(f): when the data is erased."))
    security_measures = models.TextField(
        _("technical and organisational security measures"), blank=True, help_text=_("Art. 30(1)(g), Art. 32.")
    )
    dpia_status = models.CharField(
        _("DPIA"), max_length=20, choices=RecordDpiaStatus, default=RecordDpiaStatus.NOT_ASSESSED
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    next_review = models.DateField(_("next review"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=RecordStatus, default=RecordStatus.ACTIVE)
    follow_up = models.CharField(
        _("needs follow-up"),
        max_length=500,
        blank=True,
        help_text=_("Fields an import left for review, separated by commas; empty when nothing is pending."),
    )

    class Meta:
        verbose_name = _("processing activity")
        verbose_name_plural = _("processing activities")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["municipality", "status", "name"]),
            models.Index(fields=["municipality", "next_review"]),
            # The library's adoption counts (municipalities per template version) as an index-only scan.
            models.Index(
                fields=["template", "template_version", "municipality"],
                condition=Q(template__isnull=False),
                name="processing_adoption_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"],
                condition=Q(status="active"),
                name="processing_activity_unique_active_name",
            ),
            models.UniqueConstraint(fields=["municipality", "template"], name="processing_activity_template_once"),
            models.CheckConstraint(
                condition=Q(third_country_transfer=False) | ~Q(transfer_mechanism=""),
                name="processing_activity_transfer_needs_mechanism",
            ),
            models.CheckConstraint(
                condition=Q(special_categories="") | ~Q(special_category_bases=""),
                name="processing_activity_art9_needs_basis",
            ),
            models.CheckConstraint(
                condition=Q(record_type="controller") | ~Q(controller_name=""),
                name="processing_activity_processor_names_controller",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def change_reason_required(self) -> bool:
        return True

    @property
    def art30_fields(self) -> tuple[str, ...]:
        return ART30_PROCESSOR_FIELDS if self.record_type == RecordType.PROCESSOR else ART30_CONTROLLER_FIELDS

    @property
    def missing_art30_fields(self) -> list[str]:
        return [name for name in self.art30_fields if not str(getattr(self, name) or "").strip()]

    @property
    def legal_bases_labels(self) -> list[str]:
        return self._meta.get_field("legal_bases").labels(self.legal_bases)

    @property
    def special_categories_text(self) -> str:
        return ", ".join(self._meta.get_field("special_categories").labels(self.special_categories))

    @property
    def special_category_bases_text(self) -> str:
        return ", ".join(self._meta.get_field("special_category_bases").labels(self.special_category_bases))

    @property
    def missing_art30_labels(self) -> list[str]:
        """The names of the empty Art. 30 fields, as the form and the PDF call them."""
        return [str(self._meta.get_field(name).verbose_name) for name in self.missing_art30_fields]

    def review_overdue_on(self, day: datetime.date) -> bool:
        """The next review was due before the day (`review_overdue_q` says the same to the database)."""
        return self.next_review is not None and self.next_review < day

    @property
    def follow_up_labels(self) -> list[str]:
        """The fields an import left for review, by their names in the form ("Trenger oppfølging: Sektor")."""
        names = [name for name in self.follow_up.split(",") if name]
        return [str(self._meta.get_field(name).verbose_name) for name in names if name in FOLLOW_UP_FIELDS]

    @property
    def review_overdue(self) -> bool:
        return self.review_overdue_on(timezone.localdate())


class ProcessingSystem(TrackedModel):
    """A system the processing activity uses (child of the activity's aggregate)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    processing_activity = models.ForeignKey(
        ProcessingActivity, on_delete=models.CASCADE, related_name="system_links", verbose_name=_("processing activity")
    )
    system_use = models.ForeignKey(
        SystemUse, on_delete=models.PROTECT, related_name="processing_links", verbose_name=_("system")
    )

    class Meta:
        verbose_name = _("system used")
        verbose_name_plural = _("systems used")
        constraints = [
            models.UniqueConstraint(fields=["processing_activity", "system_use"], name="processing_system_once")
        ]

    def __str__(self) -> str:
        return str(self.system_use.system)


class ProcessingProcessor(TrackedModel):
    """A processor (Art. 28) the municipality uses for this activity; needs a signed, valid DPA."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    processing_activity = models.ForeignKey(
        ProcessingActivity,
        on_delete=models.CASCADE,
        related_name="processor_links",
        verbose_name=_("processing activity"),
    )
    vendor = models.ForeignKey(
        Vendor, on_delete=models.PROTECT, related_name="processing_links", verbose_name=_("processor")
    )
    task = models.CharField(_("what the processor does"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("processor")
        verbose_name_plural = _("processors")
        constraints = [
            models.UniqueConstraint(fields=["processing_activity", "vendor"], name="processing_processor_once")
        ]

    def __str__(self) -> str:
        return str(self.vendor)
