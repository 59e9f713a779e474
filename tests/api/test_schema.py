"""The OpenAPI schema validates without warnings, documents the token and every endpoint, and the docs page
loads Swagger UI from our own static files under a CSP without 'unsafe-inline'."""

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import reverse


@pytest.mark.django_db
def test_the_schema_validates_without_warnings(tmp_path):
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = yaml.safe_load(target.read_text())
    assert schema["components"]["securitySchemes"]["bearerToken"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "En personlig API-nøkkel fra profilsiden din (vises én gang når den lages).",
    }
    paths = schema["paths"]
    documented = (
        "/api/v1/processing-activities/", "/api/v1/risk-analyses/{id}/", "/api/v1/status/",
        "/api/v1/municipalities/{municipality_id}/history/{label}/{id}/", "/api/v1/participation/",
    )  # fmt: skip
    for path in documented:
        assert paths[path]["get"]["description"], path
    parameters = {p["name"] for p in paths["/api/v1/processing-activities/"]["get"]["parameters"]}
    assert {"updated_since", "municipality", "sector", "status", "page", "page_size"} <= parameters
    assert not any(method != "get" for item in paths.values() for method in item if method != "parameters")


@pytest.mark.django_db
def test_the_schema_needs_a_token_or_a_login(cast, api):
    assert api().get(reverse("api:schema")).status_code == 401
    response = api(cast.viewer_vefsn).get(reverse("api:schema") + "?format=json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Sikker kommune API"


@pytest.mark.django_db
def test_the_docs_page_uses_vendored_swagger_ui_without_unsafe_inline(cast, client_for):
    response = client_for(cast.viewer_vefsn).get(reverse("api:docs"))
    page = response.content.decode()
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page
    assert "/static/api/docs.js" in page
    assert "http://" not in page.split("<main")[1] and "https://" not in page.split("<main")[1]  # no CDN
    assert "<script>" not in page  # every script is a file
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "script-src 'self'" in policy
    assert finders.find("vendor/swagger-ui/swagger-ui-bundle.js") and finders.find("vendor/swagger-ui/swagger-ui.css")
