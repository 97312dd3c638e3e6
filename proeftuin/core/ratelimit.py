"""A fixed-window counter in the cache shared by the web processes (the file cache by
default, Redis in production): ``allow(scope, key, limit, window)`` says whether one more
request of ``key`` (an account, a network address) fits in this window of ``scope``."""

from __future__ import annotations

import time

from django.core.cache import cache


def allow(scope: str, key: str, *, limit: int, window: int) -> bool:
    """Count one request; ``False`` once more than ``limit`` came in this ``window``
    (seconds)."""
    slot = int(time.time() // window)
    name = f"ratelimit:{scope}:{key}:{slot}"
    if cache.add(name, 1, timeout=window + 5):
        return limit >= 1
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.add(name, 1, timeout=window + 5)
        count = 1
    return count <= limit
