"""The municipality list as a sortable, exportable table."""

import django_tables2 as tables
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from .models import Municipality
from .tables_export import ExportColumn


def _date(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


class MunicipalityTable(tables.Table):
    number = tables.Column(verbose_name=_("No."), attrs={"td": {"class": "num"}})
    name = tables.LinkColumn(
        "core:municipality_detail", args=[tables.A("slug")], verbose_name=_("Name"), attrs={"a": {"class": "ds-link"}}
    )
    population = tables.Column(verbose_name=_("Population"), attrs={"td": {"class": "num"}})
    kins_member = tables.BooleanColumn(
        verbose_name=_("KINS member"), yesno=(_("Yes"), _("No")), order_by=("kins_member", "kins_member_since")
    )
    # Plain columns with render_* methods: tables2's DateColumn compiles a template for every cell.
    kins_member_since = tables.Column(verbose_name=_("KINS member since"))
    joined_on = tables.Column(verbose_name=_("Member from"))
    left_on = tables.Column(verbose_name=_("Member to"))

    class Meta:
        model = Municipality
        fields = ["number", "name", "population", "kins_member", "kins_member_since", "joined_on", "left_on"]
        order_by = "number"
        empty_text = _("No municipalities match the filter.")

    def render_population(self, value) -> str:
        return formats.number_format(value, force_grouping=True)

    def value_population(self, value):
        return value

    def value_kins_member(self, value) -> str:
        return str(_("Yes") if value else _("No"))

    def render_kins_member_since(self, value) -> str:
        return _date(value)

    def render_joined_on(self, value) -> str:
        return _date(value)

    def render_left_on(self, value) -> str:
        return _date(value)


MEMBER_COLUMNS = (
    ExportColumn(_("Name"), lambda m: m.user.get_full_name()),
    ExportColumn(_("E-mail address"), lambda m: m.user.email),
    ExportColumn(_("Role"), lambda m: m.get_role_display()),
)
