"""The in-process counters decide and report exactly as `limits`' own memory storage and strategies."""

from __future__ import annotations

import asyncio
import time
import uuid

import limits
import pytest
from accord.gateway._counters import MemoryCounters
from accord.gateway._redis_counters import RedisCounters
from limits.aio import storage, strategies


@pytest.mark.parametrize(
    ("strategy", "ours"),
    [
        (strategies.SlidingWindowCounterRateLimiter, MemoryCounters.sliding_window),
        (strategies.FixedWindowRateLimiter, MemoryCounters.fixed_window),
    ],
)
def test_same_decisions_remaining_and_reset_as_limits(monkeypatch, strategy, ours):
    item = limits.parse("5/10 seconds")
    clock = [1_700_000_003.25]
    monkeypatch.setattr(time, "time", lambda: clock[0])
    counters = MemoryCounters()

    async def run() -> tuple[list, list]:
        theirs = strategy(storage.MemoryStorage())
        expected, got = [], []
        # bursts and pauses across several window boundaries
        for step in [0.0, 0.1, 0.1, 0.2, 0.3, 0.1, 4.0, 0.5, 3.1, 0.2, 0.2, 2.5, 0.1, 7.3, 0.4, 12.0, 0.1]:
            clock[0] += step
            allowed = await theirs.hit(item, "api", "ip:1")
            stats = await theirs.get_window_stats(item, "api", "ip:1")
            expected.append((allowed, stats.remaining, round(stats.reset_time - clock[0], 6)))
            allowed, remaining, reset_in = ours(counters, ("api", "ip:1"), item.amount, item.get_expiry())
            got.append((allowed, remaining, round(reset_in, 6)))
        return expected, got

    expected, got = asyncio.run(run())
    assert got == expected
    assert any(not allowed for allowed, _, _ in got) and any(allowed for allowed, _, _ in got)


@pytest.mark.redis
def test_redis_counters_decide_as_limits(monkeypatch, redis_url):
    """The one-round-trip sliding window in Redis: the same decisions, remaining and reset as `limits`."""
    item = limits.parse("5/10 seconds")
    clock = [1_700_000_003.25]
    monkeypatch.setattr(time, "time", lambda: clock[0])
    client = f"ip:{uuid.uuid4().hex}"  # this run's own counters in the shared Redis

    async def run() -> tuple[list, list]:
        theirs = strategies.SlidingWindowCounterRateLimiter(storage.MemoryStorage())
        ours = RedisCounters(redis_url, timeout=2)
        expected, got = [], []
        for step in [0.0, 0.1, 0.1, 0.2, 0.3, 0.1, 4.0, 0.5, 3.1, 0.2, 0.2, 2.5, 0.1, 7.3, 0.4, 12.0, 0.1]:
            clock[0] += step
            allowed = await theirs.hit(item, "api", client)
            stats = await theirs.get_window_stats(item, "api", client)
            expected.append((allowed, stats.remaining, round(stats.reset_time - clock[0], 6)))
            allowed, remaining, reset_in = await ours.sliding_window(("api", client), item.amount, 10)
            got.append((allowed, remaining, round(reset_in, 6)))
        await ours.aclose()
        return expected, got

    expected, got = asyncio.run(run())
    assert got == expected
    assert any(not allowed for allowed, _, _ in got) and any(allowed for allowed, _, _ in got)
