"""The coordinator's municipality pages: list, filter, export, edit with reason, bad input, logo."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from isms.core.files import is_unguessable
from isms.core.models import Municipality

from ..downloads import body
from ..factories import MunicipalityFactory

VALID_ORG_NUMBER = "974760673"  # Brønnøysundregistrene's own, passes mod-11


def png_bytes(size=(40, 20)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (0, 80, 160)).save(buffer, "PNG")
    return buffer.getvalue()


def edit_data(municipality: Municipality, **overrides) -> dict:
    data = {
        "number": municipality.number,
        "name": municipality.name,
        "official_name": municipality.official_name,
        "org_number": municipality.org_number,
        "population": municipality.population or "",
        "population_as_of": "",
        "kins_member_since": "",
        "joined_on": "",
        "left_on": "",
        "expected_version": municipality.version,
        "change_reason": "Oppdaterte tall fra SSB",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def helgeland(cast):
    """The cast's two municipalities plus a few more, as the coordinator sees them."""
    MunicipalityFactory(number="1816", name="Vevelstad", slug="vevelstad", population=468, kins_member=True)
    MunicipalityFactory(number="1811", name="Bindal", slug="bindal", population=1370)
    return cast


def test_coordinator_sees_every_municipality_sorted_by_number(client_for, helgeland):
    response = client_for(helgeland.coordinator).get(reverse("core:municipality_list"))
    assert response.status_code == 200
    html = response.content.decode()
    positions = [html.index(name) for name in ("Bindal", "Vevelstad", "Vefsn", "Rana")]
    assert positions == sorted(positions)


def test_sorting_by_population_descending(client_for, helgeland):
    response = client_for(helgeland.coordinator).get(reverse("core:municipality_list"), {"sort": "-population"})
    html = response.content.decode()
    assert html.index("Rana") < html.index("Vefsn") < html.index("Bindal") < html.index("Vevelstad")
    assert 'aria-sort="descending"' in html


def test_filter_by_kins_membership_and_search(client_for, helgeland):
    client = client_for(helgeland.coordinator)
    html = client.get(reverse("core:municipality_list"), {"kins_member": "true"}).content.decode()
    assert "Vevelstad" in html and "Bindal" not in html
    html = client.get(reverse("core:municipality_list"), {"q": "18 33"[:2] + "33"}).content.decode()
    assert "Rana" in html and "Vefsn" not in html


