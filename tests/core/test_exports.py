"""Background exports: queued on commit, progress visible to the requester, a download when done."""

import pytest
from django.urls import reverse

from isms.core.exports import EXPORTERS, Exporter, register_exporter
from isms.core.models import ExportStatus
from isms.core.services import request_export


def _build(job, step, target):
    for done in range(1, 4):
        step(done, 3)
    target.write(f"{job.params['text']}\n".encode())
    return "liste.txt"


def _broken(job, step, target):
    raise RuntimeError("disk full")


@pytest.fixture
def text_exporter():
    register_exporter(Exporter("test_text", "Testliste", _build, lambda user: True))
    register_exporter(Exporter("test_broken", "Ødelagt", _broken, lambda user: True))
    yield
    EXPORTERS.pop("test_text")
    EXPORTERS.pop("test_broken")


def test_an_export_runs_after_commit_and_only_the_requester_downloads_it(
    client_for, cast, text_exporter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = request_export(kind="test_text", user=cast.coordinator, params={"text": "Vefsn"})
    job.refresh_from_db()
    assert (job.status, job.done_steps, job.total_steps, job.percent) == (ExportStatus.DONE, 3, 3, 100)
    client = client_for(cast.coordinator)
    assert "Eksporten er klar." in client.get(reverse("core:export_status", args=[job.pk])).content.decode()
    download = client.get(reverse("core:export_download", args=[job.pk]))
    assert b"".join(download.streaming_content) == b"Vefsn\n"
    assert client_for(cast.dpo).get(reverse("core:export_download", args=[job.pk])).status_code == 404


def test_progress_is_polled_with_htmx_until_the_job_is_finished(client_for, cast, text_exporter):
    job = request_export(kind="test_text", user=cast.coordinator, params={"text": "x"})  # not committed: queued
    html = (
        client_for(cast.coordinator)
        .get(reverse("core:export_status", args=[job.pk]), HTTP_HX_REQUEST="true")
        .content.decode()
    )
    assert html.lstrip().startswith('<div id="export-progress"') and 'hx-trigger="every 2s"' in html


def test_a_failed_export_says_so(client_for, cast, text_exporter, django_capture_on_commit_callbacks):
    with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True):
        job = request_export(kind="test_broken", user=cast.coordinator)
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED and "disk full" in job.error
    html = client_for(cast.coordinator).get(reverse("core:export_status", args=[job.pk])).content.decode()
    assert "Eksporten feilet" in html
