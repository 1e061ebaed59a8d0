"""One HTTP interaction of a pact compared with an OpenAPI contract, through the shared HTTP runtime.

Routing, parameter reading, request-body and header validation and the credential-presence check
are `contracts.http`'s (the mock and the gateway use the same); response and message bodies are
checked against the consumer-expectation schema of `_schema`.
"""

from __future__ import annotations

from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlencode

import orjson

from .._contract import Contract
from ..http import HttpRuntime, body_kind, negotiate, pick_media_type
from ._matchers import VALUE_KEYWORDS, expand_each_like, type_matched
from ._pact import HttpInteraction
from ._report import Finding, MockDetails, SpecDetails, dotted
from ._schema import SchemaCompileError, expectation_validator

__all__ = ["check_interaction"]

_STANDARD_REQUEST = frozenset(
    [
        "accept",
        "accept-charset",
        "accept-datetime",
        "accept-encoding",
        "accept-language",
        "authorization",
        "cache-control",
        "connection",
        "content-length",
        "content-md5",
        "content-type",
        "cookie",
        "date",
        "dnt",
        "expect",
        "forwarded",
        "from",
        "host",
        "if-match",
        "if-modified-since",
        "if-none-match",
        "if-range",
        "if-unmodified-since",
        "max-forwards",
        "origin",
        "pragma",
        "proxy-authorization",
        "range",
        "referer",
        "te",
        "upgrade",
        "user-agent",
        "via",
        "warning",
        "x-correlation-id",
        "x-csrf-token",
        "x-forwarded-for",
        "x-forwarded-host",
        "x-forwarded-proto",
        "x-http-method-override",
        "x-request-id",
        "x-requested-with",
    ]
)
_STANDARD_RESPONSE = frozenset(
    [
        "access-control-allow-credentials",
        "access-control-allow-headers",
        "access-control-allow-methods",
        "access-control-allow-origin",
        "access-control-expose-headers",
        "access-control-max-age",
        "accept-patch",
        "accept-ranges",
        "age",
        "allow",
        "alt-svc",
        "cache-control",
        "connection",
        "content-disposition",
        "content-encoding",
        "content-language",
        "content-length",
        "content-location",
        "content-md5",
        "content-range",
        "date",
        "etag",
        "expires",
        "last-modified",
        "link",
        "location",
        "p3p",
        "pragma",
        "proxy-authenticate",
        "public-key-pins",
        "refresh",
        "retry-after",
        "server",
        "set-cookie",
        "status",
        "strict-transport-security",
        "trailer",
        "transfer-encoding",
        "tk",
        "upgrade",
        "vary",
        "via",
        "warning",
        "www-authenticate",
        "x-frame-options",
        "x-content-type-options",
        "x-powered-by",
        "x-request-id",
        "x-correlation-id",
        "x-xss-protection",
    ]
)


class _Reporter:
    """Builds findings for one interaction against (once routed) one operation."""

    def __init__(self, interaction: HttpInteraction, pact_file: str, spec_file: str) -> None:
        self.interaction, self.pact_file, self.spec_file = interaction, pact_file, spec_file
        self.method: str | None = None
        self.path: str | None = None
        self.found: list[Finding] = []

    def add(
        self, code: str, message: str, mock_where: str, mock_value: Any, spec_pointer: str, spec_value: Any
    ):
        i = self.interaction
        self.found.append(
            Finding(
                code,
                message,
                MockDetails(i.description, i.state, f"{i.location}.{mock_where}", self.pact_file, mock_value),
                SpecDetails(dotted(spec_pointer), self.method, self.path, self.spec_file, spec_value),
            )
        )


def check_interaction(
    runtime: HttpRuntime,
    interaction: HttpInteraction,
    pact_file: str,
    *,
    additional_properties: bool = False,
    required_properties: bool = False,
) -> list[Finding]:
    contract = runtime.contract
    out = _Reporter(interaction, pact_file, contract.path)
    query = urlencode(interaction.query, doseq=True)
    headers = interaction.headers
    route = runtime.route(interaction.method, interaction.path, query, headers)
    if route.status != 200 or route.operation is None:
        out.add(
            "request.path-or-method.unknown",
            f"Path or method not defined in spec file: {interaction.method} {interaction.path}",
            "request.path",
            interaction.path,
            "/paths",
            None,
        )
        return out.found
    compiled = route.operation
    operation = compiled.operation
    out.method, out.path = operation.method, operation.path
    _check_request(out, contract, compiled, route.path_params, query, headers)
    _check_response(out, contract, compiled, additional_properties, required_properties)
    return out.found


