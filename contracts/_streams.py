"""Sequential media types (OpenAPI 3.2): bodies that are a stream of items, each described by `itemSchema`.

One table says which media types are sequential and how their items are framed on the wire, and one
pair of functions frames and unframes items; the model, lint, the HTTP runtime (mock and gateway) and
the generated clients all use them from here.

Server-Sent Events items are the event's fields as an object (`{"event": ..., "data": ..., "id": ...,
"retry": ...}`), as OpenAPI 3.2 describes them; `data` is text (several `data:` lines are joined
with a line feed). JSON Lines / NDJSON put one JSON text per line; `application/json-seq` (RFC 7464)
puts a record separator before each.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import orjson

__all__ = ["SEQUENTIAL_MEDIA_TYPES", "StreamError", "frame_item", "stream_framing", "unframe_items"]

# media type essence -> framing of one item: "sse" (Server-Sent Events), "lines" (one JSON text per
# line: JSON Lines, NDJSON), "json-seq" (RFC 7464: a record separator before each JSON text)
SEQUENTIAL_MEDIA_TYPES = {
    "text/event-stream": "sse",
    "application/jsonl": "lines",
    "application/x-ndjson": "lines",
    "application/x-jsonlines": "lines",
    "application/json-seq": "json-seq",
}
_SSE_FIELDS = ("event", "id", "retry")
_RS = b"\x1e"


class StreamError(ValueError):
    """A streamed body whose items cannot be read (the message names the item)."""


def stream_framing(media_type: str) -> str | None:
    """How items of a media type are framed ("sse", "lines", "json-seq"), or None if it is not sequential."""
    essence = media_type.split(";", 1)[0].strip().lower()
    return SEQUENTIAL_MEDIA_TYPES.get(essence)


def frame_item(item: Any, framing: str) -> bytes:
    """One item as it goes on the wire: an SSE event (fields from an object), a JSON line, a JSON-seq record."""
    if framing == "lines":
        return orjson.dumps(item) + b"\n"
    if framing == "json-seq":
        return _RS + orjson.dumps(item) + b"\n"
    fields = item if isinstance(item, dict) else {"data": item}
    lines = [f"{name}: {_line(fields[name])}" for name in _SSE_FIELDS if fields.get(name) is not None]
    data = fields.get("data")
    if data is not None:
        text = data if isinstance(data, str) else orjson.dumps(data).decode()
        lines += [f"data: {line}" for line in text.split("\n")]
    return ("\n".join(lines) + "\n\n").encode()


def unframe_items(body: bytes | Iterable[bytes], framing: str) -> Iterator[Any]:
    """The items of a streamed body (bytes, or chunks as they arrive); StreamError names a bad item."""
    buffer = b""
    index = 0
    separator = b"\n\n" if framing == "sse" else b"\n" if framing == "lines" else _RS
    for chunk in [body] if isinstance(body, bytes) else body:
        buffer += chunk
        if framing == "sse":
            buffer = buffer.replace(b"\r\n", b"\n")
        *complete, buffer = buffer.split(separator)
        for raw in complete:
            if raw.strip():
                yield _item(raw, framing, index)
                index += 1
    if buffer.strip():
        yield _item(buffer, framing, index)


def _line(value: Any) -> str:
    return str(value).replace("\n", " ")


def _item(raw: bytes, framing: str, index: int) -> Any:
    if framing == "sse":
        return _event(raw, index)
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise StreamError(f"item {index} is not valid JSON: {exc}") from None


def _event(raw: bytes, index: int) -> dict[str, Any]:
    """One SSE event block as an object of its fields (comments dropped, `data` lines joined)."""
    try:
        text = raw.decode()
    except UnicodeDecodeError:
        raise StreamError(f"event {index} is not UTF-8") from None
    event: dict[str, Any] = {}
    data: list[str] = []
    for line in text.split("\n"):
        if not line or line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "data":
            data.append(value)
        elif name == "retry" and value.isdigit():
            event["retry"] = int(value)
        elif name in ("event", "id"):
            event[name] = value
    if data:
        event["data"] = "\n".join(data)
    return event
