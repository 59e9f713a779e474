"""Synthetic behandlingsprotokoll for `manage.py bench`: records per municipality, with links and DPAs."""

from __future__ import annotations

import datetime

from django.urls import reverse
from simple_history.utils import bulk_create_with_history

from isms.core.bench import BenchData, Scenario
from isms.core.kins_templates import TEMPLATE_DIR
from isms.core.library.loader import load_template_file
from isms.core.models import Template

from .models import (
    AgreementStatus,
    DataProcessingAgreement,
    ProcessingActivity,
    ProcessingProcessor,
    System,
    SystemUse,
    Vendor,
)

REVIEWS_FROM = datetime.date(2026, 1, 1)
SECTORS = ["health", "education", "welfare", "technical", "administration", "finance", "archive"]


def build_protocols(data: BenchData) -> None:
    """`records` activities in every municipality; every third uses a processor, half of them covered.

    The shipped template library is loaded and each municipality's first activities follow its templates.
    """
    if not data.records:
        return
    load_template_file(TEMPLATE_DIR / "processing_activities.yaml", "processing")
    templates = list(Template.objects.filter(kind="processing").order_by("pk"))
    vendors = [Vendor(name=f"Benchleverandør {i}") for i in range(10)]
    bulk_create_with_history(vendors, Vendor, default_change_reason="bench")
    vendors = list(Vendor.objects.order_by("name"))
    systems = [System(name=f"Benchsystem {i}", vendor=vendors[i]) for i in range(10)]
    bulk_create_with_history(systems, System, default_change_reason="bench")
    for municipality in data.municipalities:
        activities = [
            ProcessingActivity(
                municipality=municipality,
                name=f"Behandling {index:04d}",
                sector=SECTORS[index % len(SECTORS)],
                purposes="Saksbehandling etter lov; formålet beskrevet i flere setninger for realistisk lengde. " * 3,
                legal_bases=["c", "e"],
                national_law="kommuneloven",
                data_subject_categories="Innbyggere, søkere, pårørende",
                personal_data_categories="Navn, fødselsnummer, kontaktinformasjon, saksopplysninger",
                special_categories=["health"] if index % 4 == 0 else [],
                special_category_bases=["h"] if index % 4 == 0 else [],
                recipients="Saksbehandlere" if index % 5 else "",
                retention="Arkivlova og bevaringsplanen",
                security_measures="Tilgangsstyring, logging",
                template=templates[index] if index < len(templates) else None,
                template_version=1 if index < len(templates) else None,
                # Reviews spread over two years from 2026, so the deadline checks find some due and overdue.
                next_review=REVIEWS_FROM + datetime.timedelta(days=(index * 7) % 730),
            )
            for index in range(data.records)
        ]
        bulk_create_with_history(activities, ProcessingActivity, batch_size=1000, default_change_reason="bench")
    activities = ProcessingActivity.objects.values_list("pk", "municipality_id")
    links = [
        ProcessingProcessor(municipality_id=municipality_id, processing_activity_id=pk, vendor=vendors[pk % 10])
        for pk, municipality_id in activities
        if pk % 3 == 0
    ]
    bulk_create_with_history(links, ProcessingProcessor, batch_size=2000, default_change_reason="bench")
    agreements, uses = [], []
    for municipality in data.municipalities:
        for index, vendor in enumerate(vendors[:5]):
            agreements.append(
                DataProcessingAgreement(
                    municipality=municipality,
                    vendor=vendor,
                    title=f"DBA {vendor.name}",
                    status=AgreementStatus.SIGNED,
                    signed_on="2024-01-01",
                    valid_until=REVIEWS_FROM + datetime.timedelta(days=150 * index),
                )
            )
            uses.append(SystemUse(municipality=municipality, system=systems[index]))
    bulk_create_with_history(agreements, DataProcessingAgreement, batch_size=2000, default_change_reason="bench")
    bulk_create_with_history(uses, SystemUse, batch_size=2000, default_change_reason="bench")
    first = data.municipalities[0]
    data.extra["activity"] = ProcessingActivity.objects.filter(municipality=first).order_by("pk").first()


def bare_reportlab_ms(data: BenchData) -> float:
    """The same activities as a plain ReportLab document: every field of every activity as a Paragraph."""
    import io
    import time

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from .snapshot import protocol_snapshot

    views = protocol_snapshot(municipality=data.municipalities[0]).activities
    style = getSampleStyleSheet()["BodyText"]
    start = time.perf_counter()
    story = []
    for view in views:
        activity = view.activity
        story += [Paragraph(str(getattr(activity, f.attname) or "—"), style) for f in activity._meta.concrete_fields]
    SimpleDocTemplate(io.BytesIO(), pagesize=A4).build(story)
    return (time.perf_counter() - start) * 1000


