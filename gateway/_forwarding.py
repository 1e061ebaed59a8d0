"""What a proxy changes in the headers it passes on: hop-by-hop removal and Forwarded / X-Forwarded-*.

Incoming `Forwarded` and `X-Forwarded-*` are kept (and the client address is read from them) only
when the connection comes from a configured trusted proxy; otherwise they are replaced.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

__all__ = ["HOP_BY_HOP", "TrustedProxies", "first_header", "forwarded_headers", "strip_hop_by_hop"]

# RFC 9110 7.6.1, plus the proxy-only fields of RFC 2616 13.5.1
HOP_BY_HOP = frozenset(
    {
        b"connection",
        b"proxy-connection",
        b"keep-alive",
        b"te",
        b"trailer",
        b"transfer-encoding",
        b"upgrade",
        b"proxy-authenticate",
        b"proxy-authorization",
    }
)
_FORWARDING = frozenset({b"forwarded", b"x-forwarded-for", b"x-forwarded-proto", b"x-forwarded-host"})


def first_header(headers: Iterable[tuple[bytes, bytes]], name: bytes) -> bytes | None:
    """The first value of a (lower-case) header name, or None."""
    for key, value in headers:
        if key == name:
            return value
    return None


def strip_hop_by_hop(
    headers: Iterable[tuple[bytes, bytes]], dropped: frozenset[bytes] = HOP_BY_HOP
) -> list[tuple[bytes, bytes]]:
    """The end-to-end headers: hop-by-hop ones and every field named in `Connection` removed
    (`dropped`: the hop-by-hop names with any others the caller drops too, in one pass)."""
    headers = list(headers)
    named: frozenset[bytes] | set[bytes] = dropped
    for name, value in headers:
        if name == b"connection":
            named = set(named)
            named.update(token.strip().lower() for token in value.split(b",") if token.strip())
    return [header for header in headers if header[0] not in named]


class TrustedProxies:
    """The configured proxy addresses and networks whose forwarding headers are believed."""

    def __init__(self, networks: Iterable[str]) -> None:
        self._networks = [ipaddress.ip_network(n, strict=False) for n in networks]

    def __bool__(self) -> bool:
        return bool(self._networks)

    def trusts(self, address: str | None) -> bool:
        if not address or not self._networks:
            return False
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self._networks)

    def client_address(self, peer: str | None, forwarded_for: list[str]) -> str | None:
        """The nearest address, walking X-Forwarded-For from the right, that is not a trusted proxy."""
        if not self.trusts(peer):
            return peer
        for hop in reversed(forwarded_for):
            if not self.trusts(hop):
                return hop
        return forwarded_for[0] if forwarded_for else peer


def _split(values: list[bytes]) -> list[str]:
    return [part.strip().decode("latin-1") for value in values for part in value.split(b",") if part.strip()]


def _node(address: str) -> str:
    """An RFC 7239 node: IPv6 addresses are quoted and bracketed."""
    return f'"[{address}]"' if ":" in address else address


def forwarded_headers(
    headers: list[tuple[bytes, bytes]],
    peer: str | None,
    scheme: str,
    trusted: TrustedProxies,
) -> tuple[list[tuple[bytes, bytes]], str | None]:
    """Headers to send upstream (forwarding fields rewritten) and the client address they name."""
    from_proxy = trusted.trusts(peer)
    xff = _split([v for n, v in headers if n == b"x-forwarded-for"]) if from_proxy else []
    client = trusted.client_address(peer, xff)
    prior_forwarded = [v for n, v in headers if n == b"forwarded"] if from_proxy else []
    proto = first_header(headers, b"x-forwarded-proto") if from_proxy else None
    host = first_header(headers, b"host")
    out = [(n, v) for n, v in headers if n not in _FORWARDING]
    if peer:
        out.append((b"x-forwarded-for", ", ".join([*xff, peer]).encode("latin-1")))
        element = f"for={_node(peer)};proto={scheme}"
        if host:
            element += f';host="{host.decode("latin-1")}"'
        out.append((b"forwarded", b", ".join([*prior_forwarded, element.encode("latin-1")])))
    out.append((b"x-forwarded-proto", proto or scheme.encode()))
    if host:
        out.append((b"x-forwarded-host", host))
    return out, client
