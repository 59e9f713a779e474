"""Background exports: apps register a builder per kind (ADR 7); the worker builds it and stores the file.

A builder writes into a temporary file on disk while it works (a ZIP of 357 protocols never sits in memory);
the finished file is then copied in chunks to the default storage under an unguessable name.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from .models import ExportJob, ExportStatus, User

Step = Callable[[int, int], None]


@dataclass(frozen=True)
class Exporter:
    """Builds the file of an export: `build(job, step, target)` writes the file into the binary file `target`,
    calls `step(done, total)` as it goes and returns the file name the user downloads."""

    kind: str
    title: str
    build: Callable[[ExportJob, Step, BinaryIO], str]
    allowed: Callable[[User], bool]


EXPORTERS: dict[str, Exporter] = {}


def register_exporter(exporter: Exporter) -> None:
    EXPORTERS[exporter.kind] = exporter


def build_export(job_id: int) -> str:
    """Build an export once (the worker's `run_export`); a job already finished, or picked up twice, is left
    as it is. Requesting one is `services.request_export`: services → tasks → exports, never back."""
    with transaction.atomic():
        job = ExportJob.objects.select_for_update().get(pk=job_id)
        if job.status != ExportStatus.QUEUED:
            return job.status
        job.status = ExportStatus.RUNNING
        job.save(update_fields=["status"])

    def step(done: int, total: int) -> None:
        job.done_steps, job.total_steps = done, total
        job.save(update_fields=["done_steps", "total_steps"])

    with tempfile.TemporaryFile() as target:
        try:
            filename = EXPORTERS[job.kind].build(job, step, target)
        except Exception as error:
            job.status, job.error, job.finished_at = ExportStatus.FAILED, repr(error), timezone.now()
            job.save(update_fields=["status", "error", "finished_at"])
            raise
        target.seek(0)
        job.file.save(filename, File(target), save=False)
    job.filename, job.status, job.finished_at = filename, ExportStatus.DONE, timezone.now()
    job.save(update_fields=["file", "filename", "status", "finished_at"])
    return job.status
