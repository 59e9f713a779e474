"""The board status report: bad periods, one job at a time, as-of figures, stored file and figures, changes."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from isms.core.models import ExportJob, ExportStatus, Municipality
from isms.core.tasks import run_export
from isms.oversight.models import BoardReport
from isms.oversight.services import request_board_report
from risk.models import AnalysisStatus, RiskAnalysis
from tests.dpia.builders import make_activity
from tests.factories import MunicipalityFactory
from tests.pdf_text import pdf_pages
from tests.risk.builders import make_analysis

pytestmark = pytest.mark.django_db


def _age_everything(days: int) -> None:
    """Move every history row `days` back, as if the data had been registered then (tests only)."""
    from django.apps import apps

    delta = datetime.timedelta(days=days)
    for model in apps.get_models():
        history = getattr(model, "history", None)
        if history is None or not hasattr(history, "model"):
            continue
        for row in history.model.objects.all():
            row.history_date -= delta
            row.save()
    for municipality in Municipality.objects.all():
        Municipality.objects.filter(pk=municipality.pk).update(created_at=municipality.created_at - delta)


def _post(client, start, end):
    return client.post(reverse("oversight:report_list"), {"start": start, "end": end})


def test_a_period_that_ends_before_it_starts_is_refused_in_norwegian(cast, client_for):
    today = timezone.localdate()
    response = _post(client_for(cast.dpo), today.isoformat(), (today - datetime.timedelta(days=3)).isoformat())
    assert response.status_code == 400
    assert "Perioden slutter før den starter" in response.content.decode()
    assert not BoardReport.objects.exists()


def test_a_period_in_the_future_is_refused(cast, client_for):
    today = timezone.localdate()
    response = _post(client_for(cast.dpo), today.isoformat(), (today + datetime.timedelta(days=3)).isoformat())
    assert response.status_code == 400
    assert "kan ikke slutte i fremtiden" in response.content.decode()


def test_a_period_before_any_data_is_refused(cast, client_for):
    response = _post(client_for(cast.dpo), "2001-01-01", "2001-12-31")
    assert response.status_code == 400
    assert "før det finnes data" in response.content.decode()


def test_a_leader_or_editor_may_not_ask_for_a_report(cast, client_for):
    today = timezone.localdate().isoformat()
    for user in (cast.leader_vefsn, cast.editor_vefsn):
        assert _post(client_for(user), today, today).status_code == 403
    assert not BoardReport.objects.exists()


def test_the_report_is_made_in_the_background_kept_and_downloaded_as_made(
    cast, client_for, django_capture_on_commit_callbacks
):
    make_activity(cast.vefsn, "Startlån")
    today = timezone.localdate()
    client = client_for(cast.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, (today - datetime.timedelta(days=30)).isoformat(), today.isoformat())
    report = BoardReport.objects.get()
    assert response["Location"] == reverse("oversight:report_detail", args=[report.pk])
    assert report.job.status == ExportStatus.DONE and not report.in_progress
    assert report.figures["summary"]["municipalities"] == 2
    assert report.figures["period"]["end"] == today.isoformat()
    pdf = client.get(reverse("oversight:report_pdf", args=[report.pk]))
    content = b"".join(pdf.streaming_content)
    text = "\n".join(pdf_pages(content))
    assert "Statusrapport Sikker kommune Helgeland" in text
    assert "Oppsummering" in text and "Vefsn" in text and today.strftime("%d.%m.%Y") in text
    # Later changes do not alter the stored file: it downloads exactly as made.
    make_activity(cast.rana, "Bostøtte")
    again = b"".join(client_for(cast.dpo).get(reverse("oversight:report_pdf", args=[report.pk])).streaming_content)
    assert again == content
    listing = client.get(reverse("oversight:report_list")).content.decode()
    assert reverse("oversight:report_pdf", args=[report.pk]) in listing


def test_a_second_request_while_one_is_running_sees_the_first(cast, client_for):
    today = timezone.localdate()
    first, created = request_board_report(user=cast.dpo, start=today, end=today)
    assert created
    response = _post(client_for(cast.coordinator), today.isoformat(), today.isoformat())
    assert response["Location"] == reverse("oversight:report_detail", args=[first.pk])
    assert BoardReport.objects.count() == 1
    run_export(first.job_id)
    second, created = request_board_report(user=cast.coordinator, start=today, end=today)
    assert created and second.pk != first.pk


def test_a_report_left_unfinished_by_a_stopped_process_does_not_block_the_next(cast):
    today = timezone.localdate()
    first, _created = request_board_report(user=cast.dpo, start=today, end=today)
    # Its process stopped (a restart) 31 minutes ago: the job was never built. ExportJob is not tracked.
    ExportJob.objects.filter(pk=first.job_id).update(created_at=timezone.now() - datetime.timedelta(minutes=31))
    second, created = request_board_report(user=cast.coordinator, start=today, end=today)
    assert created and second.pk != first.pk
    first.refresh_from_db()
    first.job.refresh_from_db()
    assert not first.in_progress and first.job.status == ExportStatus.FAILED
    run_export(second.job_id)
    assert BoardReport.objects.get(pk=second.pk).job.status == ExportStatus.DONE


def test_figures_are_as_of_the_end_of_the_period_and_changes_are_listed(cast):
    analysis = make_analysis(cast.vefsn, cast.leader_vefsn, title="ROS KOBO", status=AnalysisStatus.REJECTED)
    make_activity(cast.vefsn, "Startlån")
    _age_everything(10)
    today = timezone.localdate()
    earlier, _created = request_board_report(
        user=cast.dpo, start=today - datetime.timedelta(days=20), end=today - datetime.timedelta(days=5)
    )
    run_export(earlier.job_id)
    # Today the analysis is approved: a report for the earlier period must not show it.
    analysis = RiskAnalysis.objects.get(pk=analysis.pk)
    analysis.status, analysis.last_decision, analysis.last_signed_version = AnalysisStatus.APPROVED, "approved", 1
    analysis.save()
    past, _created = request_board_report(
        user=cast.dpo, start=today - datetime.timedelta(days=20), end=today - datetime.timedelta(days=5)
    )
    run_export(past.job_id)
    current, _created = request_board_report(user=cast.dpo, start=today - datetime.timedelta(days=4), end=today)
    run_export(current.job_id)

    def ros(report):
        report.refresh_from_db()
        row = next(r for r in report.figures["status"] if r["name"] == "Vefsn")
        return row["lights"]["ros"], row["values"]["ros"]["signed"]

    assert ros(past) == ("red", 0)
    assert ros(current) == ("green", 1)
    current.refresh_from_db()
    assert current.previous_id == past.pk
    changes = current.figures["changes"]["lights"]
    assert {"municipality": "Vefsn", "area": "ros", "from": "red", "to": "green"} in changes


def test_the_report_runs_the_same_queries_for_16_and_357_municipalities(cast):
    today = timezone.localdate()

    def queries() -> int:
        report, _created = request_board_report(user=cast.dpo, start=today, end=today)
        cache.clear()  # every municipality counted afresh, not taken from the figures kept since the last one
        with CaptureQueriesContext(connection) as captured:
            run_export(report.job_id)
        assert BoardReport.objects.get(pk=report.pk).job.status == ExportStatus.DONE
        return len(captured)

    MunicipalityFactory.create_batch(14)
    for municipality in Municipality.objects.all():
        make_activity(municipality, f"Behandling {municipality.number}")
    queries()  # the first report has no previous one to compare with; the two measured both have
    small = queries()
    for municipality in MunicipalityFactory.create_batch(341):
        make_activity(municipality, f"Behandling {municipality.number}")
    large = queries()
    assert large == small
