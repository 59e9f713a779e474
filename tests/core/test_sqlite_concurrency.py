"""The embedded SQLite default bears simultaneous users: a leader signs off while a colleague saves, and
neither gets "database is locked" (the signature and its e-mail bookkeeping both land)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(code_or_script: list[str], **env) -> subprocess.CompletedProcess:
    environment = {**os.environ, "DEBUG": "1", **env}
    environment.pop("TEST_DATABASE_NAME", None)
    return subprocess.run(
        [sys.executable, *code_or_script], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=600
    )


def test_sqlite_gets_wal_a_busy_timeout_and_immediate_transactions_and_postgres_none_of_it():
    show = ["-c", "from isms import settings; print(settings.DATABASES['default'].get('OPTIONS'))"]
    sqlite = run(show, DATABASE_URL="sqlite:////tmp/isms-options.sqlite3").stdout
    assert "'transaction_mode': 'IMMEDIATE'" in sqlite and "'timeout': 20" in sqlite
    assert "PRAGMA journal_mode=WAL" in sqlite
    postgres = run(show, DATABASE_URL="postgres://postgres@127.0.0.1:5432/isms_none").stdout
    assert "'pool'" in postgres  # PostgreSQL has its own connection pool and none of SQLite's options
    assert "transaction_mode" not in postgres and "journal_mode" not in postgres and "'timeout': 20" not in postgres


def test_a_sign_off_and_another_users_writes_at_the_same_time_on_a_sqlite_file(tmp_path):
    database = tmp_path / "samtidig.sqlite3"
    result = run(["tests/core/sqlite_concurrency.py", "6"], DATABASE_URL=f"sqlite:///{database}")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "journal=wal signed=6 emailed=6 errors=[]" in result.stdout, result.stdout + result.stderr[-3000:]
