"""Load (or update) the template data in fixtures/kins_templates/; safe to run again."""

from django.core.management.base import BaseCommand, CommandError

from isms.core.kins_templates import TemplateDataError, load_all


class Command(BaseCommand):
    help = "Load the template library from fixtures/kins_templates/ (idempotent)."

    def handle(self, *args, **options):
        try:
            results = load_all()
        except TemplateDataError as error:
            raise CommandError(f"{error} Ingenting ble lastet.") from error
        for name, result in results.items():
            self.stdout.write(f"{name}: {result.created} nye, {result.updated} oppdatert, {result.unchanged} uendret")
            for line in result.details:
                self.stdout.write(f"  {line}")
