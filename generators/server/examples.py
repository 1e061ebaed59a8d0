"""Handlers that answer every operation with the contract's own example: a stand-in for real handlers.

`example_services(contract, package)` returns the keyword arguments of the generated package's
`create_app` (one object per router group, plus an `authorize` that admits every credential), so a
generated server runs before anyone writes a handler: for demos, and for round-trip tests.
"""

from __future__ import annotations

import importlib
import inspect
import json
import typing
from typing import Any

from contracts import escape_pointer
from contracts._jsonschema import contract_validator

from .._names import operation_names

_NOT_SERVICES = {"authorize", "operation_dependencies", "prefix", "source_openapi"}


def example_services(contract, package: str) -> dict[str, Any]:
    application = importlib.import_module(f"{package}.application")
    services = importlib.import_module(f"{package}.services")
    http_result = importlib.import_module(package).HTTPResult
    by_name = {name: _operation(contract, pointer) for pointer, name in operation_names(contract).items()}
    parameters = inspect.signature(application.create_app).parameters
    arguments: dict[str, Any] = {}
    if "authorize" in parameters:
        arguments["authorize"] = lambda requirement_sets, credentials: "example-principal"
    for name, param in parameters.items():
        if param.kind is not inspect.Parameter.KEYWORD_ONLY or name in _NOT_SERVICES:
            continue
        protocol = typing.get_origin(param.annotation) or param.annotation
        if isinstance(protocol, str):
            protocol = getattr(services, protocol.split("[", 1)[0])
        methods = {
            method: _answer(
                by_name[method], contract, http_result, inspect.iscoroutinefunction(getattr(protocol, method))
            )
            for method in sorted(protocol.__abstractmethods__)
        }
        arguments[name] = type(f"Example{protocol.__name__}", (protocol,), methods)()
    return arguments


def _operation(contract, pointer: str):
    return next(op for op in contract.operations if op.pointer == pointer)


def example_response(contract, operation) -> tuple[int, Any]:
    """The status and body of the operation's first declared success.

    The body is the contract's first example that is valid against its schema, else a value made
    from the schema. JSON media types are preferred; other media types answer text.
    """
    successes = sorted(code for code in operation.responses if code[:1] == "2")
    if not successes:
        successes = sorted(code for code in operation.responses if code[:1] in "13")
    if not successes:
        return 200, None
    response = operation.responses[successes[0]]
    status = int(successes[0].upper().replace("XX", "00"))
    medias = sorted(response.content.items(), key=lambda item: "json" not in item[0])
    for media_type, media in medias:
        if media.schema is None and not media.examples:
            continue
        body = _valid_example(contract, media)
        if "json" not in media_type and not isinstance(body, str | bytes):
            body = json.dumps(body)
        return status, body
    return status, None


def _valid_example(contract, media) -> Any:
    if media.schema is None:
        return next(iter(media.examples.values()))
    validator = contract_validator(contract, media.schema, "response")
    for example in media.examples.values():
        if validator.is_valid(example):
            return example
    return sample(contract, media.schema)


def _answer(operation, contract, http_result, asynchronous: bool):
    status, body = example_response(contract, operation)

    def answer(self, **_: Any) -> Any:
        return http_result(status_code=status, body=body)

    async def answer_async(self, **_: Any) -> Any:
        return http_result(status_code=status, body=body)

    return answer_async if asynchronous else answer


_FORMATS = {
    "date-time": "2026-01-01T00:00:00Z",
    "date": "2026-01-01",
    "time": "00:00:00Z",
    "email": "someone@example.org",
    "uuid": "3f2c1a9e-5b7d-4c8e-9f10-2a3b4c5d6e7f",
    "uri": "https://example.org/",
    "url": "https://example.org/",
    "hostname": "example.org",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "byte": "ZXhhbXBsZQ==",
}


