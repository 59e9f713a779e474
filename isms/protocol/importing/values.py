"""Reading the values people write in a protocol: Art. 6 and Art. 9 bases, sectors, yes/no, categories.

`read_value(field, text)` gives what a cell means, the part not understood (the key the user maps in
step 2) and what the cell says for other fields: the law in a legal-basis cell belongs in Hjemmel, an
Art. 9 letter written beside the Art. 6 one belongs to the Art. 9 basis. The legal-basis parser never
splits a cell on separators first: it takes out the article references and the basis words, and what
is left is the law, so “helse- og omsorgstjenesteloven” stays one law.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .columns import CHOICES, COLUMN_BY_FIELD, normalise

REVIEW = "__review__"  # the user's "leave for review": imported empty with a follow-up flag


@dataclass
class Reading:
    value: Any = None  # code, codes, "on"/"" or text; None when nothing usable
    unknown: str = ""  # the text not understood, to be mapped by the user
    extra: dict[str, Any] = field(default_factory=dict)  # other fields this cell fills


def _letters(text: str) -> list[str]:
    return [letter.lower() for letter in re.findall(r"(?<![a-zæøå])([a-j])(?![a-zæøå])", text, re.IGNORECASE)]


LETTER = r"\(?\s*[a-j]\s*\)?"
LETTER_LIST = rf"{LETTER}(?:\s*(?:,|og|and|&|/|\+)\s*{LETTER})*(?![a-zæøå0-9])"
SUBSECTION = {"6": "1", "9": "2"}


def _article(number: str) -> re.Pattern:
    """Art. 6(1)(e), art. 6 nr. 1 bokstav c, GDPR 6 (1) e, personvernforordningen artikkel 6 (1) c, 6(1)(e)…"""
    one = rf"(?:\(\s*{SUBSECTION[number]}\s*\)|\s*nr\.?\s*{SUBSECTION[number]}|[.-]\s*{SUBSECTION[number]})"
    prefix = r"(?:(?:gdpr|pvf|personvernforordningen|forordningen)\s*(?:art(?:ikkel|\.)?\s*)?|art(?:ikkel|\.)?\s*)"
    return re.compile(
        rf"(?:{prefix}{number}\s*{one}?|(?<![§\d.])(?<!§ )\b{number}\s*{one})"
        rf"\s*(?:,?\s*(?:bokstav|bokst\.?|lit\.?|litra)\s*)?(?P<letters>{LETTER_LIST})?",
        re.IGNORECASE,
    )


ART6 = _article("6")
ART9 = _article("9")
LEADING_LETTERS = re.compile(rf"^\s*(?P<letters>{LETTER_LIST})\s*(?=$|[-–—:,;]|\s+[-–—:])", re.IGNORECASE)
LEADING_PAREN_LETTER = re.compile(r"^\s*\(?(?P<letters>[a-f])\)\s+", re.IGNORECASE)
LAW = re.compile(r"[\wæøå]*(?:loven|lova|lov)\b|\bforskrift|§|\blov om\b|\binstruks", re.IGNORECASE)
CONNECTORS = re.compile(
    r"\b(?:jf|jfr|cf|i medhold av|hjemmel|lovhjemmel|gdpr|personvernforordningen)\b\.?|\bart\.?(?=\s|$)",
    re.IGNORECASE,
)
# "og"/"samt" only where they join removed references, never inside a law's name ("helse- og omsorg…").
EDGE_WORDS = re.compile(r"^(?:og|samt|se)\b\s*|\s*\b(?:og|samt)$", re.IGNORECASE)
ART6_WORDS: tuple[tuple[str, str], ...] = (
    (r"\bsamtykke\b", "a"),
    (r"\b(?:avtale|kontrakt)\b", "b"),
    (r"rettslig(?:e)? forpliktelse", "c"),
    (r"vitale interesser?", "d"),
    (r"allmennhetens interesse|(?:utøve |utøvelse av )?offentlig myndighet(?:sutøvelse)?|offentlig oppgave", "e"),
    (r"berettiget interesse", "f"),
)
ART9_WORDS: tuple[tuple[str, str], ...] = (
    (r"uttrykkelig samtykke", "a"),
    (r"arbeidsrett|trygderett|sosialrett", "b"),
    (r"rettskrav", "f"),
    (r"(?:vesentlig|viktig)e? allmenne? interesse", "g"),
    (r"helse- og sosial|helsehjelp|forebyggende medisin|medisinsk diagnose|behandling i helse", "h"),
    (r"folkehelse", "i"),
    (r"arkiv|forskning|statistikk", "j"),
)
NONE_WORDS = {"", "nei", "-", "–", "—", "ingen", "n/a", "na", "ikke relevant", "ikke aktuelt", "0", "nei.", "ingen."}


def _strip_rest(text: str) -> str:
    text = re.sub(r"\s+", " ", CONNECTORS.sub(" ", text))
    pieces = []
    for piece in re.split(r"\s*[;,]\s*", text):
        previous = None
        while previous != piece:
            previous, piece = piece, EDGE_WORDS.sub("", piece.strip(" -–—:./()")).strip()
        if piece:
            pieces.append(piece)
    return ", ".join(pieces)


def parse_basis(text: str, article: str = "6") -> tuple[list[str], list[str], str, str]:
    """(Art. 6 letters, Art. 9 letters, law, rest not understood) of a legal-basis cell."""
    words = ART6_WORDS if article == "6" else ART9_WORDS
    rest = text.replace("\u00a0", " ")
    found: dict[str, list[str]] = {"6": [], "9": []}
    for number, pattern in (("9", ART9), ("6", ART6)):
        for match in pattern.finditer(rest):
            found[number] += _letters(match.group("letters") or "")
        rest = pattern.sub(" ; ", rest)
    for pattern in (LEADING_LETTERS, LEADING_PAREN_LETTER):
        match = pattern.match(rest)
        if match:
            found[article] += _letters(match.group("letters"))
            rest = rest[match.end() :]
            break
    for pattern, letter in words:
        if re.search(pattern, rest, re.IGNORECASE):
            found[article].append(letter)
            rest = re.sub(pattern, " ", rest, flags=re.IGNORECASE)
    rest = _strip_rest(rest)
    law = ""
    if LAW.search(rest):
        law, rest = rest, ""
    elif rest and not re.search(r"[a-zæøå]{2}", rest, re.IGNORECASE):
        rest = ""  # only punctuation or stray letters were left
    art6 = list(dict.fromkeys(letter for letter in found["6"] if letter in "abcdef"))
    art9 = list(dict.fromkeys(found["9"]))
    if article == "9":  # in the Art. 9 column a bare letter or an "Art. 6"-looking slip is still Art. 9
        art6, art9 = [], list(dict.fromkeys(found["9"] + found["6"]))
    return art6, art9, law, rest


SPECIAL_WORDS: tuple[tuple[str, str], ...] = (
    (r"helse|medisin|diagnose|sykdom|sykefravær|legeerklæring", "health"),
    (r"etnisk|rase", "ethnic"),
    (r"politisk", "political"),
    (r"religi|livssyn|tro\b|filosofisk", "beliefs"),
    (r"fagforening", "union"),
    (r"genetisk", "genetic"),
    (r"biometri", "biometric"),
    (r"seksuell|seksualliv|legning|orientering", "sexlife"),
)
# Words in a sector cell or a unit's name that tell the sector; culture before education (kulturskole).
SECTOR_WORDS: tuple[tuple[str, str], ...] = (
    (r"helse|omsorg|sykehjem|hjemmetjeneste|hjemmesykepleie|legekontor|legevakt|pleie|\brus|psykisk|fysioterapi|"
     r"jordmor|tannhelse|bofellesskap|institusjon", "health"),
    (r"kultur|bibliotek|kino|idrett|frivillig|fritid", "culture"),
    (r"nav\b|sosial|flyktning|bolig|barnevern|introduksjon", "welfare"),
    (r"oppvekst|skole|barnehage|\bsfo\b|ppt\b|utdanning|læring|elev", "education"),
    (r"teknisk|bygg|\bplan|eiendom|\bvei|vann|avløp|renovasjon|landbruk|miljø|oppmåling|brann|næring", "technical"),
    (r"økonomi|skatt|regnskap|innfordring|fakturering|innkjøp", "finance"),
    (r"politisk|sekretariat|valg\b|kontrollutvalg|ordfører|folkevalgt", "political"),
    (r"arkiv|dokumentsenter|postmottak", "archive"),
    (r"\bit\b|\bikt\b|digitali", "it"),
    (r"personal|\bhr\b|lønn|rådmann|kommunedirektør|servicetorg|administrasjon|fellestjeneste|stab", "administration"),
)  # fmt: skip
WORDS: dict[str, dict[str, str]] = {
    "record_type": {"behandlingsansvarlig": "controller", "databehandler": "processor", "ba": "controller",
                    "db": "processor"},
    # Only the names sectors go by; a unit's name ("Skole", "Næring") is not guessed here but in step 2.
    "sector": {
        "helse og omsorg": "health", "helse": "health", "omsorg": "health", "helse, pleie og omsorg": "health",
        "oppvekst": "education", "oppvekst og utdanning": "education", "skole og barnehage": "education",
        "nav": "welfare", "sosiale tjenester": "welfare", "nav og sosial": "welfare", "teknisk": "technical",
        "teknisk drift": "technical", "plan og byggesak": "technical", "teknisk og byggesak": "technical",
        "kultur": "culture", "administrasjon": "administration", "personal": "administration",
        "hr": "administration", "stab og støtte": "administration", "økonomi": "finance", "politisk": "political",
        "politikk": "political", "arkiv": "archive", "it": "it", "ikt": "it",
    },
    "transfer_mechanism": {
        "scc": "scc", "standardkontraktsbestemmelser": "scc", "standard personvernbestemmelser": "scc",
        "eus standardkontrakter": "scc", "bcr": "bcr", "bindende virksomhetsregler": "bcr",
        "tilstrekkelig beskyttelsesnivå": "adequacy", "adequacy": "adequacy", "eu-us dpf": "adequacy",
        "data privacy framework": "adequacy", "unntak": "derogation",
    },
    "dpia_status": {
        "påkrevd": "required", "nei": "not_required", "ikke påkrevd": "not_required",
        "ikke nødvendig": "not_required", "ja": "done", "gjennomført": "done", "utført": "done", "ferdig": "done",
        "under arbeid": "in_progress", "pågår": "in_progress", "ikke vurdert": "not_assessed", "": "not_assessed",
        "anbefalt": "recommended", "bør gjøres": "recommended", "skal gjøres": "required",
    },
}  # fmt: skip
TRUE_WORDS = {"ja", "j", "x", "yes", "true", "1", "sant", "ja.", "✓"}
FALSE_WORDS = NONE_WORDS | {"n", "no", "false", "usant", "nei, ikke", "ikke"}


def sector_from_words(text: str) -> str | None:
    """The sector a unit's name or a section heading points to ("Barnehagene" → Oppvekst), if any."""
    lowered = normalise(text)
    for pattern, code in SECTOR_WORDS:
        if re.search(pattern, lowered):
            return code
    return None


