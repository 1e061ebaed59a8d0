"""Swagger 2.0 contracts as OpenAPI 3.0, rebuilt from the normalised model, so every generator takes them.

`contracts` already reads a 2.0 document into operations with parameter schemas, request bodies
per media type (form fields included) and responses with content; this writes that model back
out as an OpenAPI 3.0.3 document (definitions become components/schemas, `x-nullable` becomes
`nullable`, `type: file` a binary string) and loads it as a `Contract` on the same source file.
"""

from __future__ import annotations

from typing import Any

from accord.contracts import Bundle, Contract, normalise

_SCHEMES = {"http": "http", "apiKey": "apiKey", "oauth2": "oauth2"}


def as_openapi3(contract: Contract) -> Contract:
    document = _document(contract)
    source = contract.source
    converted = Contract(
        Bundle(document, source.root, source.files, dict(source.origins)), "openapi", "3.0.3", "oas3"
    )
    converted.path = contract.path
    normalise(converted)
    return converted


def _document(contract: Contract) -> dict[str, Any]:
    raw = contract.document
    paths: dict[str, dict[str, Any]] = {}
    for op in contract.operations:
        entry: dict[str, Any] = {
            "responses": {s: _response(r) for s, r in op.responses.items()}
            or {"default": {"description": "any"}}
        }
        for key in ("operation_id", "summary", "description"):
            if getattr(op, key):
                entry["operationId" if key == "operation_id" else key] = getattr(op, key)
        if op.tags:
            entry["tags"] = op.tags
        if op.deprecated:
            entry["deprecated"] = True
        if op.parameters:
            entry["parameters"] = [_parameter(p) for p in op.parameters]
        if op.request_body and op.request_body.content:
            entry["requestBody"] = {
                "required": op.request_body.required,
                "content": {mt: _media(m) for mt, m in op.request_body.content.items()},
            }
        if op.security is not None:
            entry["security"] = op.security
        paths.setdefault(op.path, {})[op.method] = entry
    document: dict[str, Any] = {
        "openapi": "3.0.3",
        "info": raw.get("info", {"title": "API", "version": "0"}),
        "paths": paths,
        "components": {
            "schemas": {name: _schema(schema) for name, schema in contract.schemas.items()},
            "securitySchemes": {name: _scheme(s) for name, s in contract.security_schemes.items()},
        },
    }
    if contract.servers:
        document["servers"] = [{"url": server.url} for server in contract.servers]
    if contract.security is not None:
        document["security"] = contract.security
    if raw.get("tags"):
        document["tags"] = raw["tags"]
    return document


def _parameter(p) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": p.name,
        "in": p.location,
        "required": p.required,
        "schema": _schema(p.schema),
    }
    if p.style:
        out["style"] = p.style
    if p.explode is not None:
        out["explode"] = p.explode
    if p.description:
        out["description"] = p.description
    return out


def _media(media) -> dict[str, Any]:
    out: dict[str, Any] = {"schema": _schema(media.schema)} if media.schema is not None else {}
    if media.examples:
        out["examples"] = {name: {"value": value} for name, value in media.examples.items()}
    return out


def _response(response) -> dict[str, Any]:
    out: dict[str, Any] = {"description": response.description or ""}
    if response.content:
        out["content"] = {mt: _media(m) for mt, m in response.content.items()}
    if response.headers:
        out["headers"] = {name: {"schema": _schema(h.schema)} for name, h in response.headers.items()}
    return out


def _scheme(scheme) -> dict[str, Any]:
    if scheme.type == "http":
        return {"type": "http", "scheme": scheme.scheme or "basic"}
    if scheme.type == "apiKey":
        return {
            "type": "apiKey",
            "in": scheme.location or "header",
            "name": scheme.parameter_name or "api_key",
        }
    raw = scheme.raw
    flow = {
        "implicit": "implicit",
        "password": "password",
        "application": "clientCredentials",
        "accessCode": "authorizationCode",
    }
    flows = {
        flow.get(raw.get("flow"), "implicit"): {
            k: v
            for k, v in {
                "authorizationUrl": raw.get("authorizationUrl"),
                "tokenUrl": raw.get("tokenUrl"),
                "scopes": raw.get("scopes", {}),
            }.items()
            if v is not None
        }
    }
    return {"type": "oauth2", "flows": flows}


def _schema(node: Any) -> Any:
    """A 2.0 schema as a 3.0 one: references into components, x-nullable, file."""
    if isinstance(node, list):
        return [_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "$ref" and isinstance(value, str) and value.startswith("#/definitions/"):
            out[key] = "#/components/schemas/" + value[len("#/definitions/") :]
        elif key == "x-nullable":
            out["nullable"] = value
        elif key in ("properties", "definitions", "patternProperties"):
            out[key] = (
                {name: _schema(sub) for name, sub in value.items()} if isinstance(value, dict) else value
            )
        else:
            out[key] = _schema(value)
    if out.get("type") == "file":
        out.update(type="string", format="binary")
    return out
