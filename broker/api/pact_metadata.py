"""The metadata segment of a pact's URL (`.../pact-version/{sha}/metadata/{metadata}`): what selected
the pact (its consumer version, the tag it was fetched by, the selectors of a pacts-for-verification
answer), carried through to the verification results published at the URL below it, so that their
webhooks name the consumer versions that were verified (a commit status goes to the right commit).

Encoded as the Pact Broker encodes it: a nested query string (`cvn=1&cvt%5B%5D=dev`, Rack's form), in
URL-safe base64 without padding. Keys, as there: `cvn` consumer version number, `cvt` consumer version
tags, `s` selectors (each with `t` tag, `b` branch, `l` latest, `cvn`), `p` pending, `w` work in
progress. (The Pact Broker names a consumer version by its row id, `cv`; accord by its number.)"""

from __future__ import annotations

import base64
import binascii
from typing import Any
from urllib.parse import parse_qsl, quote_plus

__all__ = ["consumer_versions", "decode", "encode"]


def _pairs(value: Any, prefix: str) -> list[str]:
    if isinstance(value, list):
        return [pair for item in value for pair in _pairs(item, f"{prefix}[]")]
    if isinstance(value, dict):
        return [pair for key, item in value.items() for pair in _pairs(item, f"{prefix}[{key}]")]
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return [f"{quote_plus(prefix)}={quote_plus(text)}"]


def encode(metadata: dict[str, Any]) -> str:
    query = "&".join(pair for key, value in metadata.items() for pair in _pairs(value, key))
    return base64.urlsafe_b64encode(query.encode()).decode().rstrip("=")


def decode(segment: str) -> dict[str, Any]:
    """What `encode` wrote; {} for a segment that is not metadata (the Pact Broker ignores it too)."""
    try:
        query = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)).decode()
    except (binascii.Error, ValueError):
        return {}
    out: dict[str, Any] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        name, _, rest = key.partition("[")
        if not rest:
            out[name] = value
            continue
        items = out.setdefault(name, [])
        if not isinstance(items, list):
            continue
        if rest == "]":
            items.append(value)
        elif rest.startswith("][") and rest.endswith("]"):  # a list of objects: s[][t]=dev&s[][cvn]=1
            field = rest[2:-1]
            if not items or not isinstance(items[-1], dict) or field in items[-1]:
                items.append({})
            items[-1][field] = value
    return out


def consumer_versions(segment: str) -> list[tuple[str, list[str] | None]]:
    """The consumer versions a verification published below this segment verified, each with the tags
    it was selected by (None: not selected by tag, its own tags stand); [] when the segment names none.
    Selectors that chose one version are one entry, as the Pact Broker makes one event per version."""
    metadata = decode(segment)
    selectors = metadata.get("s")
    if isinstance(selectors, list):
        tags: dict[str, list[str]] = {}
        for selector in selectors:
            if isinstance(selector, dict) and selector.get("cvn"):
                found = tags.setdefault(selector["cvn"], [])
                if selector.get("t") and selector["t"] not in found:
                    found.append(selector["t"])
        return list(tags.items())
    if isinstance(metadata.get("cvn"), str):
        cvt = metadata.get("cvt")
        return [(metadata["cvn"], cvt if isinstance(cvt, list) else None)]
    return []
