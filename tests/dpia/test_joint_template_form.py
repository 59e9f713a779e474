"""The joint DPIA on the template page: its systematic description is a field of its own, apart from the
template's description of when to use it (both were posted as "description")."""

import pytest
from django.urls import reverse

from isms.core.library.kinds import get_kind
from isms.core.library.services import publish_template, save_template
from isms.core.models import Template


@pytest.mark.django_db
def test_the_joint_dpia_form_keeps_the_template_description_apart_from_the_dpia_description(cast, client_for):
    kind = get_kind("dpia")
    content = {"description": "Saksbehandling i KOBO", "purposes": "Startlån", "risks": "Innsyn | tilgang | 3 | 2"}
    cleaned, errors = kind.clean_content(content)
    assert not errors, errors
    template, _created = save_template(
        kind=kind, actor=cast.coordinator,
        values={"title": "Felles DPIA for KOBO", "description": "", "is_joint": True},
        content=cleaned, reason="", participants=[cast.vefsn],
    )  # fmt: skip
    publish_template(template=template, actor=cast.coordinator, change_note="", expected_version=1)
    template.refresh_from_db()
    client = client_for(cast.coordinator)
    page = client.get(reverse("library:template_edit", args=[template.pk])).content.decode()
    assert 'name="content-description"' in page and 'name="content-risks"' in page
    response = client.post(
        reverse("library:template_edit", args=[template.pk]),
        {"expected_version": template.version, "title": template.title, "description": "For KOBO-kommunene",
         "is_joint": "on", "participants": [cast.vefsn.pk], "change_reason": "Presisert",
         "content-description": "Saksbehandling av startlån i KOBO", "content-purposes": "Startlån",
         "content-risks": "Innsyn | tilgang | 3 | 2"},
    )  # fmt: skip
    assert response.status_code == 302
    template = Template.objects.get(pk=template.pk)
    assert template.description == "For KOBO-kommunene"
    assert template.content["description"] == "Saksbehandling av startlån i KOBO"
