"""OpenAPI 3.0, 3.1 and 3.2 into the normalised model.

3.2 adds, all read here: the `query` operation and `additionalOperations`, `in: querystring`,
`itemSchema`/`itemEncoding` on media types and reusable ones (`components/mediaTypes`), tag
`parent`/`kind`, `$self` (read by `Contract`), the OAuth2 `deviceAuthorization` flow,
`oauth2MetadataUrl` and `deprecated` on security schemes, server `name`, and an Example's `dataValue`.
"""

from __future__ import annotations

from typing import Any

from .._contract import Contract
from .._lifecycle import read_lifecycle
from .._model import (
    Header,
    MediaType,
    OAuthFlow,
    Operation,
    Parameter,
    RequestBody,
    Response,
    SecurityScheme,
    Server,
    Tag,
)
from .._nodes import deref, listing, mapping, security_list, string_list
from .._pointers import escape
from ._common import extensions, iter_operations, lifecycle, merged_parameters


def normalise(contract: Contract) -> None:
    doc = contract.document
    components = mapping(doc.get("components"))
    contract.schemas = mapping(components.get("schemas"))
    contract.schemas_pointer = "/components/schemas"
    contract.servers = _servers(doc.get("servers"), "/servers")
    contract.security = security_list(doc.get("security"))
    contract.tags = _tags(contract, doc.get("tags"))
    for name, raw in mapping(components.get("securitySchemes")).items():
        scheme, pointer = deref(contract, raw, f"/components/securitySchemes/{escape(name)}")
        contract.security_schemes[name] = SecurityScheme(
            name=name,
            type=str(scheme.get("type", "")),
            pointer=pointer,
            scheme=str(scheme["scheme"]).lower() if "scheme" in scheme else None,
            location=scheme.get("in"),
            parameter_name=scheme.get("name"),
            raw=scheme,
            deprecated=scheme.get("deprecated") is True,
            flows=_flows(scheme.get("flows"), f"{pointer}/flows"),
            metadata_url=_text(scheme.get("oauth2MetadataUrl")),
        )
    for path, method, op, op_pointer, item, item_pointer in iter_operations(contract):
        parameters = [
            _parameter(contract, p, pointer)
            for p, pointer in merged_parameters(contract, item, item_pointer, op, op_pointer)
        ]
        body = None
        if "requestBody" in op:
            raw_body, body_pointer = deref(contract, op["requestBody"], f"{op_pointer}/requestBody")
            body = RequestBody(
                required=raw_body.get("required") is True,
                content=_content(contract, raw_body.get("content"), f"{body_pointer}/content"),
                pointer=body_pointer,
                description=raw_body.get("description"),
            )
        responses = {}
        for status, raw_response in mapping(op.get("responses")).items():
            responses[str(status)] = _response(
                contract, str(status), raw_response, f"{op_pointer}/responses/{escape(status)}"
            )
        servers = op.get("servers", item.get("servers"))
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
                servers=_servers(servers, f"{op_pointer}/servers") if servers else [],
                extensions=extensions(op),
                **lifecycle(op, op_pointer),
            )
        )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _tags(contract: Contract, value: Any) -> list[Tag]:
    tags = []
    for i, raw in enumerate(listing(value)):
        tag, pointer = deref(contract, raw, f"/tags/{i}")
        if isinstance(tag.get("name"), str):
            tags.append(
                Tag(
                    name=tag["name"],
                    pointer=pointer,
                    summary=_text(tag.get("summary")),
                    description=_text(tag.get("description")),
                    parent=_text(tag.get("parent")),
                    kind=_text(tag.get("kind")),
                )
            )
    return tags


def _flows(value: Any, pointer: str) -> dict[str, OAuthFlow]:
    flows = {}
    for name, raw in mapping(value).items():
        if isinstance(raw, dict):
            flows[str(name)] = OAuthFlow(
                name=str(name),
                pointer=f"{pointer}/{escape(name)}",
                scopes={str(k): str(v) for k, v in mapping(raw.get("scopes")).items()},
                authorization_url=_text(raw.get("authorizationUrl")),
                token_url=_text(raw.get("tokenUrl")),
                refresh_url=_text(raw.get("refreshUrl")),
                device_authorization_url=_text(raw.get("deviceAuthorizationUrl")),
            )
    return flows


def _servers(value: Any, pointer: str) -> list[Server]:
    servers = []
    for i, raw in enumerate(listing(value)):
        if isinstance(raw, dict) and isinstance(raw.get("url"), str):
            servers.append(
                Server(
                    url=raw["url"],
                    pointer=f"{pointer}/{i}",
                    name=_text(raw.get("name")),  # OpenAPI 3.2
                    description=raw.get("description"),
                    variables=mapping(raw.get("variables")),
                )
            )
    return servers


def _examples(contract: Contract, node: dict, pointer: str) -> dict[str, Any]:
    examples: dict[str, Any] = {}
    if "example" in node:
        examples["default"] = node["example"]
    for name, raw in mapping(node.get("examples")).items():
        example, _ = deref(contract, raw, f"{pointer}/examples/{escape(name)}")
        if "dataValue" in example:  # OpenAPI 3.2: the value as data (`serializedValue` is its wire form)
            examples[str(name)] = example["dataValue"]
        elif "value" in example:
            value = example["value"]
            if isinstance(value, dict) and isinstance(value.get("$ref"), str):
                value, _ = contract.resolve(value)  # GitHub puts the $ref inside `value`
                value = value.get("value", value) if isinstance(value, dict) else value
            examples[str(name)] = value
    return examples


def _content(contract: Contract, value: Any, pointer: str) -> dict[str, MediaType]:
    content = {}
    for media_type, raw in mapping(value).items():
        if not isinstance(raw, dict):  # not a Media Type object (a stray `description: ok`): no body
            continue
        # a `$ref` to a reusable Media Type object (OpenAPI 3.2 `components/mediaTypes`) is followed
        node, here = deref(contract, raw, f"{pointer}/{escape(media_type)}")
        content[str(media_type)] = MediaType(
            media_type=str(media_type),
            schema=node.get("schema"),
            examples=_examples(contract, node, here),
            pointer=here,
            encoding=mapping(node.get("encoding")),
            item_schema=node.get("itemSchema"),
            item_encoding=mapping(node.get("itemEncoding")),
        )
    return content


def _parameter(contract: Contract, raw: dict, pointer: str) -> Parameter:
    location = raw.get("in")
    return Parameter(
        name=raw["name"],
        location=location,
        required=raw.get("required") is True or location == "path",
        schema=raw.get("schema"),
        pointer=pointer,
        deprecated=raw.get("deprecated") is True,
        sunset=read_lifecycle(raw, pointer).sunset,
        style=raw.get("style"),
        explode=raw.get("explode"),
        description=raw.get("description"),
        examples=_examples(contract, raw, pointer),
        content=_content(contract, raw.get("content"), f"{pointer}/content"),
    )


def _response(contract: Contract, status: str, raw: Any, pointer: str) -> Response:
    response, pointer = deref(contract, raw, pointer)
    headers = {}
    for name, raw_header in mapping(response.get("headers")).items():
        header, header_pointer = deref(contract, raw_header, f"{pointer}/headers/{escape(name)}")
        headers[str(name)] = Header(
            name=str(name),
            required=header.get("required") is True,
            schema=header.get("schema"),
            pointer=header_pointer,
            deprecated=header.get("deprecated") is True,
        )
    return Response(
        status=status,
        description=response.get("description"),
        content=_content(contract, response.get("content"), f"{pointer}/content"),
        headers=headers,
        pointer=pointer,
        links=mapping(response.get("links")),
    )
