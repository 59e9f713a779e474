"""The behandlingsprotokoll table: ordering and CSV/XLSX export (the page writes its own rows)."""

import django_tables2 as tables
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from .models import DataProcessingAgreement, ProcessingActivity


def _date(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


class ProcessingActivityTable(tables.Table):
    name = tables.Column(verbose_name=_("Name"))
    sector = tables.Column(verbose_name=_("Sector"))
    legal_bases = tables.Column(verbose_name=_("Legal basis"), orderable=False)
    record_type = tables.Column(verbose_name=_("Record"))
    dpia_status = tables.Column(verbose_name=_("DPIA"))
    next_review = tables.Column(verbose_name=_("Next review"))
    flags = tables.Column(verbose_name=_("Needs attention"), empty_values=(), orderable=False)

    class Meta:
        model = ProcessingActivity
        fields = ["reference", "name", "sector", "legal_bases", "record_type", "dpia_status", "next_review"]
        sequence = ["reference", "name", "sector", "legal_bases", "record_type", "dpia_status", "next_review", "flags"]
        order_by = "name"
        empty_text = _("No processing activities match the filter.")

    def value_legal_bases(self, record):
        return ", ".join(record.legal_bases)

    def value_next_review(self, value):
        return _date(value)

    def value_flags(self, record):
        flags = []
        if record.lacks_agreement:
            flags.append(str(_("DPA missing")))
        if record.missing_art30_fields:
            flags.append(str(_("Art. 30 fields empty")))
        if record.review_overdue:
            flags.append(str(_("Review overdue")))
        return "; ".join(flags)


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
