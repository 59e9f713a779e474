"""An example protocol to try the import with, kept as Norwegian municipalities keep theirs (not our
template): a title row over the headings, sections, their own headings, no Sektor column, legal bases and
Art. 9 written the ways real protocols write them, systems named as the catalogue and its aliases know them."""

from __future__ import annotations

import io

HEADINGS = [
    "Nr.", "Behandling", "Formålet med behandlingen", "Ansvarlig enhet", "Kategorier av registrerte",
    "Kategorier av personopplysninger", "Særlige kategorier", "Grunnlag særlige kategorier", "Behandlingsgrunnlag",
    "Mottakere", "System", "Lagringstid og sletting", "Sikkerhetstiltak",
]  # fmt: skip
SECTIONS: list[tuple[str, list[list[str]]]] = [
    ("Oppvekst", [
        ["1", "Barnehageopptak", "Tildele barnehageplass og følge opp barnet", "Barnehagene", "Barn og foresatte",
         "Navn, fødselsnummer, adresse, familieforhold", "Helseopplysninger (prioritet)", "art. 9 nr. 2 bokstav g",
         "e) allmennhetens interesse, jf. barnehageloven § 16", "Barnehagene, PPT", "Visma Flyt Barnehage",
         "Etter arkivplan", "Tilgangsstyring, logging"],
        ["2", "Elevadministrasjon", "Føre elevmapper, fravær og vurderinger", "Skolene", "Elever og foresatte",
         "Navn, fødselsnummer, fravær, vurderinger", "Kan forekomme", "Art. 9(2)(g)",
         "Art. 6(1)(c) og (e) – opplæringslova § 15-7", "Statsforvalteren ved klage", "Flyt Skole",
         "Elevmappen bevares etter arkivplan", "Tilgangsstyring, tofaktor"],
    ]),
    ("Helse og omsorg", [
        ["3", "Pasientjournal i hjemmetjenesten", "Dokumentere helsehjelp", "Hjemmetjenesten", "Pasienter",
         "Navn, fødselsnummer, helseopplysninger", "Helseopplysninger", "Art. 9(2)(h)",
         "Art. 6(1)(c) – helse- og omsorgstjenesteloven § 3-2, pasientjournalloven", "Fastlege, sykehus", "Gerica",
         "Etter arkivplan", "Tilgangsstyring, logging, kryptering"],
    ]),
    ("Stab og samfunn", [
        ["4", "Startlån", "Behandle søknader om startlån og tilskudd", "NAV-kontoret", "Søkere og husstand",
         "Navn, fødselsnummer, inntekt, formue", "-", "", "Art. 6(1)(e) – husbankloven § 3", "Husbanken",
         "Startlånsystemet", "10 år etter innfrielse", "Tilgangsstyring"],
        ["5", "Lønn og personal", "Utbetale lønn og følge opp ansatte", "Personal og lønn", "Ansatte",
         "Navn, fødselsnummer, kontonummer, sykefravær", "Helseopplysninger (sykefravær)", "Art. 9(2)(b)",
         "(c) – arbeidsmiljøloven", "Skatteetaten, NAV, KLP", "Visma Enterprise",
         "5 år etter avsluttet arbeidsforhold", "Tilgangsstyring, logging"],
        ["6", "Byggesaksbehandling", "Behandle byggesøknader", "Plan og byggesak", "Tiltakshavere og naboer",
         "Navn, adresse, eiendom", "Nei", "", "GDPR 6 (1) e – plan- og bygningsloven § 20-1",
         "Naboer, Statsforvalteren", "KOMTEK", "Etter arkivplan", "Tilgangsstyring"],
        ["7", "Skjenkebevilling", "Behandle søknader om bevilling", "Servicetorget", "Søkere og styrere",
         "Navn, fødselsnummer, vandel", "Nei", "", "art. 6 nr. 1 bokstav c – alkoholloven § 1-7",
         "Politiet, Skatteetaten", "Elements", "Etter arkivplan", "Tilgangsstyring"],
    ]),
]  # fmt: skip


def example_workbook(municipality_name: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Protokoll"
    sheet.append([f"Behandlingsprotokoll for {municipality_name} (eksempel)"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    sheet.append(HEADINGS)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for section, rows in SECTIONS:
        sheet.append([section])
        sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=len(HEADINGS))
        for row in rows:
            sheet.append(row)
    for letter, width in zip("ABCDEFGHIJKLM", [5, 30, 40, 20, 24, 36, 28, 22, 44, 26, 20, 30, 30], strict=True):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
