"""`load_kins_templates` and `seed_demo`: idempotent, updates with history, refuses bad files whole."""

import pytest
from django.core.management import CommandError, call_command

from isms.core.models import GlobalRole, Membership, Municipality, User
from isms.core.services import update_municipality

HELGELAND = {
    "vevelstad", "vega", "hattfjelldal", "bindal", "donna", "grane", "nesna", "heroy",
    "luroy", "somna", "leirfjord", "hemnes", "alstahaug", "bronnoy", "vefsn", "rana",
}  # fmt: skip


@pytest.mark.django_db
def test_loads_the_sixteen_municipalities_of_digitale_helgeland():
    call_command("load_kins_templates")
    assert set(Municipality.objects.values_list("slug", flat=True)) == HELGELAND
    hattfjelldal = Municipality.objects.get(number="1826")
    assert hattfjelldal.official_name == "Aarborte – Hattfjelldal"
    assert sum(Municipality.objects.values_list("population", flat=True)) == 76107


@pytest.mark.django_db
def test_the_municipalities_have_their_organisation_numbers_and_each_passes_the_mod_11_check():
    from isms.core.validators import org_number_is_valid

    call_command("load_kins_templates")
    numbers = dict(Municipality.objects.values_list("slug", "org_number"))
    assert numbers["vefsn"] == "844824122" and numbers["rana"] == "872418032"
    assert all(org_number_is_valid(number) for number in numbers.values()), numbers
    assert len(set(numbers.values())) == 16


@pytest.mark.django_db
def test_running_twice_duplicates_nothing_and_writes_no_new_versions():
    call_command("load_kins_templates")
    call_command("load_kins_templates")
    assert Municipality.objects.count() == 16
    assert Municipality.history.count() == 16


@pytest.mark.django_db
def test_a_changed_yaml_updates_the_row_with_history(template_dir):
    call_command("load_kins_templates")
    path = template_dir / "municipalities.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("population: 13408", "population: 13450"), "utf-8")
    call_command("load_kins_templates")
    vefsn = Municipality.objects.get(slug="vefsn")
    assert (vefsn.population, vefsn.version) == (13450, 2)
    assert vefsn.history.latest().history_change_reason == "Lastet fra malbiblioteket (municipalities.yaml)"


@pytest.mark.django_db
def test_the_loader_does_not_overwrite_what_the_secretariat_keeps_in_the_app(template_dir):
    call_command("load_kins_templates")
    vefsn = Municipality.objects.get(slug="vefsn")
    update_municipality(
        municipality=vefsn, actor=None, values={"kins_member": True}, expected_version=1, reason="Innmeldt"
    )
    call_command("load_kins_templates")
    assert Municipality.objects.get(slug="vefsn").kins_member is True


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        ('  - number: "1824"\n    name: Vefsn\n', "oppføring 15 (1824): feltet «slug» mangler"),
        ('  - number: "184"\n    name: Vefsn\n    slug: vefsn\n', "oppføring 15 (184): number:"),
        ('  - number: "1824"\n    name: Vefsn\n    slug: vefsn\n    fylke: Nordland\n', "ukjente felt: fylke"),
    ],
)
def test_a_bad_entry_names_file_and_entry_and_loads_nothing(template_dir, broken, expected):
    path = template_dir / "municipalities.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index('  - number: "1824"')
    end = text.index('  - number: "1833"')
    path.write_text(text[:start] + broken + text[end:], "utf-8")
    with pytest.raises(CommandError) as error:
        call_command("load_kins_templates")
    assert "municipalities.yaml" in str(error.value)
    assert expected in str(error.value)
    assert Municipality.objects.count() == 0


@pytest.mark.django_db
def test_seed_demo_creates_fictional_users_once():
    call_command("load_kins_templates")
    call_command("seed_demo")
    call_command("seed_demo")
    assert User.objects.get(email="dpo@demo.no").global_role == GlobalRole.DPO
    assert User.objects.get(email="koordinator@demo.no").global_role == GlobalRole.COORDINATOR
    assert Membership.objects.count() == 32
    leader = User.objects.get(email="leder.vefsn@demo.no")
    assert list(leader.memberships.values_list("municipality__slug", "role")) == [("vefsn", "leader")]
    assert leader.check_password("Sikker-Kommune-2026")
    assert User.objects.count() == 34


@pytest.mark.django_db
def test_seed_demo_builds_the_shared_services_of_the_seeds_once():
    from isms.protocol.models import DataProcessingAgreement, JointAgreement, ProcessingActivity

    call_command("load_kins_templates")
    call_command("seed_demo")
    counts = (ProcessingActivity.objects.count(), DataProcessingAgreement.objects.count())
    call_command("seed_demo")
    assert (ProcessingActivity.objects.count(), DataProcessingAgreement.objects.count()) == counts
    kobo = JointAgreement.objects.get(title="Databehandleravtale KOBO")
    rows = DataProcessingAgreement.objects.filter(parent=kobo)
    assert rows.count() == 12 and rows.filter(status="signed").count() == 9
    assert ProcessingActivity.objects.filter(name="Søknad om helse- og omsorgstjenester").count() == 13
    assert ProcessingActivity.objects.get(
        municipality__slug="bindal", name__startswith="Søknad om salgs"
    ).criminal_offence_data
    assert_the_template_demo_is_in_place()


def assert_the_template_demo_is_in_place():
    from isms.core.library.selectors import pending_updates
    from isms.core.models import Template
    from isms.protocol.models import ProcessingActivity

    vefsn = ProcessingActivity.objects.filter(municipality__slug="vefsn")
    assert not vefsn.filter(template__isnull=True).exists()  # own records with a template's title were linked
    joint = Template.objects.get(title="Startlån, tilskudd og bostøtte", is_joint=True)
    assert (joint.key, joint.participants.count(), ProcessingActivity.objects.filter(template=joint).count()) == (
        "startlan-tilskudd-og-bostotte", 12, 9
    )  # fmt: skip
    mail = Template.objects.get(key="epost-samhandling")
    followers = ProcessingActivity.objects.filter(template=mail)
    assert (mail.published_version, followers.count()) == (2, 16)
    assert list(followers.filter(template_version=2).values_list("municipality__slug", flat=True)) == ["alstahaug"]
    rana = followers.get(municipality__slug="rana").municipality
    assert [row.record for row in pending_updates(rana)] == [followers.get(municipality__slug="rana")]
