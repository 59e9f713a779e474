"""Writing a backup archive: a tar file with the database dump, every stored file (read through the
storage, so an S3 bucket is backed up like the disk) and `manifest.json` with counts and checksums."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
import tempfile
from importlib import metadata
from pathlib import Path
from typing import BinaryIO

from django.core.files.storage import default_storage
from django.utils import timezone

from ..signoff import verify_current_signoffs
from .database import DUMP_NAMES, dump, vendor
from .inventory import stored_file_names

FORMAT = "sikker-kommune-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
FILES_PREFIX = "files/"
CHUNK = 1024 * 1024


def app_version() -> str:
    try:
        return metadata.version("sikker-kommune")
    except metadata.PackageNotFoundError:
        return "unknown"


class _Hashing:
    """A file read through, keeping the SHA-256 of what was read (tarfile reads each member once)."""

    def __init__(self, source: BinaryIO) -> None:
        self.source, self.sha256 = source, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.source.read(size)
        self.sha256.update(data)
        return data


def _add(archive: tarfile.TarFile, name: str, source: BinaryIO, size: int) -> str:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(timezone.now().timestamp()), 0o600
    reader = _Hashing(source)
    archive.addfile(info, reader)
    return reader.sha256.hexdigest()


def write_backup(output: Path, using: str = "default") -> dict:
    """Write the archive to `output` (through a `.partial` file, so a failed backup leaves no archive that
    looks whole) and return its manifest."""
    database_vendor = vendor(using)
    partial = output.with_name(output.name + ".partial")
    members: dict[str, str] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="sikkerhetskopi-") as work, tarfile.open(partial, "w") as archive:
            dump_file = Path(work) / DUMP_NAMES[database_vendor]
            counts = dump(dump_file, using)
            with dump_file.open("rb") as source:
                members[dump_file.name] = _add(archive, dump_file.name, source, dump_file.stat().st_size)
            names = stored_file_names(using)
            for name in names:
                with default_storage.open(name, "rb") as source:
                    members[FILES_PREFIX + name] = _add(
                        archive, FILES_PREFIX + name, source, default_storage.size(name)
                    )
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "app_version": app_version(),
                "created_at": timezone.localtime().isoformat(timespec="seconds"),
                "db_vendor": database_vendor,
                "database": dump_file.name,
                "tables": counts,
                "files": len(names),
                # Sign-offs whose content hash did not hold even here; after a restore every other one must.
                "signoffs_not_holding": sorted(pk for pk, holds in verify_current_signoffs().items() if not holds),
                "members": members,
            }
            content = json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8")
            _add(archive, MANIFEST, io.BytesIO(content), len(content))
        partial.replace(output)
    finally:
        partial.unlink(missing_ok=True)
    return manifest
