"""The columns of the template library's CSV/XLSX export: one row per template, under its kind and group."""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ..tables_export import ExportColumn


def template_columns(manager: bool) -> tuple[ExportColumn, ...]:
    """Rows are (section, template, municipalities that adopted it); the count only for those who keep them."""
    columns = (
        ExportColumn(_("Kind"), lambda row: capfirst(str(row[0].kind.label))),
        ExportColumn(_("Group"), lambda row: row[0].group_label),
        ExportColumn(_("Title"), lambda row: row[1].title),
        ExportColumn(_("Published version"), lambda row: row[1].published_version or None),
        ExportColumn(_("Joint"), lambda row: row[1].is_joint),
    )
    if manager:
        columns += (ExportColumn(_("Adopted by"), lambda row: row[2]),)
    return columns
