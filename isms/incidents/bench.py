"""Synthetic avvik for `manage.py bench`: a few per municipality (some past the 72 hours), and one
municipality with 400 avvik and one avvik with 60 measures for the list, the detail page and the PDFs."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from isms.core.bench import BenchData, Scenario

from .models import Channel, Incident, IncidentKind, IncidentMeasure, IncidentStatus

KINDS = [IncidentKind.BREACH, IncidentKind.SECURITY, IncidentKind.BOTH, ""]


def build_incidents(data: BenchData) -> None:
    if not data.records:
        return
    now = timezone.now()
    first = data.municipalities[0]

    def incident(municipality, number: int) -> Incident:
        discovered = now - timedelta(hours=7 * number + 5)
        return Incident(
            municipality=municipality,
            number=number,
            title=f"Avvik {number} i {municipality.name}",
            description="Benchmark " * 20,
            discovered_at=discovered,
            reported_at=discovered + timedelta(hours=1),
            personal_data="yes",
            channel=Channel.LOGGED_IN,
            kind=KINDS[number % 4],
            security=["C"],
            status=IncidentStatus.CLOSED if number % 5 == 0 else IncidentStatus.HANDLING,
            notified_at=discovered + timedelta(hours=40) if number % 3 == 0 else None,
        )

    rows = [incident(municipality, n) for municipality in data.municipalities[1:] for n in range(1, 4)]
    rows += [incident(first, n) for n in range(1, data.records + 1)]
    bulk_create_with_history(rows, Incident, batch_size=1000, default_change_reason="bench")
    large = Incident.objects.filter(municipality=first).order_by("number").first()
    measures = [
        IncidentMeasure(municipality=first, incident=large, title=f"Tiltak {n}", timing="taken" if n % 2 else "planned")
        for n in range(60)
    ]
    bulk_create_with_history(measures, IncidentMeasure, batch_size=1000, default_change_reason="bench")
    data.extra["large_incident"] = large


def _large(d: BenchData) -> list:
    incident = d.extra["large_incident"]
    return [d.municipalities[0].slug, incident.pk]


SCENARIOS = [
    Scenario(
        "Avvik DPO overview (all municipalities)", lambda d: d.coordinator, lambda d: reverse("incidents:dpo_overview")
    ),
    Scenario("Avvik list", lambda d: d.leader, lambda d: reverse("incidents:list", args=[d.municipalities[0].slug])),
    Scenario("Avvik detail (60 measures)", lambda d: d.leader, lambda d: reverse("incidents:detail", args=_large(d))),
    Scenario("Avvik PDF (60 measures)", lambda d: d.leader, lambda d: reverse("incidents:pdf", args=_large(d))),
    Scenario(
        "Avvik register PDF",
        lambda d: d.leader,
        lambda d: reverse("incidents:register_pdf", args=[d.municipalities[0].slug]),
    ),
]
