"""A pact's HTTP response checked against the declared response: status, headers, content type and
body (as a consumer expectation, Pact matchers applied)."""

from __future__ import annotations

from .._contract import Contract
from ..http import CompiledOperation, body_kind, negotiate, pick_media_type
from ._matchers import VALUE_KEYWORDS, expand_each_like, type_matched
from ._report import dotted, value_at
from ._reporter import InteractionReporter
from ._schema import SchemaCompileError, expectation_validator

__all__ = ["check_response"]

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


def check_response(
    out: InteractionReporter,
    contract: Contract,
    compiled: CompiledOperation,
    additional: bool,
    required: bool,
) -> None:
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
            value_at(value, error.pointer),
            media.pointer + "/schema" + error.schema_pointer,
            None,
        )
