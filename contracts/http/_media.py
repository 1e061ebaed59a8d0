"""Media types: matching a request's Content-Type or Accept against a contract's, and parsing bodies.

Bodies are parsed by kind: JSON (`application/json`, any `+json`), form-urlencoded, multipart
(stdlib `email` parser), XML (`application/xml`, `text/xml`, any `+xml`), text. Field values of forms are coerced to the schema's types like query
parameters are; a part or field whose encoding says `application/json` is parsed as JSON.

An XML body is checked for being well-formed, not validated against its schema (mapping XML onto
a JSON Schema through `xml` objects is ambiguous: a single child and a one-item array read alike).
A document type declaration is refused before parsing: without one no entity can be declared, so
nothing can expand (billion laughs) or be fetched (external entities).
"""

from __future__ import annotations

from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from xml.parsers import expat

import orjson

from .._streams import StreamError, stream_framing, unframe_items
from ._params import Shape, coerce, parse_query

__all__ = [
    "BodyError",
    "body_kind",
    "check_xml",
    "essence",
    "is_xml",
    "negotiate",
    "parse_body",
    "pick_media_type",
]


class BodyError(ValueError):
    """The body cannot be read as its declared media type."""


def essence(media_type: str) -> str:
    """`Application/JSON; charset=utf-8` -> `application/json`."""
    return media_type.split(";", 1)[0].strip().lower()


def body_kind(media_type: str) -> str:
    """How a body of this media type is parsed: json, form, multipart, xml, text or binary."""
    media_type = essence(media_type)
    if is_xml(media_type):
        return "xml"
    if media_type == "application/json" or media_type.endswith("+json") or media_type == "*/*":
        return "json"
    if media_type == "application/x-www-form-urlencoded":
        return "form"
    if media_type.startswith("multipart/"):
        return "multipart"
    if media_type.startswith("text/"):
        return "text"
    return "binary"


def is_xml(media_type: str) -> bool:
    """`application/xml`, `text/xml` and any `+xml` (`application/atom+xml`)."""
    media_type = essence(media_type)
    return media_type in ("application/xml", "text/xml") or media_type.endswith("+xml")


def check_xml(body: bytes) -> str:
    """The body as text when it is one well-formed XML document; BodyError otherwise. A DTD is
    refused where the parser meets it, in any encoding: entity declarations are how XML bodies
    expand or fetch."""

    def refuse(*_: Any) -> None:
        raise BodyError("XML body has a document type declaration (DTD); DTDs are refused")

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(body, True)
    except expat.ExpatError as exc:
        raise BodyError(f"body is not well-formed XML: {exc}") from None
    return body.decode("utf-8", "replace")


def _matches(pattern: str, media_type: str) -> bool:
    if pattern in ("*/*", "*"):
        return True
    kind, _, sub = pattern.partition("/")
    actual_kind, _, actual_sub = media_type.partition("/")
    return kind == actual_kind and (sub == "*" or sub == actual_sub)


def pick_media_type(content_type: str, declared: list[str]) -> str | None:
    """The declared media type (as written) a request's Content-Type falls under, most specific first."""
    written = content_type.strip().lower()
    for name in declared:  # as written first: `application/json` beside `application/json; charset=utf-8`
        if name.strip().lower() == written:
            return name
    actual = essence(content_type)
    normal: dict[str, str] = {}
    for name in declared:
        normal.setdefault(essence(name), name)
    if actual in normal:
        return normal[actual]
    for pattern in sorted(normal, key=lambda p: (p.count("*"), -len(p))):
        if _matches(pattern, actual):
            return normal[pattern]
    return None


def negotiate(accept: str, available: list[str]) -> str | None:
    """The available media type that best suits an Accept header (None when nothing is acceptable)."""
    if not available:
        return None
    if not accept.strip():
        return available[0]
    ranges = []
    for part in accept.split(","):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        if media:
            ranges.append((media.lower(), q))
    best, best_q = None, 0.0
    for offered in available:
        plain = essence(offered)
        matching = [(m.count("*"), q) for m, q in ranges if _matches(m, plain) or _matches(plain, m)]
        if matching:
            q = min(matching)[1]  # the most specific range decides
            if q > best_q:
                best, best_q = offered, q
    return best


MAX_JSON_DEPTH = 200  # nested arrays and objects in a JSON body; deeper cannot be served back (orjson: 255)


