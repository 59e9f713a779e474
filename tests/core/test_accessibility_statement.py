"""The accessibility statement (tilgjengelighetserklæring): public, linked from every footer, honest."""

from django.urls import reverse

from isms.core.accessibility import CRITERIA, NOT_APPLICABLE, not_met


def test_the_statement_is_public_and_lists_every_criterion_with_its_status_date_and_contact(client):
    response = client.get(reverse("core:accessibility"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tilgjengelighetserklæring for Sikker kommune" in html
    assert html.count('<th scope="row">') == len(CRITERIA) == 50
    assert "1.3.1 Informasjon og relasjoner" in html and "Delvis oppfylt" in html
    assert "03.12.2026" in html
    assert "mailto:tilgjengelighet@digitalehelgeland.example" in html and "uutilsynet.no" in html


def test_what_is_not_met_is_said_first(client):
    html = client.get(reverse("core:accessibility")).content.decode()
    listed = html[html.index("Innhold som ikke er tilgjengelig") : html.index("Suksesskriteriene i WCAG 2.1")]
    assert not_met() and all(criterion.number in listed for criterion in not_met())
    assert all(criterion.note for criterion in not_met())
    assert any(criterion.status == NOT_APPLICABLE for criterion in CRITERIA)


def test_every_page_links_to_it_from_the_footer(client, client_for, cast):
    link = f'href="{reverse("core:accessibility")}"'
    assert link in client.get(reverse("account_login")).content.decode()
    assert link in client_for(cast.viewer_vefsn).get(reverse("core:home")).content.decode()
