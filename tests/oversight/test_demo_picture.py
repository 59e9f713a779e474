"""The demo's status picture is believable: some municipalities in order, others needing action (issue 14)."""

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from dpia.models import Dpia
from isms.core.models import Municipality, User
from isms.oversight.registry import Light
from isms.oversight.selectors import status_rows


def test_the_demo_shows_municipalities_in_order_and_municipalities_needing_action(db):
    call_command("load_kins_templates", verbosity=0)
    call_command("seed_demo", verbosity=0)
    rows = {row.municipality.slug: row for row in status_rows(municipalities=Municipality.objects.all())}
    assert len(rows) == 16
    # Last year's management review signed in some municipalities, not in others.
    assert rows["vefsn"].cell("cycle").light != Light.RED
    assert rows["grane"].cell("cycle").light == Light.RED
    assert any(not row.needs_action for row in rows.values())
    assert rows["grane"].needs_action


def test_the_demo_dpo_queue_has_a_long_wait_and_a_recent_one(db, client):
    call_command("load_kins_templates", verbosity=0)
    call_command("seed_demo", verbosity=0)
    client.force_login(User.objects.get(email="dpo@demo.no"))
    page = client.get(reverse("core:home")).content.decode()
    assert "Bindal · ventet 18 dager" in page and "Lang ventetid" in page
    assert "Brønnøy · ventet 3 dager" in page
    sent = Dpia.objects.get(municipality__slug="bindal", status="awaiting_advice").sent_to_dpo_at
    assert (timezone.localdate() - timezone.localdate(sent)).days == 18