def test_csv_export_has_the_filtered_rows_with_norwegian_headings(client_for, helgeland):
    response = client_for(helgeland.coordinator).get(
        reverse("core:municipality_list"), {"kins_member": "false", "_export": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig")), delimiter=";"))
    names = {row[1] for row in rows[1:]}
    assert names == {"Bindal", "Vefsn", "Rana"}
    assert rows[0][0] == "Nr."


def test_csv_export_opens_in_norwegian_excel_utf8_with_bom_and_semicolons(client_for, helgeland):
    MunicipalityFactory(number="1813", name="Brønnøy", slug="bronnoy", population=7982)
    response = client_for(helgeland.coordinator).get(reverse("core:municipality_list"), {"_export": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = body(response)
    assert content.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the byte-order mark
    text = content.decode("utf-8-sig")
    header = text.splitlines()[0]
    assert header.split(";")[:2] == ["Nr.", "Navn"] and "," not in header
    assert "1813;Brønnøy;7982;" in text  # æøå survive; numbers are not split by a thousands separator


def test_xlsx_export_opens_in_excel(client_for, helgeland):
    response = client_for(helgeland.coordinator).get(reverse("core:municipality_list"), {"_export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    values = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(values) == ["Bindal", "Rana", "Vefsn", "Vevelstad"]


def test_coordinator_edits_a_municipality_with_a_reason_and_history_records_it(client_for, cast):
    client = client_for(cast.coordinator)
    response = client.post(
        reverse("core:municipality_edit", args=["vefsn"]),
        edit_data(cast.vefsn, population=13500, org_number=VALID_ORG_NUMBER, kins_member="on"),
    )
    assert response.status_code == 302
    cast.vefsn.refresh_from_db()
    assert (cast.vefsn.population, cast.vefsn.kins_member, cast.vefsn.version) == (13500, True, 2)
    latest = cast.vefsn.history.latest()
    assert latest.history_user == cast.coordinator
    assert latest.history_change_reason == "Oppdaterte tall fra SSB"


def test_an_edit_without_a_reason_is_refused_and_keeps_the_typed_values(client_for, cast):
    response = client_for(cast.coordinator).post(
        reverse("core:municipality_edit", args=["vefsn"]), edit_data(cast.vefsn, population=99, change_reason="")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Forklar hvorfor du gjør denne endringen." in html
    assert 'value="99"' in html
    cast.vefsn.refresh_from_db()
    assert cast.vefsn.population == 13408 and cast.vefsn.version == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("number", "184", "fire sifre"),
        ("number", "18a4", "fire sifre"),
        ("org_number", "974760674", "organisasjonsnummer"),
        ("org_number", "12345", "organisasjonsnummer"),
        ("population", "-5", "negativt"),
    ],
)
def test_bad_input_gets_a_norwegian_message_next_to_the_field_and_changes_nothing(
    client_for, cast, field, value, message
):
    response = client_for(cast.coordinator).post(
        reverse("core:municipality_edit", args=["vefsn"]), edit_data(cast.vefsn, **{field: value})
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert message in html
    cast.vefsn.refresh_from_db()
    assert cast.vefsn.version == 1


def test_the_second_of_two_concurrent_edits_is_refused_and_shown_what_changed(client_for, cast):
    url = reverse("core:municipality_edit", args=["vefsn"])
    opened_at = edit_data(cast.vefsn)  # both open the form at version 1
    first = client_for(cast.coordinator).post(url, {**opened_at, "population": "13600"})
    assert first.status_code == 302

    second = client_for(cast.coordinator).post(url, {**opened_at, "population": "13700", "name": "Vefsn kommune"})
    assert second.status_code == 409
    html = second.content.decode()
    assert "Noen andre har lagret endringer" in html
    assert "13408 → 13600" in html
    assert 'value="Vefsn kommune"' in html  # what the second person typed is kept
    cast.vefsn.refresh_from_db()
    assert (cast.vefsn.population, cast.vefsn.name) == (13600, "Vefsn")

    # Saving again from the refreshed form (now at version 2) goes through.
    data = {**opened_at, "population": "13700", "expected_version": "2"}
    assert client_for(cast.coordinator).post(url, data).status_code == 302
    cast.vefsn.refresh_from_db()
    assert cast.vefsn.population == 13700 and cast.vefsn.version == 3


def test_saving_without_changes_writes_no_new_version(client_for, cast):
    client_for(cast.coordinator).post(reverse("core:municipality_edit", args=["vefsn"]), edit_data(cast.vefsn))
    cast.vefsn.refresh_from_db()
    assert cast.vefsn.version == 1 and cast.vefsn.history.count() == 1


def test_uploading_a_png_logo(client_for, cast):
    upload = SimpleUploadedFile("vefsn.png", png_bytes(), content_type="image/png")
    response = client_for(cast.coordinator).post(
        reverse("core:municipality_edit", args=["vefsn"]), {**edit_data(cast.vefsn), "logo_upload": upload}
    )
    assert response.status_code == 302
    cast.vefsn.refresh_from_db()
    assert is_unguessable(cast.vefsn.logo.name) and cast.vefsn.logo.name.startswith("logos/")
    assert "vefsn" not in cast.vefsn.logo.name and cast.vefsn.logo.name.endswith(".png")
    logo = client_for(cast.viewer_vefsn).get(reverse("core:municipality_logo", args=["vefsn"]))
    assert logo["Content-Type"] == "image/png"
    assert b"".join(logo.streaming_content).startswith(b"\x89PNG")
    assert client_for(cast.leader_rana).get(reverse("core:municipality_logo", args=["vefsn"])).status_code == 404


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("logo.png", b"GIF89a" + b"\x00" * 100, "PNG eller JPEG"),
        ("logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "skadet"),
        ("logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * (1024 * 1024 + 1), "grensen er 1024 kB"),
    ],
)
def test_a_logo_that_is_not_a_real_small_png_or_jpeg_is_refused(client_for, cast, filename, content, message):
    upload = SimpleUploadedFile(filename, content, content_type="image/png")
    response = client_for(cast.coordinator).post(
        reverse("core:municipality_edit", args=["vefsn"]), {**edit_data(cast.vefsn), "logo_upload": upload}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    cast.vefsn.refresh_from_db()
    assert not cast.vefsn.logo and cast.vefsn.version == 1


def _many_municipalities(count: int) -> None:
    for index in range(count):
        MunicipalityFactory(number=f"{3000 + index:04d}", name=f"Kommune {index:03d}", slug=f"kommune-{index}")


@pytest.mark.parametrize("extra", [14, 355])
def test_list_runs_a_constant_number_of_queries(client_for, cast, django_assert_max_num_queries, extra):
    _many_municipalities(extra)
    client = client_for(cast.coordinator)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("core:municipality_list"))
    assert response.status_code == 200


@pytest.mark.parametrize("extra", [14, 355])
def test_detail_runs_a_constant_number_of_queries(client_for, cast, django_assert_max_num_queries, extra):
    _many_municipalities(extra)
    client = client_for(cast.leader_vefsn)
    # One summary query per app on the page (protocol, ROS, DPIA, avvik, årshjul) and the header's unread count.
    with django_assert_max_num_queries(10):
        response = client.get(reverse("core:municipality_detail", args=["vefsn"]))
    assert response.status_code == 200
