"""Which msgids of our source files have no bokmål translation in the compiled catalogue: the strings are
extracted as `makemessages` does (templates through Django's templatize, then xgettext), with the
project's `_lazy` alias too."""

from __future__ import annotations

import ast
import subprocess  # nosec B404
import tempfile
from pathlib import Path

from django.utils import translation
from django.utils.translation.template import templatize

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = [
    "gettext_noop",
    "gettext_lazy",
    "_lazy",
    "ngettext_lazy:1,2",
    "ngettext:1,2",
    "pgettext:1c,2",
    "npgettext:1c,2,3",
    "pgettext_lazy:1c,2",
    "npgettext_lazy:1c,2,3",
]


def _python_source(path: Path, workdir: Path) -> Path:
    if path.suffix == ".py":
        return path
    target = workdir / (path.as_posix().replace("/", "__") + ".py")
    target.write_text(templatize(path.read_text(encoding="utf-8"), origin=str(path)), encoding="utf-8")
    return target


def _unquote(line: str) -> str:
    return ast.literal_eval(line) if line.startswith('"') else ""


def msgids(paths: list[Path]) -> list[tuple[str, str, str]]:
    """(context, msgid, plural) of every translatable string in the files (templates or Python)."""
    with tempfile.TemporaryDirectory() as tmp:
        sources = [str(_python_source(path, Path(tmp))) for path in paths]
        pot = subprocess.run(  # nosec B603 B607
            ["xgettext", "--language=Python", "--from-code=UTF-8", "--output=-"]
            + [f"--keyword={keyword}" for keyword in KEYWORDS]
            + sources,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    found = []
    for block in pot.split("\n\n"):
        fields: dict[str, str] = {}
        current = None
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            if line.startswith(("msgctxt ", "msgid ", "msgid_plural ")):
                current, _space, rest = line.partition(" ")
                fields[current] = _unquote(rest)
            elif line.startswith('"') and current:
                fields[current] += _unquote(line)
            elif line.startswith("msgstr"):
                current = None
        if fields.get("msgid"):
            found.append((fields.get("msgctxt", ""), fields["msgid"], fields.get("msgid_plural", "")))
    return found


def untranslated(paths: list[Path], language: str = "nb") -> list[str]:
    """The msgids of the files without a translation in the language's compiled catalogue."""
    catalogue = translation.trans_real.translation(language)._catalog
    missing = []
    for context, msgid, plural in msgids(paths):
        key = f"{context}\x04{msgid}" if context else msgid
        if not (catalogue.get((key, 0)) if plural else catalogue.get(key)):
            missing.append(msgid)
    return missing
