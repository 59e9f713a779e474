"""Run as a program by test_sqlite_concurrency.py: a leader signs off while another user writes, on a real
SQLite file with the project's settings (DATABASE_URL points at the file). Prints one line: "ok" or the errors."""

import os
import sys
import threading
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "isms.settings")
django.setup()

from django.core import mail  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 20
# "deferred": Django's default transaction mode, to show the test would catch the old failure.
MODE = sys.argv[2] if len(sys.argv) > 2 else ""


class NoMigrations(dict):
    """Tables straight from the models (as pytest-django's --nomigrations): the test is about locking."""

    def __contains__(self, item) -> bool:
        return True

    def __getitem__(self, item):
        return None


def main() -> None:
    from django.conf import settings

    began = time.monotonic()
    settings.MIGRATION_MODULES = NoMigrations()
    call_command("migrate", run_syncdb=True, verbosity=0)
    migrated = time.monotonic()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    from isms.core.models import MembershipRole, Notification
    from isms.core.notifications import notify
    from risk.workflow import request_signoff, sign_analysis
    from tests.factories import MembershipFactory, MunicipalityFactory, UserFactory
    from tests.risk.builders import make_analysis, make_scenario

    assert connection.vendor == "sqlite" and connection.settings_dict["NAME"] != ":memory:"
    if MODE == "deferred":
        connection.close()
        connection.settings_dict["OPTIONS"] = {"transaction_mode": "DEFERRED", "timeout": 5}
    journal = connection.cursor().execute("PRAGMA journal_mode").fetchone()[0]
    vefsn = MunicipalityFactory(number="1824", name="Vefsn", slug="vefsn")
    leader = MembershipFactory(municipality=vefsn, role=MembershipRole.LEADER).user
    editor = MembershipFactory(municipality=vefsn, role=MembershipRole.EDITOR).user
    colleague = UserFactory()
    analyses = []
    for number in range(ROUNDS):
        analysis = make_analysis(vefsn, leader, title=f"ROS {number}")
        make_scenario(analysis, likelihood=2, consequence=2)
        analyses.append(request_signoff(analysis=analysis, actor=editor, expected_version=1))
    errors: list[str] = []
    start = threading.Barrier(2)

    def signing() -> None:
        try:
            start.wait()
            for analysis in analyses:
                sign_analysis(
                    analysis=analysis, signer=leader, decision="approved", comment="", expected_version=analysis.version
                )
        except Exception as exc:
            errors.append(f"sign-off: {type(exc).__name__}: {exc}")
        finally:
            connection.close()

    def working() -> None:
        try:
            start.wait()
            for number in range(ROUNDS * 3):
                # Read, then write, holding the lock a moment: what a page that saves does.
                with transaction.atomic():
                    Notification.objects.filter(user=colleague).count()
                    notify(user=colleague, subject=f"Melding {number}", body="", link="/")
                    time.sleep(0.01)
        except Exception as exc:
            errors.append(f"other user: {type(exc).__name__}: {exc}")
        finally:
            connection.close()

    threads = [threading.Thread(target=signing), threading.Thread(target=working)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    signed = sum(1 for analysis in analyses if analysis.__class__.objects.get(pk=analysis.pk).last_signed_version)
    emailed = Notification.objects.filter(user=editor, emailed_at__isnull=False).count()
    print(f"journal={journal} signed={signed} emailed={emailed} errors={errors}", file=sys.stdout)
    print(f"migrate {migrated - began:.1f} s, rest {time.monotonic() - migrated:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
