"""Every URL of the project's apps, opened by every role: the status must be the one the matrix states."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .access_matrix import MATRIX, build_world
from .conftest import ROLES

# URL modules that are not ours: the admin (superusers only) and allauth's account pages.
FOREIGN_MODULES = ("django.contrib.admin", "allauth")


def project_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                module = getattr(pattern.urlconf_module, "__name__", "") or getattr(
                    pattern.urlconf_name, "__name__", str(pattern.urlconf_name)
                )
                if isinstance(pattern.urlconf_name, list | tuple) and pattern.app_name == "admin":
                    continue
                if any(str(module).startswith(foreign) for foreign in FOREIGN_MODULES):
                    continue
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


def test_every_url_of_the_project_has_a_row_in_the_matrix():
    names = project_url_names()
    assert names - set(MATRIX) == set(), "URLs without an access-matrix row"
    assert set(MATRIX) - names == set(), "matrix rows for URLs that no longer exist"


CASES = [(name, role) for name in sorted(MATRIX) for role in ROLES]


@pytest.mark.parametrize(("url_name", "role"), CASES, ids=[f"{name}-{role}" for name, role in CASES])
def test_access(client_for, cast, url_name, role):
    entry = MATRIX[url_name]
    world = build_world(cast, with_export=url_name.startswith("core:export"))
    url = reverse(url_name, kwargs=entry.kwargs(world))
    client = client_for(cast.by_role(role))
    response = getattr(client, entry.method)(url, entry.data(world))
    expected = entry.expected[role]
    assert response.status_code == expected, f"{role} {entry.method.upper()} {url}"
    if role == "anonymous" and expected == 302:
        assert response.url.startswith("/accounts/login/")
