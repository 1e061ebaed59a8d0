"""Sliding-window-counter rate limits counted in Redis in one round trip per window.

`limits`' Redis strategy asks Redis twice per window (count the hit, then read the window's stats),
each call through its error-wrapping storage layer; shared by every worker, that cost is paid on
every request. Here one Lua script reads both windows' counts and counts the hit when the weighted
count allows it; the arithmetic around it (keys, weight, remaining, reset) is `_counters`', the
same as in memory. The clock is the gateway's: gateways sharing a Redis should keep theirs in sync
(NTP), as for any sliding window keyed by time.
"""

from __future__ import annotations

import time

import redis.asyncio as redis

from ._counters import sliding_window_keys, sliding_window_outcome

__all__ = ["RedisCounters"]

_PREFIX = "accord:ratelimit"

# KEYS: previous window, current window; ARGV: limit, the current key's lifetime (s), previous weight
_HIT = """
local previous = tonumber(redis.call('get', KEYS[1]) or '0')
local current = tonumber(redis.call('get', KEYS[2]) or '0')
if math.floor(previous * tonumber(ARGV[3]) + current) + 1 > tonumber(ARGV[1]) then
  return {0, previous, current}
end
current = redis.call('incr', KEYS[2])
if current == 1 then redis.call('expire', KEYS[2], ARGV[2]) end
return {1, previous, current}
"""


def _key(parts: tuple) -> str:
    return _PREFIX + "".join(f"\x1f{part}" for part in parts)


class RedisCounters:
    def __init__(self, url: str, timeout: float) -> None:
        self.client = redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)
        self._hit = self.client.register_script(_HIT)

    async def sliding_window(self, key: tuple, limit: int, expiry: int) -> tuple[bool, int, float]:
        """As `MemoryCounters.sliding_window`, with the counts in Redis."""
        now = time.time()
        previous_key, current_key, weight = sliding_window_keys(key, expiry, now)
        allowed, previous, current = await self._hit(
            keys=[_key(previous_key), _key(current_key)], args=[limit, 2 * expiry, repr(weight)]
        )
        return sliding_window_outcome(bool(allowed), previous, current, limit, expiry, now)

    async def aclose(self) -> None:
        await self.client.aclose()
