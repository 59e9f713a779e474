"""The shared catalogue: the coordinator curates it; an editor adds a system only their municipality uses."""

from django.urls import reverse

from isms.protocol.models import System, SystemUse, Vendor


def system_data(**overrides) -> dict:
    data = {
        "name": "Elements",
        "hosting": "saas",
        "storage_country": "NO",
        "confidentiality": 3,
        "integrity": 3,
        "availability": 2,
        "expected_version": 1,
        "change_reason": "",
    }
    data.update(overrides)
    return data


def test_coordinator_adds_vendor_and_system_to_the_catalogue(client_for, cast):
    client = client_for(cast.coordinator)
    response = client.post(
        reverse("protocol:vendor_create"),
        {"name": "Sikri AS", "org_number": "974760673", "country": "NO", "expected_version": 1},
    )
    assert response.status_code == 302
    vendor = Vendor.objects.get()
    response = client.post(reverse("protocol:system_create"), system_data(vendor=vendor.pk))
    assert response.status_code == 302
    assert System.objects.get().vendor == vendor


def test_an_invalid_org_number_is_refused(client_for, cast):
    response = client_for(cast.coordinator).post(
        reverse("protocol:vendor_create"),
        {"name": "Feil AS", "org_number": "123456789", "country": "NO", "expected_version": 1},
    )
    assert response.status_code == 200
    assert "er ikke et gyldig organisasjonsnummer" in response.content.decode()
    assert not Vendor.objects.exists()


def test_editor_registers_a_new_system_and_takes_it_into_use(client_for, cast):
    response = client_for(cast.editor_vefsn).post(
        reverse("protocol:system_register", args=["vefsn"]), system_data(name="Visma Flyt Skole")
    )
    assert response.status_code == 302
    system = System.objects.get()
    assert system.created_in == cast.vefsn
    assert SystemUse.objects.get().municipality == cast.vefsn


def test_editor_may_change_own_system_until_another_municipality_uses_it(client_for, cast):
    client = client_for(cast.editor_vefsn)
    client.post(reverse("protocol:system_register", args=["vefsn"]), system_data(name="Visma Flyt Skole"))
    system = System.objects.get()
    url = reverse("protocol:system_edit", args=[system.pk])
    response = client.post(url, system_data(name="Visma Flyt Skole", availability=3, change_reason="Oppetid"))
    assert response.status_code == 302
    SystemUse.objects.create(municipality=cast.rana, system=system)
    assert client.get(url).status_code == 403
    assert client_for(cast.coordinator).get(url).status_code == 200


def test_editor_cannot_create_catalogue_entries_directly(client_for, cast):
    assert client_for(cast.editor_vefsn).get(reverse("protocol:system_create")).status_code == 403


def test_system_page_shows_the_count_but_only_own_municipality_names(client_for, cast):
    system = System.objects.create(name="Elements")
    SystemUse.objects.create(municipality=cast.vefsn, system=system)
    SystemUse.objects.create(municipality=cast.rana, system=system)
    html = client_for(cast.editor_vefsn).get(reverse("protocol:system_detail", args=[system.pk])).content.decode()
    assert "2 kommuner" in html and "Vefsn" in html and "Rana" not in html
    html = client_for(cast.dpo).get(reverse("protocol:system_detail", args=[system.pk])).content.decode()
    assert "Vefsn" in html and "Rana" in html


def test_a_system_is_taken_into_use_once_per_municipality(client_for, cast):
    system = System.objects.create(name="Elements")
    client = client_for(cast.editor_vefsn)
    data = {"system": system.pk, "owner": "Arkivleder", "expected_version": 1}
    assert client.post(reverse("protocol:system_use_create", args=["vefsn"]), data).status_code == 302
    response = client.post(reverse("protocol:system_use_create", args=["vefsn"]), data)
    assert response.status_code == 200
    assert SystemUse.objects.count() == 1


def test_catalogue_history_is_readable(client_for, cast):
    client = client_for(cast.coordinator)
    client.post(reverse("protocol:system_create"), system_data())
    system = System.objects.get()
    client.post(reverse("protocol:system_edit", args=[system.pk]), system_data(availability=4, change_reason="Kritisk"))
    html = client.get(reverse("core:cooperation_object_history", args=["system", system.pk])).content.decode()
    assert "Tilgjengelighet: Middels → Svært høy" in html
    assert (
        client_for(cast.staff).get(reverse("core:cooperation_object_history", args=["system", system.pk])).status_code
        == 403
    )


def test_editor_registers_a_vendor_and_may_change_it_while_no_one_else_uses_it(client_for, cast):
    client = client_for(cast.editor_vefsn)
    response = client.post(
        reverse("protocol:vendor_register", args=["vefsn"]),
        {"name": "Lokal IT AS", "country": "NO", "expected_version": 1},
    )
    assert response.status_code == 302
    vendor = Vendor.objects.get()
    assert vendor.created_in == cast.vefsn
    assert client.get(reverse("protocol:vendor_edit", args=[vendor.pk])).status_code == 200
    SystemUse.objects.create(municipality=cast.rana, system=System.objects.create(name="Lokalsystem", vendor=vendor))
    assert client.get(reverse("protocol:vendor_edit", args=[vendor.pk])).status_code == 403
