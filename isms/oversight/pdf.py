"""The board's status report as PDF, built from the stored figures only (so it can be rebuilt and explained)."""

from __future__ import annotations

import datetime

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.lib import colors
from reportlab.platypus import KeepTogether, PageBreak, Spacer

from isms.core.pdf import build_pdf, data_table, facts_table, heading, pdf_date, text
from isms.core.pdf import styles as pdf_styles

from .registry import Light

TITLE = "Statusrapport Sikker kommune Helgeland"
LIGHT_FILL = {
    "green": colors.HexColor("#D4F0D4"),
    "yellow": colors.HexColor("#FFF1B8"),
    "red": colors.HexColor("#F9C9C4"),
}


def _day(value: str) -> str:
    return pdf_date(datetime.date.fromisoformat(value))


def _number(value) -> str:
    return formats.number_format(value, force_grouping=True) if value is not None else "—"


def _light_label(value: str | None) -> str:
    return Light(value).label if value else "—"


def _colour_cells(table, cells: list[tuple[int, int, str]]) -> None:
    """Fill cells (column, body row, light) with their light's colour; the text says it too (not colour alone)."""
    table.setStyle([("BACKGROUND", (col, row + 1), (col, row + 1), LIGHT_FILL[light]) for col, row, light in cells])


def _summary_words(figures: dict) -> list:
    s = figures["summary"]
    end = _day(figures["period"]["end"])
    n = s["municipalities"]
    parts = [
        _("As of %(end)s the cooperation has %(n)s municipalities. %(green)s of them are in order in every area.")
        % {"end": end, "n": n, "green": s["green"]},
        _(
            "%(complete)s of %(n)s municipalities have a complete record of processing (every Art. 30 field filled "
            "in for all %(activities)s processing activities); %(without)s activities use a processor without a "
            "data processing agreement in force."
        )
        % {"complete": s["complete_protocol"], "n": n, "activities": _number(s["activities"]),
           "without": s["without_agreement"]},
        _(
            "%(in_force)s data processing agreements are in force. %(decided)s DPIAs are decided; "
            "%(advice)s wait for the DPO's advice and %(decision)s for the leader's decision."
        )
        % {"in_force": s["agreements_in_force"], "decided": s["dpias_decided"],
           "advice": s["dpias_awaiting_advice"], "decision": s["dpias_awaiting_decision"]},
        _(
            "%(signed)s of %(analyses)s ROS analyses are signed, %(changed)s have changed after approval, and "
            "%(red)s risks are still red after measures."
        )
        % {"signed": s["analyses_signed"], "analyses": s["analyses"], "changed": s["analyses_changed"],
           "red": s["red_risks"]},
    ]  # fmt: skip
    for item in s["shared_ros"]:
        parts.append(
            _("%(title)s: signed by %(ok)s of %(n)s participating municipalities.")
            % {"title": item["title"], "ok": item["in_order"], "n": item["participants"]}
        )
    courses = figures["courses"]
    if courses["round"]:
        parts.append(
            _(
                "Courses, %(round)s: %(registered)s participants registered for %(seats)s seats bought; "
                "%(none)s municipalities have no participants."
            )
            % {"round": courses["round"], "registered": s["registered"], "seats": s["seats"],
               "none": s["without_participants"]}
        )  # fmt: skip
    parts.append(_("KINS members: %(k)s of %(n)s.") % {"k": s["kins_members"], "n": n})
    return [text(part) for part in parts]


def _key_figures(figures: dict):
    s = figures["summary"]
    n = s["municipalities"]
    seats = s["seats"]
    share = f" ({round(100 * s['registered'] / seats)} %)" if seats else ""
    return facts_table(
        [
            (_("Municipalities in order in every area"), f"{s['green']} / {n}"),
            (_("Complete record of processing"), f"{s['complete_protocol']} / {n}"),
            (_("Data processing agreements in force"), _number(s["agreements_in_force"])),
            (_("Processors used without a DPA"), _number(s["processors_without"])),
            (_("DPIAs decided"), _number(s["dpias_decided"])),
            (_("DPIAs awaiting the DPO's advice"), _number(s["dpias_awaiting_advice"])),
            (_("ROS analyses signed"), f"{s['analyses_signed']} / {s['analyses']}"),
            (_("Red residual risks"), _number(s["red_risks"])),
            (_("Course participants / seats bought"), f"{s['registered']} / {seats}{share}"),
            (_("KINS members"), f"{s['kins_members']} / {n}"),
        ],
        label_width=80 * 2.83465,
    )


