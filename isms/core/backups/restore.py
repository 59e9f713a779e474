"""Reading a backup archive back: check that it is ours and whole (every member's SHA-256) before anything
is touched, refuse a database that already holds data unless forced, then load the database and the files
and check the row counts and the sign-off hashes against the manifest."""

from __future__ import annotations

import hashlib
import json
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connections
from django.utils.translation import gettext as _

from ..signoff import verify_current_signoffs
from .archive import CHUNK, FILES_PREFIX, FORMAT, FORMAT_VERSION, MANIFEST
from .database import load, vendor
from .inventory import BackupError, differences, table_counts

# Tables that `migrate` fills by itself: a database holding only these is empty.
BOOKKEEPING_TABLES = {"django_migrations", "django_content_type", "auth_permission", "django_site"}


@dataclass(frozen=True)
class Restored:
    manifest: dict
    tables: int
    rows: int
    files: int
    signoffs: int


def read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except (KeyError, AttributeError, ValueError) as error:
        raise BackupError(_("The file is not a backup of Sikker kommune (it has no readable manifest).")) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(_("The file is not a backup of Sikker kommune (unknown manifest)."))
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            _("The backup has format version %(found)s; this version of Sikker kommune reads version %(ours)s.")
            % {"found": manifest.get("format_version"), "ours": FORMAT_VERSION}
        )
    if manifest.get("database") not in (manifest.get("members") or {}) or not isinstance(manifest.get("tables"), dict):
        raise BackupError(_("The file is not a backup of Sikker kommune (the manifest names no database)."))
    return manifest


def _extract_verified(archive: tarfile.TarFile, manifest: dict, work: Path) -> None:
    """Copy every member to `work`, checking its SHA-256; any difference from the manifest stops here."""
    expected = manifest.get("members") or {}
    present = {member.name for member in archive.getmembers() if member.isfile()} - {MANIFEST}
    if set(expected) != present:
        missing, extra = sorted(set(expected) - present), sorted(present - set(expected))
        raise BackupError(
            _("The backup is incomplete or altered: missing %(missing)s, not in the manifest %(extra)s.")
            % {"missing": ", ".join(missing) or "–", "extra": ", ".join(extra) or "–"}
        )
    for name, checksum in sorted(expected.items()):
        target = work / hashlib.sha256(name.encode()).hexdigest()
        digest = hashlib.sha256()
        with archive.extractfile(name) as source, target.open("wb") as copy:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                copy.write(chunk)
        if digest.hexdigest() != checksum:
            raise BackupError(_("The backup is damaged: %(name)s does not match its checksum.") % {"name": name})


def _holding_rows(using: str) -> dict[str, int]:
    return {table: count for table, count in table_counts(using).items() if count and table not in BOOKKEEPING_TABLES}


def _restore_files(manifest: dict, work: Path, *, force: bool) -> int:
    names = [name.removeprefix(FILES_PREFIX) for name in manifest["members"] if name.startswith(FILES_PREFIX)]
    for name in names:
        if default_storage.exists(name):
            if not force:
                raise BackupError(_("The storage already holds %(name)s; use --force to replace it.") % {"name": name})
            default_storage.delete(name)
    for name in names:
        with (work / hashlib.sha256((FILES_PREFIX + name).encode()).hexdigest()).open("rb") as source:
            stored = default_storage.save(name, File(source))
        if stored != name:
            raise BackupError(_("The storage renamed %(name)s to %(stored)s.") % {"name": name, "stored": stored})
    return len(names)


def _open(path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, "r:")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(_("The file is not a backup of Sikker kommune (not a tar archive).")) from error


def restore_backup(path: Path, *, force: bool = False, using: str = "default") -> Restored:
    """Restore the archive at `path`; raises BackupError with the reason, before any change where it can."""
    with _open(path) as archive, tempfile.TemporaryDirectory(prefix="gjenoppretting-") as directory:
        manifest = read_manifest(archive)
        if manifest.get("db_vendor") != vendor(using):
            raise BackupError(
                _("The backup was taken from %(found)s; this installation uses %(ours)s.")
                % {"found": manifest.get("db_vendor"), "ours": vendor(using)}
            )
        work = Path(directory)
        try:
            _extract_verified(archive, manifest, work)
        except (OSError, tarfile.TarError) as error:
            raise BackupError(_("The backup is damaged and cannot be read: %(error)s") % {"error": error}) from error
        holding = _holding_rows(using)
        if holding and not force:
            example = ", ".join(sorted(holding)[:3])
            raise BackupError(
                _("The database is not empty (%(rows)s rows, e.g. in %(tables)s). Restore into an empty database, "
                  "or use --force to replace its content.")
                % {"rows": sum(holding.values()), "tables": example}
            )  # fmt: skip
        files = _restore_files(manifest, work, force=force)
        load(work / hashlib.sha256(manifest["database"].encode()).hexdigest(), using)
    connections[using].close()
    found = table_counts(using)
    wrong = differences(manifest["tables"], found)
    if wrong:
        raise BackupError(_("The restored database differs from the backup:") + "\n" + "\n".join(wrong))
    known = set(manifest.get("signoffs_not_holding", []))
    verified = verify_current_signoffs()
    broken = sorted(pk for pk, holds in verified.items() if not holds and pk not in known)
    if broken:
        raise BackupError(
            _("Signed content differs from its hash after the restore (sign-offs %(ids)s).")
            % {"ids": ", ".join(map(str, broken))}
        )
    return Restored(manifest, len(found), sum(found.values()), files, len(verified))
