"""Response headers the gateway sets: collected on the request's context, applied once on the way out."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["with_headers"]

_LISTS = frozenset({b"link", b"vary"})  # fields where the upstream's values are kept and ours appended


def with_headers(
    headers: Sequence[tuple[bytes, bytes]], extra: Sequence[tuple[bytes, bytes]]
) -> list[tuple[bytes, bytes]]:
    """`headers` with `extra` set: the gateway's value replaces the upstream's (an upstream's own
    `Deprecation` or `RateLimit` would contradict it), except for `Link` and `Vary`, where both are kept."""
    replaced = {name for name, _ in extra} - _LISTS
    return [*(h for h in headers if h[0].lower() not in replaced), *extra]
