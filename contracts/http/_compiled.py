"""One operation compiled for serving: parameter readers, body parsers, validators, security, headers.

Everything that can be worked out from the contract is worked out here, once; `check_request` and
`check_response` only read the request or response they are given.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

import orjson

from .._contract import Contract
from .._jsonschema import SchemaCompileError, SchemaCompiler, SchemaValidator
from .._model import MediaType, Operation, Parameter, Response
from .._pointers import escape
from .._streams import stream_framing
from ._lifecycle import lifecycle_headers
from ._media import BodyError, body_kind, essence, parse_body, pick_media_type
from ._params import MISSING, Shape, coerce, deserialise, parse_cookies, parse_query, query_value, shape_of
from ._security import SecurityCheck

__all__ = ["CompiledOperation", "Issue", "RequestCheck"]

_IGNORED_HEADERS = frozenset(("accept", "content-type", "authorization"))
_DEFAULT_STYLE = {"path": "simple", "query": "form", "header": "simple", "cookie": "form"}


@dataclass(frozen=True, slots=True)
class Issue:
    """One validation failure: where (path, query, header, cookie, body, status, content-type) and what."""

    location: str
    pointer: str  # JSON pointer within that location: /limit, /lines/0/sku
    message: str
    code: str = ""  # what failed: the schema keyword (type, required, ...) or the check (security, ...)

    def as_json(self) -> dict[str, str]:
        return {"location": self.location, "pointer": self.pointer, "message": self.message}


@dataclass(slots=True)
class RequestCheck:
    """What checking a request found. `status` is 0 when the request may be served."""

    issues: list[Issue] = field(default_factory=list)
    parameters: dict[str, dict[str, Any]] = field(default_factory=dict)  # location -> name -> value
    body: Any = None
    has_body: bool = False
    media_type: str | None = None  # the declared request media type the body was read as
    status: int = 0  # 401 (credentials missing), 415 (media type not accepted), 422 (invalid)

    @property
    def ok(self) -> bool:
        return self.status == 0


class _Schema:
    """A contract schema's validator and deserialisation shape, each worked out on first use.

    Compiling lazily keeps start-up proportional to what is used (GitHub's description has
    thousands of schemas); each is still compiled once, never per request. A schema that cannot be
    compiled is not validated (and is named in the runtime's warnings).
    """

    __slots__ = ("_context", "_direction", "_pointer", "_schema", "_shape", "_validator")

    def __init__(self, context: _Context, schema: Any, direction: str, pointer: str) -> None:
        self._context, self._schema, self._direction = context, schema, direction
        self._pointer = pointer  # where the schema is used, for the warning if it cannot be compiled
        self._shape: Shape | None = None
        trivial = schema is None or schema is True or schema == {}
        self._validator: Any = None if trivial else _PENDING

    @property
    def shape(self) -> Shape:
        if self._shape is None:
            self._shape = shape_of(self._schema, self._context.resolve)
        return self._shape

    @property
    def validator(self) -> SchemaValidator | None:
        if self._validator is _PENDING:
            try:
                self._validator = self._context.compiler.compile(self._schema, self._direction)  # type: ignore[arg-type]
            except SchemaCompileError as exc:
                self._context.cannot_compile(self._pointer, exc)
                self._validator = None
        return self._validator

    def issues(self, value: Any, location: str, prefix: str) -> list[Issue]:
        validator = self.validator
        if validator is None or validator.is_valid(value):
            return []
        return [
            Issue(location, prefix + e.pointer, e.message, e.schema_pointer.rpartition("/")[2])
            for e in validator.errors(value)
        ]


_PENDING = object()


class _Context:
    """What compiling needs from the contract: the schema compiler and a `$ref` resolver."""

    def __init__(self, contract: Contract) -> None:
        self.contract = contract
        self.compiler = SchemaCompiler.for_contract(contract)
        self.warnings: list[str] = []
        self.unvalidated: list[str] = []  # the pointer of each warning, in the same order
        self._uncompiled: set[str] = set()

    def cannot_compile(self, pointer: str, exc: SchemaCompileError) -> None:
        """A located warning, once per problem (a shared schema is used in many places)."""
        if str(exc) not in self._uncompiled:
            self._uncompiled.add(str(exc))
            where = self.contract.location(pointer)
            self.warnings.append(f"{where} ({pointer}): schema not validated: {exc}")
            self.unvalidated.append(pointer)

    def resolve(self, node: Any) -> Any:
        try:
            return self.contract.resolve(node)[0]
        except Exception:
            return None


class _Param:
    __slots__ = (
        "claimed",
        "explode",
        "form",
        "json",
        "location",
        "name",
        "required",
        "schema",
        "style",
        "wire_name",
    )

    def __init__(self, context: _Context, param: Parameter) -> None:
        self.name = param.name
        self.claimed: frozenset[str] = frozenset()  # the other query parameters' names (see query_value)
        self.location = param.location
        self.wire_name = param.name.lower() if param.location == "header" else param.name
        self.required = param.required
        self.style = param.style or _DEFAULT_STYLE.get(param.location, "simple")
        self.explode = param.explode if param.explode is not None else self.style == "form"
        schema = param.schema
        self.json = False
        pointer = param.pointer + "/schema"
        if schema is None and param.content:  # OpenAPI 3 `content`: one media type, usually JSON
            media = next(iter(param.content.values()))
            schema, self.json = media.schema, body_kind(media.media_type) == "json"
            pointer = media.pointer + "/schema"
        # OpenAPI 3.2 `in: querystring`: the whole query string is the value, form-encoded or JSON
        self.form = self.location == "querystring" and not self.json
        self.schema = _Schema(context, schema, "request", pointer)

    def read(
        self, raw_path: Mapping[str, str], query, headers: Mapping[str, str], cookies, raw_query=""
    ) -> Any:
        if self.location == "querystring":
            return (unquote(raw_query) if self.json else raw_query) if raw_query else MISSING
        if self.location == "query":
            if self.json:
                values = query.get(self.name)
                return values[-1] if values else MISSING
            return query_value(query, self.name, self.schema.shape, self.style, self.explode, self.claimed)
        source = raw_path if self.location == "path" else headers if self.location == "header" else cookies
        raw = source.get(self.wire_name)
        if raw is None:
            return MISSING
        if self.json:
            return raw
        return deserialise(raw, self.schema.shape, self.style, self.explode, self.name)


def _media(context: _Context, media: MediaType, direction: str) -> tuple[str, _Schema, dict]:
    """(kind, schema, encoding) of a declared media type. A sequential one with `itemSchema` (OpenAPI
    3.2) is of kind "stream": its body is read as a list of items, each checked against the item schema."""
    if media.item_schema is not None and stream_framing(media.media_type):
        item = _Schema(context, media.item_schema, direction, media.pointer + "/itemSchema")
        return "stream", item, media.item_encoding
    schema = _Schema(context, media.schema, direction, media.pointer + "/schema")
    return body_kind(media.media_type), schema, media.encoding


def _body_issues(kind: str, schema: _Schema, value: Any) -> list[Issue]:
    """What a parsed body breaks: XML and binary are not schema-checked (see _media); a stream's items
    are each checked against the item schema, at /INDEX."""
    if kind in ("binary", "xml"):
        return []
    if kind == "stream":
        return [issue for i, item in enumerate(value) for issue in schema.issues(item, "body", f"/{i}")]
    return schema.issues(value, "body", "")


class _Body:
    __slots__ = ("media", "required")

    def __init__(self, context: _Context, operation: Operation) -> None:
        body = operation.request_body
        assert body is not None
        self.required = body.required
        # declared media type -> (kind, schema, encoding)
        self.media = {name: _media(context, m, "request") for name, m in body.content.items()}


class _Response:
    __slots__ = ("headers", "media", "response")

    def __init__(self, context: _Context, response: Response) -> None:
        self.response = response
        self.media = {name: _media(context, m, "response") for name, m in response.content.items()}
        self.headers = {
            name.lower(): (h.required, _Schema(context, h.schema, "response", h.pointer + "/schema"))
            for name, h in response.headers.items()
            if name.lower() != "content-type"
        }


class CompiledOperation:
    """An operation ready to serve: `check_request` and `check_response` do no compiling."""

    def __init__(self, context: _Context, operation: Operation) -> None:
        contract = context.contract
        self.operation = operation
        # OpenAPI: header parameters named Accept, Content-Type or Authorization are ignored
        self.parameters = [
            _Param(context, p)
            for p in operation.parameters
            if not (p.location == "header" and p.name.lower() in _IGNORED_HEADERS)
        ]
        query_names = frozenset(p.name for p in self.parameters if p.location == "query")
        for param in self.parameters:
            if param.location == "query":
                param.claimed = query_names - {param.name}
        self._needs_cookies = any(p.location == "cookie" for p in self.parameters)
        self.body = _Body(context, operation) if operation.request_body else None
        self.responses = {status.upper(): _Response(context, r) for status, r in operation.responses.items()}
        security = operation.security if operation.security is not None else contract.security
        self.security = SecurityCheck(security, contract.security_schemes)
        self._needs_cookies |= any(
            s.type.lower() == "apikey" and (s.location or "").lower() == "cookie"
            for s in contract.security_schemes.values()
        )
        raw = contract.at(operation.pointer)
        self.lifecycle_headers = lifecycle_headers(operation, raw if isinstance(raw, dict) else None)

    # -- requests -----------------------------------------------------------------------------
    def check_request(
        self,
        path_params: Mapping[str, str],
        query: str,
        headers: Mapping[str, str],
        body: bytes = b"",
        *,
        check_security: bool = True,
    ) -> RequestCheck:
        """Validate a request's parameters, credentials and body. `headers` has lower-case names."""
        result = RequestCheck()
        parsed_query = parse_query(query) if query else {}
        cookies = parse_cookies(headers.get("cookie", "")) if self._needs_cookies else {}
        if check_security and not self.security.satisfied(headers, parsed_query, cookies):
            result.status = 401
            result.issues.append(
                Issue("security", "", "credentials required by the security scheme are missing", "401")
            )
            return result
        for param in self.parameters:
            raw = param.read(path_params, parsed_query, headers, cookies, query)
            where = f"/{escape(param.name)}"
            if raw is MISSING:
                if param.required:
                    result.issues.append(
                        Issue(
                            param.location,
                            where,
                            f"required {param.location} parameter {param.name!r} is missing",
                            "required",
                        )
                    )
                continue
            if param.json:
                try:
                    value = orjson.loads(raw)
                except orjson.JSONDecodeError:
                    result.issues.append(
                        Issue(param.location, where, f"{param.name!r} is not valid JSON", "format")
                    )
                    continue
            elif param.form:
                value = parse_body(raw.encode(), "", "form", param.schema.shape, {})
            else:
                value = coerce(raw, param.schema.shape)
            result.parameters.setdefault(param.location, {})[param.name] = value
            result.issues.extend(param.schema.issues(value, param.location, where))
        self._check_body(result, headers.get("content-type", ""), body)
        if result.issues and not result.status:
            result.status = 422
        return result

    def _check_body(self, result: RequestCheck, content_type: str, body: bytes) -> None:
        if self.body is None:
            return
        if not body:
            if self.body.required:
                result.issues.append(Issue("body", "", "a request body is required", "required"))
            return
        declared = pick_media_type(content_type or "application/octet-stream", list(self.body.media))
        if declared is None:
            result.status = 415
            accepted = ", ".join(self.body.media)
            result.issues.append(
                Issue(
                    "header",
                    "/content-type",
                    f"media type {essence(content_type) or '(none)'!r} is not accepted; use {accepted}",
                    "415",
                )
            )
            return
        kind, schema, encoding = self.body.media[declared]
        result.media_type = declared
        try:
            value = parse_body(body, content_type, kind, schema.shape, encoding)
        except BodyError as exc:
            result.issues.append(Issue("body", "", str(exc), "format"))
            return
        result.body, result.has_body = value, True
        result.issues.extend(_body_issues(kind, schema, value))

    # -- responses ----------------------------------------------------------------------------
    def response_for(self, status: int) -> _Response | None:
        """The declared response for a status: exact, then its range (2XX), then default."""
        text = str(status)
        return self.responses.get(text) or self.responses.get(text[0] + "XX") or self.responses.get("DEFAULT")

    def check_response(
        self, status: int, headers: Mapping[str, str], body: Any = b"", *, parsed: bool = False
    ) -> list[Issue]:
        """Validate a response. `body` is bytes (parsed by media type) or, with parsed=True, JSON data."""
        declared = self.response_for(status)
        if declared is None:
            return [
                Issue("status", "", f"status {status} is not declared for {self.operation.key}", "status")
            ]
        issues: list[Issue] = []
        for name, (required, schema) in declared.headers.items():
            raw = headers.get(name)
            if raw is None:
                if required:
                    issues.append(
                        Issue(
                            "header", f"/{escape(name)}", f"required header {name!r} is missing", "required"
                        )
                    )
                continue
            value = coerce(deserialise(raw, schema.shape, "simple", False, name), schema.shape)
            issues.extend(schema.issues(value, "header", f"/{escape(name)}"))
        has_body = parsed or bool(body)
        if not declared.media or not has_body:
            return issues
        content_type = headers.get("content-type", "")
        media = pick_media_type(content_type, list(declared.media)) if content_type else None
        if media is None:
            issues.append(
                Issue(
                    "header",
                    "/content-type",
                    f"media type {essence(content_type) or '(none)'!r} is not declared for status {status}",
                    "content-type",
                )
            )
            return issues
        kind, schema, encoding = declared.media[media]
        if not parsed:
            try:
                body = parse_body(body, content_type, kind, schema.shape, encoding)
            except BodyError as exc:
                return [*issues, Issue("body", "", str(exc), "format")]
        return issues + _body_issues(kind, schema, body)
