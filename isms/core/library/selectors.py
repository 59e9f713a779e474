"""Reads of the template library; each page gets what it needs in a constant number of queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils.text import capfirst

from ..models import Municipality, Template, TemplateParticipant
from .kinds import KINDS, TemplateKind


def participant_names(rows) -> dict[int, str]:
    """{participant id: municipality name} for historical TemplateParticipant rows (one query)."""
    names = dict(Municipality.objects.filter(pk__in={row.municipality_id for row in rows}).values_list("pk", "name"))
    return {row.id: names.get(row.municipality_id, "?") for row in rows}


def templates(*, kind: str = "", group: str = "", search: str = "", published_only: bool = False) -> QuerySet:
    queryset = Template.objects.all()
    if kind:
        queryset = queryset.filter(kind=kind)
    if group:
        queryset = queryset.filter(group=group)
    if search:
        queryset = queryset.filter(Q(title__icontains=search) | Q(description__icontains=search))
    if published_only:
        queryset = queryset.filter(published_version__gt=0)
    return queryset.order_by("kind", "group", "title")


@dataclass
class TemplateSection:
    """The templates of one kind and group (a sector, say), as the list and the usage page show them."""

    kind: TemplateKind
    group: str
    group_label: str
    rows: list = field(default_factory=list)

    @property
    def heading(self) -> str:
        kind = capfirst(str(self.kind.label_plural))
        return f"{kind} – {self.group_label}" if self.group_label else kind


def in_sections(templates: Iterable[Template], row: Callable[[Template], Any] = lambda t: t) -> list[TemplateSection]:
    """Templates by kind and then by group in the kind's fixed group order; titles keep their order."""
    sections: dict[tuple[str, str], TemplateSection] = {}
    for template in templates:
        kind = KINDS.get(template.kind)
        if kind is None:
            continue
        key = (template.kind, template.group)
        if key not in sections:
            sections[key] = TemplateSection(kind, template.group, kind.group_label(template.group))
        sections[key].rows.append(row(template))
    return sorted(sections.values(), key=lambda s: (s.kind.code, s.kind.group_sort_key(s.group)))


def adoption_counts(kinds: list[TemplateKind] | None = None) -> dict[int, dict[int, int]]:
    """{template id: {version number: municipalities on it}}: one query per kind, whatever their number."""
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    for kind in kinds or KINDS.values():
        rows = (
            kind.records()
            .values("template_id", "template_version")
            .annotate(municipalities=Count("municipality_id", distinct=True))
        )
        for row in rows:
            counts[row["template_id"]][row["template_version"]] = row["municipalities"]
    return counts


@dataclass
class ChecklistRow:
    template: Template
    adopted_record_id: int | None = None
    adopted_version: int | None = None
    same_title_record_id: int | None = None  # an own record with the same title, linked on adoption
    may_adopt: bool = True  # joint assessments only for their participants
    record_url: str = ""

    @property
    def is_adopted(self) -> bool:
        return self.adopted_record_id is not None

    @property
    def update_available(self) -> bool:
        return self.is_adopted and (self.adopted_version or 0) < self.template.published_version


@dataclass
class ChecklistGroup:
    code: str
    label: str
    rows: list[ChecklistRow] = field(default_factory=list)


def adoption_checklist(kind: TemplateKind, municipality: Municipality) -> list[ChecklistGroup]:
    """The kind's published templates by group, each with what the municipality has made of it (3 queries)."""
    published = list(templates(kind=kind.code, published_only=True))
    records = kind.model._default_manager.filter(municipality=municipality)
    adopted = {
        row["template_id"]: row
        for row in records.filter(template__isnull=False).values("pk", "template_id", "template_version")
    }
    own_titles = {
        title.lower(): pk for title, pk in records.filter(template__isnull=True).values_list(kind.title_field, "pk")
    }
    participating = set(
        TemplateParticipant.objects.filter(municipality=municipality, template__kind=kind.code).values_list(
            "template_id", flat=True
        )
    )
    groups: dict[str, ChecklistGroup] = {}
    for template in published:
        group = groups.setdefault(template.group, ChecklistGroup(template.group, kind.group_label(template.group)))
        row = ChecklistRow(template, may_adopt=not template.is_joint or template.pk in participating)
        if template.pk in adopted:
            row.adopted_record_id = adopted[template.pk]["pk"]
            row.adopted_version = adopted[template.pk]["template_version"]
            row.record_url = kind.record_url(municipality, row.adopted_record_id)
        else:
            row.same_title_record_id = own_titles.get(template.title.lower())
        group.rows.append(row)
    return sorted(groups.values(), key=lambda group: kind.group_sort_key(group.code))


@dataclass
class Adopter:
    municipality: Municipality
    record_id: int | None
    version: int | None
    is_participant: bool


def adopters(template: Template) -> list[Adopter]:
    """Every municipality that adopted the template or takes part in it (joint), by name (2 queries)."""
    kind = KINDS[template.kind]
    by_municipality: dict[int, Adopter] = {}
    for record in kind.records().filter(template=template).select_related("municipality"):
        by_municipality[record.municipality_id] = Adopter(
            record.municipality, record.pk, record.template_version, False
        )
    for participant in TemplateParticipant.objects.filter(template=template).select_related("municipality"):
        adopter = by_municipality.setdefault(
            participant.municipality_id, Adopter(participant.municipality, None, None, True)
        )
        adopter.is_participant = True
    return sorted(by_municipality.values(), key=lambda adopter: adopter.municipality.name)


@dataclass
class PendingRecord:
    kind: TemplateKind
    record: object
    url: str


def pending_updates(municipality: Municipality) -> list[PendingRecord]:
    """The municipality's adopted records whose template has a newer published version (one query per kind)."""
    pending = []
    for kind in KINDS.values():
        rows = (
            kind.records()
            .filter(municipality=municipality, template__published_version__gt=F("template_version"))
            .select_related("template")
            .order_by(kind.title_field)
        )
        pending.extend(PendingRecord(kind, record, kind.record_url(municipality, record.pk)) for record in rows)
    return pending


def joint_waiting() -> dict[int, int]:
    """{joint template id: participants that have not adopted it yet} (one query per kind, plus one)."""
    adopted: set[tuple[int, int]] = set()
    for kind in KINDS.values():
        adopted.update(kind.records().filter(template__is_joint=True).values_list("template_id", "municipality_id"))
    waiting: dict[int, int] = defaultdict(int)
    for template_id, municipality_id in TemplateParticipant.objects.filter(template__is_joint=True).values_list(
        "template_id", "municipality_id"
    ):
        if (template_id, municipality_id) not in adopted:
            waiting[template_id] += 1
    return waiting
