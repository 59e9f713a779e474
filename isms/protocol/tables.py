"""Tables of the behandlingsprotokoll and the DPA register: ordering, and the rows of CSV/XLSX exports."""

import django_tables2 as tables
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from isms.core.tables_export import ExportColumn

from .attention import record_flags
from .models import DataProcessingAgreement, ProcessingActivity


def _date(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


def _yes_no(value: bool) -> str:
    return str(_("Yes") if value else _("No"))


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
        return "; ".join(flag.text for flag in record_flags(record))


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


# The columns of the hand-built lists' exports (catalogue, systems in use, joint agreements).
def _system_cia(system) -> str:
    return f"{system.confidentiality}/{system.integrity}/{system.availability}"


def _contact(vendor) -> str:
    return ", ".join(part for part in (vendor.contact_name, vendor.contact_email) if part)


SYSTEM_COLUMNS = (
    ExportColumn(_("Name"), lambda s: s.name),
    ExportColumn(_("Vendor"), lambda s: s.vendor.name if s.vendor_id else ""),
    ExportColumn(_("Hosting"), lambda s: s.get_hosting_display()),
    ExportColumn(_("Country of storage"), lambda s: s.get_storage_country_display()),
    ExportColumn(_("C/I/A"), _system_cia),
    ExportColumn(_("Municipalities"), lambda s: s.municipality_count),
)
VENDOR_COLUMNS = (
    ExportColumn(_("Name"), lambda v: v.name),
    ExportColumn(_("Organisation number"), lambda v: v.org_number),
    ExportColumn(_("Country"), lambda v: v.get_country_display()),
    ExportColumn(_("Contact"), _contact),
    ExportColumn(_("Systems"), lambda v: v.system_count),
)
SYSTEM_USE_COLUMNS = (
    ExportColumn(_("System"), lambda u: u.system.name),
    ExportColumn(_("Vendor"), lambda u: u.system.vendor.name if u.system.vendor_id else ""),
    ExportColumn(_("System owner"), lambda u: u.owner),
    ExportColumn(_("Units"), lambda u: u.units),
    ExportColumn(_("Processing activities"), lambda u: u.activity_count),
    ExportColumn(_("Retired on"), lambda u: u.retired_on),
)
JOINT_AGREEMENT_COLUMNS = (
    ExportColumn(_("Title"), lambda j: j.title),
    ExportColumn(_("Processor"), lambda j: j.vendor.name),
    ExportColumn(_("Signed"), lambda j: j.signed_count),
    ExportColumn(_("Municipalities"), lambda j: j.participant_count),
)
