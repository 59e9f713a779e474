"""What every area's `collect` counts with: one grouped query per figure set, merged per municipality."""

from __future__ import annotations

from collections.abc import Mapping

from django.db.models import QuerySet
from django.urls import reverse


def url_of(name: str, query: str = ""):
    return lambda slug: reverse(name, args=[slug]) + (f"?{query}" if query else "")


def grouped(queryset: QuerySet, municipalities: QuerySet, **aggregates) -> dict[int, dict]:
    """{municipality id: {name: value}} in one GROUP BY query over the municipalities asked for."""
    result = (
        queryset.filter(municipality_id__in=municipalities.values("pk"))
        .order_by()
        .values("municipality_id")
        .annotate(**aggregates)
    )
    return {row.pop("municipality_id"): row for row in result}


def merge(*parts: Mapping[int, Mapping]) -> dict[int, dict]:
    merged: dict[int, dict] = {}
    for part in parts:
        for key, values in part.items():
            merged.setdefault(key, {}).update(values)
    return merged


def zeros(raw: Mapping, *names: str) -> dict[str, int]:
    return {name: raw.get(name) or 0 for name in names}
