"""Every URL of the project's apps, opened by every role of the cast: the status is the one the matrix states."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, include, path, re_path, reverse
from django.views.static import serve

from isms.core.history import COOPERATION_HISTORY, MUNICIPAL_HISTORY
from isms.core.views import home

from .access_matrix import MATRIX, World, case_id, rows
from .conftest import ROLES

# URL modules and namespaces that are not ours: the admin (superusers only), allauth's account pages,
# Django's i18n views and the static/media file views.
FOREIGN_MODULES = (
    "django.contrib.admin",
    "allauth",
    "django.conf.urls.i18n",
    "django.views.i18n",
    "django.views.static",
    "django.contrib.staticfiles",
)
FOREIGN_NAMESPACES = {"admin"}
LOGIN_PATH = "/accounts/login/"


def _module_of(resolver: URLResolver) -> str:
    urlconf = resolver.urlconf_name
    if isinstance(urlconf, str):
        return urlconf
    return getattr(urlconf, "__name__", "")  # a module; a plain list (admin.site.urls, i18n_patterns) has none


def _is_foreign(module: str) -> bool:
    return any(module == foreign or module.startswith(f"{foreign}.") for foreign in FOREIGN_MODULES)


def project_url_names(patterns=None) -> set[str]:
    """`namespace:name` of every URL pattern of our apps; an unnamed one appears by its route, to be named."""
    names: set[str] = set()

    def walk(patterns, namespace: str, prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace in FOREIGN_NAMESPACES or _is_foreign(_module_of(pattern)):
                    continue
                inner = ":".join(part for part in (namespace, pattern.namespace) if part)
                walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                view = getattr(pattern.callback, "view_class", pattern.callback)
                if _is_foreign(getattr(view, "__module__", "") or ""):
                    continue
                name = pattern.name or f"<unnamed {prefix}{pattern.pattern}>"
                names.add(f"{namespace}:{name}" if namespace else name)

    walk(get_resolver().url_patterns if patterns is None else patterns, "", "")
    return names


def test_every_url_of_the_project_has_a_row_in_the_matrix():
    names = project_url_names()
    assert sorted(names - set(MATRIX)) == [], "URLs without a row in tests/access_matrix.py"
    assert sorted(set(MATRIX) - names) == [], "rows in tests/access_matrix.py for URLs that no longer exist"


def test_the_walk_skips_admin_allauth_i18n_and_static_but_not_our_apps():
    names = project_url_names()
    assert {"core:home", "core:municipality_edit", "protocol:processing_list"} <= names
    assert not any(name.startswith(("admin:", "account_")) for name in names)
    walked = project_url_names(
        [
            path("", include("isms.core.urls")),
            path("i18n/", include("django.conf.urls.i18n")),
            re_path(r"^media/(?P<path>.*)$", serve),
            path("admin/", admin.site.urls),
            path("accounts/", include("allauth.urls")),
            path("nameless/", home),
        ]
    )
    assert walked == {name for name in names if name.startswith("core:")} | {"<unnamed nameless/>"}


def test_every_history_page_has_a_row():
    """A model registered for a history page must show in the matrix that its history stays in its tenant."""
    labels = {entry.label for entry in MATRIX["core:municipal_object_history"]}
    assert labels == set(MUNICIPAL_HISTORY)
    labels = {entry.label for entry in MATRIX["core:cooperation_object_history"]}
    assert labels == set(COOPERATION_HISTORY)


def test_every_row_has_one_status_per_role():
    for name, entry in rows():
        assert set(entry.expected) == set(ROLES), case_id(name, entry)
        assert set(entry.bugs) <= set(ROLES), case_id(name, entry)


def _cases():
    for name, entry in rows():
        for role in ROLES:
            marks = []
            if role in entry.bugs:
                marks.append(pytest.mark.xfail(strict=True, reason=entry.bugs[role]))
            yield pytest.param(name, entry, role, id=f"{case_id(name, entry)}-{role}", marks=marks)


@pytest.mark.parametrize(("url_name", "entry", "role"), _cases())
def test_access(client_for, cast, url_name, entry, role):
    world = World(cast)
    url = reverse(url_name, kwargs=entry.kwargs(world))
    client = client_for(cast.by_role(role))
    if entry.prepare is not None:
        entry.prepare(world, client)

    response = getattr(client, entry.method)(url, entry.data(world))

    expected = entry.expected[role]
    assert response.status_code == expected, f"{role} {entry.method.upper()} {url}"
    if role == "anonymous" and expected == 302 and not entry.public:
        target = urlsplit(response.url)
        assert target.path == LOGIN_PATH
        assert parse_qs(target.query)["next"] == [url]
    if entry.done is not None:
        did_write = expected == 302 and (role != "anonymous" or entry.public)
        assert entry.done(world) == did_write, (
            f"{role} {entry.method.upper()} {url}: write {'missing' if did_write else 'happened'}"
        )
