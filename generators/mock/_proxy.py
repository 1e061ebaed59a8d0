"""Proxy mode (`accord mock --proxy URL`): the request goes to a real upstream as it came; the mock
validates the request and the upstream's response against the contract and reports what they broke.

The upstream's answer is passed on as it is, less the headers that frame one hop of the connection
(the body is read whole and sent with its own length). An upstream that cannot be reached is an
`error`, not an exception: the caller decides between a 502 and the mock's own answer (`--fallback`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx

__all__ = ["Upstream", "UpstreamAnswer"]

# hop-by-hop headers (RFC 9110 section 7.6.1), and those that describe the body as it was framed or
# encoded upstream: httpx decodes it, and the mock sends it with its own length
_NOT_FORWARDED = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-connection",
        "transfer-encoding",
        "te",
        "trailer",
        "upgrade",
        "content-length",
        "content-encoding",
        "host",
    }
)


@dataclass(slots=True)
class UpstreamAnswer:
    status: int = 0
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    header_map: dict[str, str] = field(default_factory=dict)  # lower-case names, for validation
    body: bytes = b""
    error: str | None = None  # the upstream could not be reached (connection refused, timeout ...)


class Upstream:
    """One connection pool to the upstream, for the life of the server."""

    def __init__(self, url: str, timeout: float = 30.0) -> None:
        self.url = url.rstrip("/")
        self._client = httpx.AsyncClient(timeout=timeout, follow_redirects=False)

    async def send(
        self, method: str, path: str, query: str, headers: dict[str, str], body: bytes
    ) -> UpstreamAnswer:
        target = self.url + path + ("?" + query if query else "")
        sent = {k: v for k, v in headers.items() if k not in _NOT_FORWARDED}
        try:
            response = await self._client.request(method, target, headers=sent, content=body or None)
        except httpx.HTTPError as exc:
            return UpstreamAnswer(error=f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)
        kept = [
            (k.lower(), v)
            for k, v in response.headers.raw
            if k.decode("latin-1").lower() not in _NOT_FORWARDED
        ]
        header_map = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in kept}
        return UpstreamAnswer(response.status_code, kept, header_map, response.content)

    async def close(self) -> None:
        await self._client.aclose()
