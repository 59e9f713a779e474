"""Import of an existing behandlingsprotokoll from XLSX or CSV, and the Art. 30 export that imports back.

One module per concept: `reading` (files to cell text, bounded), `columns` (fields, headings, synonyms),
`headings` (finding the heading row and matching columns), `values` (what cells mean: Art. 6/9 bases,
sectors, yes/no), `preview` (rows checked, nothing written), `service` (the steps, the atomic commit),
`workbooks` (our template and the Art. 30 export).
"""

from .columns import COLUMNS, Problem
from .preview import ImportPreview
from .reading import MAX_ROWS, ImportFileError
from .service import commit_import, preview_import
from .workbooks import template_workbook

__all__ = [
    "COLUMNS",
    "MAX_ROWS",
    "ImportFileError",
    "ImportPreview",
    "Problem",
    "commit_import",
    "preview_import",
    "template_workbook",
]
