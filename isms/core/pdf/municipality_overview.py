"""The "Kommuneoversikt" PDF: the cooperation's municipalities with population, KINS and membership."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .document import build_pdf
from .flowables import data_table, text


def _date(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


def _number(value) -> str:
    return formats.number_format(value, force_grouping=True) if value is not None else "—"


def render_municipality_overview(*, municipalities, user) -> bytes:
    """`municipalities` is an evaluated list; the renderer runs no queries."""
    members = [m for m in municipalities if m.kins_member]
    population = sum(m.population or 0 for m in municipalities)
    summary = _("%(count)s, %(population)s inhabitants in all, KINS members: %(members)s of %(count_n)s.") % {
        "count": ngettext("%(n)s municipality", "%(n)s municipalities", len(municipalities))
        % {"n": len(municipalities)},
        "population": _number(population),
        "members": len(members),
        "count_n": len(municipalities),
    }
    rows = [
        [
            m.number,
            m.name,
            _number(m.population),
            (_("Yes") + (f", {_('since')} {_date(m.kins_member_since)}" if m.kins_member_since else ""))
            if m.kins_member
            else _("No"),
            _date(m.joined_on) or "—",
            _date(m.left_on) or "—",
        ]
        for m in municipalities
    ]
    table = data_table(
        [_("No."), _("Name"), _("Population"), _("KINS member"), _("Member from"), _("Member to")],
        rows,
        [1, 3, 1.6, 2.6, 1.7, 1.7],
        numeric_columns=(2,),
    )
    return build_pdf(
        title=_("Municipality overview"),
        subtitle="Digitale Helgeland",
        story=[text(summary), table],
    )
