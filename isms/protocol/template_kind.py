"""Processing activities as a kind of template: the standard records a municipality adopts and adapts."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from isms.core.library.kinds import TemplateKind
from isms.core.tracking import create_tracked

from .forms import ProcessingTemplateContentForm
from .models import ProcessingActivity, ProcessingSystem, RecordType, SystemUse

SYSTEMS = "systems"


class ProcessingActivityKind(TemplateKind):
    code = "processing"
    label = _("processing activity")
    label_plural = _("processing activities")
    model = ProcessingActivity
    content_form_class = ProcessingTemplateContentForm
    group_field = "sector"

    def display(self, name: str, value: Any) -> str:
        if name == SYSTEMS:
            return ", ".join(value or []) or "—"
        return super().display(name, value)

    def detail_queryset(self, municipality):
        return super().detail_queryset(municipality).prefetch_related("system_links__system_use__system")

    def record_value(self, record: ProcessingActivity, name: str) -> Any:
        if name == SYSTEMS:
            return sorted(link.system_use.system.name for link in record.system_links.all())
        return super().record_value(record, name)

    @staticmethod
    def _system_use_ids(municipality_id: int, names: list[str], exclude: set[int] = frozenset()) -> list[int]:
        """The municipality's uses of the named systems (systems it does not use are left out)."""
        lowered = {name.lower() for name in names or []}
        uses = SystemUse.objects.filter(municipality_id=municipality_id).select_related("system")
        return [use.pk for use in uses if use.system.name.lower() in lowered and use.pk not in exclude]

    def create_record(self, *, municipality, title, content, template_values, actor, reason) -> ProcessingActivity:
        from .services import save_processing_activity

        values = {
            name: self.model._meta.get_field(name).to_python(value)
            for name, value in content.items()
            if name != SYSTEMS
        }
        record, _changed = save_processing_activity(
            municipality=municipality,
            actor=actor,
            values={**values, "name": title, "record_type": RecordType.CONTROLLER, **template_values},
            system_use_ids=self._system_use_ids(municipality.pk, content.get(SYSTEMS, [])),
            processor_ids=[],
            reason=reason,
        )
        return record

    def apply_content(self, record: ProcessingActivity, values: dict[str, Any], *, actor, reason: str) -> None:
        """Systems named by the new version are linked when the municipality uses them; none is unlinked."""
        names = values.pop(SYSTEMS, None)
        super().apply_content(record, values, actor=actor, reason=reason)
        if names is None:
            return
        linked = set(record.system_links.values_list("system_use_id", flat=True))
        for use_id in self._system_use_ids(record.municipality_id, names, exclude=linked):
            create_tracked(
                ProcessingSystem,
                actor=actor,
                reason=reason,
                values={
                    "municipality_id": record.municipality_id,
                    "processing_activity": record,
                    "system_use_id": use_id,
                },
            )

    def record_url(self, municipality, pk: int) -> str:
        return reverse("protocol:processing_detail", args=[municipality.slug, pk])

    def adopted_list_url(self, municipality) -> str:
        return reverse("protocol:processing_list", args=[municipality.slug])
