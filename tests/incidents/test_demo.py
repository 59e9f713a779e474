"""The demo's avvik, as `make run` shows them: five, in Brønnøy, Rana, Vefsn and Hemnes, each at its own
point of the flow, written through the services with history; a second run adds nothing."""

import pytest
from django.core.management import call_command

from isms.core.models import SignOffDecision
from isms.incidents.models import Channel, Incident, NotificationAdvice

pytestmark = pytest.mark.django_db


def _story(incident: Incident) -> tuple:
    return (
        incident.municipality.slug,
        incident.status,
        incident.channel,
        incident.kind,
        incident.measures.count(),
        NotificationAdvice.objects.filter(incident=incident).count(),
        incident.last_decision,
        incident.notification_decision,
        incident.authority_reference,
    )


def test_the_demo_tells_five_avvik_at_five_points_of_the_flow():
    call_command("load_kins_templates")
    call_command("seed_demo")
    stories = {incident.title: _story(incident) for incident in Incident.objects.select_related("municipality")}
    assert stories == {
        "E-post med helseskjema sendt til feil mottaker": (
            "bronnoy", "awaiting_decision", Channel.LOGGED_IN, "breach", 2, 1, "", "", "",
        ),
        "Bærbar PC mistet på toget": (
            "rana", "closed", Channel.LOGGED_IN, "both", 2, 1, SignOffDecision.APPROVED, "not_notify", "",
        ),
        "Phishing-e-post til ansatte i oppvekst": (
            "vefsn", "handling", Channel.LOGGED_IN, "security", 2, 0, "", "", "",
        ),
        "For vide tilganger i KOBO": (
            "hemnes", "decided", Channel.LOGGED_IN, "breach", 2, 1, SignOffDecision.APPROVED, "notify", "26/04211",
        ),
        "Klasseliste funnet på bussen": ("vefsn", "reported", Channel.PUBLIC_LINK, "", 0, 0, "", "", ""),
    }  # fmt: skip
    health = Incident.objects.get(title__startswith="E-post med helseskjema")
    assert health.decision_maker.email == "leder.bronnoy@demo.no" and health.processing_links.exists()
    kobo = Incident.objects.get(title="For vide tilganger i KOBO")
    assert kobo.delay_reason and kobo.system_links.exists() and kobo.processing_links.exists()
    assert (kobo.notified_at - kobo.discovered_at).total_seconds() == 91 * 3600
    laptop = Incident.objects.get(title="Bærbar PC mistet på toget")
    assert laptop.lessons_learned.startswith("Krypteringen virket") and laptop.proposed_scenario
    assert all(incident.history.exists() for incident in Incident.objects.all())
    call_command("seed_demo")
    assert Incident.objects.count() == 5
