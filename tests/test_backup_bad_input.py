"""Restore refuses what it must, before it changes anything; backup takes one snapshot while writes go on."""

from __future__ import annotations

import io
import json
import tarfile
import threading

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction

from isms.core.backups.inventory import table_counts
from isms.protocol.models import Vendor

from .test_backup_roundtrip import empty_database, manage  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def archive(cast, tmp_path):
    default_storage.save("agreements/2026/AbCdEfGhIjKlMnOpQrStUvWxYz012345.pdf", ContentFile(b"%PDF-1.4 x"))
    cast.vefsn.logo = "agreements/2026/AbCdEfGhIjKlMnOpQrStUvWxYz012345.pdf"
    cast.vefsn._change_reason = "Test"
    cast.vefsn.save()
    path = tmp_path / "sikkerhetskopi.tar"
    call_command("backup", output=path)
    return path


def rewritten(source, target, change) -> None:
    """Copy the archive member by member; `change(name, data)` returns new bytes, or None to leave it out."""
    with tarfile.open(source) as original, tarfile.open(target, "w") as copy:
        for member in original.getmembers():
            data = change(member.name, original.extractfile(member).read())
            if data is not None:
                member.size = len(data)
                copy.addfile(member, io.BytesIO(data))


def refused(path, message: str, **options) -> None:
    before = table_counts()
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(path), **options)
    assert table_counts() == before


def test_a_damaged_database_member_is_refused_and_nothing_changes(archive, tmp_path):
    damaged = tmp_path / "skadet.tar"
    rewritten(
        archive,
        damaged,
        lambda name, data: data[:-10] + bytes(b ^ 0xFF for b in data[-10:]) if "database" in name else data,
    )
    refused(damaged, "skadet: database", force=True)


def test_a_missing_file_member_is_refused(archive, tmp_path):
    incomplete = tmp_path / "ufullstendig.tar"
    rewritten(archive, incomplete, lambda name, data: None if name.startswith("files/") else data)
    refused(incomplete, "ufullstendig eller endret: mangler files/agreements", force=True)


def test_a_foreign_archive_or_file_is_refused(tmp_path):
    other = tmp_path / "annen.tar"
    with tarfile.open(other, "w") as tar:
        content = json.dumps({"format": "noe-annet"}).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(content)
        tar.addfile(info, io.BytesIO(content))
    refused(other, "ikke en sikkerhetskopi fra Sikker kommune \\(ukjent manifest\\)", force=True)
    text = tmp_path / "notat.txt"
    text.write_text("ikke et arkiv")
    refused(text, "ikke et tar-arkiv", force=True)
    no_manifest = tmp_path / "uten-manifest.tar"
    with tarfile.open(no_manifest, "w"):
        pass
    refused(no_manifest, "ingen lesbart manifest|ikke noe lesbart manifest", force=True)


def test_a_database_that_holds_data_is_refused_without_force(archive):
    refused(archive, "Databasen er ikke tom")


def test_a_backup_taken_while_rows_are_written_is_one_consistent_snapshot(cast, tmp_path, request):
    if connection.vendor != "postgresql":
        pytest.skip("Writers during pg_dump are tested on PostgreSQL (make test-postgres).")
    target = request.getfixturevalue("empty_database")
    stop = threading.Event()

    def write() -> None:
        number = 0
        while not stop.is_set():
            number += 1
            with transaction.atomic():  # a vendor and its history row, together or not at all
                Vendor.objects.create(name=f"Leverandør {number}", org_number="", country="NO")
        connections.close_all()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        path = tmp_path / "under-skriving.tar"
        call_command("backup", output=path)
    finally:
        stop.set()
        writer.join()
    with tarfile.open(path) as opened:
        tables = json.load(opened.extractfile("manifest.json"))["tables"]
    assert 0 < tables["protocol_vendor"] < Vendor.objects.count()
    assert tables["protocol_vendor"] == tables["protocol_historicalvendor"]
    restored = manage("restore", str(path), database_url=target, media_root=tmp_path / "media-2")
    assert restored.returncode == 0, restored.stderr
