"""The ROS page's long tables (written by risk_tables.py): what each reader sees per scenario and measure,
escaped as the template escaped it, with links only for those who may edit."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from isms.core.display import format_row
from risk.models import MeasureScenario, MeasureStrategy

from .builders import make_analysis, make_measure, make_scenario

HOSTILE = '<script>alert("x")</script> & Co'


def _analysis(cast):
    analysis = make_analysis(cast.vefsn, cast.leader_vefsn)
    scenario = make_scenario(
        analysis, title=HOSTILE, likelihood=5, consequence=4, residual_likelihood=2, residual_consequence=2
    )
    make_scenario(analysis, title="Strømbrudd i serverrommet", likelihood=1, consequence=2)
    late = make_measure(analysis, title="Logg <alle> innlogginger", owner="IKT", due_on=datetime.date(2026, 1, 5))
    make_measure(analysis, title="Ferdig tiltak", due_on=datetime.date(2026, 1, 5), status="done", strategy="accept")
    MeasureScenario.objects.create(municipality=cast.vefsn, measure=late, scenario=scenario)
    return analysis, scenario, late


def _row(page: str, text: str) -> str:
    return next(row for row in re.findall(r"<tr>.*?</tr>", page, re.S) if text in row)


def _measure_row(page: str, text: str) -> str:
    rows = re.findall(r'<tr><td class="table-stack__title">.*?</tr>', page, re.S)
    return next(row for row in rows if text in row)


@pytest.mark.django_db
def test_the_editor_sees_each_scenario_and_measure_with_its_rating_and_link(client_for, cast):
    analysis, scenario, late = _analysis(cast)
    page = client_for(cast.editor_vefsn).get(reverse("risk:analysis_detail", args=["vefsn", analysis.pk])).content
    page = page.decode()
    assert "<script>alert" not in page
    hostile = _row(page, "&lt;script&gt;")
    assert f'href="/m/vefsn/risk/{analysis.pk}/scenarios/{scenario.pk}/"' in hostile
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in hostile
    assert "5 × 4 = 20" in hostile and "risk-tag--high" in hostile and "(rød)" in hostile
    assert "2 × 2 = 4" in hostile and "risk-tag--low" in hostile
    assert "Logg &lt;alle&gt; innlogginger" in hostile and "<td>K</td>" in hostile
    other = _row(page, "Strømbrudd i serverrommet")
    assert "<td>K</td>" in other and "1 × 2 = 2" in other
    assert other.count("—") == 2  # no measures, no residual rating
    measure = _measure_row(page, "Logg &lt;alle&gt; innlogginger")
    assert f'href="/m/vefsn/risk/{analysis.pk}/measures/{late.pk}/"' in measure
    assert 'data-label="Frist">05.01.2026 <span class="ds-tag" data-color="danger">Forfalt</span>' in measure
    assert 'data-label="Ansvarlig">IKT<' in measure and 'data-label="Strategi">Redusere<' in measure
    done = _measure_row(page, "Ferdig tiltak")
    with translation.override("nb"):
        accept = str(MeasureStrategy.ACCEPT.label)
    assert "Forfalt" not in done and 'data-label="Ansvarlig">—<' in done and f">{accept}<" in done


@pytest.mark.django_db
def test_a_viewer_reads_the_same_rows_without_edit_links(client_for, cast):
    analysis, _scenario, _late = _analysis(cast)
    page = client_for(cast.viewer_vefsn).get(reverse("risk:analysis_detail", args=["vefsn", analysis.pk])).content
    page = page.decode()
    assert "/scenarios/" not in _row(page, "&lt;script&gt;")
    assert "/measures/" not in _measure_row(page, "Logg &lt;alle&gt; innlogginger")
    assert "5 × 4 = 20" in page and "Forfalt" in page


@pytest.mark.django_db
def test_the_municipalitys_measure_list_names_the_analysis_of_each_measure(client_for, cast):
    analysis, _scenario, late = _analysis(cast)
    page = client_for(cast.editor_vefsn).get(reverse("risk:measure_list", args=["vefsn"])).content.decode()
    row = _measure_row(page, "Logg &lt;alle&gt; innlogginger")
    assert f'data-label="ROS-analyse"><a class="ds-link" href="/m/vefsn/risk/{analysis.pk}/">ROS for KOBO</a>' in row
    assert f"/measures/{late.pk}/" in row


@pytest.mark.django_db
def test_the_sign_page_lists_each_scenario_with_its_measures(client_for, cast):
    analysis, _scenario, _late = _analysis(cast)
    page = client_for(cast.leader_vefsn).get(reverse("risk:analysis_sign", args=["vefsn", analysis.pk])).content
    row = _row(page.decode(), "&lt;script&gt;")
    assert "Logg &lt;alle&gt; innlogginger" in row and "5 × 4 = 20" in row and "2 × 2 = 4" in row
    assert _row(page.decode(), "Strømbrudd").count("—") == 2


@pytest.mark.parametrize(
    "values",
    [
        (HOSTILE, "a \"quoted\" 'value'"),
        (mark_safe("<b>safe</b>"), "<i>unsafe</i>"),
        (gettext_lazy("Overdue"), 12),
        (None, 0),
    ],
)
def test_format_row_escapes_exactly_as_format_html(values):
    assert format_row("<td>{}</td><td>{}</td>", *values) == format_html("<td>{}</td><td>{}</td>", *values)


@pytest.mark.django_db
def test_the_overview_row_counts_red_open_and_overdue_per_analysis(client_for, cast):
    analysis, _scenario, _late = _analysis(cast)
    page = client_for(cast.dpo).get(reverse("risk_cooperation:overview")).content.decode()
    row = _row(page, "ROS for KOBO")
    assert f'<a class="ds-link" href="/m/vefsn/risk/{analysis.pk}/">ROS for KOBO</a>' in row
    assert row.startswith("<tr><td>Vefsn</td>") and "<td>—</td>" in row  # no joint template
    # Red after measures: none (5 × 4 is 2 × 2 after measures); open: the late one; overdue: the late one.
    assert row.endswith('<td class="numeric">0</td><td class="numeric">1</td><td class="numeric">1</td></tr>')


@pytest.mark.django_db
def test_the_overview_row_says_when_a_newer_joint_version_waits(client_for, cast):
    from isms.core.library.services import adopt_templates, publish_template, save_template

    from .test_joint import KOBO_CONTENT, joint_kobo

    kind, template = joint_kobo(cast)
    adopt_templates(kind=kind, municipality=cast.vefsn, templates=[template], actor=cast.editor_vefsn)
    row = _row(client_for(cast.dpo).get(reverse("risk_cooperation:overview")).content.decode(), "Vefsn")
    assert "<td>1</td>" in row and "venter" not in row
    cleaned, _errors = kind.clean_content({**KOBO_CONTENT, "scope": "Startlån, bostøtte og tilskudd"})
    save_template(
        kind=kind, actor=cast.coordinator, template=template, expected_version=template.version,
        values={"title": template.title, "description": "", "is_joint": True}, content=cleaned,
        reason="Tilskudd tatt med", participants=[cast.vefsn, cast.rana],
    )  # fmt: skip
    template.refresh_from_db()
    publish_template(
        template=template, actor=cast.coordinator, change_note="Nytt omfang", expected_version=template.version
    )
    row = _row(client_for(cast.dpo).get(reverse("risk_cooperation:overview")).content.decode(), "Vefsn")
    assert "<td>1 (versjon 2 venter)</td>" in row
