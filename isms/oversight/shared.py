"""The shared services side by side: every joint ROS, joint DPIA and joint DPA of the cooperation as a
column, every participating municipality as a row, each cell the state of that municipality's own copy
(signed, changed after approval, draft, missing…) and whether it has taken in the newest version.

A constant number of queries (templates, participants, the adopted analyses, DPIAs and agreements),
today or as of an instant (history.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from dpia.models import Dpia, DpiaStatus
from isms.core.models import Municipality, Template, TemplateParticipant
from isms.protocol.models import DataProcessingAgreement, JointAgreement

from . import rules
from .history import rows
from .registry import Context, Light
from .selectors import context_for


@dataclass(frozen=True)
class Column:
    key: str
    kind: str  # "ros", "dpia", "dpa"
    title: str
    newest_version: int | None = None


@dataclass(frozen=True)
class Cell:
    label: str
    light: Light
    url: str = ""
    behind: bool = False  # has not taken in the newest version of the joint assessment
    version: int | None = None


@dataclass
class ServiceRow:
    municipality: Municipality
    cells: dict[str, Cell | None] = field(default_factory=dict)


@dataclass
class SharedServices:
    columns: list[Column]
    rows: list[ServiceRow]

    def cells_of(self, row: ServiceRow) -> list[tuple[Column, Cell | None]]:
        return [(column, row.cells.get(column.key)) for column in self.columns]

    def summary(self) -> list[dict]:
        """Per column: participants, how many are in order (green) and how many are behind the newest version."""
        result = []
        for column in self.columns:
            cells = [row.cells[column.key] for row in self.rows if row.cells.get(column.key) is not None]
            result.append(
                {
                    "key": column.key,
                    "kind": column.kind,
                    "title": column.title,
                    "participants": len(cells),
                    "in_order": sum(1 for cell in cells if cell.light == Light.GREEN),
                    "behind": sum(1 for cell in cells if cell.behind),
                }
            )
        return result


def _model(row):
    """A live object, or the model instance a historical row describes (its properties then work the same)."""
    return row.instance if hasattr(row, "history_id") else row


def _ros_cell(analysis, newest: int, slug: str) -> Cell:
    if analysis is None:
        return Cell(_("Not adopted"), Light.RED)
    url = reverse("risk:analysis_detail", args=[slug, analysis.pk])
    behind = (analysis.template_version or 0) < newest
    if analysis.changed_after_approval:
        label, light = _("Changed after approval"), Light.YELLOW
    elif analysis.status == "approved":
        label, light = _("Signed"), Light.GREEN
    elif analysis.status == "rejected":
        label, light = _("Not approved"), Light.RED
    elif analysis.status == "awaiting":
        label, light = _("Awaiting sign-off"), Light.YELLOW
    else:
        label, light = _("Draft"), Light.YELLOW
    if behind and light == Light.GREEN:
        light = Light.YELLOW
    return Cell(label, light, url, behind, analysis.template_version)


def _dpia_cell(dpia, newest: int, slug: str) -> Cell:
    if dpia is None:
        return Cell(_("Not adopted"), Light.RED)
    url = reverse("dpia:detail", args=[slug, dpia.pk])
    behind = (dpia.template_version or 0) < newest
    light = {
        DpiaStatus.APPROVED: Light.GREEN,
        DpiaStatus.REJECTED: Light.RED,
    }.get(dpia.status, Light.YELLOW)
    if behind and light == Light.GREEN:
        light = Light.YELLOW
    return Cell(str(DpiaStatus(dpia.status).label), light, url, behind, dpia.template_version)


def _dpa_cell(agreement, in_force_ids: set[int], slug: str) -> Cell:
    if agreement is None:
        return Cell(_("No agreement"), Light.RED)
    url = reverse("protocol:agreement_detail", args=[slug, agreement.id])
    if agreement.id in in_force_ids:
        return Cell(_("Signed"), Light.GREEN, url)
    return Cell(_("Not signed"), Light.RED, url)


def shared_services(*, municipalities: QuerySet[Municipality], context: Context | None = None) -> SharedServices:
    context = context or context_for()
    templates = list(
        rows(Template, context)
        .filter(kind__in=["ros", "dpia"], is_joint=True, published_version__gt=0)
        .order_by("title", "kind")
        .values("id", "kind", "title", "published_version")
    )
    joint_agreements = list(rows(JointAgreement, context).order_by("title").values("id", "title"))
    columns = [Column(f"{t['kind']}-{t['id']}", t["kind"], t["title"], t["published_version"]) for t in templates] + [
        Column(f"dpa-{j['id']}", "dpa", j["title"]) for j in joint_agreements
    ]
    visible = {m.pk: m for m in municipalities.order_by("name")}
    template_ids = [t["id"] for t in templates]
    participants: dict[int, set[int]] = {}
    for row in (
        rows(TemplateParticipant, context).filter(template_id__in=template_ids).values("template_id", "municipality_id")
    ):
        participants.setdefault(row["template_id"], set()).add(row["municipality_id"])
    analyses = {
        (a.template_id, a.municipality_id): _model(a)
        for a in rules.analyses_in_force(context).filter(template_id__in=template_ids).order_by("version")
    }
    dpias = {
        (d.template_id, d.municipality_id): _model(d)
        for d in rows(Dpia, context)
        .filter(template_id__in=template_ids)
        .exclude(status=DpiaStatus.ARCHIVED)
        .order_by("version")
    }
    agreements_qs = rows(DataProcessingAgreement, context).filter(parent_id__in=[j["id"] for j in joint_agreements])
    agreements = {(a.parent_id, a.municipality_id): a for a in agreements_qs}
    in_force_ids = set(rules.in_force(agreements_qs, context.day).values_list("id", flat=True))

    result: dict[int, ServiceRow] = {}

    def row_for(municipality_id: int) -> ServiceRow | None:
        municipality = visible.get(municipality_id)
        if municipality is None:
            return None
        return result.setdefault(municipality_id, ServiceRow(municipality))

    for template in templates:
        key = f"{template['kind']}-{template['id']}"
        for municipality_id in participants.get(template["id"], ()):
            row = row_for(municipality_id)
            if row is None:
                continue
            slug = row.municipality.slug
            if template["kind"] == "ros":
                record = analyses.get((template["id"], municipality_id))
                row.cells[key] = _ros_cell(record, template["published_version"], slug)
            else:
                record = dpias.get((template["id"], municipality_id))
                row.cells[key] = _dpia_cell(record, template["published_version"], slug)
    for (parent_id, municipality_id), agreement in agreements.items():
        row = row_for(municipality_id)
        if row is not None:
            row.cells[f"dpa-{parent_id}"] = _dpa_cell(agreement, in_force_ids, row.municipality.slug)
    ordered = sorted(result.values(), key=lambda row: row.municipality.name)
    return SharedServices(columns=columns, rows=ordered)
