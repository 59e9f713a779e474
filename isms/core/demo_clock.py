"""Demo data that happened in the past: what the services write inside `recorded_at(moment)` gets that moment
as its history date and sign-off time, so a review signed in January 2024 reads so everywhere.

The rows are still written through the services with their history; only the clock of those rows is set.
Each row gets its own microsecond after `moment`, so the history keeps the order in which it was written.
Inside the block `django.utils.timezone.now()` (and with it `localdate()`, the `auto_now` stamps and a
review's "inputs gathered") reads the same clock: a review started in December 2023 says it gathered its
inputs then, not on the day the demo was loaded. The demo loader is one thread; nothing else runs meanwhile.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterator
from contextlib import contextmanager

from django.db.models.signals import pre_save
from django.utils import timezone
from simple_history.signals import pre_create_historical_record

from .models import SignOff


@contextmanager
def recorded_at(moment: datetime.datetime) -> Iterator[None]:
    ticks = itertools.count()

    def clock() -> datetime.datetime:
        return moment + datetime.timedelta(microseconds=next(ticks))

    def stamp_history(sender, history_instance, **kwargs) -> None:
        history_instance.history_date = clock()

    def stamp_signoff(sender, instance: SignOff, **kwargs) -> None:
        if instance._state.adding:
            instance.signed_at = clock()

    pre_create_historical_record.connect(stamp_history, weak=False, dispatch_uid="demo-recorded-at")
    pre_save.connect(stamp_signoff, sender=SignOff, weak=False, dispatch_uid="demo-signed-at")
    real_now, timezone.now = timezone.now, clock
    try:
        yield
    finally:
        timezone.now = real_now
        pre_create_historical_record.disconnect(dispatch_uid="demo-recorded-at")
        pre_save.disconnect(sender=SignOff, dispatch_uid="demo-signed-at")
