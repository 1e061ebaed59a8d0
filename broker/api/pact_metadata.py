"""The metadata segment of a pact's URL (`.../pact-version/{sha}/metadata/{metadata}`): what selected
the pact (its consumer version, the tag it was fetched by), carried through to the verification
results published at the URL below it, so that their webhooks name that consumer version.

Encoded as the Pact Broker encodes it: a nested query string (`cvn=1&cvt%5B%5D=dev`, Rack's form),
in URL-safe base64 without padding. Keys, as there: `cvn` consumer version number, `cv` consumer
version id, `cvt` consumer version tags, `w` triggered by a publication's webhook."""

from __future__ import annotations

import base64
import binascii
from typing import Any
from urllib.parse import parse_qsl, quote_plus

__all__ = ["decode", "encode"]


def _pairs(value: Any, prefix: str) -> list[str]:
    if isinstance(value, list):
        return [pair for item in value for pair in _pairs(item, f"{prefix}[]")]
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
        if key.endswith("[]"):
            items = out.setdefault(key[:-2], [])
            if isinstance(items, list):
                items.append(value)
        else:
            out[key] = value
    return out