def sample(contract, schema: Any, depth: int = 0, *, as_part: bool = False) -> Any:
    """A small value valid against a schema (example, default, const or enum first; required fields only).

    A discriminated union answers its first variant with the tag set; a discriminated base
    schema (inheritance through allOf) answers its first subtype, unless sampled as a part of one.
    """
    schema, pointer = contract.resolve(schema)
    if not isinstance(schema, dict) or depth > 8:
        return None
    for key in ("example", "default", "const"):
        if key in schema:
            return schema[key]
    if schema.get("examples") and isinstance(schema["examples"], list):
        return schema["examples"][0]
    if schema.get("enum"):
        return schema["enum"][0]
    discriminator = schema.get("discriminator") if isinstance(schema.get("discriminator"), dict) else {}
    prop = discriminator.get("propertyName")
    for key in ("oneOf", "anyOf"):
        if schema.get(key):
            choice = schema[key][0]
            value = sample(contract, choice, depth + 1)
            if prop and isinstance(value, dict):
                value[prop] = _tag_of(contract, discriminator, choice)
            return value
    if prop and pointer and not as_part:
        ref = "#" + pointer
        for name, body in contract.schemas.items():
            if isinstance(body, dict) and any(
                isinstance(p, dict) and p.get("$ref") == ref for p in body.get("allOf", [])
            ):
                value = sample(
                    contract, {"$ref": f"#{contract.schemas_pointer}/{escape_pointer(name)}"}, depth + 1
                )
                if isinstance(value, dict):
                    value[prop] = _tag_of(
                        contract,
                        discriminator,
                        {"$ref": f"#{contract.schemas_pointer}/{escape_pointer(name)}"},
                    )
                return value
    if schema.get("allOf"):
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            value = sample(contract, part, depth + 1, as_part=True)
            if isinstance(value, dict):
                merged.update(value)
            elif value is not None:
                return value
        return merged
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object" or (kind is None and "properties" in schema):
        properties = schema.get("properties") or {}
        return {
            name: sample(contract, properties[name], depth + 1) if name in properties else "x"
            for name in schema.get("required", [])
        }
    if kind is None and schema.get("required"):
        return dict.fromkeys(schema["required"], "x")
    if kind == "array":
        count = max(schema.get("minItems", 0), 1 if depth < 3 else 0)
        return [sample(contract, schema.get("items", {}), depth + 1) for _ in range(count)]
    if kind in ("integer", "number"):
        return _number(schema, kind == "integer")
    if kind == "boolean":
        return True
    if kind == "string":
        if schema.get("format") in _FORMATS:
            return _FORMATS[schema["format"]]
        if isinstance(schema.get("pattern"), str):
            return _matching(schema["pattern"])
        return "x" * max(int(schema.get("minLength", 1)), 1)
    return None


def _tag_of(contract, discriminator: dict, choice: Any) -> str:
    """The tag a discriminated union expects for one variant."""
    ref = choice.get("$ref") if isinstance(choice, dict) else None
    for tag, target in (discriminator.get("mapping") or {}).items():
        if target == ref or target == (ref or "").rsplit("/", 1)[-1]:
            return tag
    resolved, _ = contract.resolve(choice)
    prop = discriminator["propertyName"]
    if isinstance(resolved, dict):
        own = resolved.get("x-ms-discriminator-value")
        for part in [resolved, *[contract.resolve(p)[0] for p in resolved.get("allOf", [])]]:
            spec = (
                contract.resolve(((part or {}).get("properties") or {}).get(prop))[0]
                if isinstance(part, dict)
                else None
            )
            if isinstance(spec, dict) and (spec.get("const") or spec.get("enum")):
                return spec.get("const") or spec["enum"][0]
        if isinstance(own, str):
            return own
    return (ref or "x").rsplit("/", 1)[-1]


def serve(contract_path: str, package: str, port: int) -> None:
    """Run the generated package `package` (importable from the working directory) with example handlers."""
    import sys

    import uvicorn

    from contracts import load_contract

    sys.path.insert(0, ".")
    contract = load_contract(contract_path)
    application = importlib.import_module(f"{package}.application")
    problems = importlib.import_module(f"{package}.problems")
    app = application.create_app(
        **example_services(contract, package), exception_handlers=problems.PROBLEM_HANDLERS
    )
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


def _number(schema: dict, integer: bool) -> int | float:
    """The smallest value within the bounds (zero when unbounded below), a multiple of multipleOf."""
    step = 1 if integer else 0.5
    lows, highs = [], []
    for key, bounds, sign in (("minimum", lows, 1), ("maximum", highs, -1)):
        bound, exclusive = schema.get(key), schema.get("exclusive" + key[:1].upper() + key[1:])
        if isinstance(bound, int | float) and not isinstance(bound, bool):
            bounds.append(bound + sign * step if exclusive is True else bound)
        if isinstance(exclusive, int | float) and not isinstance(exclusive, bool):
            bounds.append(exclusive + sign * step)
    value = max(lows) if lows else min(0, *highs) if highs else 0
    multiple = schema.get("multipleOf")
    if isinstance(multiple, int | float) and multiple > 0:
        value = -(-value // multiple) * multiple
    return int(value) if integer else float(value)


def _matching(pattern: str) -> str:
    """A short string matching a regular expression (hypothesis finds one, deterministically)."""
    import warnings

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    found: list[str] = []

    @settings(max_examples=1, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(pattern, fullmatch=True))
    def pick(value: str) -> None:
        found.append(value)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            pick()
        except Exception:
            return "x"
    return found[0] if found else "x"


if __name__ == "__main__":
    import sys

    serve(sys.argv[1], sys.argv[2], int(sys.argv[3]))
