"""Key figures the apps show on a municipality's page; each app registers one summary function."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    label: str
    value: int
    url: str = ""
    attention: bool = False  # shown as needing follow-up when the value is not zero


SUMMARIES: list[Callable] = []


def register_summary(summary: Callable) -> None:
    """`summary(municipality) -> list[Figure]`; it must run a constant number of queries."""
    if summary not in SUMMARIES:
        SUMMARIES.append(summary)


def figures_for(municipality) -> list[Figure]:
    return [figure for summary in SUMMARIES for figure in summary(municipality)]
