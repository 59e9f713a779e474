"""Breadcrumbs of the protocol's sub-pages lead back to their list; only the last crumb is the page itself."""

from html.parser import HTMLParser

from django.urls import reverse
from django.utils.translation import gettext as _

from isms.protocol.models import DataProcessingAgreement, ProcessingActivity, System, SystemUse, Vendor

from .test_processing import activity_data


class _Crumbs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.crumbs: list[tuple[str, str, bool]] = []  # (text, href, aria-current)
        self._in_nav = False
        self._link: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and "ds-breadcrumbs" in (attrs.get("class") or ""):
            self._in_nav = True
        elif tag == "a" and self._in_nav:
            self._link = {"href": attrs["href"], "current": attrs.get("aria-current") == "page", "text": ""}

    def handle_data(self, data):
        if self._link is not None:
            self._link["text"] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self.crumbs.append((self._link["text"].strip(), self._link["href"], self._link["current"]))
            self._link = None
        elif tag == "nav":
            self._in_nav = False


def crumbs(response) -> list[tuple[str, str, bool]]:
    assert response.status_code == 200
    parser = _Crumbs()
    parser.feed(response.content.decode())
    return parser.crumbs


def test_processing_sub_pages_link_the_record_crumb_to_the_list(client_for, cast):
    client = client_for(cast.editor_vefsn)
    client.post(reverse("protocol:processing_create", args=["vefsn"]), activity_data(name="Startlån"))
    activity = ProcessingActivity.objects.get()
    list_url = reverse("protocol:processing_list", args=["vefsn"])
    detail_url = reverse("protocol:processing_detail", args=["vefsn", activity.pk])
    record = (_("Record of processing"), list_url, False)

    assert crumbs(client.get(detail_url))[2:] == [record, ("Startlån", detail_url, True)]
    edit_url = reverse("protocol:processing_edit", args=["vefsn", activity.pk])
    assert crumbs(client.get(edit_url))[2:] == [record, ("Startlån", detail_url, False), (_("Edit"), edit_url, True)]
    new_url = reverse("protocol:processing_create", args=["vefsn"])
    assert crumbs(client.get(new_url))[2:] == [record, (_("New processing activity"), new_url, True)]
    import_url = reverse("protocol:import_upload", args=["vefsn"])
    assert crumbs(client.get(import_url))[2:] == [record, (_("Import"), import_url, True)]
    history_url = reverse("core:municipal_object_history", args=["vefsn", "processing", activity.pk])
    assert crumbs(client.get(history_url))[2:] == [
        record,
        ("Startlån", detail_url, False),
        (_("History"), history_url, True),
    ]


def test_the_list_itself_is_the_current_crumb(client_for, cast):
    list_url = reverse("protocol:processing_list", args=["vefsn"])
    assert crumbs(client_for(cast.viewer_vefsn).get(list_url))[-1] == (_("Record of processing"), list_url, True)


def test_agreement_and_system_sub_pages_link_to_their_lists(client_for, cast):
    vendor = Vendor.objects.create(name="Sikri AS")
    agreement = DataProcessingAgreement.objects.create(municipality=cast.vefsn, vendor=vendor, title="DBA Elements")
    use = SystemUse.objects.create(municipality=cast.vefsn, system=System.objects.create(name="Elements"))
    client = client_for(cast.editor_vefsn)
    agreements = (_("Data processing agreements"), reverse("protocol:agreement_list", args=["vefsn"]), False)
    detail_url = reverse("protocol:agreement_detail", args=["vefsn", agreement.pk])
    assert crumbs(client.get(detail_url))[2:] == [agreements, ("DBA Elements", detail_url, True)]
    edit_url = reverse("protocol:agreement_edit", args=["vefsn", agreement.pk])
    assert crumbs(client.get(edit_url))[2:3] == [agreements]
    history_url = reverse("core:municipal_object_history", args=["vefsn", "agreement", agreement.pk])
    assert crumbs(client.get(history_url))[2:4] == [agreements, ("Sikri AS – DBA Elements", detail_url, False)]
    systems = (_("Systems"), reverse("protocol:system_use_list", args=["vefsn"]), False)
    use_url = reverse("protocol:system_use_edit", args=["vefsn", use.pk])
    assert crumbs(client.get(use_url))[2:] == [systems, ("Elements", use_url, True)]


def test_every_breadcrumb_trail_has_exactly_one_current_page(client_for, cast):
    client = client_for(cast.editor_vefsn)
    client.post(reverse("protocol:processing_create", args=["vefsn"]), activity_data())
    activity = ProcessingActivity.objects.get()
    for url in (
        reverse("protocol:processing_list", args=["vefsn"]),
        reverse("protocol:processing_detail", args=["vefsn", activity.pk]),
        reverse("protocol:processing_edit", args=["vefsn", activity.pk]),
        reverse("protocol:import_upload", args=["vefsn"]),
        reverse("core:municipal_object_history", args=["vefsn", "processing", activity.pk]),
        reverse("core:municipality_detail", args=["vefsn"]),
    ):
        trail = crumbs(client.get(url))
        assert [current for _text, _href, current in trail].count(True) == 1, url
        assert trail[-1][1:] == (url, True), url
