"""A pact document read for people: its interactions, HTTP or message, in one shape whatever the Pact
specification version (V2/V3 `interactions`, V3 `messages`, V4 typed interactions)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Exchange", "Interaction", "document", "interactions"]


@dataclass(frozen=True)
class Exchange:
    """One side of an interaction: a request, a response or a message."""

    title: str  # "GET /orders?id=1", "200", "Message"
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: str | None = None  # pretty JSON, or the text as given


@dataclass(frozen=True)
class Interaction:
    kind: str  # "HTTP", "Asynchronous message", "Synchronous message"
    description: str
    states: list[str]
    parts: list[Exchange]


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, indent=2, ensure_ascii=False)


def _body(value: Any) -> str | None:
    """A V4 body is {"content": ..., "contentType": ..., "encoded": ...}; older ones are the value."""
    if isinstance(value, dict) and "content" in value and set(value) <= {"content", "contentType", "encoded"}:
        value = value["content"]
    return None if value is None else _text(value)


def _headers(value: Any) -> list[tuple[str, str]]:
    if not isinstance(value, dict):
        return []
    return [(str(k), ", ".join(map(str, v)) if isinstance(v, list) else str(v)) for k, v in value.items()]


def _query(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return "&".join(
            f"{k}={v}"
            for k, values in value.items()
            for v in (values if isinstance(values, list) else [values])
        )
    return ""


def _states(item: dict[str, Any]) -> list[str]:
    if isinstance(item.get("providerState"), str):
        return [item["providerState"]]
    states = item.get("providerStates")
    if not isinstance(states, list):
        return []
    return [str(s.get("name", "")) if isinstance(s, dict) else str(s) for s in states]


def _request(request: Any) -> Exchange:
    request = request if isinstance(request, dict) else {}
    query = _query(request.get("query"))
    title = f"{request.get('method', '')} {request.get('path', '')}" + (f"?{query}" if query else "")
    return Exchange(title, _headers(request.get("headers")), _body(request.get("body")))


def _response(response: Any) -> Exchange:
    response = response if isinstance(response, dict) else {}
    return Exchange(
        f"Status {response.get('status', '')}",
        _headers(response.get("headers")),
        _body(response.get("body")),
    )


def _message(title: str, message: Any) -> Exchange:
    message = message if isinstance(message, dict) else {}
    return Exchange(title, _headers(message.get("metadata")), _body(message.get("contents")))


def _interaction(item: Any, in_messages: bool) -> Interaction | None:
    if not isinstance(item, dict):
        return None
    kind = str(item.get("type") or "")
    description, states = str(item.get("description", "")), _states(item)
    if kind == "Synchronous/Messages":
        replies = item.get("response") if isinstance(item.get("response"), list) else []
        parts = [_message("Request message", item.get("request"))]
        parts += [_message("Response message", reply) for reply in replies]
        return Interaction("Synchronous message", description, states, parts)
    if kind == "Asynchronous/Messages" or in_messages or "contents" in item:
        return Interaction("Asynchronous message", description, states, [_message("Message", item)])
    return Interaction(
        "HTTP", description, states, [_request(item.get("request")), _response(item.get("response"))]
    )


def interactions(content: str) -> list[Interaction]:
    """The pact's interactions, in the order the pact lists them (HTTP ones, then V3 messages)."""
    try:
        pact = json.loads(content)
    except ValueError:
        return []
    if not isinstance(pact, dict):
        return []
    found = []
    for key, in_messages in (("interactions", False), ("messages", True)):
        items = pact.get(key)
        for item in items if isinstance(items, list) else ():
            interaction = _interaction(item, in_messages)
            if interaction is not None:
                found.append(interaction)
    return found


def document(content: str) -> str:
    """The whole pact for people: its JSON pretty-printed (content that is not JSON as stored)."""
    try:
        return _text(json.loads(content))
    except ValueError:
        return content