def _changes(figures: dict) -> list:
    changes = figures["changes"]
    area_labels = {area["key"]: area["label"] for area in figures["areas"]}
    story = [heading(_("What changed since the previous report"))]
    if changes["previous"]:
        story.append(
            text(
                _("Compared with the report for %(start)s–%(end)s.")
                % {"start": _day(changes["previous"]["start"]), "end": _day(changes["previous"]["end"])}
            )
        )
    else:
        story.append(
            text(
                _("No earlier report: compared with the state at the start of the period (%(start)s).")
                % {"start": _day(figures["period"]["start"])}
            )
        )
    rank = {"green": 0, "yellow": 1, "red": 2}
    lights = sorted(changes["lights"], key=lambda c: (rank[c["to"]] - rank[c["from"]], c["municipality"]))
    if lights:
        rows = [
            [c["municipality"], area_labels.get(c["area"], c["area"]), _light_label(c["from"]), _light_label(c["to"])]
            for c in lights
        ]
        table = data_table([_("Municipality"), _("Area"), _("Before"), _("Now")], rows, [3, 3, 2, 2])
        _colour_cells(
            table, [(2, i, c["from"]) for i, c in enumerate(lights)] + [(3, i, c["to"]) for i, c in enumerate(lights)]
        )
        story += [heading(_("Status changed"), 2), table]
    else:
        story.append(text(_("No municipality changed status in any area.")))
    for key, title in (("signed_analyses", _("ROS analyses signed in the period")),
                       ("decided_dpias", _("DPIAs decided in the period"))):  # fmt: skip
        items = changes[key]
        story.append(heading(title, 2))
        if items:
            story.append(
                data_table(
                    [_("Municipality"), _("Title"), _("Version"), _("Date")],
                    [[i["municipality"], i["title"], i["version"], _day(i["date"])] for i in items],
                    [2.5, 6, 1.2, 1.8],
                    numeric_columns=(2,),
                )
            )
        else:
            story.append(text(_("None.")))
    return story


def _status_table(figures: dict) -> list:
    area_list = figures["areas"]
    headers = [_("Municipality")] + [area["label"] for area in area_list]
    rows, cells = [], []
    for index, row in enumerate(figures["status"]):
        rows.append([row["name"]] + [_light_label(row["lights"].get(area["key"])) for area in area_list])
        cells += [(col + 1, index, row["lights"][a["key"]]) for col, a in enumerate(area_list) if a["key"] in
                  row["lights"]]  # fmt: skip
    table = data_table(headers, rows, [2.6] + [1.6] * len(area_list))
    _colour_cells(table, cells)
    legend = [text(f"{area['label']}: {area['explanation']}", pdf_styles.SMALL) for area in area_list]
    return [heading(_("Status per municipality")), table, Spacer(1, 2 * 2.83465), *legend]


def _figures_table(figures: dict) -> list:
    headers = [_("Municipality"), _("Activities"), _("Art. 30 complete"), _("Without DPA"), _("DPIA awaiting"),
               _("ROS signed"), _("Red risks"), _("Measures overdue")]  # fmt: skip
    rows = []
    for row in figures["status"]:
        v = row["values"]
        rows.append(
            [
                row["name"],
                v["protocol"]["activities"],
                f"{v['protocol']['complete_share']} %",
                v["protocol"]["without_agreement"],
                v["dpia"]["awaiting_advice"] + v["dpia"]["awaiting_decision"],
                f"{v['ros']['signed']} / {v['ros']['analyses']}",
                v["ros"]["red"],
                v["ros"]["overdue_measures"],
            ]
        )
    return [
        heading(_("Key figures per municipality")),
        data_table(headers, rows, [2.6, 1.4, 1.5, 1.3, 1.4, 1.4, 1.2, 1.4], numeric_columns=(1, 2, 3, 4, 5, 6, 7)),
    ]


