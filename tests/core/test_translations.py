"""Every string a member of the public meets is in bokmål: the public course pages, their e-mails, the
login pages and the error pages, and (less strictly) every msgid of the project has a translation."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.i18n_catalogue import ROOT, msgids, untranslated
from tests.training.builders import make_round, make_session, person
from training import services

PUBLIC_FILES = [
    *sorted((ROOT / "training" / "templates" / "training").glob("public_*.html")),
    *sorted((ROOT / "training" / "templates" / "training").glob("_p*.html")),
    *sorted((ROOT / "training" / "templates" / "training" / "email").glob("*.txt")),
    ROOT / "training" / "public_views.py",
    ROOT / "training" / "forms.py",
    ROOT / "training" / "services.py",
    ROOT / "training" / "models.py",
    ROOT / "training" / "ratelimit.py",
    ROOT / "isms" / "templates" / "base.html",
    *sorted((ROOT / "isms" / "templates").glob("[45]*.html")),
    *sorted((ROOT / "isms" / "templates" / "account").glob("*.html")),
    *sorted((ROOT / "isms" / "templates" / "account" / "email").glob("*.txt")),
    *sorted((ROOT / "isms" / "templates" / "components").glob("*.html")),
    *sorted((ROOT / "isms" / "templates" / "allauth").glob("**/*.html")),
    *sorted((ROOT / "isms" / "templates" / "mfa").glob("**/*.html")),
]
# The accessibility statement is public too, wherever it lives.
PUBLIC_FILES += sorted(ROOT.glob("isms/**/templates/**/*accessib*.html"))


def test_every_string_of_the_public_pages_has_a_bokmal_translation():
    assert len(PUBLIC_FILES) > 20
    assert untranslated(PUBLIC_FILES) == []


def test_the_extraction_sees_the_project_alias_and_templates():
    found = {msgid for _context, msgid, _plural in msgids([ROOT / "training" / "public_views.py"])}
    assert any(msgid.startswith("If the address already has a place") for msgid in found)  # `_lazy(...)`
    template = ROOT / "training" / "templates" / "training" / "public_registration.html"
    found = {msgid for _context, msgid, _plural in msgids([template])}
    assert "Cancel my registration" in found


PROJECT_PATTERNS = (
    "isms/**/*.py",
    "risk/**/*.py",
    "dpia/**/*.py",
    "training/**/*.py",
    "**/templates/**/*.html",
    "**/templates/**/*.txt",
)


def test_every_msgid_of_the_project_has_a_bokmal_translation():
    sources = [
        path
        for pattern in PROJECT_PATTERNS
        for path in ROOT.glob(pattern)
        if "migrations" not in path.parts and ".venv" not in path.parts
    ]
    assert untranslated(sorted(set(sources))) == []


def _english_on(page: str, files) -> list[str]:
    """Source strings (long enough to be unambiguous, without placeholders) that appear untranslated."""
    return [
        msgid
        for _context, msgid, _plural in msgids(files)
        if len(msgid) > 15 and "%" not in msgid and "{" not in msgid and "<" not in msgid and msgid in page
    ]


@pytest.mark.django_db
def test_a_second_registration_with_the_same_address_is_answered_in_bokmal(cast, client):
    session = make_session(round=make_round())
    link = services.registration_link(municipality=cast.vefsn, round=session.round, actor=None)
    url = reverse("training:public_register", args=[link.token])
    values = {**person(1), "session": str(session.pk), "privacy": "on"}
    with translation.override("nb"):
        client.post(url, values)
        page = client.post(url, values, follow=True).content.decode()
    assert "Hvis adressen allerede har plass på dette kurset" in page
    assert "If the address already" not in page
    assert _english_on(page, PUBLIC_FILES) == []


@pytest.mark.django_db
def test_the_public_pages_render_without_english(cast, client):
    session = make_session(round=make_round())
    link = services.registration_link(municipality=cast.vefsn, round=session.round, actor=None)
    registration = services.register_participant(session=session, municipality=cast.vefsn, values=person(2))
    urls = [
        reverse("training:public_register", args=[link.token]),
        reverse("training:public_registration", args=[registration.token]),
        reverse("account_login"),
        reverse("account_reset_password"),
        "/finnes-ikke/",
    ]
    for url in urls:
        page = client.get(url).content.decode()
        assert _english_on(page, PUBLIC_FILES) == [], url
