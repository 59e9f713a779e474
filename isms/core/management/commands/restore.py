"""`manage.py restore ARCHIVE [--force]`: a backup back into an empty database, checked before and after."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from isms.core.backups.inventory import BackupError
from isms.core.backups.restore import restore_backup


class Command(BaseCommand):
    help = "Restore a backup archive into an empty database (--force replaces a database that holds data)."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--force", action="store_true", help="replace the content of a non-empty database")

    def handle(self, *args, archive: Path, force: bool = False, **options):
        if not archive.is_file():
            raise CommandError(f"Finner ikke filen {archive}.")
        try:
            restored = restore_backup(archive, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Gjenopprettet sikkerhetskopien fra {restored.manifest['created_at']}: {restored.tables} tabeller og "
            f"{restored.rows} rader som i manifestet, {restored.files} filer, {restored.signoffs} gjeldende "
            "signaturer kontrollert mot innholdet."
        )