def _too_deep(value: Any) -> bool:
    """Whether `value` nests arrays and objects more than MAX_JSON_DEPTH levels (walked without recursion)."""
    level: list[Any] = [value]
    for _ in range(MAX_JSON_DEPTH):
        level = [
            item
            for container in level
            for item in (container.values() if isinstance(container, dict) else container)
            if isinstance(item, dict | list)
        ]
        if not level:
            return False
    return True


def parse_body(body: bytes, content_type: str, kind: str, shape: Shape | None, encoding: dict) -> Any:
    """The body as JSON data for validation (kind "stream": the list of its items); raises BodyError when it is not of its declared kind, or
    nests deeper than MAX_JSON_DEPTH (a value stored from it could never be served back)."""
    if kind == "stream":  # a sequential media type with `itemSchema` (OpenAPI 3.2): the list of items
        try:
            return list(unframe_items(body, stream_framing(content_type) or "lines"))
        except StreamError as exc:
            raise BodyError(f"streamed body: {exc}") from None
    if kind == "json":
        try:
            value = orjson.loads(body)
        except orjson.JSONDecodeError as exc:
            raise BodyError(f"body is not valid JSON: {exc}") from None
        if len(body) > 2 * MAX_JSON_DEPTH and isinstance(value, dict | list) and _too_deep(value):
            raise BodyError(f"body nests arrays and objects more than {MAX_JSON_DEPTH} levels deep")
        return value
    if kind == "form":
        try:
            text = body.decode()
        except UnicodeDecodeError:
            raise BodyError("form body is not UTF-8") from None
        fields = {k: v if len(v) > 1 else v[0] for k, v in parse_query(text).items()}
        return _typed_fields(fields, shape, encoding)
    if kind == "multipart":
        return _typed_fields(_multipart(body, content_type), shape, encoding)
    if kind == "xml":
        return check_xml(body)
    if kind == "text":
        try:
            text = body.decode()
        except UnicodeDecodeError:
            raise BodyError("text body is not UTF-8") from None
        if shape is not None and shape.types and "string" not in shape.types:
            try:  # a text media type whose schema is not a string: JSON text, as servers send it
                return orjson.loads(text)
            except orjson.JSONDecodeError:
                pass
        return text
    return body.decode("latin-1")


def _typed_fields(fields: dict[str, Any], shape: Shape | None, encoding: dict) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in fields.items():
        enc = encoding.get(name) if isinstance(encoding.get(name), dict) else {}
        if isinstance(value, _Part):
            value = value.value(enc)
        elif body_kind(str(enc.get("contentType", ""))) == "json" and enc.get("contentType"):
            try:
                value = orjson.loads(value)
            except orjson.JSONDecodeError:
                pass
        prop = shape.properties.get(name) if shape is not None else None
        if prop is not None and prop.kind == "array" and not isinstance(value, list):
            value = [value]
        out[name] = coerce(value, prop) if prop is not None else value
    return out


class _Part:
    __slots__ = ("content_type", "data", "filename")

    def __init__(self, data: bytes, content_type: str, filename: str | None) -> None:
        self.data, self.content_type, self.filename = data, content_type, filename

    def value(self, encoding: dict) -> Any:
        declared = str(encoding.get("contentType", ""))
        if (body_kind(self.content_type) == "json" and self.content_type) or (
            not self.filename and declared and body_kind(declared) == "json"
        ):
            try:
                return orjson.loads(self.data)
            except orjson.JSONDecodeError:
                pass
        if self.filename is not None:
            return self.data.decode("latin-1")  # a file: validated as a string of its bytes
        try:
            return self.data.decode()
        except UnicodeDecodeError:
            return self.data.decode("latin-1")


def _multipart(body: bytes, content_type: str) -> dict[str, Any]:
    if "boundary=" not in content_type:
        raise BodyError("multipart body without a boundary in its Content-Type")
    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    if not message.is_multipart():
        raise BodyError("body is not multipart")
    fields: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not name:
            continue
        payload = part.get_payload(decode=True) or b""
        item = _Part(
            payload, part.get_content_type() if part.get("content-type") else "", part.get_filename()
        )
        if name in fields:
            existing = fields[name]
            fields[name] = [*existing, item] if isinstance(existing, list) else [existing, item]
        else:
            fields[name] = item
    for name, value in fields.items():
        if isinstance(value, list):
            fields[name] = [v.value({}) for v in value]
    return fields
