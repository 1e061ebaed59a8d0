"""Prometheus metrics: the collectors (one registry per gateway process) and the middleware feeding them.

Under `workers: N` the supervisor sets PROMETHEUS_MULTIPROC_DIR for its workers before they import
prometheus_client, so every value is kept in that folder's files and any worker's `/-/metrics`
answers the sum over all of them (prometheus_client's multiprocess mode)."""

from __future__ import annotations

import os
import time
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, multiprocess

from ._types import ASGIApp, Receive, Scope, Send

__all__ = ["GatewayMetrics", "MetricsMiddleware"]

_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)


class GatewayMetrics:
    """Requests, latency, upstream errors and rate-limit decisions, labelled per API, version and route."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "accord_gateway_requests",
            "Requests answered, by API, version, route (operationId) and status.",
            ["api", "version", "route", "method", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "accord_gateway_request_duration_seconds",
            "Time from the request's arrival to the end of the response.",
            ["api", "version", "route"],
            buckets=_BUCKETS,
            registry=self.registry,
        )
        self.upstream_errors = Counter(
            "accord_gateway_upstream_errors",
            "Upstream calls that failed: connect (502), timeout (504), stream (cut mid-response).",
            ["api", "version", "kind"],
            registry=self.registry,
        )
        self.rate_limit_decisions = Counter(
            "accord_gateway_rate_limit_decisions",
            "Rate-limit decisions per API, route and policy: allowed, limited, storage_down.",
            ["api", "route", "policy", "decision"],
            registry=self.registry,
        )
        self.contract_violations = Counter(
            "accord_gateway_contract_violations",
            "Requests and responses that did not match the contract (direction: request, response).",
            ["api", "version", "route", "direction"],
            registry=self.registry,
        )

        self._children: dict[tuple, Any] = {}
        self._answered: dict[tuple[str, str, str, str, int], tuple[Any, Any]] = {}

    def exposition(self) -> bytes:
        """The text `/-/metrics` serves: this process's registry, or every worker's files summed."""
        folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
        if not folder:
            return generate_latest(self.registry)
        merged = CollectorRegistry()
        multiprocess.MultiProcessCollector(merged, folder)
        return generate_latest(merged)

    def child(self, metric: Any, *labels: str) -> Any:
        """`metric.labels(*labels)`, remembered: the lookup is otherwise paid on every request."""
        key = (id(metric), *labels)
        found = self._children.get(key)
        if found is None:
            found = self._children[key] = metric.labels(*labels)
        return found

    def answered(self, api: str, version: str, route: str, method: str, status: int) -> tuple[Any, Any]:
        """(requests counter, latency histogram) children for one kind of answer, remembered: one
        dictionary lookup per request instead of two label lookups."""
        key = (api, version, route, method, status)
        found = self._answered.get(key)
        if found is None:
            found = self._answered[key] = (
                self.child(self.requests, api, version, route, method, str(status)),
                self.child(self.latency, api, version, route),
            )
        return found

    def contract_violation(self, ctx, direction: str) -> None:
        self.child(self.contract_violations, ctx.api.name, ctx.version.name, ctx.route_label, direction).inc()

    def upstream_error(self, scope: Scope, kind: str) -> None:
        ctx = scope["accord"]
        self.child(self.upstream_errors, ctx.api.name, ctx.version.name, kind).inc()

    def rate_limit_decision(self, ctx, decision) -> None:
        outcome = "storage_down" if decision.storage_down else "allowed" if decision.allowed else "limited"
        self.child(
            self.rate_limit_decisions, ctx.api.name, ctx.route_label, decision.policy.name, outcome
        ).inc()


class MetricsMiddleware:
    def __init__(self, app: ASGIApp, metrics: GatewayMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/-/"):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        try:
            await self.app(scope, receive, send)
        finally:
            ctx = scope.get("accord")
            status = ctx.status if ctx is not None else 500
            api = ctx.api.name if ctx is not None and ctx.api is not None else "-"
            version = ctx.version.name if ctx is not None and ctx.version is not None else "-"
            route = ctx.route_label if ctx is not None else "-"
            requests, latency = self.metrics.answered(api, version, route, scope["method"], status)
            requests.inc()
            latency.observe(time.perf_counter() - started)
