"""Work that grows with the data leaves the request: the all-municipality ZIP is built in a thread (eager
Celery, the development default) into a temporary file, with its progress on the job page."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from django.db import connection
from django.urls import reverse

from isms.core.models import ExportJob, ExportStatus

from .factories import MunicipalityFactory

pytestmark = pytest.mark.django_db(transaction=True)
MUNICIPALITIES = 12


def test_the_post_answers_at_once_and_the_job_page_shows_n_of_n_until_the_zip_is_ready(client_for, cast, settings):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("The thread needs a database it can share: a file or PostgreSQL (make test-postgres).")
    settings.EXPORTS_IN_THREAD_WHEN_EAGER = True
    for number in range(MUNICIPALITIES - 2):
        MunicipalityFactory(name=f"Kommune {number:02}", slug=f"kommune-{number:02}")
    client = client_for(cast.coordinator)

    response = client.post(reverse("protocol:export_all_protocols"))
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("core:export_status", args=[job.pk])
    assert job.status in {ExportStatus.QUEUED, ExportStatus.RUNNING}  # answered before the job ended

    seen: list[tuple[str, int, int]] = []
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        job.refresh_from_db()
        seen.append((job.status, job.done_steps, job.total_steps))
        if job.is_finished:
            break
        time.sleep(0.02)
    assert job.status == ExportStatus.DONE, job.error
    assert any(status == ExportStatus.RUNNING and 0 < done < total for status, done, total in seen)
    assert seen[-1] == (ExportStatus.DONE, MUNICIPALITIES, MUNICIPALITIES)
    statuses = [status for status, _done, _total in seen]
    assert statuses == sorted(statuses, key=[ExportStatus.QUEUED, ExportStatus.RUNNING, ExportStatus.DONE].index)

    page = client.get(reverse("core:export_status", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "Eksporten er klar." in page and "every 2s" not in page
    download = client.get(reverse("core:export_download", args=[job.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = archive.namelist()
    assert len(names) == MUNICIPALITIES and "behandlingsprotokoll-vefsn.pdf" in names
    assert all(archive.read(name).startswith(b"%PDF") for name in names)


def test_progress_reads_n_of_n_municipalities_while_running(client_for, cast):
    job = ExportJob.objects.create(
        kind="protocol_all", title="Alle", requested_by=cast.coordinator, status=ExportStatus.RUNNING,
        done_steps=5, total_steps=MUNICIPALITIES,
    )  # fmt: skip
    html = (
        client_for(cast.coordinator)
        .get(reverse("core:export_status", args=[job.pk]), HTTP_HX_REQUEST="true")
        .content.decode()
    )
    assert f"5 av {MUNICIPALITIES}" in html and 'value="41"' in html and 'hx-trigger="every 2s"' in html
