"""The API's test helpers: a client that sends a personal token of one of the cast."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from isms.api.tokens import create_token


def bearer(user, **options) -> str:
    expires_on = options.pop("expires_on", timezone.localdate() + datetime.timedelta(days=30))
    return create_token(user=user, name=options.pop("name", "Test"), expires_on=expires_on).plaintext


@pytest.fixture
def api():
    """`api(user)` → a client (no session) whose every request carries a new token of `user`; None: no token."""

    def _client(user=None) -> Client:
        if user is None:
            return Client()
        return Client(HTTP_AUTHORIZATION=f"Bearer {bearer(user)}")

    return _client