def _choice(field_name: str, text: str) -> str | None:
    wanted = normalise(text)
    choices = CHOICES[field_name]
    for code, label in choices.choices:
        label_text = normalise(str(label))
        if wanted in {normalise(code), label_text, label_text.split(") ", 1)[-1]}:
            return code
    word = WORDS.get(field_name, {}).get(wanted)
    if word is None:
        word = WORDS.get(field_name, {}).get(normalise(re.sub(r"\(.*?\)", "", wanted)))
    return word


def _special_categories(text: str) -> Reading:
    plain = normalise(re.sub(r"\(.*?\)", "", text))
    if plain in NONE_WORDS:
        return Reading([])
    codes = []
    for pattern, code in SPECIAL_WORDS:
        if re.search(pattern, plain):
            codes.append(code)
    if codes:
        return Reading(codes)
    return Reading([], unknown=text)


def read_value(field_name: str, text: str) -> Reading:
    """What one cell of a column means."""
    text = str(text or "").strip()
    kind = COLUMN_BY_FIELD[field_name].kind
    if field_name == "legal_bases":
        if not text:
            return Reading([])
        art6, art9, law, rest = parse_basis(text, "6")
        extra = {"national_law": law} if law else {}
        if art9:
            extra["special_category_bases"] = art9
        if rest or not art6:
            return Reading(art6, unknown=text, extra=extra)
        return Reading(art6, extra=extra)
    if field_name == "special_category_bases":
        if normalise(text) in NONE_WORDS:
            return Reading([])
        _art6, art9, law, rest = parse_basis(text, "9")
        extra = {"special_category_note": law} if law else {}
        if rest or not art9:
            return Reading(art9, unknown=text, extra=extra)
        return Reading(art9, extra=extra)
    if field_name == "special_categories":
        return _special_categories(text)
    if kind == "choice":
        if not text:
            return Reading(None)
        code = _choice(field_name, text)
        return Reading(code) if code else Reading(None, unknown=text)
    if kind == "bool":
        plain = normalise(re.sub(r"\(.*?\)", "", text))
        if plain in TRUE_WORDS or normalise(text) in TRUE_WORDS:
            return Reading("on")
        if plain in FALSE_WORDS:
            return Reading("")
        return Reading("", unknown=text)
    if kind == "systems":
        return Reading(system_names(text))
    return Reading(text)


