"""Behind the reverse proxy: the client's address comes from X-Forwarded-For only when the proxy is
trusted, so the course pages' per-IP limit counts clients, not the proxy, and cannot be dodged."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.training.builders import make_session
from training import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_page(cast, settings):
    settings.COURSE_PUBLIC_RATE_LIMIT = 2
    session = make_session()
    link = services.registration_link(municipality=cast.vefsn, round=session.round, actor=None)
    return reverse("training:public_register", kwargs={"token": link.token})


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(client, course_page, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    first = [client.get(course_page, HTTP_X_FORWARDED_FOR="10.0.0.1").status_code for _ in range(3)]
    second = client.get(course_page, HTTP_X_FORWARDED_FOR="10.0.0.2").status_code
    assert first == [200, 200, 429]
    assert second == 200


def test_the_proxy_appended_address_counts_not_what_the_client_wrote(client, course_page, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    statuses = [client.get(course_page, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 10.0.0.3").status_code for n in range(3)]
    assert statuses == [200, 200, 429]


def test_without_a_trusted_proxy_the_header_is_ignored(client, course_page, settings):
    settings.TRUSTED_PROXIES = []
    statuses = [client.get(course_page, HTTP_X_FORWARDED_FOR=f"10.0.1.{n}").status_code for n in range(3)]
    assert statuses == [200, 200, 429]


def test_a_trusted_network_covers_the_proxies_in_it(client, course_page, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.0/8"]
    assert [client.get(course_page, HTTP_X_FORWARDED_FOR=f"10.0.2.{n}").status_code for n in range(3)] == [200] * 3
