"""A pact's HTTP request checked against the operation it routes to: parameters, body, content type,
credentials and Accept, through the shared runtime's `check_request` and security check."""

from __future__ import annotations

from http.cookies import CookieError, SimpleCookie
from urllib.parse import parse_qs

import orjson

from .._contract import Contract
from .._model import Operation
from ..http import CompiledOperation, body_kind, negotiate
from ._matchers import expand_each_like
from ._report import dotted
from ._reporter import InteractionReporter

__all__ = ["check_request"]

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


def check_request(
    out: InteractionReporter,
    contract: Contract,
    compiled: CompiledOperation,
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


def _parameter_pointer(operation: Operation, location: str, pointer: str) -> str | None:
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