def system_names(text: str) -> list[str]:
    return list(dict.fromkeys(part.strip() for part in re.split(r"[,;/\n]| og ", text or "") if part.strip()))


def mapped_value(field_name: str, choice: str | list[str]) -> Any:
    """The value the user chose in step 2 for a text not understood, in the form's terms."""
    kind = COLUMN_BY_FIELD[field_name].kind
    if kind == "choices":
        return [choice] if isinstance(choice, str) else list(choice)
    if kind == "bool":
        return "on" if choice == "yes" else ""
    return choice


def mapping_options(field_name: str) -> list[tuple[str, str]]:
    """(value, label) the user can map a text to in step 2."""
    from django.utils.translation import gettext as _

    kind = COLUMN_BY_FIELD[field_name].kind
    if kind == "bool":
        return [("yes", _("Yes")), ("no", _("No"))]
    options = [(code, str(label)) for code, label in CHOICES[field_name].choices]
    if field_name == "legal_bases":
        options.insert(5, ("c+e", _("c) and e)")))
    if field_name == "special_categories":
        options.insert(0, ("none", _("None")))
    return options


def resolve_option(field_name: str, option: str) -> Any:
    if option == "c+e":
        return ["c", "e"]
    if option == "none":
        return []
    return mapped_value(field_name, option)
