"""Tables of the behandlingsprotokoll and the DPA register: ordering, and the rows of CSV/XLSX exports."""

import django_tables2 as tables
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from .models import DataProcessingAgreement, ProcessingActivity


def _date(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


def _yes_no(value: bool) -> str:
    return str(_("Yes") if value else _("No"))


def _flags(record) -> str:
    flags = []
    if record.lacks_agreement:
        flags.append(str(_("DPA missing")))
    if missing := record.missing_art30_fields:
        names = ", ".join(str(record._meta.get_field(name).verbose_name) for name in missing)
        flags.append(_("Empty Art. 30 fields: %(fields)s") % {"fields": names})
    if record.review_overdue:
        flags.append(str(_("Review overdue")))
    if record.follow_up:
        flags.append(_("Needs follow-up: %s") % ", ".join(record.follow_up_labels))
    return "; ".join(flags)


class ProcessingActivityTable(tables.Table):
    """The list page (its template writes the rows); exports use ProcessingActivityExportTable.

    Six columns fit the page at desktop width, with what needs attention right after the name; the reference
    and a processor record's type are shown under the name.
    """

    name = tables.Column(verbose_name=_("Name"))
    flags = tables.Column(verbose_name=_("Needs attention"), empty_values=(), orderable=False)
    sector = tables.Column(verbose_name=_("Sector"))
    legal_bases = tables.Column(verbose_name=_("Basis"), orderable=False)
    dpia_status = tables.Column(verbose_name=_("DPIA"))
    next_review = tables.Column(verbose_name=_("Next review"))

    class Meta:
        model = ProcessingActivity
        fields = ["name", "sector", "legal_bases", "dpia_status", "next_review"]
        sequence = ["name", "flags", "sector", "legal_bases", "dpia_status", "next_review"]
        order_by = "name"
        empty_text = _("No processing activities match the filter.")


def _labels(record, name: str) -> str:
    """The labels of a multiple-choice field, e.g. "c) Rettslig forpliktelse; e) Offentlig myndighet"."""
    return "; ".join(str(label) for label in record._meta.get_field(name).labels(getattr(record, name)))


# The record's own fields in the order of its form; the systems and processors follow the Art. 30 fields.
EXPORT_ART30_FIELDS = (
    "reference", "name", "record_type", "status", "sector", "responsible_unit", "contact_person", "controller_name",
    "controller_contact", "joint_controllers", "purposes", "legal_bases", "national_law", "data_subject_categories",
    "personal_data_categories", "special_categories", "special_category_bases", "special_category_note",
    "criminal_offence_data", "criminal_offence_basis", "data_source", "recipients", "third_country_transfer",
    "transfer_countries", "transfer_mechanism", "retention", "security_measures",
)  # fmt: skip
EXPORT_REVIEW_FIELDS = ("dpia_status", "last_reviewed", "next_review", "version")


class ProcessingActivityExportTable(tables.Table):
    """CSV/XLSX of the filtered protocol: every Art. 30 field, headed by the fields' (bokmål) names.

    Rows need `selectors.with_links` (systems, processors and whether each has a DPA in force).
    """

    systems = tables.Column(verbose_name=_("Systems used"), empty_values=(), orderable=False)
    processors = tables.Column(verbose_name=_("Processors"), empty_values=(), orderable=False)
    flags = tables.Column(verbose_name=_("Needs attention"), empty_values=(), orderable=False)

    class Meta:
        model = ProcessingActivity
        fields = [*EXPORT_ART30_FIELDS, *EXPORT_REVIEW_FIELDS]
        sequence = [*EXPORT_ART30_FIELDS, "systems", "processors", *EXPORT_REVIEW_FIELDS, "flags"]
        order_by = "name"

    def value_legal_bases(self, record) -> str:
        return _labels(record, "legal_bases")

    def value_special_categories(self, record) -> str:
        return _labels(record, "special_categories")

    def value_special_category_bases(self, record) -> str:
        return _labels(record, "special_category_bases")

    def value_criminal_offence_data(self, value) -> str:
        return _yes_no(value)

    def value_third_country_transfer(self, value) -> str:
        return _yes_no(value)

    def value_last_reviewed(self, value) -> str:
        return _date(value)

    def value_next_review(self, value) -> str:
        return _date(value)

    def value_systems(self, record) -> str:
        return "; ".join(link.system_use.system.name for link in record.system_links.all())

    def value_processors(self, record) -> str:
        return "; ".join(
            f"{link.vendor.name} ({_('DPA in force') if link.covered else _('DPA missing')})"
            for link in record.processor_links.all()
        )

    def value_flags(self, record) -> str:
        return _flags(record)


class AgreementTable(tables.Table):
    vendor = tables.Column(verbose_name=_("Processor"), accessor="vendor__name")
    title = tables.Column(verbose_name=_("Subject"))
    status = tables.Column(verbose_name=_("Status"))
    signed_on = tables.Column(verbose_name=_("Signed"))
    valid_until = tables.Column(verbose_name=_("Valid until"))
    review_on = tables.Column(verbose_name=_("Next review"))
    activity_count = tables.Column(verbose_name=_("Processing activities"))
    document = tables.Column(verbose_name=_("Signed agreement (PDF)"), orderable=False, empty_values=())

    class Meta:
        model = DataProcessingAgreement
        fields = ["vendor", "title", "status", "signed_on", "valid_until", "review_on", "activity_count"]
        sequence = [*fields, "document"]
        order_by = "vendor"
        empty_text = _("No agreements recorded yet.")

    def value_document(self, record):
        """In exports: the SHA-256 of the stored PDF, so a copy can be checked against the register."""
        return record.document_sha256

    def value_signed_on(self, value):
        return _date(value)

    def value_valid_until(self, value):
        return _date(value)

    def value_review_on(self, value):
        return _date(value)
