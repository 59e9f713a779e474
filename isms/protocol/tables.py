"""Tables of the behandlingsprotokoll (sortable, exportable)."""

import django_tables2 as tables
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import ProcessingActivity


def _date(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


class ProcessingActivityTable(tables.Table):
    name = tables.Column(verbose_name=_("Name"), linkify=False)
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

    def __init__(self, *args, municipality_slug: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality_slug = municipality_slug

    def render_name(self, record, value):
        from django.urls import reverse

        url = reverse("protocol:processing_detail", args=[self.municipality_slug, record.pk])
        return format_html('<a class="ds-link" href="{}">{}</a>', url, value)

    def render_record_type(self, value, record):
        return _("Processor") if record.record_type == "processor" else _("Controller")

    def render_legal_bases(self, record):
        return ", ".join(code for code in record.legal_bases)

    def render_next_review(self, record, value):
        text = _date(value)
        if record.review_overdue:
            return format_html('{} <span class="ds-tag" data-color="danger">{}</span>', text, _("overdue"))
        return text

    def render_flags(self, record):
        flags = []
        if record.lacks_agreement:
            flags.append(format_html('<span class="ds-tag" data-color="danger">{}</span>', _("DPA missing")))
        missing = record.missing_art30_fields
        if missing:
            flags.append(
                format_html(
                    '<span class="ds-tag" data-color="warning">{}</span>',
                    _("%(n)s Art. 30 field(s) empty") % {"n": len(missing)},
                )
            )
        return format_html(" ".join(["{}"] * len(flags)), *flags) if flags else "—"

    def value_name(self, value):
        return value

    def value_legal_bases(self, record):
        return ", ".join(code for code in record.legal_bases)

    def value_next_review(self, value):
        return _date(value)

    def value_flags(self, record):
        flags = []
        if record.lacks_agreement:
            flags.append(str(_("DPA missing")))
        if record.missing_art30_fields:
            flags.append(str(_("Art. 30 fields empty")))
        return "; ".join(flags)
