"""The fixed cast of every test: two municipalities (Vefsn = A, Rana = B) and one user per role."""

import shutil
from dataclasses import dataclass

import pytest

from isms.core import kins_templates
from isms.core.models import GlobalRole, MembershipRole, Municipality, User

from .factories import TEST_PASSWORD, MembershipFactory, MunicipalityFactory, UserFactory


@dataclass
class Cast:
    vefsn: Municipality
    rana: Municipality
    staff: User
    viewer_vefsn: User
    editor_vefsn: User
    leader_vefsn: User
    viewer_rana: User
    editor_rana: User
    leader_rana: User
    dpo: User
    coordinator: User
    password: str = TEST_PASSWORD

    def by_role(self, name: str) -> User | None:
        return None if name == "anonymous" else getattr(self, name)


# Role names used by the access matrix, in the order of its columns.
ROLES = (
    "anonymous",
    "staff",
    "viewer_vefsn",
    "editor_vefsn",
    "leader_vefsn",
    "viewer_rana",
    "editor_rana",
    "leader_rana",
    "dpo",
    "coordinator",
)


@pytest.fixture
def cast(db) -> Cast:
    vefsn = MunicipalityFactory(number="1824", name="Vefsn", slug="vefsn", population=13408)
    rana = MunicipalityFactory(number="1833", name="Rana", slug="rana", population=25959)

    def member(email: str, municipality: Municipality, role: str) -> User:
        return MembershipFactory(user=UserFactory(email=email), municipality=municipality, role=role).user

    return Cast(
        vefsn=vefsn,
        rana=rana,
        staff=UserFactory(email="ansatt@example.no"),
        viewer_vefsn=member("leser.vefsn@example.no", vefsn, MembershipRole.VIEWER),
        editor_vefsn=member("redaktor.vefsn@example.no", vefsn, MembershipRole.EDITOR),
        leader_vefsn=member("leder.vefsn@example.no", vefsn, MembershipRole.LEADER),
        viewer_rana=member("leser.rana@example.no", rana, MembershipRole.VIEWER),
        editor_rana=member("redaktor.rana@example.no", rana, MembershipRole.EDITOR),
        leader_rana=member("leder.rana@example.no", rana, MembershipRole.LEADER),
        dpo=UserFactory(email="pvo@example.no", global_role=GlobalRole.DPO),
        coordinator=UserFactory(email="koordinator@example.no", global_role=GlobalRole.COORDINATOR),
    )


@pytest.fixture
def client_for(client):
    """Log the test client in as one of the cast (or nobody) and return it."""

    def _login(user: User | None):
        client.logout()
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _login


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _exports_built_in_the_test(settings):
    # An export requested in a test is built in the test (on commit), not in a thread of the web process.
    settings.EXPORTS_IN_THREAD_WHEN_EAGER = False


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2's deliberate slowness would dominate a suite that logs in a cast of ten for every test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    # allauth's login rate limits live in the cache; one test's failed logins must not block the next.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def template_dir(tmp_path, monkeypatch):
    """A copy of the shipped template files that a test may change."""
    directory = tmp_path / "kins_templates"
    shutil.copytree(kins_templates.TEMPLATE_DIR, directory)
    monkeypatch.setattr(kins_templates, "TEMPLATE_DIR", directory)
    return directory
