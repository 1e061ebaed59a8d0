"""Reading AsyncAPI Message objects (shared by 2.x and 3.x)."""

from __future__ import annotations

from typing import Any

from .._contract import Contract
from .._model import Message
from .._nodes import deref, listing, mapping


def read_message(contract: Contract, raw: Any, pointer: str, fallback_name: str) -> Message:
    message, pointer = deref(contract, raw, pointer)
    payload = message.get("payload")
    schema_format = message.get("schemaFormat")
    if isinstance(payload, dict) and "schemaFormat" in payload and "schema" in payload:
        schema_format = payload["schemaFormat"]  # 3.x Multi Format Schema object
        payload = payload["schema"]
    headers = message.get("headers")
    if isinstance(headers, dict) and "schemaFormat" in headers and "schema" in headers:
        headers = headers["schema"]
    name = message.get("name") or message.get("messageId") or _last_token(pointer) or fallback_name
    return Message(
        name=str(name),
        pointer=pointer,
        payload=payload,
        headers=headers,
        examples=[mapping(e) for e in listing(message.get("examples"))],
        content_type=message.get("contentType") or contract.document.get("defaultContentType"),
        schema_format=schema_format,
        message_id=message.get("messageId"),
        title=message.get("title"),
        bindings=mapping(message.get("bindings")),
        correlation_id=message.get("correlationId"),
    )


def _last_token(pointer: str) -> str | None:
    token = pointer.rsplit("/", 1)[-1]
    return (
        None if token.isdigit() or token in ("message", "") else token.replace("~1", "/").replace("~0", "~")
    )
