"""The accessibility statement's content: the WCAG 2.1 success criteria (levels A and AA) and how this
service meets them, as checked on the date below.

Written in bokmål, not through the catalogue: it is the statement Norwegian law asks for, on the model of
Tilsynet for universell utforming av IKT (uutilsynet.no), not text of the user interface.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

STATEMENT_DATE = datetime.date(2026, 12, 3)
CONTACT_NAME = "Digitale Helgeland (sekretariatet)"
CONTACT_EMAIL = "tilgjengelighet@digitalehelgeland.example"

MET, PARTLY, NOT_MET, NOT_APPLICABLE = "Oppfylt", "Delvis oppfylt", "Ikke oppfylt", "Ikke relevant"


@dataclass(frozen=True)
class Criterion:
    number: str
    name: str
    level: str
    status: str
    note: str = ""


CRITERIA = (
    Criterion("1.1.1", "Ikke-tekstlig innhold", "A", MET, "Ikoner og risikomatrisen har tekstalternativ."),
    Criterion(
        "1.2.1", "Bare lyd og bare video (forhåndsinnspilt)", "A", NOT_APPLICABLE,
        "Tjenesten har ikke lyd eller video.",
    ),
    Criterion("1.2.2", "Teksting (forhåndsinnspilt)", "A", NOT_APPLICABLE),
    Criterion("1.2.3", "Synstolking eller mediealternativ (forhåndsinnspilt)", "A", NOT_APPLICABLE),
    Criterion("1.2.4", "Teksting (direkte)", "AA", NOT_APPLICABLE),
    Criterion("1.2.5", "Synstolking (forhåndsinnspilt)", "AA", NOT_APPLICABLE),
    Criterion(
        "1.3.1", "Informasjon og relasjoner", "A", PARTLY,
        "Sidene er oppmerket med overskrifter, tabeller og skjemaetiketter. PDF-eksportene (protokoll, ROS, DPIA, "
        "kursbevis, historikk) er ikke tagget, så en skjermleser leser dem som løpende tekst uten tabellstruktur.",
    ),
    Criterion("1.3.2", "Meningsbærende rekkefølge", "A", MET),
    Criterion("1.3.3", "Sensoriske egenskaper", "A", MET),
    Criterion("1.3.4", "Visningsretning", "AA", MET),
    Criterion(
        "1.3.5", "Identifiser formål med inndata", "AA", MET,
        "Påmeldingsskjemaet oppgir autocomplete for navn, e-post og stilling.",
    ),
    Criterion("1.4.1", "Bruk av farge", "A", MET, "Risikonivå vises med tekst i tillegg til farge."),
    Criterion("1.4.2", "Styring av lyd", "A", NOT_APPLICABLE),
    Criterion("1.4.3", "Kontrast (minimum)", "AA", MET, "Kontrollert med axe på alle sider."),
    Criterion("1.4.4", "Endring av tekststørrelse", "AA", MET),
    Criterion("1.4.5", "Bilder av tekst", "AA", MET),
    Criterion(
        "1.4.10", "Dynamisk tilpasning (Reflow)", "AA", PARTLY,
        "Sidene fungerer i 320 px bredde. Brede datatabeller rulles sideveis i et eget område (unntak for "
        "todimensjonalt innhold); på mobil tar hovedmenyen flere linjer.",
    ),
    Criterion("1.4.11", "Kontrast for ikke-tekstlig innhold", "AA", MET),
    Criterion("1.4.12", "Tekstavstand", "AA", MET),
    Criterion("1.4.13", "Pekerfølsomt innhold eller innhold ved tastaturfokus", "AA", MET),
    Criterion("2.1.1", "Tastatur", "A", MET, "Påmelding til kurs og signering av ROS er testet med bare tastatur."),
    Criterion("2.1.2", "Ingen tastaturfelle", "A", MET),
    Criterion("2.1.4", "Hurtigtaster som består av ett tegn", "A", NOT_APPLICABLE, "Tjenesten har ingen hurtigtaster."),
    Criterion(
        "2.2.1", "Justerbar hastighet", "A", MET,
        "Innloggingen varer i hele arbeidsøkten; ingen skjema har tidsfrist.",
    ),
    Criterion("2.2.2", "Pause, stopp, skjul", "A", NOT_APPLICABLE),
    Criterion("2.3.1", "Terskelverdi på maksimalt tre glimt", "A", MET),
    Criterion("2.4.1", "Hoppe over blokker", "A", MET, "Lenken «Hopp til hovedinnholdet» står først på hver side."),
    Criterion("2.4.2", "Sidetitler", "A", MET),
    Criterion("2.4.3", "Fokusrekkefølge", "A", MET),
    Criterion("2.4.4", "Formål med lenke (i kontekst)", "A", MET),
    Criterion("2.4.5", "Flere måter", "AA", MET, "Hovedmeny, brødsmuler og søk i toppen av siden."),
    Criterion("2.4.6", "Overskrifter og ledetekster", "AA", MET),
    Criterion("2.4.7", "Synlig fokus", "AA", MET),
    Criterion("2.5.1", "Pekerbevegelser", "A", MET),
    Criterion("2.5.2", "Pekeravbrytelse", "A", MET),
    Criterion("2.5.3", "Ledetekst i navn", "A", MET),
    Criterion("2.5.4", "Bevegelsesaktivering", "A", NOT_APPLICABLE),
    Criterion("3.1.1", "Språk på siden", "A", MET),
    Criterion(
        "3.1.2", "Språk på deler av innhold", "AA", PARTLY,
        "Enkelte navn på systemer og leverandører er på engelsk uten språkmerking.",
    ),
    Criterion("3.2.1", "Fokus", "A", MET),
    Criterion("3.2.2", "Inndata", "A", MET, "Filtre og valg tas i bruk først når du trykker på knappen."),
    Criterion("3.2.3", "Konsekvent navigering", "AA", MET),
    Criterion("3.2.4", "Konsekvent identifikasjon", "AA", MET),
    Criterion(
        "3.3.1", "Identifikasjon av feil", "A", MET,
        "Feil forklares på bokmål ved feltet, og det du skrev, beholdes.",
    ),
    Criterion("3.3.2", "Ledetekster eller instruksjoner", "A", MET),
    Criterion("3.3.3", "Forslag ved feil", "AA", MET),
    Criterion(
        "3.3.4", "Forhindre feil (juridiske feil, økonomiske feil, datafeil)", "AA", MET,
        "Signering og avmelding krever en egen bekreftelse.",
    ),
    Criterion("4.1.1", "Parsing", "A", MET, "Utgått i WCAG 2.2; koden valideres likevel av axe."),
    Criterion("4.1.2", "Navn, rolle, verdi", "A", MET),
    Criterion("4.1.3", "Statusbeskjeder", "AA", MET, "Lagring, feil og søketreff meldes med role=status eller alert."),
)  # fmt: skip


def not_met() -> list[Criterion]:
    return [criterion for criterion in CRITERIA if criterion.status in (PARTLY, NOT_MET)]
