"""Rate-limit counters kept in this process (`memory://`): the sliding-window-counter and fixed-window
strategies of the `limits` library, with its windows and arithmetic, as plain synchronous dict updates.

`limits`' asyncio memory storage pays, per request, an awaited and error-wrapped call for every
counter read, a lock, and a new task to expire old keys; in one process on one event loop none of
that is needed. Rate strings are still parsed by `limits`, Redis (shared counters) still goes
through its storages and strategies, and so does the moving window (`_limiter.Limiter`).
"""

from __future__ import annotations

import time
from math import floor, inf

__all__ = ["MemoryCounters", "sliding_window_keys", "sliding_window_outcome"]

_PURGE_EVERY = 1.0  # seconds between sweeps of expired counters


class MemoryCounters:
    def __init__(self) -> None:
        self._counts: dict[tuple, int] = {}
        self._expires: dict[tuple, float] = {}
        self._next_purge = 0.0

    def _get(self, key: tuple, now: float) -> int:
        count = self._counts.get(key)
        if count is None:
            return 0
        if self._expires[key] <= now:
            del self._counts[key], self._expires[key]
            return 0
        return count

    def _incr(self, key: tuple, expiry: float, now: float) -> int:
        count = self._get(key, now) + 1
        self._counts[key] = count
        if count == 1:
            self._expires[key] = now + expiry
        return count

    def _purge(self, now: float) -> None:
        if now < self._next_purge:
            return
        self._next_purge = now + _PURGE_EVERY
        for key in [key for key, expires in self._expires.items() if expires <= now]:
            del self._counts[key], self._expires[key]

    def fixed_window(self, key: tuple, limit: int, expiry: int) -> tuple[bool, int, float]:
        """Count one hit: (allowed, remaining, seconds until the window resets). Refused hits count too,
        as in `limits.strategies.FixedWindowRateLimiter`."""
        now = time.time()
        self._purge(now)
        count = self._incr(key, expiry, now)
        return count <= limit, max(0, limit - count), self._expires[key] - now

    def sliding_window(self, key: tuple, limit: int, expiry: int) -> tuple[bool, int, float]:
        """Count one hit if the weighted count allows it: (allowed, remaining, seconds until one more
        request is allowed), as `limits.strategies.SlidingWindowCounterRateLimiter` computes them."""
        now = time.time()
        self._purge(now)
        previous_key, current_key, weight = sliding_window_keys(key, expiry, now)
        previous = self._get(previous_key, now)
        current = self._get(current_key, now)
        allowed = floor(previous * weight + current) + 1 <= limit
        if allowed:  # `_incr`, without reading the count again
            current += 1
            self._counts[current_key] = current
            if current == 1:
                self._expires[current_key] = now + 2 * expiry
        return sliding_window_outcome(allowed, previous, current, limit, expiry, now)


def sliding_window_keys(key: tuple, expiry: int, now: float) -> tuple[tuple, tuple, float]:
    """The previous and the current window's counter keys, and the weight of the previous window's
    count (the share of it still inside the sliding window)."""
    previous_key = (*key, int((now - expiry) / expiry))
    current_key = (*key, int(now / expiry))
    return previous_key, current_key, 1 - (((now - expiry) / expiry) % 1)


def sliding_window_outcome(
    allowed: bool, previous: int, current: int, limit: int, expiry: int, now: float
) -> tuple[bool, int, float]:
    """(allowed, remaining, seconds until one more request is allowed) from the two windows' counts
    after the hit, wherever they are kept."""
    weight = 1 - (((now - expiry) / expiry) % 1)
    remaining = max(0, limit - floor(previous * weight + current))
    if not (previous or current):
        return allowed, remaining, 0.0
    previous_ttl = weight * expiry if previous else 0.0
    current_ttl = (1 - ((now / expiry) % 1)) * expiry + expiry
    previous_reset = previous_ttl % (expiry / previous) if previous else inf
    current_reset = current_ttl % expiry if current else inf
    return allowed, remaining, min(previous_reset, current_reset)
