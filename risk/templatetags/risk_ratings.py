"""`{% rating level likelihood consequence score %}`: a rating as a coloured tag ("4 × 3 = 12", its colour
named for screen readers), or "—". A tag, not an include: a ROS page shows two per scenario, and 400
includes were most of the time of a 200-scenario page."""

import functools

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()


@functools.cache
def _colours(language: str | None) -> dict[str, str]:
    """The bands' colour names in the active language, worked out once per language."""
    return {"high": _("red"), "medium": _("yellow"), "low": _("green")}


@register.simple_tag
def rating(level: str, likelihood, consequence, score) -> str:
    return _tag(level, likelihood, consequence, score)


@register.simple_tag
def scenario_rating(scenario, residual: bool = False) -> str:
    """A scenario's rating before measures, or after (`residual=True`): one argument to resolve, not four."""
    return scenario_rating_in(scenario, get_language(), residual=residual)


def scenario_rating_in(scenario, language: str | None, *, residual: bool = False) -> str:
    """`scenario_rating` for a language the caller already knows (a table of 200 rows asks once)."""
    if residual:
        likelihood, consequence = scenario.residual_likelihood, scenario.residual_consequence
    else:
        likelihood, consequence = scenario.likelihood, scenario.consequence
    level = scenario.analysis.matrix.level(likelihood, consequence)
    if not level:
        return "—"
    return _cached_tag(level, int(likelihood), int(consequence), int(likelihood * consequence), language)


def _tag(level: str, likelihood, consequence, score) -> str:
    if not level:
        return "—"
    return _cached_tag(level, int(likelihood), int(consequence), int(score), get_language())


@functools.lru_cache(maxsize=1024)
def _cached_tag(level: str, likelihood: int, consequence: int, score: int, language: str | None) -> str:
    # A matrix has at most 9 × 9 cells: each tag is built once per language (format_html on every one of
    # a 200-scenario page's 400 tags was a sixth of its time).
    return format_html(
        '<span class="risk-tag risk-tag--{}">{} × {} = {} <span class="visually-hidden">({})</span></span>',
        level, likelihood, consequence, score, _colours(language).get(level, ""),
    )  # fmt: skip
