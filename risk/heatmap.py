"""The heat map of an analysis: scenarios counted per cell of its matrix, before and after measures."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import RiskMatrix, RiskScenario


@dataclass(frozen=True)
class Cell:
    likelihood: int
    consequence: int
    level: str  # RiskLevel
    count: int

    @property
    def description(self) -> str:
        """What a screen reader says for the cell ("2 scenarioer, rød sone"), where the eye sees number and colour."""
        count = (
            ngettext("%(n)s scenario", "%(n)s scenarios", self.count) % {"n": self.count}
            if self.count
            else _("no scenarios")
        )
        zone = {"high": _("red zone"), "medium": _("yellow zone")}.get(self.level, _("green zone"))
        return f"{count}, {zone}"


@dataclass(frozen=True)
class HeatMapRow:
    likelihood: int
    label: str
    cells: list[Cell]


@dataclass(frozen=True)
class HeatMap:
    consequence_labels: list[tuple[int, str]]
    rows: list[HeatMapRow]  # most likely first, as the matrix is usually drawn
    total: int


def heat_map(matrix: RiskMatrix, scenarios: list[RiskScenario], *, residual: bool = False) -> HeatMap:
    counts: dict[tuple[int, int], int] = {}
    for scenario in scenarios:
        likelihood, consequence = (
            (scenario.residual_likelihood, scenario.residual_consequence)
            if residual
            else (scenario.likelihood, scenario.consequence)
        )
        if likelihood and consequence:
            counts[(likelihood, consequence)] = counts.get((likelihood, consequence), 0) + 1
    consequences = range(1, matrix.consequence_count + 1)
    rows = [
        HeatMapRow(
            likelihood,
            matrix.likelihood_label(likelihood),
            [
                Cell(
                    likelihood,
                    consequence,
                    matrix.level(likelihood, consequence),
                    counts.get((likelihood, consequence), 0),
                )
                for consequence in consequences
            ],
        )
        for likelihood in range(matrix.likelihood_count, 0, -1)
    ]
    return HeatMap([(n, matrix.consequence_label(n)) for n in consequences], rows, sum(counts.values()))
