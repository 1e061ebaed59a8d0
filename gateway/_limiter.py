"""Rate-limit counters with the `limits` library: memory by default, Redis shared by every replica.

A `Limiter` owns one storage and one strategy. In memory, the sliding-window-counter and
fixed-window strategies count in `MemoryCounters` (the same arithmetic without the asyncio
storage's per-call overhead); in Redis, the sliding-window-counter counts in `RedisCounters` (one
round trip per window); the rest use `limits`' storages and strategies. `hit()` counts one request
against every window of a policy and returns what the headers need; when the storage fails it decides open or closed
per policy, logging once per policy when the storage goes away and once when it is back.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import limits
from limits.aio import storage as limit_storage
from limits.aio import strategies
from redis.exceptions import RedisError

from ._config import ConfigError, RateLimitPolicy, RateLimitSettings
from ._counters import MemoryCounters
from ._redis_counters import RedisCounters

__all__ = ["CompiledPolicy", "Decision", "Limiter", "Window", "compile_policy"]

log = logging.getLogger("accord.gateway")

_STRATEGIES = {
    "moving-window": strategies.MovingWindowRateLimiter,
    "sliding-window-counter": strategies.SlidingWindowCounterRateLimiter,
    "fixed-window": strategies.FixedWindowRateLimiter,
}


@dataclass(frozen=True, slots=True)
class Window:
    name: str  # the IETF policy name, e.g. "default" or "default-1h"
    item: limits.RateLimitItem
    seconds: int
    policy_member: str  # this window in the RateLimit-Policy field: "name";q=<amount>;w=<seconds>


@dataclass(frozen=True, slots=True)
class CompiledPolicy:
    name: str
    windows: tuple[Window, ...]
    key: str
    operations: frozenset[str] | None
    fail_open: bool
    claim: str | None = None  # the verified claim that names the client, for bearer-subject / claim:<name>

    def covers(self, operation_id: str | None) -> bool:
        return self.operations is None or operation_id in self.operations


@dataclass(slots=True)  # not frozen: one is made per request, and a frozen one costs twice as much to make
class Decision:
    allowed: bool
    policy: CompiledPolicy
    # per window: (window, remaining, seconds until reset); empty when the storage was down
    windows: tuple[tuple[Window, int, int], ...]
    retry_after: int = 0
    storage_down: bool = False


def compile_policy(policy: RateLimitPolicy, settings: RateLimitSettings, where: str) -> CompiledPolicy:
    """Parse the rate strings ("10/second", "1000/hour"); a bad one is a ConfigError naming it."""
    windows = []
    for text in policy.limits:
        try:
            item = limits.parse(text)
        except ValueError:
            raise ConfigError(
                f"{where}: rate limit {text!r} is not a rate like 10/second or 1000/hour"
            ) from None
        windows.append(item)
    if not windows:
        raise ConfigError(f"{where}: rate limit policy {policy.name!r} has no limits")
    single = len(windows) == 1
    return CompiledPolicy(
        name=policy.name,
        windows=tuple(
            _window(policy.name if single else f"{policy.name}-{item.get_expiry()}s", item)
            for item in windows
        ),
        key=policy.key,
        claim=policy.claim,
        operations=frozenset(policy.operations) if policy.operations is not None else None,
        fail_open=(policy.on_storage_error or settings.on_storage_error) == "open",
    )


def _window(name: str, item: limits.RateLimitItem) -> Window:
    seconds = item.get_expiry()
    return Window(name, item, seconds, f'"{name}";q={item.amount};w={seconds}')


def _counter(policy: CompiledPolicy, window: Window, identifiers: tuple[str, ...]) -> tuple:
    """The key a window's count is kept under, for one client."""
    return (policy.name, window.item.amount, window.seconds, *identifiers)


def _counted(
    policy: CompiledPolicy, results: list, window: Window, counted: tuple[bool, int, float]
) -> Decision | None:
    """Note one window's (allowed, remaining, seconds to reset); the refusal if it refused."""
    allowed, remaining, reset_in = counted
    reset = max(0, int(reset_in + 0.999))
    results.append((window, remaining, reset))
    if not allowed:
        return Decision(False, policy, tuple(results), retry_after=max(reset, 1))
    return None


