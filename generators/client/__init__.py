"""A typed httpx client package from an OpenAPI 3.x contract: sync `Client` and `AsyncClient`.

One method per operation (named like the server's handlers), typed parameters, request and
response bodies as pydantic models (datamodel-code-generator, from per-operation aliases added to
the document), credentials per security scheme, timeouts, retries with backoff on idempotent
methods, and `ApiError` carrying the problem+json body of any non-2xx answer. OpenAPI 3.2: QUERY and
`additionalOperations` methods are operations like any other, an `in: querystring` parameter is the
whole query string (a model, form-encoded or JSON), and a streamed response (a sequential media type
with `itemSchema`) is an iterator of item models, read as they arrive.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accord.contracts import stream_framing

from .._aliases import add_alias
from .._dcg import run, supported
from .._names import operation_names, pascal, snake
from .._output import Output, Source
from ._render import render_client

__all__ = ["Plan", "client_plans", "generate_client"]

_TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class Param:
    name: str  # as in the contract
    arg: str  # the Python argument
    location: str
    required: bool
    annotation: str
    media: str | None = None  # `in: querystring`: the media type of the whole query string


@dataclass
class Plan:
    """One operation as the client calls it."""

    name: str
    method: str
    path: str
    summary: str
    params: list[Param]
    body_model: str | None = None
    body_media: str | None = None  # the contract's media type for the body (it may be a wildcard)
    body_required: bool = False
    results: dict[str, str] = field(default_factory=dict)  # success status -> model alias or "bytes"
    stream: tuple[str, str] | None = None  # a streamed success response: (framing, item model alias)
    security: list[list[str]] = field(default_factory=list)


def client_plans(contract) -> tuple[list[Plan], dict[str, Any]]:
    """How the client calls each operation, and the document with the per-operation type aliases."""
    document = copy.deepcopy(contract.document)
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    return [_plan(contract, op, name, schemas) for op, name in _named(contract)], document


def generate_client(contract, package: str) -> Output:
    output = Output(Source.of(contract, "client"), package)  # the checksum of the contract as written
    contract = supported(contract, ("openapi",))
    plans, document = client_plans(contract)

    def finish(pkg_dir: Path) -> None:
        (pkg_dir / "runtime.py").write_text((_TEMPLATES / "runtime.py").read_text())
        (pkg_dir / "client.py").write_text(render_client(contract, plans))
        (pkg_dir / "__init__.py").write_text(
            f'"""Typed client of {_safe(contract.title or package)}, generated from the contract by accord."""\n\n'
            "from .client import AsyncClient, Client, Credentials\n"
            "from .runtime import ApiError, Retry\n\n"
            '__all__ = ["ApiError", "AsyncClient", "Client", "Credentials", "Retry"]\n'
        )

    run(contract, output, package, document=document, extra={"use_type_alias": True}, finish=finish)
    return output


def _named(contract):
    names = operation_names(contract)
    return [(op, names[op.pointer]) for op in contract.operations]


def _plan(contract, op, name: str, schemas: dict[str, Any]) -> Plan:
    plan = Plan(name, op.method.upper(), op.path, _safe(op.summary or op.description or ""), [])
    taken = {"self", "body"}
    for param in op.parameters:
        arg = snake(param.name, "param")
        while arg in taken:
            arg += "_"
        taken.add(arg)
        annotation, media = _annotation(contract, param.schema), None
        if param.location == "querystring" and param.content:
            media, content = next(iter(param.content.items()))
            if content.schema is not None:
                annotation = "models." + add_alias(schemas, pascal(name) + "Querystring", content.schema)
        plan.params.append(Param(param.name, arg, param.location, param.required, annotation, media))
    if op.request_body and op.request_body.content:
        media = _json_media(contract, op.request_body.content) or next(iter(op.request_body.content))
        plan.body_media = media
        plan.body_required = op.request_body.required
        schema = op.request_body.content[media].schema
        if (media in _WILDCARDS or "json" in media) and schema is not None:
            plan.body_model = add_alias(schemas, pascal(name) + "Body", schema)
    for status, response in op.responses.items():
        if not status.startswith("2"):
            continue
        streamed = _streamed(response.content)
        if streamed is not None and plan.stream is None:
            item_alias = add_alias(schemas, f"{pascal(name)}Item{status.upper()}", streamed.item_schema)
            plan.stream = (stream_framing(streamed.media_type) or "lines", item_alias)
            continue
        media = _json_media(contract, response.content)
        if media and response.content[media].schema is not None:
            plan.results[status] = add_alias(
                schemas, f"{pascal(name)}Response{status.upper()}", response.content[media].schema
            )
        elif response.content:
            plan.results[status] = "bytes"
    requirements = op.security if op.security is not None else (contract.security or [])
    plan.security = sorted(([*req] for req in requirements), key=lambda req: not req)
    return plan


_WILDCARDS = ("*/*", "application/*")


def _streamed(content: dict) -> Any:
    """The sequential media type with an `itemSchema` (OpenAPI 3.2) a response streams, if any."""
    return next(
        (m for m in content.values() if m.item_schema is not None and stream_framing(m.media_type)), None
    )


def _json_media(contract, content: dict) -> str | None:
    """The media type a JSON body is sent or read as: a JSON one, else a wildcard whose schema is not
    binary (`*/*` with an object schema is how many contracts say "JSON, or whatever")."""
    found = next((m for m in content if "json" in m), None)
    if found is not None:
        return found
    for media in _WILDCARDS:
        if media in content:
            schema, _ = (
                contract.resolve(content[media].schema) if content[media].schema is not None else (None, None)
            )
            if isinstance(schema, dict) and schema.get("format") not in ("binary", "byte"):
                return media
    return None


def _annotation(contract, schema: Any, depth: int = 0) -> str:
    schema, _ = contract.resolve(schema) if schema is not None else (None, None)
    if not isinstance(schema, dict) or depth > 3:
        return "Any"
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    if kind == "array":
        return f"list[{_annotation(contract, schema.get('items'), depth + 1)}]"
    return {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}.get(kind, "Any")


def _safe(text: str) -> str:
    """One line fit for a docstring."""
    line = " ".join(str(text).split())[:160]
    return line.replace("\\", "/").replace('"', "'")
