"""The shared DPO's control room: the status of every municipality, the shared services, a start page
per role and the board's status report. It only reads (its one model keeps the reports it generated).

How the status row is built (registry.py): each area of the ISMS is one `Area` with its figures
(`Figure`), the database annotations that count them per municipality (one query for every area and
every municipality together), the link to the filtered list behind each figure and the traffic light.
A new app adds its area by calling `register_area(Area(...))` in its `AppConfig.ready()` — the status
page, its CSV/XLSX export, the start pages and the board report then show it with no other change.
An area that can count "as of a day" from the history tables (history.py) sets `as_of=True`; the
board report uses only those figures for its period's end.

Another app may also put a button on each status row (e.g. "send a nudge" to the municipality) by
`register_row_action(RowAction(...))`: the page then shows an "Actions" column with a small POST form
per row; the other app's view does the work and its own access check.
"""
