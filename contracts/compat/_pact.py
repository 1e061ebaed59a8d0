"""Reading a Pact file (specification V2, V3 or V4) into plain interactions: HTTP ones and messages.

Each interaction keeps where it sits in the pact (`[root].interactions[0]`) so findings can point at
it, and its matching rules normalised to one form per category (V2 `$.body.a` and V3/V4
`{"body": {"$.a": {"matchers": [...]}}}` both become `{"body": {("a",): [rule, ...]}}`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

__all__ = [
    "MAX_DEPTH",
    "HttpInteraction",
    "MessageInteraction",
    "Pact",
    "PactError",
    "parse_pact",
    "read_pact",
]

MAX_DEPTH = 256  # nesting levels; a deeper pact is hostile, not an expectation

Rules = dict[str, dict[tuple[str, ...], list[dict[str, Any]]]]  # category -> path tokens -> rules
_TOKEN = re.compile(r"\.([^.\[\]]+)|\['([^']*)'\]|\[(\*|\d+)\]|\.(\*)")


class PactError(ValueError):
    """A pact file that cannot be read: one line naming the file and the problem."""


@dataclass(slots=True)
class HttpInteraction:
    description: str
    state: str
    location: str  # "[root].interactions[0]"
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-case names
    body: Any
    has_body: bool
    status: int
    response_headers: dict[str, str]
    response_body: Any
    has_response_body: bool
    rules: Rules = field(default_factory=dict)  # request rules
    response_rules: Rules = field(default_factory=dict)


@dataclass(slots=True)
class MessageInteraction:
    description: str
    state: str
    location: str
    contents: Any
    content_type: str | None
    metadata: dict[str, Any]
    rules: Rules = field(default_factory=dict)


@dataclass(slots=True)
class Pact:
    file: str
    consumer: str
    provider: str
    version: str  # "2.0.0", "3.0.0", "4.0"
    http: list[HttpInteraction]
    messages: list[MessageInteraction]


def read_pact(path: str | Path) -> Pact:
    """Read a pact file; PactError when it is not JSON or not a pact."""
    name = str(path)
    try:
        data = orjson.loads(Path(path).read_bytes())
    except OSError as exc:
        raise PactError(f"{name}: cannot read: {exc.strerror or exc}") from None
    except orjson.JSONDecodeError as exc:
        raise PactError(f"{name}: not JSON: {exc}") from None
    return parse_pact(data, name)


def parse_pact(data: Any, name: str) -> Pact:
    """A pact already parsed from JSON (as the broker stores it); `name` is how findings cite it."""
    if not isinstance(data, dict) or not (
        isinstance(data.get("interactions"), list) or isinstance(data.get("messages"), list)
    ):
        raise PactError(f"{name}: not a pact file (no 'interactions' or 'messages' list)")
    if _too_deep(data):
        raise PactError(f"{name}: nested more than {MAX_DEPTH} levels deep; refused")
    meta = data.get("metadata") if isinstance(data.get("metadata"), dict) else {}
    spec = meta.get("pactSpecification") or meta.get("pact-specification") or {}
    version = str(spec.get("version", "2.0.0")) if isinstance(spec, dict) else "2.0.0"
    pact = Pact(name, _name(data.get("consumer")), _name(data.get("provider")), version, [], [])
    for index, raw in enumerate(data.get("interactions") or []):
        where = f"[root].interactions[{index}]"
        if not isinstance(raw, dict):
            raise PactError(f"{name}: {where} is not an object")
        kind = str(raw.get("type", "Synchronous/HTTP"))
        if kind.startswith("Asynchronous"):
            pact.messages.append(_message(raw, where, name))
        elif kind == "Synchronous/HTTP":
            pact.http.append(_http(raw, where, name))
        else:
            raise PactError(f"{name}: {where} has unsupported interaction type {kind!r}")
    for index, raw in enumerate(data.get("messages") or []):
        where = f"[root].messages[{index}]"
        if not isinstance(raw, dict):
            raise PactError(f"{name}: {where} is not an object")
        pact.messages.append(_message(raw, where, name))
    return pact


def _too_deep(data: Any) -> bool:
    stack = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values() if isinstance(v, dict | list))
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node if isinstance(v, dict | list))
    return False


def _name(party: Any) -> str:
    return str(party.get("name", "")) if isinstance(party, dict) else ""


def _state(raw: dict[str, Any]) -> str:
    if isinstance(raw.get("providerState"), str):
        return raw["providerState"]
    states = raw.get("providerStates")
    names = [str(s.get("name")) for s in states or [] if isinstance(s, dict) and s.get("name")]
    return ", ".join(names) or "[none]"


def _http(raw: dict[str, Any], where: str, file: str) -> HttpInteraction:
    request, response = raw.get("request"), raw.get("response")
    if not isinstance(request, dict) or not isinstance(response, dict):
        raise PactError(f"{file}: {where} has no request or response object")
    if not isinstance(request.get("method"), str) or not isinstance(request.get("path"), str):
        raise PactError(f"{file}: {where}.request needs a method and a path")
    status = response.get("status", 200)
    if not isinstance(status, int):
        raise PactError(f"{file}: {where}.response.status is not an integer")
    body, has_body, content_type = _body(request)
    headers = _headers(request.get("headers"))
    if content_type and "content-type" not in headers:
        headers["content-type"] = content_type
    response_body, has_response_body, response_type = _body(response)
    response_headers = _headers(response.get("headers"))
    if response_type and "content-type" not in response_headers:
        response_headers["content-type"] = response_type
    return HttpInteraction(
        description=str(raw.get("description", "")),
        state=_state(raw),
        location=where,
        method=request["method"].upper(),
        path=request["path"],
        query=_query(request.get("query")),
        headers=headers,
        body=body,
        has_body=has_body,
        status=status,
        response_headers=response_headers,
        response_body=response_body,
        has_response_body=has_response_body,
        rules=_rules(request.get("matchingRules")),
        response_rules=_rules(response.get("matchingRules")),
    )


def _message(raw: dict[str, Any], where: str, file: str) -> MessageInteraction:
    contents = raw.get("contents")
    content_type = None
    if (
        isinstance(contents, dict)
        and "content" in contents
        and ("contentType" in contents or len(contents) <= 3)
    ):
        # V4: {"content": ..., "contentType": ..., "encoded": false}
        content_type = contents.get("contentType")
        contents = contents.get("content")
    metadata = raw.get("metadata") or raw.get("metaData") or {}
    if not isinstance(metadata, dict):
        raise PactError(f"{file}: {where}.metadata is not an object")
    content_type = content_type or metadata.get("contentType") or metadata.get("content-type")
    return MessageInteraction(
        description=str(raw.get("description", "")),
        state=_state(raw),
        location=where,
        contents=contents,
        content_type=str(content_type) if content_type else None,
        metadata=metadata,
        rules=_rules(raw.get("matchingRules")),
    )


def _body(part: dict[str, Any]) -> tuple[Any, bool, str | None]:
    """The body as data, whether there is one, and a V4 contentType."""
    if "body" not in part:
        return None, False, None
    body = part["body"]
    if isinstance(body, dict) and "content" in body and set(body) <= {"content", "contentType", "encoded"}:
        content = body.get("content")
        return content, content is not None, body.get("contentType")
    return body, body is not None, None


def _headers(raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict):
        return {}
    return {str(k).lower(): ", ".join(map(str, v)) if isinstance(v, list) else str(v) for k, v in raw.items()}


def _query(raw: Any) -> dict[str, list[str]]:
    if isinstance(raw, str):  # V2: a query string
        from urllib.parse import parse_qs

        return parse_qs(raw, keep_blank_values=True)
    if isinstance(raw, dict):
        return {str(k): [str(x) for x in v] if isinstance(v, list) else [str(v)] for k, v in raw.items()}
    return {}


def _rules(raw: Any) -> Rules:
    """V2 (`{"$.body.a": {"match": "type"}}`) and V3/V4 (`{"body": {"$.a": {"matchers": [...]}}}`)."""
    found: Rules = {}
    if not isinstance(raw, dict):
        return found
    for key, value in raw.items():
        if key.startswith("$."):  # V2: "$.body.a[*].b", "$.headers.X", "$.query.q"
            head, _, rest = key[2:].partition(".")
            head, bracket, tail = head.partition("[")
            category = {"headers": "header"}.get(head, head)
            path = "$" + ("[" + tail if bracket else "") + ("." + rest if rest else "")
            if isinstance(value, dict):
                found.setdefault(category, {})[_tokens(path)] = [value]
        elif isinstance(value, dict):  # V3/V4: category -> path -> {"matchers": [...]}
            category = {"content": "body"}.get(key, key)
            for path, entry in value.items():
                matchers = entry.get("matchers") if isinstance(entry, dict) else None
                if isinstance(matchers, list):
                    tokens = _tokens(path) if path.startswith("$") else (path,)
                    found.setdefault(category, {})[tokens] = [m for m in matchers if isinstance(m, dict)]
    return found


def _tokens(path: str) -> tuple[str, ...]:
    """`$.a[*].b['c d']` -> ("a", "*", "b", "c d")."""
    tokens = []
    for match in _TOKEN.finditer(path[1:]):
        tokens.append(next(g for g in match.groups() if g is not None))
    return tuple(tokens)
