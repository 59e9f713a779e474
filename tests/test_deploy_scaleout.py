"""Scale-out on one machine as proof: two gunicorn instances over one PostgreSQL database and one Redis
share sessions and the public course rate limit, never overbook a session, and stay within their pools."""

from __future__ import annotations

import random
import re
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
import requests
from django.db import connection
from django.urls import reverse

from tests.training.builders import make_session
from training import services
from training.models import Registration, RegistrationStatus

from .gunicorn_process import APPLICATION_NAME, require_deploy_leg, start_gunicorn

pytestmark = [pytest.mark.postgres, pytest.mark.deploy, pytest.mark.django_db(transaction=True)]

RATE_LIMIT = 20
WORKERS, THREADS, POOL_MAX = 2, 4, 3
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PBKDF2 = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]


@pytest.fixture(scope="module")
def instances(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        require_deploy_leg()
    env = {
        "COURSE_PUBLIC_RATE_LIMIT": str(RATE_LIMIT),
        "TRUSTED_PROXIES": "127.0.0.1",
        "GUNICORN_WORKERS": str(WORKERS),
        "GUNICORN_THREADS": str(THREADS),
        "DB_POOL_MIN": "1",
        "DB_POOL_MAX": str(POOL_MAX),
    }
    started = []
    try:
        started.append(start_gunicorn("a", **env))
        started.append(start_gunicorn("b", **env))
        yield started
    finally:
        for instance in started:
            instance.stop()


def client_address() -> str:
    """A fresh client address (named by the trusted proxy): no count left from another run or test."""
    return f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


def course_link(cast, capacity: int = 30):
    session = make_session(capacity=capacity)
    link = services.registration_link(municipality=cast.vefsn, round=session.round, actor=None)
    return session, reverse("training:public_register", kwargs={"token": link.token})


def test_a_login_on_one_instance_is_the_same_session_on_the_other(instances, cast, settings):
    settings.PASSWORD_HASHERS = PBKDF2
    cast.editor_vefsn.set_password(cast.password)
    cast.editor_vefsn.save(update_fields=["password"])
    first, second = instances
    browser = requests.Session()
    page = browser.get(f"{first.url}/accounts/login/", timeout=30)
    token = CSRF.search(page.text).group(1)
    logged_in = browser.post(
        f"{first.url}/accounts/login/",
        data={"csrfmiddlewaretoken": token, "login": cast.editor_vefsn.email, "password": cast.password},
        allow_redirects=False,
        timeout=30,
    )
    assert logged_in.status_code == 302, logged_in.text

    home = browser.get(f"{second.url}/", allow_redirects=False, timeout=30)

    assert home.status_code == 200
    assert cast.editor_vefsn.email in home.text
    assert browser.get(f"{first.url}/accounts/login/", timeout=30).status_code == 200  # nobody logged out
    anonymous = requests.get(f"{second.url}/", allow_redirects=False, timeout=30)
    assert anonymous.status_code == 302


def test_the_public_course_rate_limit_counts_requests_to_both_instances(instances, cast):
    _session, path = course_link(cast)
    if time.time() % 60 > 45:  # the limit counts per clock minute: start the count at the top of one
        time.sleep(61 - time.time() % 60)
    address = client_address()
    statuses = [
        requests.get(f"{instances[n % 2].url}{path}", headers={"X-Forwarded-For": address}, timeout=30).status_code
        for n in range(RATE_LIMIT + 2)
    ]

    assert statuses[:RATE_LIMIT] == [200] * RATE_LIMIT
    assert statuses[RATE_LIMIT:] == [429, 429]
    other = requests.get(f"{instances[0].url}{path}", headers={"X-Forwarded-For": client_address()}, timeout=30)
    assert other.status_code == 200


def _count_pool_connections(stop: threading.Event, seen: list[int]) -> None:
    db = connection.settings_dict
    with psycopg.connect(host=db["HOST"], port=db["PORT"], user=db["USER"], dbname=db["NAME"]) as watcher:
        watcher.autocommit = True
        while not stop.is_set():
            row = watcher.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND application_name = %s",
                (db["NAME"], APPLICATION_NAME),
            ).fetchone()
            seen.append(row[0])
            time.sleep(0.05)


def _register(base: str, path: str, session_pk: int, n: int) -> list[int]:
    browser = requests.Session()
    browser.headers["X-Forwarded-For"] = client_address()
    page = browser.get(f"{base}{path}", timeout=60)
    if page.status_code != 200:
        return [page.status_code]
    answer = browser.post(
        f"{base}{path}",
        data={
            "csrfmiddlewaretoken": CSRF.search(page.text).group(1),
            "session": session_pk,
            "name": f"Deltaker {n}",
            "email": f"skalering{n}@vefsn.kommune.no",
            "sector": "",
            "privacy": "on",
        },
        allow_redirects=False,
        timeout=60,
    )
    return [page.status_code, answer.status_code]


def test_two_hundred_registrations_over_both_instances_fill_thirty_seats_exactly(instances, cast):
    session, path = course_link(cast, capacity=30)
    stop, seen = threading.Event(), []
    watcher = threading.Thread(target=_count_pool_connections, args=(stop, seen))
    watcher.start()
    try:
        with ThreadPoolExecutor(max_workers=40) as pool:
            answers = list(pool.map(lambda n: _register(instances[n % 2].url, path, session.pk, n), range(200)))
    finally:
        stop.set()
        watcher.join()

    statuses = Counter(status for answer in answers for status in answer)
    assert statuses == {200: 200, 302: 200}, statuses
    registrations = Counter(Registration.objects.filter(session=session).values_list("status", flat=True))
    assert registrations == {RegistrationStatus.CONFIRMED: 30, RegistrationStatus.WAITLISTED: 170}
    # Two instances × WORKERS processes, each with a pool of at most POOL_MAX connections.
    assert 0 < max(seen) <= 2 * WORKERS * POOL_MAX, max(seen)
