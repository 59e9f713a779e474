"""The columns of the ROS lists' CSV/XLSX exports: the headings the pages show, one reader per cell."""

from django.utils.translation import gettext_lazy as _

from isms.core.tables_export import ExportColumn

from .models import RiskAnalysis, SubjectType


def subject(analysis: RiskAnalysis) -> str:
    """What is analysed, as `risk/_subject.html` shows it."""
    if analysis.subject_type == SubjectType.SYSTEM:
        name = analysis.system_use.system.name if analysis.system_use_id else ""
    elif analysis.subject_type == SubjectType.PROCESSING:
        name = analysis.processing_activity.name if analysis.processing_activity_id else ""
    else:
        name = analysis.service
    return f"{analysis.get_subject_type_display()}: {name}"


ANALYSIS_COLUMNS = (
    ExportColumn(_("Title"), lambda a: a.title),
    ExportColumn(_("What is analysed"), subject),
    ExportColumn(_("Date of the analysis"), lambda a: a.analysed_on),
    ExportColumn(_("Risk owner"), lambda a: a.risk_owner.get_full_name() or a.risk_owner.email),
    ExportColumn(_("Status"), lambda a: a.state_label),
    ExportColumn(_("Scenarios"), lambda a: a.scenario_count),
    ExportColumn(_("Open measures"), lambda a: a.open_measures),
)

MEASURE_COLUMNS = (
    ExportColumn(_("Measure"), lambda m: m.title),
    ExportColumn(_("Risk assessment"), lambda m: m.analysis.title),
    ExportColumn(_("Strategy"), lambda m: m.get_strategy_display()),
    ExportColumn(_("Responsible"), lambda m: m.owner),
    ExportColumn(_("Due date"), lambda m: m.due_on),
    ExportColumn(_("Status"), lambda m: m.get_status_display()),
)

OVERVIEW_COLUMNS = (
    ExportColumn(_("Municipality"), lambda a: a.municipality.name),
    ExportColumn(_("Analysis"), lambda a: a.title),
    ExportColumn(_("Status"), lambda a: a.state_label),
    ExportColumn(_("Version"), lambda a: a.version),
    ExportColumn(_("Template version"), lambda a: a.template_version if a.template_id else ""),
    ExportColumn(_("Red after measures"), lambda a: a.red_residual or 0),
    ExportColumn(_("Open measures"), lambda a: a.open_measures),
    ExportColumn(_("Overdue"), lambda a: a.overdue_measures),
)

THREAT_COLUMNS = (
    ExportColumn(_("Group"), lambda t: t.group),
    ExportColumn(_("Unwanted event"), lambda t: t.title),
    ExportColumn(_("Description"), lambda t: t.description),
    ExportColumn(_("Threatens"), lambda t: t.security_display),
    ExportColumn(_("NSM category"), lambda t: t.get_nsm_category_display()),
    ExportColumn(_("Source"), lambda t: t.get_source_display()),
    ExportColumn(_("Typical measures"), lambda t: t.typical_measures),
)
