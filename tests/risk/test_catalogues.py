"""The shipped risk matrix and threat catalogue (fixtures/kins_templates/)."""

import pytest
import yaml
from django.core.management import CommandError, call_command

from risk.models import NsmCategory, RiskMatrix, Threat


@pytest.fixture
def loaded(db):
    call_command("load_kins_templates")


def test_the_default_matrix_is_five_by_five_with_the_usual_bands(loaded):
    matrix = RiskMatrix.objects.get(is_current=True)
    assert (matrix.likelihood_count, matrix.consequence_count) == (5, 5)
    assert [matrix.level(1, 4), matrix.level(1, 5), matrix.level(3, 3), matrix.level(2, 5)] == [
        "low", "medium", "medium", "high"
    ]  # fmt: skip
    for level in matrix.consequence_levels:
        assert set(level["areas"]) == {"privacy", "service", "life_health", "economy", "reputation"}


def test_the_threat_catalogue_holds_sixty_threats_over_every_nsm_category(loaded):
    assert Threat.objects.count() >= 60
    assert set(Threat.objects.values_list("nsm_category", flat=True)) == set(NsmCategory.values)
    for security in ("C", "I", "A"):
        assert Threat.objects.filter(security__contains=f",{security},").count() >= 10, security


def test_loading_again_changes_nothing_and_the_matrix_kept_in_the_app_is_not_overwritten(loaded, template_dir):
    matrix = RiskMatrix.objects.get()
    history = (RiskMatrix.history.count(), Threat.history.count())
    path = template_dir / "risk_matrix.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["matrices"][0]["tolerable_max"] = 12
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    call_command("load_kins_templates")
    assert (RiskMatrix.history.count(), Threat.history.count()) == history
    matrix.refresh_from_db()
    assert matrix.tolerable_max == 9


def test_a_changed_threat_is_updated_with_history(loaded, template_dir):
    path = template_dir / "threats.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    key = document["threats"][0]["key"]
    document["threats"][0]["typical_measures"] = "Opplæring hvert år."
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    call_command("load_kins_templates")
    threat = Threat.objects.get(key=key)
    assert threat.typical_measures == "Opplæring hvert år."
    assert threat.history.first().history_change_reason == "Lastet fra malbiblioteket (threats.yaml)"


@pytest.mark.django_db
def test_a_threat_with_an_unknown_cia_letter_names_the_entry_and_loads_nothing(template_dir):
    path = template_dir / "threats.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["threats"][1]["cia"] = ["C", "X"]
    key = document["threats"][1]["key"]
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("load_kins_templates")
    assert f"threats.yaml, oppføring 2 ({key}): security:" in str(error.value)
    assert not Threat.objects.exists() and not RiskMatrix.objects.exists()
