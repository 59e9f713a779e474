"""An object's history for an audit, as CSV or PDF: who, when, why, and every field's old → new value.

Reads the same entries as the history page (isms/core/history.py), so the export shows what the page shows.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import formats, timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _

from .models import Municipality
from .models.users import display_name
from .pdf import Letterhead, build_pdf, data_table, heading, pdf_date, text
from .tables_export import file_response, rows_response
from .tracking import VersionEntry

HISTORY_FORMATS = ("csv", "pdf")


def _kind(entry: VersionEntry) -> str:
    return str({"+": _("Created"), "-": _("Deleted")}.get(entry.kind, _("Changed")))


def _when(entry: VersionEntry) -> str:
    return formats.date_format(timezone.localtime(entry.date), "SHORT_DATETIME_FORMAT")


def _who(entry: VersionEntry) -> str:
    return display_name(entry.user) if entry.user is not None else str(_("The system"))


def _changes(entry: VersionEntry) -> list[tuple[str, str, str]]:
    """(field, old, new) of one version; a part added or removed shows as the part, empty → its name."""
    rows = [(change.label, change.old, change.new) for change in entry.changes]
    rows += [(str(_("Part")), "", change) for change in entry.child_changes]
    return rows


def history_rows(entries: list[VersionEntry]) -> list[list]:
    """One row per changed field of each version, newest first; a version without field changes gets one row."""
    rows = []
    for entry in reversed(entries):
        head = [entry.version, timezone.localtime(entry.date).replace(tzinfo=None), _who(entry), entry.reason]
        changes = _changes(entry) or [("", "", "")]
        rows += [[*head, _kind(entry), *change] for change in changes]
    return rows


def _filename(object_label: str) -> str:
    return f"historikk-{slugify(object_label)[:60] or 'objekt'}-{timezone.localdate():%Y-%m-%d}"


def history_csv(*, entries: list[VersionEntry], object_label: str) -> HttpResponse:
    headers = [_("Version"), _("When"), _("Who"), _("Reason"), _("Kind of change"), _("Field"), _("Before"), _("After")]
    return rows_response(
        headers, history_rows(entries), export_format="csv", filename=_filename(object_label), title=_("History")
    )


def render_history_pdf(
    *, entries: list[VersionEntry], object_label: str, model_name: str, municipality: Municipality | None
) -> bytes:
    story = [
        text(
            _(
                "Every saved version of the object, newest first: who saved it, when, the reason given, "
                "and each field's value before and after."
            )
        )
    ]
    for entry in reversed(entries):
        story.append(
            heading(
                _("Version %(v)s · %(when)s · %(who)s · %(kind)s")
                % {"v": entry.version, "when": _when(entry), "who": _who(entry), "kind": _kind(entry)},
                2,
            )
        )
        story.append(text(_("Reason: %(reason)s") % {"reason": entry.reason or _("(none given)")}))
        if changes := _changes(entry):
            story.append(data_table([_("Field"), _("Before"), _("After")], changes, [2, 3, 3]))
    return build_pdf(
        title=_("History of %(object_label)s") % {"object_label": object_label},
        subtitle=_("%(model)s · %(n)s versions · as of %(date)s")
        % {"model": capfirst(model_name), "n": len(entries), "date": pdf_date(timezone.now())},
        letterhead=Letterhead.for_municipality(municipality) if municipality is not None else None,
        story=story,
        version=entries[-1].version if entries else None,
    )


def history_export(
    export_format: str,
    *,
    entries: list[VersionEntry],
    object_label: str,
    model_name: str,
    municipality: Municipality | None,
) -> HttpResponse:
    if export_format == "csv":
        return history_csv(entries=entries, object_label=object_label)
    pdf = render_history_pdf(
        entries=entries, object_label=object_label, model_name=model_name, municipality=municipality
    )
    return file_response(pdf, export_format="pdf", filename=f"{_filename(object_label)}.pdf")
