"""Protocol spreadsheets as municipalities keep them, built in code so every cell is visible in review.

`municipal_protocol()` is the file of the issue: 10 ordinary activities under a title and a date row,
section rows merged across the sheet, a unit merged down over two rows, no Sektor column, headings our
template does not use, legal bases written five ways, a change log as a second sheet.
"""

from __future__ import annotations

import io

import openpyxl

TITLE = "Behandlingsprotokoll for Eksempel kommune"
HEADINGS = [
    "Nr.", "Behandling", "Formålet med behandlingen", "Ansvarlig enhet", "Kategorier av registrerte",
    "Kategorier av personopplysninger", "Særlige kategorier", "Grunnlag særlige kategorier", "Behandlingsgrunnlag",
    "Hjemmel", "Mottakere", "System", "Lagringstid og sletting", "Sikkerhetstiltak", "Overføring til tredjeland",
    "Kommentar",
]  # fmt: skip
SECTIONS_AND_ROWS: list[str | list[str]] = [
    "Oppvekst",
    ["1", "Barnehageopptak", "Tildele barnehageplass og følge opp barnet", "Barnehagene", "Barn og foresatte",
     "Navn, fødselsnummer, adresse, familieforhold", "Helseopplysninger (prioritet)", "art. 9 nr. 2 bokstav g",
     "e) allmennhetens interesse, jf. barnehageloven § 16", "", "Barnehagene, PPT", "Visma Flyt Barnehage",
     "Etter arkivplan", "Tilgangsstyring, logging", "Nei", "Revidert i fjor"],
    ["2", "Elevadministrasjon", "Føre elevmapper, fravær og karakterer", "Skolene", "Elever og foresatte",
     "Navn, fødselsnummer, fravær, vurderinger", "Kan forekomme", "Art. 9(2)(g)",
     "Art. 6(1)(c) og (e) – opplæringslova § 15-7", "", "Statsforvalteren ved klage", "Visma Flyt Skole",
     "Elevmappen bevares etter arkivplan", "Tilgangsstyring, tofaktor", "Nei", ""],
    ["3", "Kulturskoleopptak", "Ta opp elever og fakturere", "Kulturskolen", "Elever og foresatte",
     "Navn, adresse, kontaktinformasjon", "Nei", "", "e) offentlig myndighet – opplæringslova § 13-6", "",
     "Ingen", "Speedadmin", "Slettes 3 år etter avsluttet elevforhold", "Tilgangsstyring", "Nei", ""],
    "Helse og omsorg",
    ["4", "Pasientjournal i hjemmetjenesten", "Dokumentere helsehjelp", "Hjemmetjenesten", "Pasienter",
     "Navn, fødselsnummer, helseopplysninger", "Helseopplysninger", "Art. 9(2)(h)",
     "Art. 6(1)(c) og art. 9(2)(h) – helse- og omsorgstjenesteloven § 3-2, pasientjournalloven", "",
     "Fastlege, sykehus", "Gerica", "Etter arkivplan", "Tilgangsstyring, logging, kryptering", "Nei", ""],
    ["5", "Tildeling av helse- og omsorgstjenester", "Behandle søknader om tjenester", "",
     "Søkere og pårørende", "Navn, helseopplysninger, økonomi", "Helseopplysninger", "Art. 9(2)(h)",
     "Art. 6(1)(e) – helse- og omsorgstjenesteloven", "pasient- og brukerrettighetsloven § 2-1 a",
     "Tjenesteytere", "Gerica", "Etter arkivplan", "Tilgangsstyring", "Nei", ""],
    "Stab og samfunn",
    ["6", "Startlån", "Behandle søknader om startlån og tilskudd", "NAV-kontoret", "Søkere og husstand",
     "Navn, fødselsnummer, inntekt, formue", "-", "", "Art. 6(1)(e) – husbankloven § 3", "", "Husbanken",
     "Startlånsystemet", "10 år etter innfrielse", "Tilgangsstyring", "Nei", ""],
    ["7", "Lønn og personal", "Utbetale lønn og følge opp ansatte", "Personal og lønn", "Ansatte",
     "Navn, fødselsnummer, kontonummer, sykefravær", "Helseopplysninger (sykefravær)", "Art. 9(2)(b)",
     "(c) – arbeidsmiljøloven", "skatteforvaltningsloven", "Skatteetaten, NAV, KLP", "Visma Enterprise",
     "5 år etter avsluttet arbeidsforhold", "Tilgangsstyring, logging", "Nei", ""],
    ["8", "Eiendomsskatt", "Skrive ut og kreve inn eiendomsskatt", "Økonomi", "Eiere av eiendom",
     "Navn, adresse, eiendom, takst", "Nei", "", "skatteforvaltningsloven", "", "Kemneren", "KOMTEK",
     "Etter arkivplan", "Tilgangsstyring", "Nei", ""],
    ["9", "Byggesaksbehandling", "Behandle byggesøknader", "Plan og byggesak", "Tiltakshavere og naboer",
     "Navn, adresse, eiendom", "Nei", "", "GDPR 6 (1) e", "plan- og bygningsloven § 20-1", "Naboer, Statsforvalteren",
     "KOMTEK", "Etter arkivplan", "Tilgangsstyring", "Nei", ""],
    ["10", "Skjenkebevilling", "Behandle søknader om bevilling", "Servicetorget", "Søkere og styrere",
     "Navn, fødselsnummer, vandel", "Nei", "", "art. 6 nr. 1 bokstav c", "alkoholloven § 1-7",
     "Politiet, Skatteetaten", "Elements", "Etter arkivplan", "Tilgangsstyring", "Nei", ""],
]  # fmt: skip
NAMES = [row[1] for row in SECTIONS_AND_ROWS if isinstance(row, list)]


def municipal_protocol() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Protokoll"
    sheet.append([TITLE])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADINGS))
    sheet.append(["Sist oppdatert 01.09.2026 av personvernkontakten"])
    sheet.append([])
    sheet.append(HEADINGS)
    for item in SECTIONS_AND_ROWS:
        if isinstance(item, str):
            sheet.append([item])
            sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=len(HEADINGS))
        else:
            sheet.append(item)
    # The two health rows share one unit cell, merged down: written once, as people do.
    unit_column = HEADINGS.index("Ansvarlig enhet") + 1
    first = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 2).value == "Pasientjournal i hjemmetjenesten")
    sheet.merge_cells(start_row=first, start_column=unit_column, end_row=first + 1, end_column=unit_column)
    log = workbook.create_sheet("Endringslogg")
    log.append(["Dato", "Endring", "Av"])
    log.append(["01.09.2026", "Lagt til skjenkebevilling", "Personvernkontakten"])
    return save(workbook)


def save(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx(rows: list[list], *, title: str = "Ark1") -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.title = title
    for row in rows:
        workbook.active.append(row)
    return save(workbook)
