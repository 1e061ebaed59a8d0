"""Sequential media types (OpenAPI 3.2): bodies that are a stream of items, each described by `itemSchema`.

One table says which media types are sequential and how their items are framed on the wire; the
model, lint, the mock and the generators all read it from here.
"""

from __future__ import annotations

__all__ = ["SEQUENTIAL_MEDIA_TYPES", "stream_framing"]

# media type essence -> framing of one item: "sse" (Server-Sent Events), "lines" (one JSON text per
# line, RFC 7464-less JSON Lines / NDJSON), "json-seq" (RFC 7464: RS before each JSON text)
SEQUENTIAL_MEDIA_TYPES = {
    "text/event-stream": "sse",
    "application/jsonl": "lines",
    "application/x-ndjson": "lines",
    "application/x-jsonlines": "lines",
    "application/json-seq": "json-seq",
}


def stream_framing(media_type: str) -> str | None:
    """How items of a media type are framed ("sse", "lines", "json-seq"), or None if it is not sequential."""
    essence = media_type.split(";", 1)[0].strip().lower()
    return SEQUENTIAL_MEDIA_TYPES.get(essence)
