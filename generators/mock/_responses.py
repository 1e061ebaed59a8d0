"""Responses prepared at start-up: for each operation, status and media type, the example bodies
(named, as the contract gives them) and a generated body, already serialised with their headers. A
sequential media type with `itemSchema` (OpenAPI 3.2) gets a generated stream of items (see _streams).

Examples are served as written, also when they break their own schema: the response then carries an
`sl-violations` header saying how, and a located warning names the example at start-up. With
`strict`, such an example is set aside in favour of the next valid one or a generated body; asking
for it by name (`Prefer: example=NAME`) still returns it.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from typing import Any

import orjson
from accord.contracts import escape_pointer
from accord.contracts.http import CompiledOperation, body_kind

from . import _violations
from ._generate import Generator
from ._lenient import located
from ._streams import stream_chunks
from ._xml import render_xml

__all__ = ["Canned", "OperationResponses", "Rendered", "prepare_operation"]

# headers that say how the message itself is framed or encoded: the server sets them for the body it
# sends; a documented example (`Content-Encoding: gzip`, captured from a real server) would make
# clients decode a plain body (notion.com)
_FRAMING = frozenset(
    {
        "content-type",
        "content-length",
        "content-encoding",
        "transfer-encoding",
        "connection",
        "keep-alive",
        "upgrade",
        "trailer",
        "te",
        "proxy-connection",
    }
)


@dataclass(slots=True)
class Canned:
    """One response ready to send: status, headers (bytes pairs, content-length included), body."""

    status: int
    media_type: str | None
    body: bytes
    headers: list[tuple[bytes, bytes]]
    source: str  # "example NAME" or "generated"
    value: Any = None
    violations: list[dict[str, Any]] | None = None  # what the body breaks (sl-violations), when it does
    chunks: tuple[bytes, ...] = ()  # a streamed body (OpenAPI 3.2 itemSchema): sent chunk by chunk


@dataclass(slots=True)
class Rendered:
    """What a response status offers: per media type, its named examples and its default body."""

    status: int
    key: str  # the status as declared: "200", "2XX", "default"
    media: dict[str, dict[str, Canned]] = field(default_factory=dict)  # media type -> name -> canned
    defaults: dict[str, Canned] = field(default_factory=dict)  # media type -> the body served by default
    schemas: dict[str, Any] = field(default_factory=dict)  # media type -> its schema as written (XML names)
    empty: Canned | None = None  # no content declared
    header_values: list[tuple[bytes, bytes]] = field(default_factory=list)


@dataclass(slots=True)
class OperationResponses:
    operation: CompiledOperation
    by_status: dict[str, Rendered]  # declared status key (upper case) -> rendered
    default_key: str | None
    request_examples: list[tuple[str, str, Any]]  # (example name, "body" or "location:name", value)

    def rendered(self, status_key: str) -> Rendered | None:
        return self.by_status.get(status_key)


def status_number(key: str) -> int:
    if key.isdigit():
        return int(key)
    if len(key) == 3 and key[0].isdigit():  # 2XX
        return int(key[0]) * 100
    return 200  # default


def _default_key(keys: list[str]) -> str | None:
    success = sorted((k for k in keys if k[:1] == "2"), key=lambda k: (not k.isdigit(), k))
    if success:
        return success[0]
    if "DEFAULT" in keys:
        return "DEFAULT"
    return keys[0] if keys else None  # the first declared (as Prism)


def encode(
    value: Any, media_type: str | None, schema: Any = None, contract: Any = None, *, generated: bool = False
) -> bytes:
    """The body for a value: JSON, or XML built from the schema's `xml` objects (`schema`, with the
    `contract` its `$ref`s point into); a string is sent as written in text, XML and binary types,
    except a `generated` string in an XML type, which is the text of its root element (a schema
    `type: string` under `application/xml` describes the document, not a fragment of it)."""
    kind = body_kind(media_type or "application/json")
    if kind == "xml" and (generated or not isinstance(value, str | bytes)):
        return render_xml(value, schema, contract)
    if kind in ("text", "binary", "xml") and isinstance(value, str):
        return value.encode("utf-8")
    if kind in ("text", "binary", "xml") and isinstance(value, bytes):
        return value
    try:
        return orjson.dumps(value)
    except TypeError:  # e.g. an example holding text that is not valid Unicode
        return json.dumps(value, default=str).encode()


def header_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(header_text(v) for v in value)
    if isinstance(value, dict):
        return ",".join(f"{k},{header_text(v)}" for k, v in value.items())
    return "" if value is None else str(value)


def make_canned(
    status: int,
    media_type: str | None,
    body: bytes,
    extra: list[tuple[bytes, bytes]],
    source: str,
    value: Any = None,
    violations: list[dict[str, Any]] | None = None,
    chunks: tuple[bytes, ...] = (),
) -> Canned:
    headers = list(extra)
    if violations:
        headers += _violations.header(violations)
    if media_type is not None:
        headers.append((b"content-type", _content_type(media_type).encode("latin-1")))
    if chunks:  # streamed: no length, nothing cached on the way
        headers.append((b"cache-control", b"no-cache"))
    else:
        headers.append((b"content-length", str(len(body)).encode()))
    return Canned(status, media_type, body, headers, source, value, violations or None, chunks)


def _content_type(media_type: str) -> str:
    if "*" in media_type:
        return (
            "application/json"
            if "json" in media_type or media_type.startswith("*")
            else media_type.replace("*", "octet-stream")
        )
    return media_type


class _Preparer:
    def __init__(
        self,
        generator: Generator,
        seed: int,
        warnings: Any,
        common: list[tuple[bytes, bytes]],
        strict: bool,
    ):
        self.generator, self.seed, self.warnings, self.common = generator, seed, warnings, common
        self.strict = strict

    def rng(self, *parts: object) -> random.Random:
        return random.Random(":".join(map(str, (self.seed, *parts))))

    def operation(self, compiled: CompiledOperation) -> OperationResponses:
        op = compiled.operation
        extra = [
            (k.lower().encode(), v.encode("latin-1")) for k, v in compiled.lifecycle_headers
        ] + self.common
        by_status = {}
        for key, response in compiled.responses.items():
            by_status[key] = self.status(compiled, key, response, extra)
        examples = []
        if op.request_body is not None:
            for media in op.request_body.content.values():
                examples.extend(
                    (name, "body", value) for name, value in media.examples.items() if name != "default"
                )
        for param in op.parameters:
            examples.extend(
                (name, f"{param.location}:{param.name}", value)
                for name, value in param.examples.items()
                if name != "default"
            )
        return OperationResponses(compiled, by_status, _default_key(list(by_status)), examples)

    def status(self, compiled: CompiledOperation, key: str, response: Any, extra: list) -> Rendered:
        op = compiled.operation
        status = status_number(key)
        if status < 100 or status > 599:
            status = 200
        headers = list(extra)
        for name, header in response.response.headers.items():
            if name.lower() in _FRAMING:
                continue
            value = (
                self.generator.value(header.schema, self.rng(op.key, key, name)) if header.schema else "mock"
            )
            headers.append((name.lower().encode(), header_text(value).encode("latin-1", "replace")))
        rendered = Rendered(status, key, header_values=headers)
        if not response.media:
            rendered.empty = make_canned(status, None, b"", headers, "empty")
            return rendered
        for media_type, (kind, schema, _) in response.media.items():
            model = op.responses[_declared(op, key)].content[media_type]
            rendered.schemas[media_type] = model.schema
            if kind == "stream":
                rng = self.rng(op.key, key, media_type)
                items, chunks = stream_chunks(
                    self.generator, model.item_schema, schema.validator, media_type, rng
                )
                streamed = make_canned(
                    status, media_type, b"".join(chunks), headers, "generated", items, None, chunks
                )
                rendered.media[media_type], rendered.defaults[media_type] = {}, streamed
                continue
            named: dict[str, Canned] = {}
            valid_first: Canned | None = None
            for name, value in model.examples.items():
                issues = _example_issues(kind, schema, value)
                canned = make_canned(
                    status,
                    media_type,
                    encode(value, media_type, model.schema, self.generator.contract),
                    headers,
                    f"example {name}",
                    value,
                    _violations.violations(issues, "response"),
                )
                named[name] = canned
                if issues:
                    served = "not served by default (--strict)" if self.strict else "served as written"
                    first = issues[0]
                    self.warnings.append(
                        located(
                            self.generator.contract,
                            _example_pointer(self.generator.contract, model, name),
                            f"example {name!r} of {op.key} {key} {media_type} does not match its schema "
                            f"({first.pointer or '/'}: {first.message}); {served}",
                        )
                    )
                if valid_first is None and (not issues or not self.strict):
                    valid_first = canned
            rendered.media[media_type] = named
            if valid_first is None:
                value = self.generate(model.schema, schema, op.key, key, media_type)
                value = _with_status(value, status, schema.validator)
                body = encode(value, media_type, model.schema, self.generator.contract, generated=True)
                valid_first = make_canned(status, media_type, body, headers, "generated", value)
            rendered.defaults[media_type] = valid_first
        return rendered

    def generate(self, schema: Any, compiled_schema: Any, *where: str) -> Any:
        if schema is None:
            return {}
        value = self.generator.value(schema, self.rng(*where))
        validator = compiled_schema.validator
        if validator is not None and not validator.is_valid(value):
            for attempt in range(3):  # the schema's own examples may be wrong: try without, then other seeds
                retry = self.generator.value(schema, self.rng(*where, attempt), use_examples=False)
                if validator.is_valid(retry):
                    return retry
        return value


def _example_issues(kind: str, schema: Any, value: Any) -> list:
    """What an example breaks in its schema; an XML example written as a string is taken as written
    (it is the document itself, not a value the schema describes)."""
    if kind == "binary" or (kind == "xml" and isinstance(value, str)):
        return []
    return schema.issues(value, "body", "")


def _with_status(value: Any, status: int, validator: Any) -> Any:
    """A generated problem-like body says the status it is sent with, when its schema allows it."""
    if isinstance(value, dict) and isinstance(value.get("status"), int) and value["status"] != status:
        fixed = {**value, "status": status}
        if validator is None or validator.is_valid(fixed):
            return fixed
    return value


def _example_pointer(contract: Any, model: Any, name: str) -> str:
    """Where an example is written: `examples/NAME`, `example`, or Swagger 2.0's `examples/MEDIA-TYPE`."""
    raw = contract.at(model.pointer)
    if isinstance(raw, dict):
        examples = raw.get("examples")
        if isinstance(examples, dict):
            for key in (name, model.media_type):
                if key in examples:
                    return f"{model.pointer}/examples/{escape_pointer(key)}"
        if "example" in raw:
            return model.pointer + "/example"
    return model.pointer


def _declared(op: Any, key: str) -> str:
    for status in op.responses:
        if status.upper() == key:
            return status
    return key


def prepare_operation(
    compiled: CompiledOperation,
    generator: Generator,
    seed: int,
    warnings: Any,
    common: list[tuple[bytes, bytes]],
    strict: bool = False,
) -> OperationResponses:
    return _Preparer(generator, seed, warnings, common, strict).operation(compiled)
