"""`manage.py backup` → `manage.py restore` of the full demo into an empty database, on the suite's database
(SQLite in `make test`, PostgreSQL in `make test-postgres`, restored into a second database made for it)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection

from isms.core.backups.inventory import stored_file_names, table_counts
from isms.core.models import Municipality, SignOff
from isms.core.signoff import verify_current_signoffs
from isms.protocol.models import DataProcessingAgreement

PROJECT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db(transaction=True)

# Run in the restored database by a separate process: what it holds, read with the app's own code.
INVENTORY = """
import hashlib, json
from django.core.files.storage import default_storage
from isms.core.backups.inventory import stored_file_names, table_counts
from isms.core.models import SignOff
from isms.core.signoff import verify_current_signoffs
print(json.dumps({
    "tables": table_counts(),
    "signoffs": {str(pk): sha for pk, sha in SignOff.objects.values_list("pk", "content_sha256")},
    "verified": {str(pk): holds for pk, holds in verify_current_signoffs().items()},
    "files": {name: hashlib.sha256(default_storage.open(name).read()).hexdigest() for name in stored_file_names()},
}))
"""


def inventory_here() -> dict:
    return {
        "tables": table_counts(),
        "signoffs": {str(pk): sha for pk, sha in SignOff.objects.values_list("pk", "content_sha256")},
        "verified": {str(pk): holds for pk, holds in verify_current_signoffs().items()},
        "files": {name: hashlib.sha256(default_storage.open(name).read()).hexdigest() for name in stored_file_names()},
    }


def manage(*arguments: str, database_url: str, media_root: Path) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        "CELERY_BROKER_URL": "memory://",
    }
    return subprocess.run(
        [sys.executable, str(PROJECT / "manage.py"), *arguments],
        env=environment, cwd=PROJECT, capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip


@pytest.fixture
def empty_database(tmp_path):
    """The URL of a new, empty database of the suite's vendor (dropped afterwards)."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'gjenopprettet.sqlite3'}"
        return
    settings = connection.settings_dict
    name = f"restore_{uuid.uuid4().hex[:12]}"
    options = ["-h", settings["HOST"] or "127.0.0.1", "-p", str(settings["PORT"] or 5432), "-U", settings["USER"]]
    subprocess.run([shutil.which("createdb"), *options, name], check=True)
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    host = f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
    yield f"postgres://{settings['USER']}{password}@{host}/{name}"
    subprocess.run([shutil.which("dropdb"), *options, "--force", name], check=True)


@pytest.fixture
def demo():
    """The full demo, with a signed agreement and a letterhead logo among the stored files."""
    call_command("load_kins_templates", verbosity=0)
    call_command("seed_demo", verbosity=0)
    vefsn = Municipality.objects.get(slug="vefsn")
    vefsn.logo = default_storage.save("logos/2026/AbCdEfGhIjKlMnOpQrStUvWxYz012345.png", ContentFile(b"\x89PNGlogo"))
    vefsn._change_reason = "Logo"
    vefsn.save()
    agreement = DataProcessingAgreement.objects.filter(municipality=vefsn).first()
    agreement.document = default_storage.save(
        "agreements/2026/ZyXwVuTsRqPoNmLkJiHgFeDcBa543210.pdf", ContentFile(b"%PDF-1.4 x")
    )
    agreement._change_reason = "Signert avtale"
    agreement.save()


def test_the_full_demo_comes_back_row_for_row_with_its_history_signoffs_and_files(demo, tmp_path, empty_database):
    archive = tmp_path / "sikkerhetskopi.tar"
    call_command("backup", output=archive)
    original = inventory_here()
    assert original["signoffs"] and original["files"] and len(original["files"]) >= 2
    assert all(original["verified"].values()) and original["verified"]
    history = {table: count for table, count in original["tables"].items() if "historical" in table}
    assert sum(history.values()) > 1000
    with tarfile.open(archive) as opened:
        manifest = json.load(opened.extractfile("manifest.json"))
    assert manifest["tables"] == original["tables"] and manifest["db_vendor"] == connection.vendor
    assert set(manifest["members"]) == {manifest["database"], *(f"files/{name}" for name in original["files"])}

    restored_media = tmp_path / "restored-media"
    done = manage("restore", str(archive), database_url=empty_database, media_root=restored_media)
    assert done.returncode == 0, done.stderr
    assert "Gjenopprettet sikkerhetskopien" in done.stdout
    read = manage("shell", "-c", INVENTORY, database_url=empty_database, media_root=restored_media)
    assert read.returncode == 0, read.stderr
    restored = json.loads(read.stdout.strip().splitlines()[-1])
    assert restored["tables"] == original["tables"]  # every row, every history row
    assert restored["signoffs"] == original["signoffs"]
    assert restored["verified"] == original["verified"]  # every current sign-off's hash still holds
    assert restored["files"] == original["files"]  # byte-identical
    for name in original["files"]:
        assert (restored_media / name).read_bytes() == default_storage.open(name).read()

    again = manage("restore", str(archive), database_url=empty_database, media_root=tmp_path / "other-media")
    assert again.returncode != 0 and "Databasen er ikke tom" in again.stderr
