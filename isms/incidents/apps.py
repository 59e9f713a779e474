from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "isms.incidents"
    label = "incidents"
    verbose_name = _("Avvik")

    def ready(self) -> None:
        from isms.core.bench import register_bench
        from isms.core.demo import register_demo
        from isms.core.history import ChildSpec, HistoryPlace, register_children, register_history
        from isms.core.signoff import register_aggregate, register_signing_queue

        from .bench import SCENARIOS as BENCH_SCENARIOS
        from .bench import build_incidents
        from .demo import seed_incident_demo
        from .models import Incident, IncidentMeasure, IncidentProcessing, IncidentSystem
        from .selectors import awaiting_decision
        from .snapshot import canonical_content

        def titles(rows) -> dict[int, str]:
            return {row.id: row.title for row in rows}

        def processing_names(rows) -> dict[int, str]:
            from isms.protocol.models import ProcessingActivity

            names = dict(
                ProcessingActivity.objects.filter(pk__in={row.processing_activity_id for row in rows}).values_list(
                    "pk", "name"
                )
            )
            return {row.id: names.get(row.processing_activity_id, "?") for row in rows}

        def system_names(rows) -> dict[int, str]:
            from isms.protocol.models import SystemUse

            names = dict(
                SystemUse.objects.filter(pk__in={row.system_use_id for row in rows}).values_list("pk", "system__name")
            )
            return {row.id: names.get(row.system_use_id, "?") for row in rows}

        register_history("incident", Incident, place=HistoryPlace(_("Avvik"), "incidents:list", "incidents:detail"))
        register_children(
            "incident",
            [
                ChildSpec(IncidentMeasure, "incident_id", _("Measure"), titles),
                ChildSpec(IncidentProcessing, "incident_id", _("Processing activity"), processing_names),
                ChildSpec(IncidentSystem, "incident_id", _("System"), system_names),
            ],
        )
        register_aggregate(Incident, canonical_content)
        register_signing_queue(awaiting_decision)
        register_demo("Avvik", seed_incident_demo)
        register_bench(build_incidents, BENCH_SCENARIOS)
