"""Seats are never overbooked: 50 people registering at once for 30 seats (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection

from training.models import Registration

from .builders import make_session, register

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_fifty_at_once_for_thirty_seats_gives_thirty_places_and_twenty_on_the_waitlist(cast):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite has no row locks and serialises writers anyway")
    session = make_session(capacity=30)
    barrier = threading.Barrier(50)
    errors: list[BaseException] = []

    def one(n: int) -> None:
        from django.db import connections

        try:
            barrier.wait()
            register(session, cast.vefsn, f"samtidig{n}")
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = list(Registration.objects.filter(session=session).values_list("status", flat=True))
    assert statuses.count("confirmed") == 30
    assert statuses.count("waitlisted") == 20
