"""The avvik list's and the DPO overview's rows are written by one tag each (incident_tables): they must say
exactly what django-tables2 and the template loop said (the same cells, links, clock and escaping)."""

from __future__ import annotations

import re

from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import formats, timezone

from isms.incidents import selectors
from isms.incidents.tables import IncidentTable

from .builders import handled, reported


def _normalised(html: str) -> str:
    return re.sub(r"\s+", "", html)


def _tbody(html: str) -> str:
    return html[html.index("<tbody>") : html.index("</tbody>")]


def test_the_list_rows_are_what_django_tables2_renders(cast):
    reported(cast.vefsn, cast.editor_vefsn, hours_ago=60, title="Rana <venter> & mer")
    reported(cast.vefsn, cast.editor_vefsn, personal_data="no", title="Bare sikkerhet", unit="")
    handled(reported(cast.vefsn, cast.editor_vefsn, title="Klassifisert"), cast.editor_vefsn, cast.leader_vefsn)
    request = RequestFactory().get("/")
    now = timezone.now()

    def rendered(template_name: str) -> str:
        table = IncidentTable(selectors.incidents(municipality=cast.vefsn), now=now)
        table.paginate(page=1, per_page=50)
        return _tbody(render_to_string(template_name, {"table": table}, request=request))

    ours = rendered("incidents/_incident_table.html")
    assert _normalised(ours) == _normalised(rendered("components/table.html"))
    assert "Rana &lt;venter&gt; &amp; mer" in ours and "—" in ours and 'class="odd"' in ours


def test_the_overview_rows_show_link_discovery_clock_and_status(cast, client_for):
    incident = reported(cast.rana, cast.editor_rana, hours_ago=60, title="Rana <venter>")
    page = client_for(cast.dpo).get(reverse("incidents:dpo_overview")).content.decode()
    url = reverse("incidents:detail", args=[cast.rana.slug, incident.pk])
    discovered = formats.date_format(timezone.localtime(incident.discovered_at), "DATETIME_FORMAT")
    assert f'<a class="ds-link" href="{url}">{incident.reference} Rana &lt;venter&gt;</a>' in page
    assert f"<td>{discovered}</td>" in page and "11 timer igjen" in page and incident.state_label in page
    assert f"<td>{cast.rana.name}</td>" in page
