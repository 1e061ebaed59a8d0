"""Text the broker stores is checked the same way on SQLite and PostgreSQL, before any route reads it.

PostgreSQL refuses a NUL character in text and a value longer than its `varchar(255)` column, and
SQLite stores both; so that neither database decides, a request is refused here with 400 and the
Pact Broker's `errors` shape when:

- a path segment or query value holds a control character (any method: a NUL in a lookup is an
  error on PostgreSQL too);
- a path segment of a write (PUT, POST, PATCH, DELETE) is longer than 255 characters, the cap the
  publish schema states for names, versions, tags, branches and environment names;
- a JSON body holds a NUL in a string the broker stores as text (not inside a pact's interactions, a
  webhook's body or test results, kept as JSON documents), or a name, version, tag, branch or environment name (the
  top-level fields that hold one, those of each `contracts` item, `consumer.name`, `provider.name`)
  holds a control character or is longer than 255 characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, unquote

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .paths import request_path
from .problems import problem

__all__ = ["MAX_NAME_LENGTH", "SafeText"]

MAX_NAME_LENGTH = 255
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_WRITES = ("PUT", "POST", "PATCH", "DELETE")
_DOCUMENTS = {"interactions", "messages", "metadata", "body", "testResults", "verifiedBy", "content"}
_NAMES = {  # fields that hold a name, a version, a tag, a branch or an environment name
    "name",
    "pacticipantName",
    "pacticipantVersionNumber",
    "consumerName",
    "providerName",
    "providerApplicationVersion",
    "branch",
    "mainBranch",
    "providerApplicationVersionBranch",
    "tags",
    "providerApplicationVersionTags",
    "number",
    "version",
    "environment",
}


def _path_errors(scope: Scope) -> dict[str, list[str]]:
    raw = scope.get("raw_path") or scope["path"].encode()
    segments = [unquote(s.decode("latin-1"), errors="replace") for s in raw.split(b"/")]
    query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    if any(_CONTROL.search(text) for text in segments) or any(
        _CONTROL.search(k) or _CONTROL.search(v) for k, v in query
    ):
        return {"path": ["must not contain control characters"]}
    if scope["method"] in _WRITES and any(len(s) > MAX_NAME_LENGTH for s in segments):
        return {"path": [f"each part must be at most {MAX_NAME_LENGTH} characters"]}
    return {}


def _strings(value: Any, where: str) -> Iterator[tuple[str, str]]:
    """Every string (keys too) in a JSON value with where it is, walked without recursion; documents
    kept whole (a pact's interactions, a webhook's body, test results) are not walked: a NUL there is
    kept escaped in the stored JSON text."""
    stack = [(value, where)]
    while stack:
        item, at = stack.pop()
        if isinstance(item, str):
            yield at, item
        elif isinstance(item, dict):
            for key, inner in item.items():
                yield at, key
                if key not in _DOCUMENTS:
                    stack.append((inner, f"{at}.{key}" if at else key))
        elif isinstance(item, list):
            stack.extend((inner, f"{at}[{i}]") for i, inner in enumerate(item))


def _named(document: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """(field, value) of each field that holds a name, where the broker's bodies put them."""
    places: list[tuple[str, Any]] = [("", document)]
    places += [
        (f"contracts[{i}].", c) for i, c in enumerate(document.get("contracts") or []) if isinstance(c, dict)
    ]
    places += [(f"{k}.", document[k]) for k in ("consumer", "provider") if isinstance(document.get(k), dict)]
    for prefix, place in places:
        for key in _NAMES & place.keys():
            yield prefix + key, place[key]


def _body_errors(body: bytes) -> dict[str, list[str]]:
    try:
        document = orjson.loads(body)
    except orjson.JSONDecodeError:
        return {}  # the route says what is wrong with it
    errors: dict[str, list[str]] = {}
    for at, text in _strings(document, ""):
        if "\x00" in text:
            errors.setdefault(at or "body", ["must not contain a NUL character"])
    if isinstance(document, dict):
        for field, value in _named(document):
            for text in value if isinstance(value, list) else [value]:
                if not isinstance(text, str):
                    continue
                if _CONTROL.search(text):
                    errors.setdefault(field, ["must not contain control characters"])
                elif len(text) > MAX_NAME_LENGTH:
                    errors.setdefault(field, [f"must be at most {MAX_NAME_LENGTH} characters"])
    return errors


class SafeText:
    """The checks of the module docstring, as an ASGI middleware (the body is read once and replayed)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        errors = _path_errors(scope)
        replay: list[Message] = []
        if not errors and scope["method"] in _WRITES:
            body, more = b"", True
            while more:
                message = await receive()
                replay.append(message)
                body += message.get("body", b"")
                more = message["type"] == "http.request" and message.get("more_body", False)
            errors = _body_errors(body)
        if errors:
            accept = dict(scope.get("headers") or []).get(b"accept", b"").decode("latin-1") or None
            detail = "; ".join(f"{k}: {v[0]}" for k, v in errors.items())
            answer = problem(400, "Validation errors", detail, request_path(scope), errors, accept=accept)
            await answer(scope, receive, send)
            return
        if not replay:
            await self.app(scope, receive, send)
            return

        async def replayed() -> Message:
            return replay.pop(0) if replay else await receive()

        await self.app(scope, replayed, send)
