"""Finding the heading row of a sheet (title rows above it skipped) and matching its columns to fields."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .columns import COLUMN_BY_FIELD, Problem, field_for_heading, normalise
from .reading import MAX_TITLE_ROWS, Sheet, column_letter


def _score(cells: list[str]) -> int:
    """How much a row looks like our headings: a synonym counts three, a fuzzy match one, each field once."""
    fields: dict[str, int] = {}
    for cell in cells:
        if len(cell) > 80:
            continue
        field_name, exact = field_for_heading(cell)
        if field_name:
            fields[field_name] = max(fields.get(field_name, 0), 3 if exact else 1)
    return sum(fields.values()) if len(fields) >= 2 else 0


def find_header_row(sheet: Sheet) -> int:
    """The spreadsheet row number (1-based) of the headings: the best-scoring of the first rows."""
    best_row, best_score = 1, 0
    for index, cells in enumerate(sheet.rows[: MAX_TITLE_ROWS + 1]):
        score = _score(cells)
        if score > best_score:
            best_row, best_score = index + 1, score
    return best_row


def header_score(sheet: Sheet) -> int:
    if sheet.refused or not sheet.rows:
        return -1
    return _score(sheet.rows[find_header_row(sheet) - 1])


def choose_sheet(sheets: list[Sheet]) -> int:
    """The sheet whose headings look most like a protocol (the first on a tie)."""
    scores = [header_score(sheet) for sheet in sheets]
    return scores.index(max(scores))


def headings_of(sheet: Sheet, header_row: int) -> list[str]:
    """The heading of every column; an empty heading is named by its column letter so it can be mapped."""
    cells = sheet.rows[header_row - 1] if 0 < header_row <= len(sheet.rows) else []
    width = max([len(cells), *(len(row) for row in sheet.rows[header_row : header_row + 50])], default=0)
    return [
        (cells[index] if index < len(cells) and cells[index] else "") or _("Column %s") % column_letter(index)
        for index in range(width)
    ]


def match_columns(headings: list[str], remembered: dict[str, str] | None = None) -> list[str]:
    """The field of each column ("" = ignored): the municipality's remembered choice first, then our headings
    and synonyms, then the fuzzy rules; a field already taken by an exact match is not given twice."""
    remembered = remembered or {}
    chosen: list[str] = [""] * len(headings)
    exact_pass, fuzzy_pass = [], []
    for index, heading in enumerate(headings):
        key = normalise(heading)
        if key in remembered:
            chosen[index] = remembered[key]
            continue
        field_name, exact = field_for_heading(heading)
        if field_name:
            (exact_pass if exact else fuzzy_pass).append((index, field_name))
    taken = {name for name in chosen if name}
    for index, field_name in exact_pass + fuzzy_pass:
        if field_name not in taken:
            chosen[index] = field_name
            taken.add(field_name)
    return chosen


def mapping_problems(headings: list[str], columns: list[str], header_row: int) -> list[Problem]:
    """A field given to two columns, or no column for the name: the import cannot go on."""
    problems = []
    first: dict[str, int] = {}
    for index, field_name in enumerate(columns):
        if not field_name:
            continue
        if field_name in first:
            problems.append(
                Problem(
                    header_row,
                    headings[index],
                    _("“%(field)s” is chosen for both column %(first)s (“%(heading)s”) and column %(second)s.")
                    % {
                        "field": COLUMN_BY_FIELD[field_name].heading,
                        "first": column_letter(first[field_name]),
                        "heading": headings[first[field_name]],
                        "second": column_letter(index),
                    },
                )
            )
        else:
            first[field_name] = index
    if "name" not in first:
        problems.append(
            Problem(header_row, "", _("No column is chosen for “Behandling” (the name of each processing activity)."))
        )
    return problems
