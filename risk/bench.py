"""Synthetic ROS analyses for `manage.py bench`: one per municipality, and a 200-scenario one to sign."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from isms.core.bench import BenchData, Scenario
from isms.core.kins_templates import TEMPLATE_DIR

from .loaders import load_risk_matrix
from .models import AnalysisStatus, MeasureScenario, RiskAnalysis, RiskMatrix, RiskMeasure, RiskScenario, SubjectType

LARGE = 200


def build_analyses(data: BenchData) -> None:
    if not data.records:
        return
    if not RiskMatrix.objects.exists():
        load_risk_matrix(TEMPLATE_DIR / "risk_matrix.yaml")
    matrix = RiskMatrix.objects.get(is_current=True)
    day = datetime.date(2026, 11, 1)
    analyses = [
        RiskAnalysis(
            municipality=municipality, title=f"ROS {municipality.name}", subject_type=SubjectType.SERVICE,
            service="KOBO", scope="Benchmark", analysed_on=day, risk_owner=data.leader, matrix=matrix,
            status=AnalysisStatus.AWAITING_SIGNOFF if index == 0 else AnalysisStatus.DRAFT,
            signoff_requested_at=timezone.now() if index == 0 else None,
        )
        for index, municipality in enumerate(data.municipalities)
    ]  # fmt: skip
    bulk_create_with_history(analyses, RiskAnalysis, batch_size=500, default_change_reason="bench")
    analyses = list(RiskAnalysis.objects.order_by("municipality__number"))
    large = analyses[0]
    scenarios = [
        RiskScenario(
            municipality_id=analysis.municipality_id, analysis=analysis, title=f"Scenario {n}",
            asset="Søknader og vedtak", security=["C", "I"], likelihood=1 + n % 5, consequence=1 + (n // 5) % 5,
            residual_likelihood=1 + n % 3, residual_consequence=1 + n % 4, cause="Årsak til hendelsen " * 3,
            justification="Begrunnelse for vurderingen " * 3,
        )
        for analysis in analyses
        for n in range(LARGE if analysis is large else 10)
    ]  # fmt: skip
    bulk_create_with_history(scenarios, RiskScenario, batch_size=1000, default_change_reason="bench")
    measures = [
        RiskMeasure(municipality_id=analysis.municipality_id, analysis=analysis, title=f"Tiltak {n}",
                    owner="IKT", due_on=day + datetime.timedelta(days=n))
        for analysis in analyses
        for n in range(LARGE // 2 if analysis is large else 5)
    ]  # fmt: skip
    bulk_create_with_history(measures, RiskMeasure, batch_size=1000, default_change_reason="bench")
    large_scenarios = list(RiskScenario.objects.filter(analysis=large).order_by("pk"))
    links = [
        MeasureScenario(municipality_id=large.municipality_id, measure=measure, scenario=large_scenarios[2 * n])
        for n, measure in enumerate(RiskMeasure.objects.filter(analysis=large).order_by("pk"))
    ]
    bulk_create_with_history(links, MeasureScenario, batch_size=1000, default_change_reason="bench")
    data.extra["large_analysis"] = large


def bare_reportlab_ms(data: BenchData) -> float:
    """The same content as the ROS PDF in a plain ReportLab document, doing the same work: the scenario
    table of the same columns with every cell that wraps as a Paragraph, each scenario's assessments
    (cause, justification) as Paragraphs, and the measures table. The PDF's ratio to this is what our kit
    (letterhead, heat maps, styles, the sign-off block) costs, not what wrapping text costs."""
    import io
    import time

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    analysis = data.extra["large_analysis"]
    scenarios = list(RiskScenario.objects.filter(analysis=analysis).order_by("pk"))
    measures = list(RiskMeasure.objects.filter(analysis=analysis).order_by("due_on", "pk"))
    style = getSampleStyleSheet()["BodyText"]
    start = time.perf_counter()
    story = [
        Table(
            [
                [
                    n, Paragraph(s.title, style), Paragraph(s.asset, style), ",".join(s.security),
                    f"{s.likelihood} × {s.consequence}", Paragraph("—", style),
                    f"{s.residual_likelihood} × {s.residual_consequence}",
                ]
                for n, s in enumerate(scenarios, start=1)
            ],
            colWidths=[25, 110, 70, 30, 70, 100, 70],
            repeatRows=0,
        )
    ]  # fmt: skip
    for n, s in enumerate(scenarios, start=1):
        story += [Paragraph(f"{n}. {s.title}", style), Paragraph(s.cause, style), Paragraph(s.justification, style)]
    story.append(
        Table(
            [[Paragraph(m.title, style), m.strategy, m.owner, str(m.due_on), m.status] for m in measures],
            colWidths=[170, 70, 80, 70, 70],
        )
    )
    SimpleDocTemplate(io.BytesIO(), pagesize=A4).build(story)
    return (time.perf_counter() - start) * 1000


def _large(d: BenchData) -> list:
    analysis = d.extra["large_analysis"]
    return [analysis.municipality.slug, analysis.pk]


SCENARIOS = [
    Scenario("ROS list", lambda d: d.leader, lambda d: reverse("risk:analysis_list", args=[d.municipalities[0].slug])),
    Scenario(
        "ROS detail (200 scenarios)", lambda d: d.leader, lambda d: reverse("risk:analysis_detail", args=_large(d))
    ),
    Scenario(
        "ROS PDF (200 scenarios)",
        lambda d: d.leader,
        lambda d: reverse("risk:analysis_pdf", args=_large(d)),
        baseline=bare_reportlab_ms,
    ),
    Scenario(
        "ROS sign page (200 scenarios)", lambda d: d.leader, lambda d: reverse("risk:analysis_sign", args=_large(d))
    ),
    Scenario("Til signering", lambda d: d.leader, lambda d: reverse("core:to_sign")),
    Scenario(
        "ROS overview (all municipalities)", lambda d: d.coordinator, lambda d: reverse("risk_cooperation:overview")
    ),
    Scenario(
        "measure list", lambda d: d.leader, lambda d: reverse("risk:measure_list", args=[d.municipalities[0].slug])
    ),
]
