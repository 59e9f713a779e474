"""Background exports: apps register a builder per kind; a Celery task runs it and stores the file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction

from .models import ExportJob, Municipality, User


@dataclass(frozen=True)
class Exporter:
    """Builds the file of an export: `build(job, step)` returns (filename, bytes) and calls `step(done, total)`."""

    kind: str
    title: str
    build: Callable[[ExportJob, Callable[[int, int], None]], tuple[str, bytes]]
    allowed: Callable[[User], bool]


EXPORTERS: dict[str, Exporter] = {}


def register_exporter(exporter: Exporter) -> None:
    EXPORTERS[exporter.kind] = exporter


def request_export(
    *, kind: str, user: User, params: dict | None = None, municipality: Municipality | None = None
) -> ExportJob:
    """Record the job and queue its task after commit (the task takes the job's id)."""
    from .tasks import run_export

    exporter = EXPORTERS[kind]
    if not exporter.allowed(user):
        raise PermissionDenied
    job = ExportJob.objects.create(
        kind=kind, title=str(exporter.title), params=params or {}, requested_by=user, municipality=municipality
    )
    transaction.on_commit(lambda: run_export.delay(job.pk))
    return job
