"""OpenAPI 2.0 (Swagger) into the normalised model.

Body and formData parameters become a request body (one media type per `consumes`), response
`schema` becomes content per `produces`, and a non-body parameter's inline type fields become
its schema, so downstream code sees the same shapes as for OpenAPI 3.
"""

from __future__ import annotations

from typing import Any

from .._contract import Contract
from .._model import Header, MediaType, Operation, Parameter, RequestBody, Response, SecurityScheme, Server
from .._nodes import deref, mapping, security_list, string_list
from .._pointers import escape
from ._common import extensions, iter_operations, lifecycle, merged_parameters

_SCHEMA_KEYS = (
    "type", "format", "items", "enum", "default", "maximum", "exclusiveMaximum", "minimum",
    "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems",
    "multipleOf",
)  # fmt: skip
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def normalise(contract: Contract) -> None:
    doc = contract.document
    contract.schemas = mapping(doc.get("definitions"))
    contract.schemas_pointer = "/definitions"
    contract.security = security_list(doc.get("security"))
    host = doc.get("host")
    if isinstance(host, str):
        base = doc.get("basePath") if isinstance(doc.get("basePath"), str) else ""
        for scheme in string_list(doc.get("schemes")) or ["https"]:
            contract.servers.append(Server(url=f"{scheme}://{host}{base}", pointer="/host"))
    elif isinstance(doc.get("basePath"), str):
        contract.servers.append(Server(url=doc["basePath"], pointer="/basePath"))
    for name, raw in mapping(doc.get("securityDefinitions")).items():
        scheme = mapping(raw)
        kind = str(scheme.get("type", ""))
        contract.security_schemes[name] = SecurityScheme(
            name=name,
            type="http" if kind == "basic" else kind,
            scheme="basic" if kind == "basic" else None,
            pointer=f"/securityDefinitions/{escape(name)}",
            location=scheme.get("in"),
            parameter_name=scheme.get("name"),
            raw=scheme,
        )
    global_consumes = string_list(doc.get("consumes")) or ["application/json"]
    global_produces = string_list(doc.get("produces")) or ["application/json"]
    for path, method, op, op_pointer, item, item_pointer in iter_operations(contract):
        consumes = string_list(op["consumes"]) if "consumes" in op else global_consumes
        produces = string_list(op["produces"]) if "produces" in op else global_produces
        parameters: list[Parameter] = []
        body: RequestBody | None = None
        form_fields: list[tuple[dict, str]] = []
        for raw, pointer in merged_parameters(contract, item, item_pointer, op, op_pointer):
            where = raw.get("in")
            if where == "body":
                body = RequestBody(
                    required=raw.get("required") is True,
                    content={
                        mt: MediaType(mt, raw.get("schema"), _examples(raw.get("x-examples"), mt), pointer)
                        for mt in consumes or ["application/json"]
                    },
                    pointer=pointer,
                    description=raw.get("description"),
                )
            elif where == "formData":
                form_fields.append((raw, pointer))
            elif where in ("path", "query", "header"):
                parameters.append(
                    Parameter(
                        name=raw["name"],
                        location=where,
                        required=raw.get("required") is True or where == "path",
                        schema=_inline_schema(raw),
                        pointer=pointer,
                        style=_style(raw),
                        explode=raw.get("collectionFormat") == "multi" if "collectionFormat" in raw else None,
                        description=raw.get("description"),
                    )
                )
        if form_fields and body is None:
            body = _form_body(form_fields, consumes, op_pointer)
        responses = {
            str(status): _response(
                contract, str(status), raw, f"{op_pointer}/responses/{escape(status)}", produces
            )
            for status, raw in mapping(op.get("responses")).items()
        }
        contract.operations.append(
            Operation(
                method=method,
                path=path,
                operation_id=op.get("operationId") if isinstance(op.get("operationId"), str) else None,
                pointer=op_pointer,
                parameters=parameters,
                request_body=body,
                responses=responses,
                security=security_list(op.get("security")),
                tags=string_list(op.get("tags")),
                summary=op.get("summary"),
                description=op.get("description"),
                extensions=extensions(op),
                **lifecycle(op, op_pointer),
            )
        )


def _inline_schema(raw: dict) -> dict[str, Any]:
    schema = {k: raw[k] for k in _SCHEMA_KEYS if k in raw}
    if schema.get("type") == "file":
        schema = {"type": "string", "format": "binary"}
    return schema


def _style(raw: dict) -> str | None:
    return {"csv": "form", "ssv": "spaceDelimited", "pipes": "pipeDelimited", "multi": "form"}.get(
        raw.get("collectionFormat", "")
    )


def _form_body(fields: list[tuple[dict, str]], consumes: list[str], op_pointer: str) -> RequestBody:
    properties = {raw["name"]: _inline_schema(raw) for raw, _ in fields}
    required = [raw["name"] for raw, _ in fields if raw.get("required") is True]
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    media_types = [mt for mt in consumes if mt in _FORM_TYPES] or ["application/x-www-form-urlencoded"]
    return RequestBody(
        required=bool(required),
        content={mt: MediaType(mt, schema, {}, fields[0][1]) for mt in media_types},
        pointer=fields[0][1],
    )


def _examples(value: Any, media_type: str) -> dict[str, Any]:
    """The example written for a media type (or for any, `*/*`)."""
    examples = mapping(value)
    for key in (media_type, "*/*"):
        if key in examples:
            return {"default": examples[key]}
    return {}


def _response(contract: Contract, status: str, raw: Any, pointer: str, produces: list[str]) -> Response:
    response, pointer = deref(contract, raw, pointer)
    content = {}
    if "schema" in response:
        for mt in produces or ["application/json"]:
            content[mt] = MediaType(mt, response["schema"], _examples(response.get("examples"), mt), pointer)
    else:  # no schema, but examples by media type: the response has those bodies
        examples = [str(mt) for mt in mapping(response.get("examples"))]
        for mt in [mt for mt in produces if mt in examples] or examples:
            content[mt] = MediaType(mt, None, _examples(response.get("examples"), mt), pointer)
    headers = {
        str(name): Header(str(name), False, _inline_schema(mapping(h)), f"{pointer}/headers/{escape(name)}")
        for name, h in mapping(response.get("headers")).items()
    }
    return Response(status, response.get("description"), content, headers, pointer)


__all__ = ["normalise"]
