"""The JSON request log: one line per request with method, path, status, ms and user id, and nothing
of a course participant (no query string, no token of their own page, no name or e-mail)."""

from __future__ import annotations

import json
import logging
import sys

import pytest
from django.urls import reverse

from isms.ops.jsonlog import JsonFormatter
from tests.training.builders import make_session
from training import services
from training.models import Registration

pytestmark = pytest.mark.django_db


class Lines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.setFormatter(JsonFormatter())
        self.lines: list[dict] = []

    def emit(self, record):
        self.lines.append(json.loads(self.format(record)))


@pytest.fixture
def request_log():
    logger = logging.getLogger("isms.request")
    handler, level = Lines(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield handler.lines
    logger.removeHandler(handler)
    logger.setLevel(level)


def test_one_json_line_per_request_with_status_time_and_the_user(client_for, cast, request_log):
    client = client_for(cast.editor_vefsn)
    client.get(reverse("core:home"))
    client.get("/finnes-ikke/")

    home, missing = request_log
    assert set(home) == {"time", "level", "logger", "message", "method", "path", "status", "ms", "user_id"}
    assert (home["method"], home["path"], home["status"], home["user_id"]) == ("GET", "/", 200, cast.editor_vefsn.pk)
    assert home["time"].endswith("+00:00") and isinstance(home["ms"], float)
    assert (missing["path"], missing["status"]) == ("/finnes-ikke/", 404)


def test_anonymous_requests_have_no_user(client, request_log):
    client.get(reverse("core:accessibility"))
    assert request_log[0]["user_id"] is None


def test_a_course_registration_leaves_no_token_query_string_or_personal_data(client, cast, request_log, settings):
    session = make_session(capacity=5)
    link = services.registration_link(municipality=cast.vefsn, round=session.round, actor=None)
    url = reverse("training:public_register", kwargs={"token": link.token})
    client.get(f"{url}?email=kari.nordmann@vefsn.kommune.no&name=Kari")
    client.post(
        url,
        {"session": session.pk, "name": "Kari Nordmann", "email": "kari.nordmann@vefsn.kommune.no", "privacy": "on"},
        follow=True,
    )
    registration = Registration.objects.get()

    log = "\n".join(json.dumps(line) for line in request_log)
    assert [(line["method"], line["status"]) for line in request_log] == [("GET", 200), ("POST", 302), ("GET", 200)]
    assert request_log[0]["path"] == "/p/courses/<token>/"
    assert link.token not in log and registration.token not in log
    assert "kari" not in log.lower() and "nordmann" not in log.lower() and "?" not in log


def test_probes_are_not_logged(client, request_log):
    client.get("/healthz")
    client.get("/readyz")
    assert request_log == []


def test_an_error_is_one_json_line_with_its_traceback():
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        record = logging.LogRecord("isms.test", logging.ERROR, __file__, 1, "failed: %s", ("x",), sys.exc_info())
    formatted = JsonFormatter().format(record)
    line = json.loads(formatted)
    assert line["message"] == "failed: x"
    assert "RuntimeError: boom" in line["exception"]
    assert "\n" not in formatted
