"""The long tables of ROS pages as rows of HTML: `{% scenario_rows %}`, `{% sign_rows %}`, `{% measure_rows %}`
and `{% overview_rows %}` (every municipality's analyses).

The table, its caption and header stay in the template; only the rows are written here. A template loop
resolves a dozen variables, filters and `{% translate %}` tags per row: on an analysis of 200 scenarios and
100 measures that was two thirds of the page's time (≈45 of 70 ms of CPU); one `format_row` per row is a
tenth of it. Every value is escaped as the template escaped it (`format_row` is `format_html`, made cheaper)."""

from __future__ import annotations

import functools

from django import template
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from isms.core.display import choice_label, format_row

from .risk_ratings import scenario_rating_in

register = template.Library()

DASH = "—"


def _linked(title: str, url: str) -> SafeString:
    return format_row('<a class="ds-link" href="{}">{}</a>', url, title) if url else format_row("{}", title)


def _rows(format_string: str, rows) -> SafeString:
    return SafeString("\n".join(format_row(format_string, *row) for row in rows))


@register.simple_tag
def scenario_rows(scenarios, link_base: str = "") -> SafeString:
    """The analysis page's scenario rows; with `link_base` (…/scenarios/) each title links to its edit form."""
    language = get_language()
    return _rows(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (
                _linked(scenario.title, f"{link_base}{scenario.pk}/" if link_base else ""),
                scenario.asset,
                scenario.security_letters_in(language),
                scenario_rating_in(scenario, language),
                "; ".join(scenario.measure_titles) or DASH,
                scenario_rating_in(scenario, language, residual=True),
            )
            for scenario in scenarios
        ),
    )


@register.simple_tag
def sign_rows(rows) -> SafeString:
    """The sign page's rows of (scenario, its measures): the event, the risk, the measures, the residual risk."""
    language = get_language()
    return _rows(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (
                scenario.title,
                scenario_rating_in(scenario, language),
                "; ".join(measure.title for measure in measures) or DASH,
                scenario_rating_in(scenario, language, residual=True),
            )
            for scenario, measures in rows
        ),
    )


@functools.lru_cache(maxsize=4096)
def _day(value, language: str | None) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


@register.simple_tag
def measure_rows(measures, *, risk_base: str, can_edit: bool, show_analysis: bool, today) -> SafeString:
    """The measure table's rows (an analysis's, or the municipality's with the analysis named); `risk_base` is
    the municipality's …/risk/ URL, from which each measure's and analysis's link is written."""
    language = get_language()
    labels = {
        "analysis": _("Risk assessment"),
        "strategy": _("Strategy"),
        "owner": _("Responsible"),
        "due": _("Due date"),
        "status": _("Status"),
    }
    overdue = format_html(' <span class="ds-tag" data-color="danger">{}</span>', _("Overdue"))

    def row(measure) -> SafeString:
        analysis_cell = ""
        if show_analysis:
            analysis_cell = format_row(
                '<td data-label="{}"><a class="ds-link" href="{}{}/">{}</a></td>',
                labels["analysis"], risk_base, measure.analysis_id, measure.analysis.title,
            )  # fmt: skip
        url = f"{risk_base}{measure.analysis_id}/measures/{measure.pk}/" if can_edit else ""
        late = measure.is_open and measure.due_on and measure.due_on < today
        return format_row(
            '<tr><td class="table-stack__title">{}</td>{}<td data-label="{}">{}</td><td data-label="{}">{}</td>'
            '<td data-label="{}">{}{}</td><td data-label="{}">{}</td></tr>',
            _linked(measure.title, url), analysis_cell,
            labels["strategy"], choice_label(measure, "strategy"),
            labels["owner"], measure.owner or DASH,
            labels["due"], _day(measure.due_on, language) if measure.due_on else DASH, overdue if late else "",
            labels["status"], choice_label(measure, "status"),
        )  # fmt: skip

    return SafeString("\n".join(row(measure) for measure in measures))


@register.simple_tag
def overview_rows(analyses) -> SafeString:
    """The overview's rows: municipality, analysis (linked by `detail_url`), state, version, the joint
    template's version (and a newer one waiting), red scenarios after measures, open and overdue measures."""

    def template_cell(analysis) -> str:
        if not analysis.template_id:
            return DASH
        if analysis.template_update_available:
            waiting = _("version %(n)s waiting") % {"n": analysis.template.published_version}
            return f"{analysis.template_version} ({waiting})"
        return str(analysis.template_version)

    def red_cell(count: int) -> SafeString:
        return format_row('<span class="risk-tag risk-tag--high">{}</span>', count) if count else SafeString("0")

    def row(analysis) -> SafeString:
        return format_row(
            '<tr><td>{}</td><td><a class="ds-link" href="{}">{}</a></td><td>{}</td><td class="numeric">{}</td>'
            '<td>{}</td><td class="numeric">{}</td><td class="numeric">{}</td><td class="numeric">{}</td></tr>',
            analysis.municipality.name, analysis.detail_url, analysis.title, analysis.state_label,
            analysis.version, template_cell(analysis), red_cell(analysis.red_residual),
            analysis.open_measures, analysis.overdue_measures,
        )  # fmt: skip

    return SafeString("\n".join(row(analysis) for analysis in analyses))
