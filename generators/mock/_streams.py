"""Streamed responses (OpenAPI 3.2 sequential media types with `itemSchema`): a few generated items,
framed as Server-Sent Events, JSON Lines or JSON text sequences, each sent as its own chunk.

An SSE item whose `data` declares `contentMediaType: application/json` and a `contentSchema` carries
a generated value of that schema as JSON text, so clients that parse `data` get a real value.
"""

from __future__ import annotations

import random
from typing import Any

import orjson
from accord.contracts import frame_item, stream_framing

from ._generate import Generator

__all__ = ["STREAM_ITEMS", "stream_chunks"]

STREAM_ITEMS = 3  # items in a generated stream


def stream_chunks(
    generator: Generator, item_schema: Any, validator: Any, media_type: str, rng: random.Random
) -> tuple[list[Any], tuple[bytes, ...]]:
    """(items, one framed chunk per item) for a streamed response of `media_type`."""
    framing = stream_framing(media_type) or "lines"
    items = [_item(generator, item_schema, validator, rng, framing) for _ in range(STREAM_ITEMS)]
    return items, tuple(frame_item(item, framing) for item in items)


def _item(generator: Generator, schema: Any, validator: Any, rng: random.Random, framing: str) -> Any:
    item = generator.value(schema, rng)
    if validator is not None and not validator.is_valid(item):
        retry = generator.value(schema, rng, use_examples=False)
        item = retry if validator.is_valid(retry) else item
    if framing == "sse" and isinstance(item, dict):
        content = _json_content_schema(generator, schema)
        if content is not None:
            item = {**item, "data": orjson.dumps(generator.value(content, rng)).decode()}
    return item


def _json_content_schema(generator: Generator, schema: Any) -> Any:
    """The `contentSchema` of an SSE item's `data` when it is JSON text (`contentMediaType` JSON)."""
    resolved, _ = generator.resolve(schema)
    properties = resolved.get("properties") if isinstance(resolved, dict) else None
    data, _ = generator.resolve(properties.get("data")) if isinstance(properties, dict) else (None, None)
    if not isinstance(data, dict) or "contentSchema" not in data:
        return None
    media = str(data.get("contentMediaType", "application/json")).lower()
    return data["contentSchema"] if media == "application/json" or media.endswith("+json") else None
