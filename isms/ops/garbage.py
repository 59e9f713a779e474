"""How a server process sets up Python's garbage collector once the app is loaded (gunicorn's
`post_worker_init`; the bench does the same, so it times what a worker does).

- What loading allocated (modules, URL patterns, catalogues) is frozen out of the collector's reach, so a full
  collection scans only what requests allocate.
- The youngest generation is collected after 50 000 new objects instead of 700. A list page of 500 rows holds
  tens of thousands of objects while it is built; collected every 700 allocations, they were promoted to the
  oldest generation, whose full collections, 20–40 ms each, came every second or third request. Measured on
  the API's 500-row page at 357 municipalities after every other page had been visited: p95 150 → 73–89 ms
  (one municipality), 160 → 115–125 ms (all), the other large pages unchanged.
"""

from __future__ import annotations

import gc

YOUNG_GENERATION_THRESHOLD = 50_000


def settle_after_loading() -> None:
    gc.collect()
    gc.freeze()
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_GENERATION_THRESHOLD, middle, old)
