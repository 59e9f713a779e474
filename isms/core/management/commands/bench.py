"""Build a synthetic data set in a fresh test database and time the pages and PDFs (DESIGN.md)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection

from isms.core.bench import ACTIONS, SCENARIOS, build_data, measure
from isms.ops.garbage import settle_after_loading


class Command(BaseCommand):
    help = "Time every page and PDF scenario on synthetic data: p50/p95 ms and SQL queries per request."

    def add_arguments(self, parser):
        parser.add_argument("--municipalities", type=int, default=357)
        parser.add_argument("--records", type=int, default=400, help="Records per municipality (later apps).")
        parser.add_argument("--repeat", type=int, default=20)
        parser.add_argument("--only", default="", help="Run only scenarios and actions whose name contains this.")

    def handle(self, *args, **options):
        # A fresh test database, but not Django's test environment: its template instrumentation
        # would distort the timings.
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        try:
            data = build_data(municipalities=options["municipalities"], records=options["records"])
            # As a gunicorn worker does after loading the app (gunicorn.conf.py): what exists now is left out
            # of the garbage collector's full collections, which would otherwise time the bench's own data.
            settle_after_loading()
            vendor = connection.vendor
            self.stdout.write(
                f"bench · {vendor} · {options['municipalities']} kommuner × {options['records']} behandlinger"
                f" · {options['repeat']} gjentakelser"
            )
            self.stdout.write(f"{'scenario':32} {'p50 ms':>8} {'p95 ms':>8} {'SQL':>5} {'status':>6} {'vs bare':>8}")
            only = options["only"].lower()
            for scenario in SCENARIOS:
                if only not in scenario.name.lower():
                    continue
                try:
                    result = measure(scenario, data, repeat=options["repeat"])
                except Exception as error:  # one broken scenario must not hide the others' figures
                    self.stdout.write(f"{scenario.name:32} FEIL: {error!r}")
                    continue
                self.stdout.write(
                    f"{result.name:32} {result.p50_ms:8.1f} {result.p95_ms:8.1f} {result.queries:5d} {result.status:6d}"
                    f" {result.ratio:>8}"
                )
            for action in ACTIONS:
                if only not in getattr(action, "__name__", "").replace("_", " ").lower():
                    continue
                try:
                    self.stdout.write(action(data))
                except Exception as error:
                    self.stdout.write(f"{getattr(action, '__name__', 'action'):32} FEIL: {error!r}")
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
