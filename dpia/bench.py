"""Synthetic DPIAs for `manage.py bench`: one per municipality, all waiting for the DPO's advice, one of
them with 60 risks and 40 actions for the detail page and the PDF."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from isms.core.bench import BenchData, Scenario
from isms.protocol.models import ProcessingActivity

from .models import Dpia, DpiaAction, DpiaPrinciple, DpiaRisk, DpiaStatus, Principle, RiskKind


def build_dpias(data: BenchData) -> None:
    if not data.records:
        return
    first_activity = {
        activity.municipality_id: activity
        for activity in ProcessingActivity.objects.filter(municipality__in=data.municipalities).order_by("-pk")
    }
    now = timezone.now()
    rows = [
        Dpia(
            municipality=municipality,
            processing_activity=first_activity.get(municipality.pk),
            title=f"DPIA {municipality.name}",
            description="Benchmark",
            purposes="Benchmark",
            status=DpiaStatus.AWAITING_ADVICE,
            sent_to_dpo_at=now,
            decision_maker=data.leader,
        )
        for municipality in data.municipalities
    ]
    bulk_create_with_history(rows, Dpia, batch_size=500, default_change_reason="bench")
    dpias = list(Dpia.objects.order_by("municipality__number"))
    large = dpias[0]
    principles = [
        DpiaPrinciple(municipality_id=dpia.municipality_id, dpia=dpia, principle=principle, assessment="Vurdert")
        for dpia in dpias
        for principle in Principle
    ]
    bulk_create_with_history(principles, DpiaPrinciple, batch_size=2000, default_change_reason="bench")
    risks = [
        DpiaRisk(
            municipality_id=large.municipality_id,
            dpia=large,
            kind=RiskKind.OTHER,
            title=f"Risiko {n}",
            impacts="Ulempe for de registrerte " * 3,
            severity=1 + n % 4,
            likelihood=1 + (n // 4) % 4,
        )
        for n in range(60)
    ]
    bulk_create_with_history(risks, DpiaRisk, batch_size=1000, default_change_reason="bench")
    actions = [DpiaAction(municipality_id=large.municipality_id, dpia=large, title=f"Tiltak {n}") for n in range(40)]
    bulk_create_with_history(actions, DpiaAction, batch_size=1000, default_change_reason="bench")
    data.extra["large_dpia"] = large


def _large(d: BenchData) -> list:
    dpia = d.extra["large_dpia"]
    return [dpia.municipality.slug, dpia.pk]


SCENARIOS = [
    Scenario("DPO queue (all municipalities)", lambda d: d.coordinator, lambda d: reverse("dpia:dpo_queue")),
    Scenario("DPIA list", lambda d: d.leader, lambda d: reverse("dpia:list", args=[d.municipalities[0].slug])),
    Scenario("DPIA detail (60 risks)", lambda d: d.leader, lambda d: reverse("dpia:detail", args=_large(d))),
    Scenario("DPIA PDF (60 risks)", lambda d: d.leader, lambda d: reverse("dpia:pdf", args=_large(d))),
]
