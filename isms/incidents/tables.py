"""The avvik list as a sortable table with CSV/XLSX export; the 72-hour clock comes from clock.py."""

import django_tables2 as tables
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from isms.core.display import choice_label, url_filler
from isms.core.tables_export import ExportColumn

from .clock import clock_of


def _when(value) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT") if value else ""


class IncidentTable(tables.Table):
    reference = tables.Column(verbose_name=_("No."), order_by=("discovered_at", "number"), empty_values=())
    title = tables.Column(verbose_name=_("Avvik"))
    clock = tables.Column(verbose_name=_("72 hours"), empty_values=(), orderable=False)
    status = tables.Column(verbose_name=_("Status"), accessor="state_label", order_by="status")
    discovered_at = tables.Column(verbose_name=_("Discovered"))
    kind = tables.Column(verbose_name=_("Classification"), accessor="get_kind_display", order_by="kind")
    unit = tables.Column(verbose_name=_("Unit"))

    class Meta:
        order_by = "-reference"
        empty_text = _("No avvik match the filter.")
        attrs = {"data-border": "true"}

    def __init__(self, *args, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now or timezone.now()
        self.detail_url = url_filler("incidents:detail", "slug", "int")  # one reverse for the page's rows

    def cells(self, record) -> tuple:
        """A row's cells as the columns render them, for `{% incident_rows %}` (without django-tables2's
        per-cell accessor, signature and attrs work: two thirds of the list's rendering)."""
        return (
            record.reference,
            self.render_title(record, record.title),
            self.render_clock(record),
            record.state_label,
            self.render_discovered_at(record.discovered_at),
            choice_label(record, "kind") or "—",
            record.unit or "—",
        )

    def render_reference(self, record) -> str:
        return record.reference

    def value_reference(self, record) -> str:
        return record.reference

    def render_title(self, record, value):
        url = self.detail_url(record.municipality.slug, record.pk)
        return format_html('<a class="ds-link" href="{}">{}</a>', url, value)

    def value_title(self, value) -> str:
        return value

    def render_discovered_at(self, value) -> str:
        return _when(value)

    def render_kind(self, value) -> str:
        return value or "—"

    def value_kind(self, value) -> str:
        return value

    def render_clock(self, record):
        clock = clock_of(record, self.now)
        return format_html('<span class="ds-tag" data-color="{}">{}</span>', clock.color, clock.label)

    def value_clock(self, record) -> str:
        return clock_of(record, self.now).label


class IncidentExportTable(IncidentTable):
    """Everything the register's CSV/XLSX holds (Art. 33(5): facts, effects, remedial action)."""

    occurred_at = tables.Column(verbose_name=_("Occurred"))
    personal_data = tables.Column(verbose_name=_("Personal data involved"), accessor="get_personal_data_display")
    security = tables.Column(verbose_name=_("C/I/A"), accessor="security_letters", orderable=False)
    data_subject_count = tables.Column(verbose_name=_("Data subjects (approx.)"))
    record_count = tables.Column(verbose_name=_("Records (approx.)"))
    special = tables.Column(verbose_name=_("Special categories"), accessor="special_categories_text", orderable=False)
    deadline = tables.Column(verbose_name=_("Deadline"), empty_values=(), orderable=False)
    notified_at = tables.Column(verbose_name=_("Notified to Datatilsynet"))
    authority_reference = tables.Column(verbose_name=_("Datatilsynet's reference"))
    delay_reason = tables.Column(verbose_name=_("Reason for the delay"))
    subjects_informed_at = tables.Column(verbose_name=_("Data subjects informed"))
    closed_at = tables.Column(verbose_name=_("Closed"))

    def value_discovered_at(self, value) -> str:
        return _when(value)

    def value_occurred_at(self, value) -> str:
        return _when(value)

    def value_deadline(self, record) -> str:
        return _when(record.deadline)

    def value_notified_at(self, value) -> str:
        return _when(value)

    def value_subjects_informed_at(self, value) -> str:
        return _when(value)

    def value_closed_at(self, value) -> str:
        return _when(value)


# The DPO's overview across municipalities (`/dpo/incidents/`): the open avvik and the three tables of
# statistics, each exported with the headings the page shows.
OPEN_COLUMNS = (
    ExportColumn(_("Municipality"), lambda row: row.incident.municipality.name),
    ExportColumn(_("Avvik"), lambda row: f"{row.incident.reference} {row.incident.title}"),
    ExportColumn(_("Discovered"), lambda row: row.incident.discovered_at),
    ExportColumn(_("72 hours"), lambda row: row.clock.label),
    ExportColumn(_("Status"), lambda row: row.incident.state_label),
)
MUNICIPALITY_COLUMNS = (
    ExportColumn(_("Municipality"), lambda row: row["municipality__name"]),
    ExportColumn(_("Avvik"), lambda row: row["total"]),
    ExportColumn(_("Personal data breaches"), lambda row: row["breaches"]),
    ExportColumn(_("Notified"), lambda row: row["notified"]),
    ExportColumn(_("Notified late"), lambda row: row["late"]),
    ExportColumn(_("Open"), lambda row: row["open"]),
)
KIND_COLUMNS = (
    ExportColumn(_("Classification"), lambda row: row[0]),
    ExportColumn(_("Avvik"), lambda row: row[1]),
)
MONTH_COLUMNS = (
    ExportColumn(_("Month"), lambda row: row[0]),
    ExportColumn(_("Avvik"), lambda row: row[1]),
)