SCENARIOS = [
    Scenario(
        "protocol list",
        lambda d: d.leader,
        lambda d: reverse("protocol:processing_list", args=[d.municipalities[0].slug]),
    ),
    Scenario(
        "protocol list, filtered",
        lambda d: d.leader,
        lambda d: reverse("protocol:processing_list", args=[d.municipalities[0].slug]) + "?attention=agreement",
    ),
    Scenario(
        "processing detail",
        lambda d: d.leader,
        lambda d: reverse("protocol:processing_detail", args=[d.municipalities[0].slug, d.extra["activity"].pk]),
    ),
    Scenario(
        "protocol PDF",
        lambda d: d.leader,
        lambda d: reverse("protocol:processing_pdf", args=[d.municipalities[0].slug]),
        baseline=bare_reportlab_ms,
    ),
    Scenario("template library", lambda d: d.coordinator, lambda d: reverse("library:template_list")),
    Scenario("template usage", lambda d: d.coordinator, lambda d: reverse("library:template_usage")),
    Scenario(
        "adoption checklist",
        lambda d: d.leader,
        lambda d: reverse("library:adopt", args=[d.municipalities[0].slug, "processing"]),
    ),
    Scenario(
        "DPA register",
        lambda d: d.leader,
        lambda d: reverse("protocol:agreement_list", args=[d.municipalities[0].slug]),
    ),
]


IMPORT_ROWS = 2000


def import_workbook(rows: int) -> bytes:
    """A municipality's protocol of `rows` activities under a title row, written as people write it."""
    import io

    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Protokoll")
    sheet.append(["Behandlingsprotokoll for Benchkommune"])
    sheet.append([])
    sheet.append(["Nr.", "Behandling", "Formålet med behandlingen", "Ansvarlig enhet", "Kategorier av registrerte",
                  "Kategorier av personopplysninger", "Særlige kategorier", "Grunnlag særlige kategorier",
                  "Behandlingsgrunnlag", "Mottakere", "System", "Lagringstid og sletting",
                  "Sikkerhetstiltak"])  # fmt: skip
    units = ["Barnehagene", "Skolene", "Hjemmetjenesten", "NAV-kontoret", "Økonomi", "Plan og byggesak"]
    for index in range(rows):
        health = index % 3 == 0
        sheet.append([
            str(index + 1), f"Importert behandling {index:04d}", "Saksbehandling etter lov. " * 4,
            units[index % len(units)], "Innbyggere og søkere", "Navn, fødselsnummer, kontaktinformasjon",
            "Helseopplysninger" if health else "Nei", "Art. 9(2)(h)" if health else "",
            "Art. 6(1)(e) – helse- og omsorgstjenesteloven § 3-2", "Saksbehandlere",
            # Catalogue systems as people write them: another case, now and then two in a cell.
            f"benchsystem {index % 10}" if index % 4 else f"Benchsystem {index % 10}, Benchsystem {(index + 1) % 10}",
            "Etter arkivplan",
            "Tilgangsstyring, logging",
        ])  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class _QueryCounter:
    """Counts the queries run (no limit, unlike the debug log of CaptureQueriesContext, which keeps 9 000)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def _import_once(municipality, actor, content) -> tuple[list[float], int, int, str]:
    import itertools
    import time

    from django.db import connection

    from .importing.service import commit_draft, preview_draft, start_import

    marks = [time.perf_counter()]
    draft = start_import(municipality=municipality, actor=actor, content=content, filename="bench.xlsx")
    marks.append(time.perf_counter())
    preview_queries, commit_queries = _QueryCounter(), _QueryCounter()
    with connection.execute_wrapper(preview_queries):
        preview = preview_draft(draft=draft)
    marks.append(time.perf_counter())
    with connection.execute_wrapper(commit_queries):
        result = commit_draft(draft=draft, actor=actor)
    marks.append(time.perf_counter())
    outcome = f"{len(result.created)} nye" if result.ok else f"{len(preview.problems)} problemer"
    steps = [later - earlier for earlier, later in itertools.pairwise(marks)]
    return steps, preview_queries.count, commit_queries.count, outcome


def bench_import(data: BenchData) -> str:
    """Upload, preview and commit of a 2 000-row XLSX: seconds per step and SQL queries, the growth of the
    process's resident high-water mark (ru_maxrss) over the import, then the peak Python memory that
    tracemalloc sees in the same import into another municipality (timed apart: tracemalloc slows it down)."""
    import resource
    import tracemalloc

    content = import_workbook(IMPORT_ROWS)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    (upload, preview, commit), preview_sql, commit_sql, outcome = _import_once(
        data.municipalities[-1], data.coordinator, content
    )
    rss_growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    peak = f" · RSS high-water +{rss_growth:.0f} MB"
    if len(data.municipalities) > 1:
        tracemalloc.start()
        _import_once(data.municipalities[-2], data.coordinator, content)
        peak += f" · tracemalloc peak {tracemalloc.get_traced_memory()[1] / (1024 * 1024):.0f} MB"
        tracemalloc.stop()
    return (
        f"{'protocol import 2000 rows':32} upload {upload:.1f} s · preview {preview:.1f} s ({preview_sql} SQL) · "
        f"commit {commit:.1f} s ({commit_sql} SQL) · total {upload + preview + commit:.1f} s{peak} · {outcome}"
    )
