"""The data migrations that rename files stored under telling names (`agreements/2026/rana-dba.pdf`)."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from isms.core.files import is_unguessable
from isms.protocol.models import DataProcessingAgreement, Vendor
from isms.protocol.services import save_agreement

from .factories import MunicipalityFactory, UserFactory

BEFORE = [("core", "0007_notification_kinds_preferences_outbox"), ("protocol", "0006_import_draft_mapping_follow_up")]
AFTER = [("core", "0008_unguessable_file_names"), ("protocol", "0007_unguessable_file_names")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_old_names_are_renamed_in_the_rows_and_their_history_and_the_bytes_stay_the_same():
    rana = MunicipalityFactory(number="1833", name="Rana", slug="rana")
    editor = UserFactory(email="redaktor@example.no")
    vendor = Vendor.objects.create(name="Husbanken", org_number="", country="NO")
    agreement, _ = save_agreement(
        municipality=rana, actor=editor, reason="Ny", values={"vendor": vendor, "title": "KOBO", "status": "missing"}
    )
    old_names = {
        "agreements/2026/rana-dba.pdf": b"%PDF-1.4 signert\n",
        "logos/rana.png": b"\x89PNG\r\n\x1a\nlogo",
    }
    for name, content in old_names.items():
        assert default_storage.save(name, ContentFile(content)) == name
    old_apps = _migrate(BEFORE)
    for model, field, name in (
        ("protocol.DataProcessingAgreement", "document", "agreements/2026/rana-dba.pdf"),
        ("protocol.HistoricalDataProcessingAgreement", "document", "agreements/2026/rana-dba.pdf"),
        ("core.Municipality", "logo", "logos/rana.png"),
        ("core.HistoricalMunicipality", "logo", "logos/rana.png"),
    ):
        for row in old_apps.get_model(model)._default_manager.all():
            setattr(row, field, name)
            row.save(update_fields=[field])
    history_before = DataProcessingAgreement.history.count()

    _migrate(AFTER)

    agreement = DataProcessingAgreement.objects.get()
    rana.refresh_from_db()
    assert is_unguessable(agreement.document.name) and agreement.document.name.startswith("agreements/")
    assert is_unguessable(rana.logo.name) and rana.logo.name.startswith("logos/")
    assert agreement.document.read() == old_names["agreements/2026/rana-dba.pdf"]
    assert rana.logo.read() == old_names["logos/rana.png"]
    assert {row.document for row in agreement.history.all()} == {agreement.document.name}
    assert {row.logo for row in rana.history.all()} == {rana.logo.name}
    assert DataProcessingAgreement.history.count() == history_before  # a new place, not a new version
    assert not any(default_storage.exists(name) for name in old_names)