class Limiter:
    def __init__(self, settings: RateLimitSettings) -> None:
        self.url = settings.storage
        if settings.storage.startswith("memory://"):
            self.storage = limit_storage.MemoryStorage()
        else:
            self.storage = limit_storage.RedisStorage(
                "async+" + settings.storage,
                wrap_exceptions=True,
                implementation="redispy",
                socket_timeout=settings.storage_timeout,
                socket_connect_timeout=settings.storage_timeout,
            )
        self.strategy = _STRATEGIES[settings.strategy](self.storage)
        self.counters = None
        if settings.storage.startswith("memory://") and settings.strategy != "moving-window":
            counters = MemoryCounters()
            self.counters = (
                counters.sliding_window
                if settings.strategy == "sliding-window-counter"
                else counters.fixed_window
            )
        self.redis_counters = None
        if not settings.storage.startswith("memory://") and settings.strategy == "sliding-window-counter":
            self.redis_counters = RedisCounters(settings.storage, settings.storage_timeout)
        self._down: set[str] = set()  # policies that have met the storage down (each logged once)

    async def check_storage(self) -> None:
        """Before listening: an unreachable storage is a ConfigError."""
        try:
            ok = await self.storage.check()
        except Exception:  # the client library's own errors vary
            ok = False
        if not ok:
            raise ConfigError(f"rate-limit storage {self.url} is not reachable")

    async def ready(self) -> bool:
        try:
            return bool(await self.storage.check())
        except Exception:
            return False

    async def hit(self, policy: CompiledPolicy, *identifiers: str) -> Decision:
        if self.counters is not None:
            return self._hit_memory(policy, identifiers)
        try:
            if self.redis_counters is not None:
                decision = await self._hit_redis(policy, identifiers)
            else:
                decision = await self._hit_limits(policy, identifiers)
        except (limits.errors.StorageError, RedisError, OSError, TimeoutError) as exc:
            self._storage_lost(policy, exc)
            return Decision(policy.fail_open, policy, (), storage_down=True)
        self._storage_back()
        return decision

    async def _hit_limits(self, policy: CompiledPolicy, identifiers: tuple[str, ...]) -> Decision:
        results = []
        for window in policy.windows:
            allowed = await self.strategy.hit(window.item, policy.name, *identifiers)
            stats = await self.strategy.get_window_stats(window.item, policy.name, *identifiers)
            refused = _counted(
                policy, results, window, (allowed, stats.remaining, stats.reset_time - time.time())
            )
            if refused is not None:
                return refused
        return Decision(True, policy, tuple(results))

    def _hit_memory(self, policy: CompiledPolicy, identifiers: tuple[str, ...]) -> Decision:
        results = []
        for window in policy.windows:
            counted = self.counters(_counter(policy, window, identifiers), window.item.amount, window.seconds)
            refused = _counted(policy, results, window, counted)
            if refused is not None:
                return refused
        return Decision(True, policy, tuple(results))

    async def _hit_redis(self, policy: CompiledPolicy, identifiers: tuple[str, ...]) -> Decision:
        results = []
        for window in policy.windows:
            counted = await self.redis_counters.sliding_window(
                _counter(policy, window, identifiers), window.item.amount, window.seconds
            )
            refused = _counted(policy, results, window, counted)
            if refused is not None:
                return refused
        return Decision(True, policy, tuple(results))

    def _storage_lost(self, policy: CompiledPolicy, exc: BaseException) -> None:
        if policy.name not in self._down:
            self._down.add(policy.name)
            action = "letting requests through" if policy.fail_open else "refusing requests"
            log.error(
                "rate-limit storage %s is unreachable (%s); policy %r is %s (fail-%s)",
                self.url,
                getattr(exc, "storage_error", exc),
                policy.name,
                action,
                "open" if policy.fail_open else "closed",
            )

    def _storage_back(self) -> None:
        if self._down:
            self._down.clear()
            log.warning("rate-limit storage %s is reachable again", self.url)

    async def close(self) -> None:
        if self.redis_counters is not None:
            await self.redis_counters.aclose()
        bridge = getattr(self.storage, "bridge", None)
        client = getattr(bridge, "storage", None)
        if client is not None and hasattr(client, "aclose"):
            await client.aclose()
