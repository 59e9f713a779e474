"""`manage.py backup [--output PATH]`: one archive with the database, the stored files and a manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from isms.core.backups.archive import write_backup
from isms.core.backups.inventory import BackupError


class Command(BaseCommand):
    help = "Write a backup archive (database, uploaded files, manifest with row counts and checksums)."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="the archive to write (default: sikkerhetskopi-<time>.tar)")

    def handle(self, *args, output: Path | None = None, **options):
        output = output or Path(f"sikkerhetskopi-{timezone.localtime():%Y%m%d-%H%M%S}.tar")
        if output.exists():
            raise CommandError(f"{output} finnes allerede; velg et annet navn.")
        try:
            manifest = write_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Sikkerhetskopi skrevet til {output}: {len(manifest['tables'])} tabeller, {rows} rader, "
            f"{manifest['files']} filer ({manifest['db_vendor']}, versjon {manifest['app_version']})."
        )
