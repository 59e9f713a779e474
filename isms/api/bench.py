"""`manage.py bench` scenarios of the API: the processing-activity list on the protocol's bench data."""

from __future__ import annotations

from django.urls import reverse

from isms.core.bench import BenchData, Scenario


def build_nothing(data: BenchData) -> None:
    """The API reads what the protocol's builder wrote; it adds no data of its own."""


def _list_url(data: BenchData) -> str:
    return reverse("api:processing-activity-list") + f"?municipality={data.municipalities[0].slug}&page_size=500"


SCENARIOS = [
    Scenario("API processing activities (one municipality, one page)", lambda d: d.leader, _list_url),
    Scenario(
        "API processing activities (all, first page)",
        lambda d: d.coordinator,
        lambda d: reverse("api:processing-activity-list") + "?page_size=500",
    ),
]
