"""`Gateway`: the ASGI app. A middleware stack compiled from one configuration, swapped whole on reload.

A request keeps the stack it started with, so a reload never disturbs requests in flight. The
pooled upstream transport, the metrics and the rate-limit counters outlive reloads.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import httpx
from accord.contracts.http import serve_lifespan

from ._accesslog import AccessLogMiddleware
from ._config import GatewayConfig, RateLimitSettings, SecurityConfig
from ._cors import CorsMiddleware
from ._deprecation import DeprecationMiddleware
from ._discovering import DiscoveryMiddleware
from ._discovery import Discovery, catalogue_of
from ._jwks import JwksCache
from ._limiter import Limiter
from ._metrics import GatewayMetrics, MetricsMiddleware
from ._ops import OpsMiddleware
from ._proxy import UpstreamProxy
from ._ratelimit import RateLimitMiddleware
from ._requests import RequestContextMiddleware
from ._routing import RoutingMiddleware
from ._runtime import Runtime, compile_runtime
from ._security import SecurityMiddleware
from ._shared import SharedDiscovery
from ._transport import UpstreamTransport
from ._types import ASGIApp, Receive, Scope, Send
from ._validation import ValidationMiddleware

__all__ = ["Gateway"]

log = logging.getLogger("accord.gateway")


class Gateway:
    def __init__(
        self,
        config: GatewayConfig,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        metrics: GatewayMetrics | None = None,
        shared_dir: Path | None = None,
    ) -> None:
        """`shared_dir`: the supervisor's folder when this is one of several workers (discovery is
        merged across them there)."""
        self.config = config
        self.metrics = metrics or GatewayMetrics()
        self._transport = transport
        self._own_transport = transport is None
        self._limiters: dict[str, Limiter] = {}
        self._jwks: dict[tuple[str, float, float, float], JwksCache] = {}
        self._stack: ASGIApp | None = None
        settings = config.discovery
        # kept across reloads, like the metrics; its limits are the first configuration's
        self.discovery = Discovery(
            max_shapes=settings.max_shapes,
            values_per_position=settings.values_per_position,
            max_clients=settings.max_clients,
        )
        self.shared = SharedDiscovery(self.discovery, shared_dir) if shared_dir is not None else None

    @property
    def transport(self) -> httpx.AsyncBaseTransport:
        """The one pooled upstream transport, shared by every configuration this gateway runs."""
        if self._transport is None:
            self._transport = UpstreamTransport(self.config.max_connections)
        return self._transport

    async def start(self) -> None:
        """Compile the configuration and check the rate-limit storage; raises ConfigError."""
        self._stack = await self._compile(self.config)

    async def reload(self, config: GatewayConfig) -> None:
        """Compile a new configuration and swap it in; on ConfigError the running one stays."""
        self._stack = await self._compile(config)
        self.config = config

    async def discovery_snapshot(self) -> dict[str, Any]:
        """What `/__accord/discovery` serves: this process's counts, or every worker's."""
        if self.shared is not None:
            return await self.shared.snapshot()
        return self.discovery.snapshot()

    async def close(self) -> None:
        if self.shared is not None:
            self.shared.write()
        for limiter in self._limiters.values():
            await limiter.close()
        for keys in self._jwks.values():
            await keys.close()
        if self._own_transport and self._transport is not None:
            await self._transport.aclose()

    async def _limiter(self, settings: RateLimitSettings) -> Limiter:
        key = settings.model_dump_json()
        limiter = self._limiters.get(key)
        if limiter is None:
            limiter = Limiter(settings)
            await limiter.check_storage()
            self._limiters[key] = limiter
        return limiter

    def _keys(self, url: str, settings: SecurityConfig) -> JwksCache:
        """One key cache per JWKS URL (and cache settings), kept across reloads."""
        timing = (settings.jwks_cache_seconds, settings.jwks_min_refresh_seconds, settings.jwks_timeout)
        keys = self._jwks.get((url, *timing))
        if keys is None:
            keys = self._jwks[url, *timing] = JwksCache(
                url, cache_seconds=timing[0], min_refresh_seconds=timing[1], timeout=timing[2]
            )
        return keys

    async def _compile(self, config: GatewayConfig) -> ASGIApp:
        runtime = compile_runtime(config, self._keys)
        limiter = None
        if any(api.rate_limits for api in runtime.apis):
            limiter = await self._limiter(config.rate_limits)
        return self._build(runtime, limiter)

    def _build(self, runtime: Runtime, limiter: Limiter | None) -> ASGIApp:
        config = runtime.config

        async def readiness() -> dict[str, bool]:
            checks = {"config": True}
            if limiter is not None:
                checks["rate_limit_storage"] = await limiter.ready()
            return checks

        specs: list[tuple[type, dict[str, Any]]] = []  # outermost first
        if config.access_log:
            specs.append((AccessLogMiddleware, {}))
        specs += [
            (MetricsMiddleware, {"metrics": self.metrics}),
            (OpsMiddleware, {"metrics": self.metrics, "readiness": readiness}),
        ]
        if config.discovery.enabled:
            self.discovery.catalogue = catalogue_of(
                (api.name, version.name, version.contracts)
                for api in runtime.apis
                for version in api.versions.values()
            )
            specs.append(
                (
                    DiscoveryMiddleware,
                    {
                        "discovery": self.discovery,
                        "snapshot": self.discovery_snapshot,
                        "allow": config.discovery.allow,
                    },
                )
            )
        specs += [
            (
                RequestContextMiddleware,
                {
                    "trusted": runtime.trusted,
                    "max_body": config.max_body_bytes,
                    "max_header_bytes": config.max_header_bytes,
                },
            ),
        ]
        if any(api.cors is not None for api in runtime.apis):
            specs.append((CorsMiddleware, {"runtime": runtime}))
        specs.append((RoutingMiddleware, {"runtime": runtime}))
        if any(api.security is not None for api in runtime.apis):
            specs.append((SecurityMiddleware, {}))
        if limiter is not None:
            specs.append(
                (
                    RateLimitMiddleware,
                    {
                        "limiter": limiter,
                        "x_headers": config.rate_limits.x_headers,
                        "on_decision": self.metrics.rate_limit_decision,
                    },
                )
            )
        specs.append((DeprecationMiddleware, {}))
        if any(
            v.validation.requests != "off" or v.validation.responses != "off"
            for api in runtime.apis
            for v in api.versions.values()
        ):
            specs.append((ValidationMiddleware, {"on_violation": self.metrics.contract_violation}))
        app: ASGIApp = UpstreamProxy(
            self.transport,
            connect_timeout=config.connect_timeout,
            upstream_timeout=config.upstream_timeout,
            on_upstream_error=self.metrics.upstream_error,
        )
        for cls, options in reversed(specs):
            app = cls(app, **options)
        return app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        stack = self._stack
        if stack is None:
            raise RuntimeError("Gateway.start() was not awaited")
        await stack(scope, receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        await serve_lifespan(receive, send, startup=self._start_once, shutdown=self.close)

    async def _start_once(self) -> None:
        if self._stack is None:
            await self.start()
