"""The fields an imported protocol can fill, with the headings and synonyms Norwegian spreadsheets use.

`Column.heading` is our template's heading; `aliases` are exact alternatives; `patterns` catch the
headings municipalities really write ("Formålet med behandlingen", "Lagringstid og sletting"), tried in
the order of FUZZY_RULES, most specific first, so "Grunnlag særlige kategorier" is the Art. 9 basis and
not the Art. 6 one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from ..models import (
    LegalBasis,
    RecordDpiaStatus,
    RecordType,
    Sector,
    SpecialCategory,
    SpecialCategoryBasis,
    TransferMechanism,
)


@dataclass(frozen=True)
class Column:
    field: str
    heading: str  # the heading in our template
    aliases: tuple[str, ...]  # other headings Norwegian spreadsheets use
    help: str
    kind: str = "text"  # text | choice | choices | bool | date | systems


COLUMNS: tuple[Column, ...] = (
    Column("name", "Behandling", ("navn", "navn på behandlingen", "behandlingsaktivitet", "tittel", "aktivitet"),
           gettext_lazy("Short name of the processing activity. Required; identifies the row on re-import.")),
    Column("reference", "Referanse", ("nr", "nr.", "nummer", "id", "ref", "løpenr"),
           gettext_lazy("The municipality's own number.")),
    Column("record_type", "Protokolltype", ("rolle", "type"),
           gettext_lazy("Behandlingsansvarlig (default) or Databehandler."), "choice"),
    Column("sector", "Sektor", ("tjenesteområde", "område", "virksomhetsområde", "kommunalområde"),
           gettext_lazy("One of the sectors, e.g. Helse og omsorg, Oppvekst, Teknisk og byggesak."), "choice"),
    Column("responsible_unit", "Ansvarlig enhet", ("enhet", "avdeling", "ansvarlig"), gettext_lazy("Unit.")),
    Column("contact_person", "Kontaktperson", ("kontakt",), gettext_lazy("Contact person.")),
    Column("controller_name", "Behandlingsansvarlig", ("behandlingsansvarlig virksomhet",),
           gettext_lazy("Only for Databehandler rows: the controller.")),
    Column("controller_contact", "Kontaktopplysninger behandlingsansvarlig", (),
           gettext_lazy("Only for Databehandler rows: the controller's contact details.")),
    Column("joint_controllers", "Felles behandlingsansvarlige", ("felles behandlingsansvar",),
           gettext_lazy("Art. 26.")),
    Column("purposes", "Formål", ("formål med behandlingen", "formålet"), gettext_lazy("Required.")),
    Column("legal_bases", "Behandlingsgrunnlag", ("rettslig grunnlag", "grunnlag", "art. 6"),
           gettext_lazy("Art. 6(1) as letters or text, e.g. “c, e”, “Art. 6(1)(e) – husbankloven § 3”."), "choices"),
    Column("national_law", "Hjemmel", ("lovhjemmel", "supplerende rettsgrunnlag", "nasjonal hjemmel"),
           gettext_lazy("Law and section; required with c) and e).")),
    Column("data_subject_categories", "Kategorier av registrerte", ("registrerte", "de registrerte"),
           gettext_lazy("Required.")),
    Column("personal_data_categories", "Kategorier av personopplysninger", ("personopplysninger", "opplysninger"),
           gettext_lazy("Required.")),
    Column("special_categories", "Særlige kategorier", ("sensitive opplysninger", "særlige kategorier (art. 9)"),
           gettext_lazy("E.g. “helse”; leave empty or write Nei if none."), "choices"),
    Column("special_category_bases", "Grunnlag art. 9", ("unntak art. 9", "art. 9 nr. 2"),
           gettext_lazy("Art. 9(2), e.g. “h” or “Art. 9(2)(h)”."), "choices"),
    Column("special_category_note", "Hjemmel art. 9", (), gettext_lazy("National law for the Art. 9 data.")),
    Column("criminal_offence_data", "Straffbare forhold", ("art. 10", "straffedommer"),
           gettext_lazy("Ja or Nei."), "bool"),
    Column("criminal_offence_basis", "Hjemmel art. 10", (), gettext_lazy("Law for Art. 10 data.")),
    Column("data_source", "Kilde", ("kilde til opplysningene", "innhentes fra"),
           gettext_lazy("Where the data comes from.")),
    Column("recipients", "Mottakere", ("kategorier av mottakere", "utleveres til"), gettext_lazy("Recipients.")),
    Column("third_country_transfer", "Overføring til tredjeland", ("tredjeland",), gettext_lazy("Ja or Nei."), "bool"),
    Column("transfer_countries", "Land", ("hvilke land",), gettext_lazy("Third countries.")),
    Column("transfer_mechanism", "Overføringsgrunnlag", ("overføringsmekanisme", "garantier ved overføring"),
           gettext_lazy("SCC, BCR, Tilstrekkelig beskyttelsesnivå or Unntak."), "choice"),
    Column("retention", "Sletting", ("lagringstid", "slettefrist", "slettefrister", "lagring og sletting", "slettes"),
           gettext_lazy("Required: when the data is erased.")),
    Column("security_measures", "Sikkerhetstiltak", ("tekniske og organisatoriske tiltak", "tiltak"),
           gettext_lazy("Art. 32 measures.")),
    Column("systems", "Systemer", ("system", "fagsystem", "fagsystemer"),
           gettext_lazy("Systems from the catalogue, separated by commas; unknown names can be added."), "systems"),
    Column("dpia_status", "DPIA", ("pvk", "personvernkonsekvensvurdering"),
           gettext_lazy("Ikke vurdert, Ikke påkrevd, Påkrevd, Under arbeid or Gjennomført."), "choice"),
    Column("last_reviewed", "Sist gjennomgått", ("revidert", "sist revidert"), gettext_lazy("dd.mm.yyyy."), "date"),
    Column("next_review", "Neste gjennomgang", ("neste revisjon",), gettext_lazy("dd.mm.yyyy."), "date"),
)  # fmt: skip
COLUMN_BY_FIELD = {column.field: column for column in COLUMNS}
# Fields the processing activity's form knows (the systems are links, saved beside the values).
FORM_FIELDS = tuple(column.field for column in COLUMNS if column.kind != "systems")

CHOICES = {
    "record_type": RecordType,
    "sector": Sector,
    "legal_bases": LegalBasis,
    "special_categories": SpecialCategory,
    "special_category_bases": SpecialCategoryBasis,
    "transfer_mechanism": TransferMechanism,
    "dpia_status": RecordDpiaStatus,
}


def normalise(text: str) -> str:
    """Lower case, single spaces, without the decoration people put on headings (“Formål:*”)."""
    return re.sub(r"\s+", " ", str(text or "").replace("\u00a0", " ").strip().lower()).strip(" :*")


HEADING_LOOKUP = {
    normalise(name): column.field for column in COLUMNS for name in (column.heading, column.field, *column.aliases)
}

# (pattern on the normalised heading, field), most specific first.
FUZZY_RULES: tuple[tuple[str, str], ...] = (
    (r"grunnlag.*(særlig|sensitiv|art\.? ?9)|(særlig|sensitiv|art\.? ?9).*(grunnlag|unntak|nr\.? ?2)",
     "special_category_bases"),
    (r"hjemmel.*(art\.? ?9|særlig|sensitiv)", "special_category_note"),
    (r"hjemmel.*(art\.? ?10|straff)", "criminal_offence_basis"),
    (r"straff|art\.? ?10", "criminal_offence_data"),
    (r"særlige? kategori|sensitiv|art\.? ?9", "special_categories"),
    (r"overføringsgrunnlag|garanti|mekanisme|overføringsmekanisme", "transfer_mechanism"),
    (r"tredjeland|overføring", "third_country_transfer"),
    (r"\bformål", "purposes"),
    (r"hjemmel|supplerende|nasjonalt? (rettsgrunnlag|lov)", "national_law"),
    (r"behandlingsgrunnlag|rettslig grunnlag|rettsgrunnlag|grunnlag|art\.? ?6", "legal_bases"),
    (r"registrerte", "data_subject_categories"),
    (r"personopplysning|opplysningstype|opplysninger", "personal_data_categories"),
    (r"mottaker|utlever|deles med", "recipients"),
    (r"slett|lagringstid|oppbevaring|lagres", "retention"),
    (r"sikkerhet|tiltak", "security_measures"),
    (r"system|verktøy|applikasjon|programvare", "systems"),
    (r"\bkilde|innhent", "data_source"),
    (r"kontaktperson|kontakt", "contact_person"),
    (r"felles behandlingsansvar", "joint_controllers"),
    (r"sektor|tjenesteområde|kommunalområde|\betat\b|fagområde", "sector"),
    (r"enhet|avdeling|seksjon|virksomhet|ansvarlig", "responsible_unit"),
    (r"\bdpia\b|\bpvk\b|konsekvensvurdering", "dpia_status"),
    (r"neste (revisjon|gjennomgang)", "next_review"),
    (r"sist (revidert|gjennomgått|oppdatert)|revidert", "last_reviewed"),
    (r"^(nr\.?|id|ref\.?|referanse|løpenr\.?|#)$", "reference"),
    (r"behandling|\bnavn\b|aktivitet|tittel", "name"),
)  # fmt: skip


# Headings of our Art. 30 export that are there to be read, not imported (the controller and DPO column).
INFORMATION_ONLY = {normalise("Behandlingsansvarlig og personvernombud (art. 30 nr. 1 a)")}


def field_for_heading(heading: str) -> tuple[str | None, bool]:
    """(field, exact) for a heading: exact when it is ours or a known synonym, else the first fuzzy rule."""
    key = normalise(heading)
    if not key or key in INFORMATION_ONLY:
        return None, bool(key)
    if key in HEADING_LOOKUP:
        return HEADING_LOOKUP[key], True
    without_note = normalise(re.sub(r"\(.*?\)", "", key))
    if without_note in HEADING_LOOKUP:
        return HEADING_LOOKUP[without_note], True
    for pattern, field_name in FUZZY_RULES:
        if re.search(pattern, key):
            return field_name, False
    return None, False


@dataclass(frozen=True)
class Problem:
    row: int  # spreadsheet row number
    column: str  # heading as written in the file, or "" for the whole row or file
    message: str
