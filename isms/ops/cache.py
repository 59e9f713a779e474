"""Django's Redis cache, where Redis down is a cache miss instead of an error page (the pages, sessions
and course registrations go on from the database; /readyz reports the outage)."""

from __future__ import annotations

import functools
import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger(__name__)
OUTAGE = (RedisConnectionError, RedisTimeoutError)


def _degrade(fallback):
    """Answer `fallback(*args)` when Redis cannot be reached."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except OUTAGE as error:
                logger.warning("cache unavailable, %s answered as a miss: %s", method.__name__, error)
                return fallback(*args, **kwargs)

        return wrapper

    return decorate


def _missing_key(key, *args, **kwargs):
    # What incr() says of a key that is not there: the rate limit then counts this request as the first.
    raise ValueError(f"Key {key!r} not found.")


class ResilientRedisCacheClient(RedisCacheClient):
    def __init__(self, servers, **options):
        # One quick retry, not redis-py's default backoff: a page asks the cache several times.
        options.setdefault("retry", Retry(NoBackoff(), 1))
        super().__init__(servers, **options)

    # add() says "stored": a lock taken with add() (allauth's rate limits) is then taken, not refused
    # until it times out with a 429; nothing else relies on the value being there afterwards.
    add = _degrade(lambda *a, **k: True)(RedisCacheClient.add)
    get = _degrade(lambda key, default=None, **k: default)(RedisCacheClient.get)
    set = _degrade(lambda *a, **k: None)(RedisCacheClient.set)
    touch = _degrade(lambda *a, **k: False)(RedisCacheClient.touch)
    delete = _degrade(lambda *a, **k: False)(RedisCacheClient.delete)
    get_many = _degrade(lambda *a, **k: {})(RedisCacheClient.get_many)
    has_key = _degrade(lambda *a, **k: False)(RedisCacheClient.has_key)
    incr = _degrade(_missing_key)(RedisCacheClient.incr)
    set_many = _degrade(lambda *a, **k: [])(RedisCacheClient.set_many)
    delete_many = _degrade(lambda *a, **k: None)(RedisCacheClient.delete_many)
    clear = _degrade(lambda *a, **k: False)(RedisCacheClient.clear)

    def ping(self) -> None:
        """Raise when Redis cannot be reached (for /readyz, which must see the outage)."""
        self.get_client(write=True).ping()


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient

    def ping(self) -> None:
        self._cache.ping()
