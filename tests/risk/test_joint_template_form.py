"""The coordinator keeps the joint ROS on the template page: its content fields are on the form (the
kind's own fieldsets), apart from the template's own fields, and its ratings are levels of the matrix."""

import pytest
from django.urls import reverse

from isms.core.library.kinds import get_kind
from isms.core.models import Template

from .builders import default_matrix
from .test_joint import KOBO_CONTENT, joint_kobo


def _template_post(template, content, **extra):
    data = {
        "expected_version": template.version, "title": template.title, "description": "Når den brukes",
        "is_joint": "on", "change_reason": "Etter ROS-møtet",
        **{f"content-{name}": value for name, value in content.items()}, **extra,
    }  # fmt: skip
    return data


@pytest.mark.django_db
def test_the_coordinator_edits_the_joint_ros_content_on_the_template_page(cast, client_for):
    _kind, template = joint_kobo(cast)
    client = client_for(cast.coordinator)
    page = client.get(reverse("library:template_edit", args=[template.pk])).content.decode()
    assert 'name="content-scenarios"' in page and 'name="content-participants"' in page
    content = {**KOBO_CONTENT, "scenarios": KOBO_CONTENT["scenarios"] + "\nNy integrasjon feiler | Arkivet | I | 3 | 3"}
    data = _template_post(template, content, participants=[cast.vefsn.pk, cast.rana.pk])
    response = client.post(reverse("library:template_edit", args=[template.pk]), data)
    assert response.status_code == 302
    template = Template.objects.get(pk=template.pk)
    assert "Ny integrasjon feiler" in template.content["scenarios"][-1]["title"]
    assert template.content["participants"] == "Digitale Helgeland\nPersonvernombudet"
    assert template.description == "Når den brukes"


@pytest.mark.django_db
def test_a_joint_scenario_rated_outside_the_matrix_is_refused(cast):
    default_matrix()
    _content, errors = get_kind("ros").clean_content({**KOBO_CONTENT, "scenarios": "Brann | Serverrom | T | 9 | 3"})
    assert "scenarios" in errors
