"""Two people save the same municipality at the same moment: one wins, the other is told (PostgreSQL)."""

import threading

import pytest
from django.db import connection, transaction

from isms.core.models import GlobalRole, Municipality
from isms.core.services import update_municipality
from isms.core.tracking import StaleEditError

from ..factories import MunicipalityFactory, UserFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("Row locks are tested on PostgreSQL (make test-postgres).")


def test_simultaneous_saves_from_the_same_version_never_overwrite_each_other():
    municipality = MunicipalityFactory(number="1824", name="Vefsn", slug="vefsn", population=13408)
    editors = [UserFactory(global_role=GlobalRole.COORDINATOR) for _ in range(8)]
    barrier = threading.Barrier(len(editors))
    outcomes: list[str] = []
    lock = threading.Lock()

    def save(editor, population):
        try:
            barrier.wait()
            with transaction.atomic():
                update_municipality(
                    municipality=municipality,
                    actor=editor,
                    values={"population": population},
                    expected_version=1,
                    reason=f"Tall fra {editor.email}",
                )
            result = "saved"
        except StaleEditError:
            result = "stale"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=save, args=(e, 14000 + i)) for i, e in enumerate(editors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["saved"] + ["stale"] * (len(editors) - 1)
    municipality = Municipality.objects.get(pk=municipality.pk)
    assert municipality.version == 2
    assert municipality.history.count() == 2
    winner = municipality.history.latest()
    assert winner.population == municipality.population
