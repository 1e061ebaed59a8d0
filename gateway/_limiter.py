"""Rate-limit counters with the `limits` library: memory by default, Redis shared by every replica.

A `Limiter` owns one storage and one strategy. In memory, the sliding-window-counter and
fixed-window strategies count in `MemoryCounters` (the same arithmetic without the asyncio
storage's per-call overhead); the moving window and Redis use `limits`' storages and strategies. `hit()` counts one request against every window
of a policy and returns what the headers need; when the storage fails it decides open or closed
per policy, logging once per policy when the storage goes away and once when it is back.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import limits
from limits.aio import storage as limit_storage
from limits.aio import strategies

from ._config import ConfigError, RateLimitPolicy, RateLimitSettings
from ._counters import MemoryCounters

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


@dataclass(frozen=True, slots=True)
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
            results = []
            for window in policy.windows:
                allowed = await self.strategy.hit(window.item, policy.name, *identifiers)
                stats = await self.strategy.get_window_stats(window.item, policy.name, *identifiers)
                reset = max(0, int(stats.reset_time - time.time() + 0.999))
                results.append((window, stats.remaining, reset))
                if not allowed:
                    self._storage_back()
                    return Decision(False, policy, tuple(results), retry_after=max(reset, 1))
        except (limits.errors.StorageError, OSError, TimeoutError) as exc:
            self._storage_lost(policy, exc)
            return Decision(policy.fail_open, policy, (), storage_down=True)
        self._storage_back()
        return Decision(True, policy, tuple(results))

    def _hit_memory(self, policy: CompiledPolicy, identifiers: tuple[str, ...]) -> Decision:
        results = []
        for window in policy.windows:
            item = window.item
            allowed, remaining, reset_in = self.counters(
                (policy.name, item.amount, window.seconds, *identifiers), item.amount, window.seconds
            )
            reset = max(0, int(reset_in + 0.999))
            results.append((window, remaining, reset))
            if not allowed:
                return Decision(False, policy, tuple(results), retry_after=max(reset, 1))
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
        bridge = getattr(self.storage, "bridge", None)
        client = getattr(bridge, "storage", None)
        if client is not None and hasattr(client, "aclose"):
            await client.aclose()
