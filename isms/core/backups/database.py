"""Dump and load the database in one consistent snapshot: `pg_dump -Fc` (one transaction) on PostgreSQL,
the online backup API on SQLite (one step, under a read lock). The row counts of the manifest are read
from the dump itself, so they describe exactly the snapshot, however many writes happen meanwhile."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess  # nosec: pg_dump and pg_restore, with argument lists, never a shell
from pathlib import Path

from django.db import connections
from django.utils.translation import gettext as _

from .inventory import BackupError, table_counts

DUMP_NAMES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
COPY_LINE = re.compile(rb"^COPY (?:\"?[\w]+\"?\.)?\"?(?P<table>[\w]+)\"? \(.*\) FROM stdin;$")


def vendor(using: str = "default") -> str:
    name = connections[using].vendor
    if name not in DUMP_NAMES:
        raise BackupError(_("Backups support PostgreSQL and SQLite, not %(vendor)s.") % {"vendor": name})
    return name


def dump(target: Path, using: str = "default") -> dict[str, int]:
    """Write the database to `target`; returns the rows per table in what was written."""
    if vendor(using) == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"], using)
        return _pg_dump_counts(target)
    connection = connections[using]
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)  # all pages in one step: a consistent snapshot
    finally:
        copy.close()
    return _sqlite_counts(target, using)


def load(source: Path, using: str = "default") -> None:
    """Replace the database's content with the dump `source`, all or nothing."""
    connection = connections[using]
    if vendor(using) == "postgresql":
        connection.close()
        _run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
             "--exit-on-error", str(source)],
            using,
        )  # fmt: skip
        return
    connection.ensure_connection()
    original = sqlite3.connect(source)
    try:
        original.backup(connection.connection)
    finally:
        original.close()
    connection.close()


def _connection_arguments(using: str) -> tuple[list[str], dict[str, str]]:
    settings = connections[using].settings_dict
    arguments = [f"--dbname={settings['NAME']}"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings.get(key):
            arguments.append(f"{option}={settings[key]}")
    environment = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or "", "PGCONNECT_TIMEOUT": "10"}
    return arguments, environment


def _program(name: str) -> str:
    program = shutil.which(name)
    if program is None:
        raise BackupError(_("%(program)s is not installed (it comes with PostgreSQL's client).") % {"program": name})
    return program


def _run(command: list[str], using: str) -> None:
    arguments, environment = _connection_arguments(using)
    result = subprocess.run(  # noqa: S603  # nosec: a fixed program and our own arguments, no shell
        [_program(command[0]), *command[1:], *arguments], env=environment, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(
            _("%(program)s failed: %(error)s") % {"program": command[0], "error": result.stderr.strip()[-2000:]}
        )


def _pg_dump_counts(dump_file: Path) -> dict[str, int]:
    """Rows per table in a custom-format dump: pg_restore prints each table's data as a COPY block."""
    counts: dict[str, int] = {}
    with subprocess.Popen(  # noqa: S603  # nosec: a fixed program reading our own file, no shell
        [_program("pg_restore"), "--data-only", "--file=-", str(dump_file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    ) as process:
        table = None
        for line in process.stdout:
            line = line.rstrip(b"\n")
            if table is None:
                match = COPY_LINE.match(line)
                if match:
                    table = match["table"].decode()
                    counts[table] = 0
            elif line == b"\\.":
                table = None
            else:
                counts[table] += 1
    if process.returncode != 0:
        raise BackupError(_("The database dump cannot be read back."))
    return counts


def _sqlite_counts(copy: Path, using: str) -> dict[str, int]:
    """Rows per table of the SQLite copy, counted through a temporary connection to the copy."""
    from django.db.backends.sqlite3.base import DatabaseWrapper

    alias = f"{using}-backup-copy"
    connections[alias] = DatabaseWrapper({**connections[using].settings_dict, "NAME": str(copy)}, alias)
    try:
        return table_counts(alias)
    finally:
        connections[alias].close()
        del connections[alias]
