"""Today's figures of each municipality, kept in the shared cache until something they are counted from changes.

Counting every area over 357 municipalities × 400 activities takes about a second of SQL, and the status page,
its exports and the start pages of the DPO and the coordinator all show the same figures. So the figures of a
municipality are kept under a token: every tracked write of that municipality (a simple-history record carries
its `municipality_id`) replaces the municipality's token, a write to a shared table an area declares in
`Area.shared_inputs` replaces the token of all, and a kept entry counts only while both tokens it was counted
under are still the current ones and its day is today. A page then counts only the municipalities that changed.

The token is replaced when the row is written and again when its transaction commits: figures counted in
between (from data not yet committed) are then dropped too. Figures counted inside a transaction are not kept
at all (it may still roll back what they counted). A token the cache has lost means "changed".
Several app processes need the shared cache (`CACHE_URL`), as the sessions and rate limits already do; with
Redis down every page counts afresh, which is slow but right. The board report reads history and is not kept.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Model

from isms.core.models import Municipality

from .registry import Area, Context, areas, shared_inputs

KEPT_SECONDS = 2 * 24 * 60 * 60  # an entry is of one day; the cache may drop it earlier
ALL = "all"


def _token_key(municipality: int | str) -> str:
    return f"oversight:token:{municipality}"


def _figures_key(municipality_id: int) -> str:
    return f"oversight:figures:{municipality_id}"


def figures_changed(municipality_ids: Iterable[int] | None) -> None:
    """The kept figures of these municipalities (None: of every municipality) are out of date."""
    keys = [_token_key(pk) for pk in municipality_ids] if municipality_ids is not None else [_token_key(ALL)]
    cache.set_many({key: uuid.uuid4().hex for key in keys}, KEPT_SECONDS)


def _written(instance: Model) -> list[int] | None:
    """Whose figures a write of `instance` can change: its municipality's, every one's (a shared input),
    or nobody's ([])."""
    if isinstance(instance, Municipality):
        return [instance.pk]
    municipality_id = getattr(instance, "municipality_id", None)
    if municipality_id is not None:
        return [municipality_id]
    return None if instance._meta.label in shared_inputs() else []


def on_history_record(sender, instance: Model, **kwargs) -> None:
    """simple-history's post_create_historical_record: every tracked write (DESIGN.md, history never bypassed)."""
    changed = _written(instance)
    if changed != []:
        _renew(changed)


def on_bulk_history(sender, instances: list[Model], **kwargs) -> None:
    """core.tracking.history_written_in_bulk: many objects' history rows at once (the protocol import)."""
    changed: set[int] | None = set()
    for instance in instances:
        written = _written(instance)
        if written is None:
            changed = None
            break
        changed.update(written)
    if changed != set():
        _renew(changed)


def _renew(changed: Iterable[int] | None) -> None:
    """Now, and again when the writing transaction commits (see the module's docstring)."""
    figures_changed(changed)
    transaction.on_commit(lambda: figures_changed(changed))


def current_values(listed: list[Municipality], context: Context) -> dict[int, dict[str, dict]]:
    """{municipality id: {area key: figure values}} of today for every area, counting only what is not kept."""
    tokens = cache.get_many([_token_key(ALL), *(_token_key(m.pk) for m in listed)])
    kept = cache.get_many([_figures_key(m.pk) for m in listed])
    shared = tokens.get(_token_key(ALL))
    new_tokens: dict[str, str] = {}
    if shared is None:
        shared = new_tokens[_token_key(ALL)] = uuid.uuid4().hex
    result: dict[int, dict[str, dict]] = {}
    missing: list[Municipality] = []
    for municipality in listed:
        token = tokens.get(_token_key(municipality.pk))
        entry = kept.get(_figures_key(municipality.pk))
        if (
            token is not None
            and entry is not None
            and entry["day"] == context.day
            and entry["tokens"]
            == (
                shared,
                token,
            )
        ):
            result[municipality.pk] = entry["values"]
            continue
        if token is None:
            new_tokens[_token_key(municipality.pk)] = uuid.uuid4().hex
        missing.append(municipality)
    if not missing:
        return result
    if new_tokens:
        # Stored before counting: a write that replaces one meanwhile makes this count's entry stale.
        cache.set_many(new_tokens, KEPT_SECONDS)
        tokens.update(new_tokens)
    counted = count_values(missing, context, areas())
    if _inside_transaction():
        return result | counted
    cache.set_many(
        {
            _figures_key(pk): {"day": context.day, "tokens": (shared, tokens[_token_key(pk)]), "values": values}
            for pk, values in counted.items()
        },
        KEPT_SECONDS,
    )
    return result | counted


def _inside_transaction() -> bool:
    """In an atomic block of the code's own (a test's wrapping transaction does not count, as for Django's
    durable blocks)."""
    return any(not block._from_testcase for block in connection.atomic_blocks)


def count_values(listed: list[Municipality], context: Context, chosen: list[Area]) -> dict[int, dict[str, dict]]:
    """The figures counted in the database: one set of grouped queries per area for all of `listed`."""
    scope = Municipality.objects.filter(pk__in=[m.pk for m in listed])
    collected = {area.key: area.collect(context, scope) for area in chosen}
    return {
        municipality.pk: {
            area.key: area.values(collected[area.key].get(municipality.pk, {}), municipality, context)
            for area in chosen
        }
        for municipality in listed
    }
