"""The demo's status picture is believable: some municipalities in order, others needing action (issue 14)."""

from django.core.management import call_command

from isms.core.models import Municipality
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