def _check_request(
    out: _Reporter,
    contract: Contract,
    compiled,
    path_params: dict[str, str],
    query: str,
    headers: dict[str, str],
):
    i, operation = out.interaction, compiled.operation
    declared_body = operation.request_body
    headers = dict(headers)
    body = b""
    if i.has_body:
        if declared_body is None:
            out.add(
                "request.body.unknown",
                "No schema found for request body",
                "request.body",
                i.body,
                operation.pointer,
                None,
            )
        elif "content-type" not in headers:
            out.add(
                "request.content-type.missing",
                "Request content type header is not defined but spec specifies mime-types to consume",
                "request",
                None,
                declared_body.pointer + "/content",
                list(declared_body.content),
            )
            json_type = next((m for m in declared_body.content if body_kind(m) == "json"), None)
            if json_type:
                headers["content-type"] = json_type
        value = expand_each_like(i.body, i.rules.get("body", {}))
        body = (
            value.encode()
            if isinstance(value, str) and body_kind(headers.get("content-type", "")) != "json"
            else orjson.dumps(value)
        )
    elif "content-type" in headers and declared_body is None:
        out.add(
            "request.content-type.unknown",
            "Request content-type header is defined but the spec does not specify any mime-types to consume",
            "request.headers.content-type",
            headers["content-type"],
            operation.pointer,
            None,
        )
    check = compiled.check_request(
        path_params, query, headers, body if declared_body else b"", check_security=False
    )
    for issue in check.issues:
        if issue.location == "path":
            code, where = "request.path-or-method.unknown", "request.path"
        elif issue.location == "query":
            code, where = "request.query.incompatible", f"request.query{dotted(issue.pointer)[6:]}"
        elif issue.location == "body":
            code, where = "request.body.incompatible", f"request.body{dotted(issue.pointer)[6:]}"
        elif issue.pointer == "/content-type":
            code, where = "request.content-type.incompatible", "request.headers.content-type"
        else:
            code, where = "request.header.incompatible", f"request.headers{dotted(issue.pointer)[6:]}"
        spec = _parameter_pointer(operation, issue.location, issue.pointer) or operation.pointer
        out.add(code, _REQUEST_MESSAGES[code] + issue.message, where, None, spec, None)
    security_names = _security_names(contract)
    declared = {
        (p.location, p.name.lower() if p.location == "header" else p.name) for p in operation.parameters
    }
    for name in i.query:
        if ("query", name) not in declared and name not in security_names:
            out.add(
                "request.query.unknown",
                f"Query parameter is not defined in the spec file: {name}",
                f"request.query.{name}",
                i.query[name],
                operation.pointer,
                None,
            )
    for name, value in i.headers.items():
        if name not in _STANDARD_REQUEST and ("header", name) not in declared and name not in security_names:
            out.add(
                "request.header.unknown",
                f"Request header is not defined in the spec file: {name}",
                f"request.headers.{name}",
                value,
                operation.pointer,
                None,
            )
    if i.status < 400:
        try:
            cookies = {k: m.value for k, m in SimpleCookie(headers.get("cookie", "")).items()}
        except CookieError:  # a cookie header the standard parser refuses carries no credential
            cookies = {}
        if not compiled.security.satisfied(headers, parse_qs(query, keep_blank_values=True), cookies):
            out.add(
                "request.authorization.missing",
                "Request Authorization is missing but is required by the spec file",
                "request",
                None,
                operation.pointer + "/security" if operation.security is not None else "/security",
                operation.security if operation.security is not None else contract.security,
            )
    accept = headers.get("accept")
    if accept:
        produces = sorted({m for r in operation.responses.values() for m in r.content})
        if not produces:
            out.add(
                "request.accept.unknown",
                "Request Accept header is defined but the spec does not specify any mime-types to produce",
                "request.headers.accept",
                accept,
                operation.pointer + "/responses",
                None,
            )
        elif negotiate(accept, produces) is None:
            out.add(
                "request.accept.incompatible",
                "Request Accept header is incompatible with the mime-types the spec defines to produce",
                "request.headers.accept",
                accept,
                operation.pointer + "/responses",
                produces,
            )


_REQUEST_MESSAGES = {
    "request.path-or-method.unknown": "Path parameter is incompatible with the spec file: ",
    "request.query.incompatible": "Value is incompatible with the parameter defined in the spec file: ",
    "request.body.incompatible": "Request body is incompatible with the request body schema in the spec file: ",
    "request.content-type.incompatible": "Request Content-Type header is incompatible with the spec file: ",
    "request.header.incompatible": "Value is incompatible with the parameter defined in the spec file: ",
}


