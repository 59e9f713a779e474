"""The DPO's queue and the table of every DPIA in all municipalities, with demo-like data: a joint DPIA
adopted by several municipalities, some sent to the DPO, some decided."""

import pytest
from django.urls import reverse

from dpia.demo import KOBO_CONTENT
from dpia.models import Dpia
from dpia.workflow import give_advice, send_to_dpo
from isms.core.library.kinds import get_kind
from isms.core.library.services import adopt_templates, publish_template, save_template
from isms.core.models import MembershipRole
from tests.factories import MembershipFactory, MunicipalityFactory, UserFactory

from .builders import complete_dpia


def joint_dpia(coordinator, municipalities):
    kind = get_kind("dpia")
    content, errors = kind.clean_content(KOBO_CONTENT)
    assert not errors
    template, _created = save_template(
        kind=kind,
        actor=coordinator,
        reason="test",
        content=content,
        values={"title": "Felles DPIA for KOBO", "description": "Felles", "is_joint": True},
        participants=municipalities,
    )
    publish_template(template=template, actor=coordinator, change_note="test", expected_version=template.version)
    template.refresh_from_db()
    return template


def adopted_in(municipalities, cast, template):
    for municipality in municipalities:
        editor = MembershipFactory(municipality=municipality, role=MembershipRole.EDITOR, user=UserFactory()).user
        adopt_templates(kind=get_kind("dpia"), municipality=municipality, templates=[template], actor=editor)
    return list(Dpia.objects.filter(template=template).order_by("pk"))


def build(cast, n: int):
    municipalities = [cast.vefsn, cast.rana, *(MunicipalityFactory() for _ in range(n - 2))]
    template = joint_dpia(cast.coordinator, municipalities)
    dpias = adopted_in(municipalities, cast, template)
    first = send_to_dpo(dpia=dpias[0], actor=cast.editor_vefsn, expected_version=dpias[0].version)
    give_advice(dpia=first, dpo=cast.dpo, decision="agrees", comment="", notes={}, expected_version=first.version)
    send_to_dpo(dpia=dpias[1], actor=cast.editor_rana, expected_version=dpias[1].version)
    own = complete_dpia(cast.rana, cast.editor_rana, cast.leader_rana, name="Barnevern")
    return template, dpias, own


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["dpo", "coordinator"])
def test_the_table_of_all_dpias_lists_every_adopted_joint_dpia(client_for, cast, role):
    template, dpias, own = build(cast, 4)
    response = client_for(cast.by_role(role)).get(reverse("dpia:dpo_queue"))
    page = response.content.decode()
    assert "5 DPIA-er" in page and "Ingen DPIA-er ennå" not in page
    for dpia in [*dpias, own]:
        assert reverse("dpia:detail", args=[dpia.municipality.slug, dpia.pk]) in page
    assert "Råd gitt" in page and "Venter på personvernombudets råd" in page
    assert f'value="{template.pk}"' in page  # the joint DPIA can be chosen

    chosen = client_for(cast.dpo).get(reverse("dpia:dpo_queue"), {"template": template.pk}).content.decode()
    assert "4 DPIA-er" in chosen and "Barnevern" not in chosen.split("all-caption")[1]


@pytest.mark.django_db
def test_the_queue_page_runs_a_constant_number_of_queries(client_for, cast, django_assert_max_num_queries):
    build(cast, 3)
    client = client_for(cast.dpo)
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("dpia:dpo_queue"))
    more = [MunicipalityFactory() for _ in range(5)]
    template = joint_dpia(cast.coordinator, more)
    adopted_in(more, cast, template)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(reverse("dpia:dpo_queue")).content.decode()
    assert "9 DPIA-er" in page