def _shared_table(figures: dict) -> list:
    shared = figures["shared"]
    story = [heading(_("Shared services"))]
    if not shared["columns"]:
        return [*story, text(_("The cooperation has no joint assessments or agreements yet."))]
    kinds = {"ros": _("ROS"), "dpia": _("DPIA"), "dpa": _("DPA")}
    for item in shared["summary"]:
        story.append(
            text(
                _("%(kind)s – %(title)s: %(ok)s of %(n)s in order; %(behind)s have not taken in the newest version.")
                % {"kind": kinds[item["kind"]], "title": item["title"], "ok": item["in_order"],
                   "n": item["participants"], "behind": item["behind"]}
            )
        )  # fmt: skip
    columns = shared["columns"]
    headers = [_("Municipality")] + [f"{kinds[c['kind']]}: {c['title']}" for c in columns]
    rows, cells = [], []
    for index, row in enumerate(shared["rows"]):
        line = [row["name"]]
        for col, column in enumerate(columns):
            cell = row["cells"].get(column["key"])
            if cell is None:
                line.append("")
                continue
            label = cell["label"]
            if cell["behind"]:
                label += " · " + _("v%(v)s of %(n)s") % {"v": cell["version"] or 0, "n": column["newest"]}
            line.append(label)
            cells.append((col + 1, index, cell["light"]))
        rows.append(line)
    table = data_table(headers, rows, [2.4] + [2.2] * len(columns))
    _colour_cells(table, cells)
    return [*story, Spacer(1, 2 * 2.83465), table]


def _courses(figures: dict) -> list:
    courses = figures["courses"]
    story = [heading(_("Course participation"))]
    if not courses["round"]:
        return [*story, text(_("No course round yet."))]
    story.append(
        text(
            _("%(round)s: %(registered)s registered and %(attended)s attended, for %(seats)s seats bought.")
            % {"round": courses["round"], "registered": courses["registered"], "attended": courses["attended"],
               "seats": courses["seats"]}
        )
    )  # fmt: skip
    rows, cells = [], []
    for index, row in enumerate(figures["status"]):
        registered = row["courses"]["registered"]
        population = row["population"]
        per_thousand = formats.number_format(1000 * registered / population, decimal_pos=1) if population else "—"
        rows.append([row["name"], _number(population), registered, row["courses"]["attended"], per_thousand])
        if not registered:
            cells.append((2, index, "red"))
    table = data_table(
        [_("Municipality"), _("Population"), _("Registered"), _("Attended"), _("Per 1000 inhabitants")],
        rows,
        [3, 1.6, 1.5, 1.5, 1.8],
        numeric_columns=(1, 2, 3, 4),
    )
    _colour_cells(table, cells)
    sector_table = data_table(
        [_("Sector"), _("Registered"), _("Attended")],
        [[row["sector"], row["registered"], row["attended"]] for row in courses["by_sector"]],
        [4, 1.5, 1.5],
        numeric_columns=(1, 2),
    )
    return [*story, table, KeepTogether([heading(_("Per sector"), 2), sector_table])]


def render_board_report(figures: dict) -> bytes:
    start, end = _day(figures["period"]["start"]), _day(figures["period"]["end"])
    count = len(figures["status"])
    story = [
        heading(_("Summary")),
        *_summary_words(figures),
        Spacer(1, 3 * 2.83465),
        _key_figures(figures),
        Spacer(1, 3 * 2.83465),
        text(
            _(
                "The figures are as of the end of %(end)s, read from the history of every record, so a report for "
                "an earlier period shows the state at that time. The board is asked to take the status of the "
                "project into account."
            )
            % {"end": end},
            pdf_styles.SMALL,
        ),
        PageBreak(),
        *_changes(figures),
        PageBreak(),
        *_status_table(figures),
        *_figures_table(figures),
        *_shared_table(figures),
        *_courses(figures),
    ]
    subtitle = ngettext(
        "Digitale Helgeland · period %(start)s–%(end)s · %(n)s municipality",
        "Digitale Helgeland · period %(start)s–%(end)s · %(n)s municipalities",
        count,
    ) % {"start": start, "end": end, "n": count}
    return build_pdf(title=TITLE, subtitle=subtitle, story=story, status=_("Figures as of %(end)s") % {"end": end})
