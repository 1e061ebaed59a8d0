"""What the gateway learns about one request, shared by its middlewares through `scope["accord"]`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ._types import Scope

if TYPE_CHECKING:
    from accord.contracts.http import CompiledOperation

    from ._runtime import ApiRuntime, VersionRuntime

__all__ = ["RequestContext", "context_of"]


@dataclass(slots=True)
class RequestContext:
    request_id: str
    client: str | None  # the client address (after trusted proxies)
    upstream_headers: list[tuple[bytes, bytes]]  # request headers to send on, forwarding fields set
    max_body: int
    api: ApiRuntime | None = None
    version: VersionRuntime | None = None
    operation: CompiledOperation | None = None  # the contract's operation this request calls
    path_params: dict[str, str] = field(default_factory=dict)
    claims: dict[str, Any] | None = None  # the verified token's claims, when security verified one
    upstream_path: str = "/"  # the path below the upstream base URL
    notes: dict[str, Any] = field(default_factory=dict)  # extra fields for the access log
    # headers the gateway sets on the response (innermost middleware's first), see `set_headers`
    response_headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    status: int = 500  # the response status, once it has started

    def set_headers(self, headers: list[tuple[bytes, bytes]]) -> None:
        """Set these fields on whatever response this request gets from here on (the upstream's
        answer or a problem sent further in). Inner middlewares' fields come first, as when each
        middleware wrapped `send`."""
        self.response_headers[:0] = headers

    @property
    def operation_id(self) -> str | None:
        return self.operation.operation.operation_id if self.operation is not None else None

    @property
    def route_label(self) -> str:
        """How metrics and logs name the route: the operationId, else `GET /path/{template}`, else `-`."""
        if self.operation is not None:
            return self.operation.operation.operation_id or self.operation.operation.key
        return "-"


def context_of(scope: Scope) -> RequestContext:
    return scope["accord"]
