"""The columns of the DPIA lists' CSV/XLSX exports: the headings the pages show, one reader per cell."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from isms.core.tables_export import ExportColumn

from .models import Dpia, Screening


def dpia_state(dpia: Dpia) -> str:
    if dpia.prior_consultation_sent_on:
        return f"{dpia.state_label} · {_('Prior consultation sent')}"
    return dpia.state_label


def screening_conclusion(screening: Screening) -> str:
    if screening.overrides_criteria:
        return f"{screening.get_result_display()} ({_('justified deviation')})"
    return screening.get_result_display()


def _activity_name(dpia: Dpia) -> str:
    return dpia.processing_activity.name if dpia.processing_activity_id else ""


DPIA_COLUMNS = (
    ExportColumn(gettext_lazy("DPIA"), lambda d: d.title),
    ExportColumn(
        gettext_lazy("Processing activity"), lambda d: d.processing_activity.name if d.processing_activity_id else ""
    ),
    ExportColumn(gettext_lazy("Status"), dpia_state),
    ExportColumn(gettext_lazy("Version"), lambda d: d.version),
)

SCREENING_COLUMNS = (
    ExportColumn(gettext_lazy("Processing activity"), lambda s: s.processing_activity.name),
    ExportColumn(gettext_lazy("Conclusion"), screening_conclusion),
    ExportColumn(gettext_lazy("Criteria"), lambda s: len(s.criteria)),
    ExportColumn(gettext_lazy("Screened"), lambda s: s.screened_on),
)

QUEUE_COLUMNS = (
    ExportColumn(gettext_lazy("DPIA"), lambda row: row["dpia"].title),
    ExportColumn(gettext_lazy("Municipality"), lambda row: row["dpia"].municipality.name),
    ExportColumn(
        gettext_lazy("Sent"),
        lambda row: timezone.localdate(row["dpia"].sent_to_dpo_at) if row["dpia"].sent_to_dpo_at else None,
    ),
    ExportColumn(gettext_lazy("Days waiting"), lambda row: row["age"]),
    ExportColumn(gettext_lazy("Version"), lambda row: row["dpia"].version),
)
