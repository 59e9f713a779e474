"""The course statistics per municipality as a sortable table with CSV/XLSX export."""

import django_tables2 as tables
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from isms.core.tables_export import ExportColumn


class MunicipalityFiguresTable(tables.Table):
    number = tables.Column(verbose_name=_("No."), accessor="municipality__number")
    name = tables.Column(verbose_name=_("Municipality"), accessor="municipality__name")
    population = tables.Column(
        verbose_name=_("Population"), accessor="municipality__population", attrs={"td": {"class": "num"}}
    )
    registered = tables.Column(verbose_name=_("Registered"), attrs={"td": {"class": "num"}})
    waitlisted = tables.Column(verbose_name=_("Waitlisted"), attrs={"td": {"class": "num"}})
    attended = tables.Column(verbose_name=_("Attended"), attrs={"td": {"class": "num"}})
    per_thousand = tables.Column(
        verbose_name=_("Registered per 1000 inhabitants"), empty_values=(), attrs={"td": {"class": "num"}}
    )

    class Meta:
        order_by = "name"
        empty_text = _("No municipalities.")
        row_attrs = {"class": lambda record: "figure-none" if record.has_none else ""}

    def render_population(self, value) -> str:
        return formats.number_format(value, force_grouping=True)

    def value_population(self, value):
        return value

    def render_per_thousand(self, record) -> str:
        value = record.per_thousand
        return "—" if value is None else formats.number_format(value, 2)

    def value_per_thousand(self, record):
        return record.per_thousand

    def render_name(self, record, value) -> str:
        return f"{value} ({_('no registrations')})" if record.has_none else value

    def value_name(self, value):
        return value


class CourseFiguresTable(tables.Table):
    """The figures per course and round, for export."""

    round = tables.Column(verbose_name=_("Round"), accessor="round__name")
    course = tables.Column(verbose_name=_("Course"), accessor="course__title")
    registered = tables.Column(verbose_name=_("Registered"))
    waitlisted = tables.Column(verbose_name=_("Waitlisted"))
    attended = tables.Column(verbose_name=_("Attended"))


class SectorFiguresTable(tables.Table):
    """The figures per sector, for export."""

    label = tables.Column(verbose_name=_("Sector"))
    registered = tables.Column(verbose_name=_("Registered"))
    waitlisted = tables.Column(verbose_name=_("Waitlisted"))
    attended = tables.Column(verbose_name=_("Attended"))


class ParticipantTable(tables.Table):
    """A session's participant list, for the coordinator's export."""

    name = tables.Column(verbose_name=_("Name"))
    email = tables.Column(verbose_name=_("E-mail"))
    municipality = tables.Column(verbose_name=_("Municipality"), accessor="municipality__name")
    unit = tables.Column(verbose_name=_("Unit"))
    job_title = tables.Column(verbose_name=_("Job title"))
    status = tables.Column(verbose_name=_("Status"), accessor="get_status_display")
    attendance = tables.Column(verbose_name=_("Attendance"), accessor="get_attendance_display")


SESSION_COLUMNS = (
    ExportColumn(_("Round"), lambda s: s.round.name),
    ExportColumn(_("Course"), lambda s: s.course.title),
    ExportColumn(_("When"), lambda s: s.dates_display),
    ExportColumn(_("Where"), lambda s: s.place_display),
    ExportColumn(_("Deadline"), lambda s: s.registration_deadline),
    ExportColumn(_("Status"), lambda s: s.get_status_display()),
    ExportColumn(_("Seats"), lambda s: s.capacity),
    ExportColumn(_("Registered"), lambda s: s.confirmed_count),
    ExportColumn(_("Waitlisted"), lambda s: s.waitlisted_count),
)