def _parameter_pointer(operation, location: str, pointer: str) -> str | None:
    name = pointer[1:].split("/", 1)[0].replace("~1", "/").replace("~0", "~")
    for param in operation.parameters:
        if param.location == location and param.name.lower() == name.lower():
            return param.pointer
    if location == "body" and operation.request_body is not None:
        return operation.request_body.pointer
    return None


def _security_names(contract: Contract) -> set[str]:
    """Header and query names that carry credentials (never reported as unknown)."""
    names = {"authorization"}
    for scheme in contract.security_schemes.values():
        if scheme.type.lower() == "apikey" and scheme.parameter_name:
            names.update((scheme.parameter_name, scheme.parameter_name.lower()))
    return names


def _check_response(out: _Reporter, contract: Contract, compiled, additional: bool, required: bool) -> None:
    i, operation = out.interaction, compiled.operation
    declared = compiled.response_for(i.status)
    if declared is None:
        out.add(
            "response.status.unknown",
            f"Response status code not defined in spec file: {i.status}",
            "response.status",
            i.status,
            operation.pointer + "/responses",
            list(operation.responses),
        )
        return
    response = declared.response
    if response.status.lower() == "default":
        out.add(
            "response.status.default",
            f"Response status code matched default response in spec file: {i.status}",
            "response.status",
            i.status,
            operation.pointer + "/responses",
            list(operation.responses),
        )
    declared_headers = {name.lower() for name in response.headers}
    sent = {k: v for k, v in i.response_headers.items() if k != "content-type" and k in declared_headers}
    for issue in compiled.check_response(i.status, sent, b""):
        name = issue.pointer[1:].split("/", 1)[0]
        if name in sent:
            header = next(h for n, h in response.headers.items() if n.lower() == name)
            out.add(
                "response.header.incompatible",
                f"Value is incompatible with the header defined in the spec file: {issue.message}",
                f"response.headers.{name}",
                sent[name],
                header.pointer,
                None,
            )
    for name, value in i.response_headers.items():
        if name == "content-type" or name in declared_headers:
            continue
        if name in _STANDARD_RESPONSE:
            out.add(
                "response.header.undefined",
                f"Standard http response header is not defined in the spec file: {name}",
                f"response.headers.{name}",
                value,
                response.pointer + "/headers",
                None,
            )
        else:
            out.add(
                "response.header.unknown",
                f"Response header is not defined in the spec file: {name}",
                f"response.headers.{name}",
                value,
                response.pointer + "/headers",
                None,
            )
    content_type = i.response_headers.get("content-type")
    media_types = list(response.content)
    if content_type:
        if not media_types:
            out.add(
                "response.content-type.unknown",
                "Response Content-Type header is defined but the spec does not specify any mime-types to produce",
                "response.headers.content-type",
                content_type,
                response.pointer,
                None,
            )
        elif pick_media_type(content_type, media_types) is None:
            out.add(
                "response.content-type.incompatible",
                "Response Content-Type header is incompatible with the mime-types the spec defines to produce",
                "response.headers.content-type",
                content_type,
                response.pointer,
                media_types,
            )
    if not i.has_response_body:
        return
    wanted = content_type or i.headers.get("accept") or "application/json"
    chosen = pick_media_type(wanted, media_types) if content_type else negotiate(wanted, media_types)
    media = response.content.get(chosen) if chosen else None
    if media is None or media.schema is None:
        if media_types and all(body_kind(m) != "json" for m in media_types):
            return  # a body of a media type this check does not read (swagger-mock-validator's rule)
        out.add(
            "response.body.unknown",
            "No matching schema found for response body",
            "response.body",
            i.response_body,
            response.pointer,
            None,
        )
        return
    if body_kind(media.media_type) != "json":
        return
    try:
        validator = expectation_validator(
            contract, media.schema, additional_properties=additional, required_properties=required
        )
    except SchemaCompileError:
        return
    rules = i.response_rules.get("body", {})
    value = expand_each_like(i.response_body, rules)
    for error in validator.errors(value):
        keyword = error.schema_pointer.rsplit("/", 1)[-1]
        if keyword in VALUE_KEYWORDS and type_matched(rules, error.pointer):
            continue
        out.add(
            "response.body.incompatible",
            f"Response body is incompatible with the response body schema in the spec file: {error.message}",
            f"response.body{dotted(error.pointer)[6:]}",
            _at(value, error.pointer),
            media.pointer + "/schema" + error.schema_pointer,
            None,
        )


def _at(value: Any, pointer: str) -> Any:
    for part in pointer.split("/")[1:] if pointer else []:
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
    return value
