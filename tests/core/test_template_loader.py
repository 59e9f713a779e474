"""The standard processing activities shipped in fixtures/kins_templates/processing_activities.yaml."""

import pytest
import yaml
from django.core.management import CommandError, call_command

from isms.core.library.kinds import get_kind
from isms.core.library.services import save_template
from isms.core.models import Template, TemplateVersion
from isms.protocol.models import Sector

FILE = "processing_activities.yaml"


@pytest.fixture
def loaded(db):
    call_command("load_kins_templates")
    return Template.objects.filter(kind="processing")


def test_the_library_ships_at_least_forty_published_activities_across_every_sector(loaded):
    assert loaded.count() >= 40
    assert set(loaded.values_list("published_version", flat=True)) == {1}
    assert set(loaded.values_list("group", flat=True)) == set(Sector.values)
    titles = " | ".join(loaded.values_list("title", flat=True)).lower()
    for expected in ("startlån", "helse- og omsorgstjenester", "skjenke", "foreldrebetaling", "permisjon",
                     "barnehage", "byggesak", "lønn", "elements", "politisk", "kommunale avgifter"):  # fmt: skip
        assert expected in titles, expected


def test_every_shipped_template_names_its_legal_basis_and_how_long_data_is_kept(loaded):
    for template in loaded:
        content = template.content
        assert content["legal_bases"], template.title
        assert content["purposes"] and content["retention"], template.title
        if {"c", "e"} & set(content["legal_bases"]):
            assert content["national_law"], template.title
        if content["special_categories"]:
            assert content["special_category_bases"], template.title


def test_no_shipped_template_rests_on_vital_interests_or_an_unnamed_retention_period(loaded):
    for template in loaded:
        content = template.content
        assert "c" not in content["special_category_bases"], template.title  # Art. 9(2)(c) is for emergencies
        assert "fastsatt tid" not in content["retention"], template.title


def test_vandel_statements_come_from_police_tax_and_nav_and_the_law_names_manager_and_deputy(loaded):
    content = loaded.get(key="skjenkebevilling").content
    for source in ("politiet", "Skatteetaten", "NAV"):
        assert source in content["data_source"] and source not in content["recipients"], source
    assert "1-7b" in content["national_law"] and "1-7c" in content["national_law"]
    recruitment = loaded.get(key="rekruttering").content
    assert "kommuneloven" not in recruitment["national_law"]
    assert "offentleglova § 25" in recruitment["national_law"]


def test_loading_twice_writes_no_new_version(loaded):
    versions, history = TemplateVersion.objects.count(), Template.history.count()
    call_command("load_kins_templates")
    assert (TemplateVersion.objects.count(), Template.history.count()) == (versions, history)


def rewrite(directory, change) -> str:
    """Apply `change` to the third entry of the file; return its key."""
    path = directory / FILE
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    entry = document["templates"][2]
    change(entry)
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), "utf-8")
    return entry["key"]


@pytest.mark.django_db
def test_a_changed_entry_becomes_the_next_published_version(template_dir):
    call_command("load_kins_templates")
    key = rewrite(template_dir, lambda entry: entry["content"].update(purposes="Endret formål for testen."))
    call_command("load_kins_templates")
    template = Template.objects.get(kind="processing", key=key)
    assert template.published_version == 2
    latest = template.versions.get(number=2)
    assert latest.content["purposes"] == "Endret formål for testen."
    assert latest.change_note == "Oppdatert i malbiblioteket (processing_activities.yaml)"


def test_the_loader_leaves_a_template_the_dpo_edited_alone_while_the_file_is_unchanged(loaded):
    template = loaded.order_by("pk").first()
    save_template(
        kind=get_kind("processing"),
        actor=None,
        values={"title": template.title, "description": template.description, "is_joint": False},
        content={**template.content, "purposes": "Personvernombudets tekst"},
        reason="Presisert",
        template=template,
        expected_version=template.version,
    )
    call_command("load_kins_templates")
    template.refresh_from_db()
    assert template.content["purposes"] == "Personvernombudets tekst"
    assert template.has_unpublished_changes


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda entry: entry["content"].update(purposes=""), "Formål: Feltet er påkrevet."),
        (lambda entry: entry["content"].update(legal_bases=["x"]), "Behandlingsgrunnlag (art. 6 nr. 1):"),
        (lambda entry: entry["content"].update(retention_days=30), "Ukjente felt: retention_days"),
        (lambda entry: entry.pop("title"), "feltet «title» mangler"),
    ],
)
def test_a_bad_entry_names_the_file_and_the_entry_and_loads_nothing(template_dir, change, expected):
    key = rewrite(template_dir, change)
    with pytest.raises(CommandError) as error:
        call_command("load_kins_templates")
    message = str(error.value)
    assert f"{FILE}, oppføring 3 ({key})" in message
    assert expected in message
    assert "purposes:" not in message and "legal_bases:" not in message  # labels, not code names
    assert not Template.objects.exists()
