"""Handlers that answer every operation with the contract's own example: a stand-in for real handlers.

`example_services(contract, package)` returns the keyword arguments of the generated package's
`create_app` (one object per router group, plus an `authorize` that admits every credential), so a
generated server runs before anyone writes a handler: for demos, and for round-trip tests.
"""

from __future__ import annotations

import copy
import importlib
import inspect
import json
import random
import typing
from typing import Any

from accord.contracts import SchemaCompileError, contract_validator

from .._discriminators import polymorphic, with_mappings
from .._names import operation_names

_NOT_SERVICES = {"authorize", "operation_dependencies", "prefix", "source_openapi"}


def example_services(contract, package: str) -> dict[str, Any]:
    """Keyword arguments of `create_app`: example-answering services (501 for an operation the
    generator named itself) and an `authorize` that admits every credential."""
    application = importlib.import_module(f"{package}.application")
    services = importlib.import_module(f"{package}.services")
    http_result = importlib.import_module(package).HTTPResult
    by_name = {name: _operation(contract, pointer) for pointer, name in operation_names(contract).items()}
    parameters = inspect.signature(application.create_app).parameters
    sampler = _sampler(contract)
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
                example_response(contract, by_name[method], sampler) if method in by_name else (501, None),
                http_result,
                inspect.iscoroutinefunction(getattr(protocol, method)),
            )
            for method in sorted(protocol.__abstractmethods__)
        }
        arguments[name] = type(f"Example{protocol.__name__}", (protocol,), methods)()
    return arguments


def _operation(contract, pointer: str):
    return next(op for op in contract.operations if op.pointer == pointer)


def example_response(contract, operation, sampler=None) -> tuple[int, Any]:
    """The status and body of the operation's first declared success (else of its `default`
    response, as 200, else of the first status it declares: an operation may document only errors).

    The body is the contract's first example that is valid against its schema, else a value made
    from the schema. JSON media types are preferred; other media types answer text.
    """
    codes = sorted(operation.responses)
    chosen = (
        next((c for c in codes if c[:1] == "2"), None)
        or next((c for c in codes if c[:1] in "13"), None)
        or ("default" if "default" in codes else next(iter(codes), None))
    )
    if chosen is None:
        return 200, None
    response = operation.responses[chosen]
    status = 200 if chosen == "default" else int(chosen.upper().replace("XX", "00"))
    medias = sorted(response.content.items(), key=lambda item: "json" not in item[0])
    for media_type, media in medias:
        if media.schema is None and not media.examples:
            continue
        body = _valid_example(contract, media, sampler or _sampler(contract))
        if "json" not in media_type and not isinstance(body, str | bytes):
            body = json.dumps(body)
        return status, body
    return status, None


def _valid_example(contract, media, sampler) -> Any:
    if media.schema is None:
        return next(iter(media.examples.values()))
    try:
        validator = contract_validator(contract, media.schema, "response")
    except SchemaCompileError:  # a pattern beyond the validator's regex engine: the first candidate
        return (
            next(iter(media.examples.values()), None)
            if media.examples
            else sampler.value(media.schema, random.Random(0))
        )
    for example in media.examples.values():
        if validator.is_valid(example):
            return example
    value = None
    for use_examples in (True, False):  # schema-level examples may break their own formats
        value = sampler.value(media.schema, random.Random(0), use_examples=use_examples)
        if validator.is_valid(value):
            return value
    return _pruned(value, validator)


def _pruned(value: Any, validator) -> Any:
    """Drop nested properties and array items, deepest first, while that lowers the schema's error
    count (a value generated for a recursive schema can end in an empty object its schema refuses)."""
    errors = len(validator.errors(value))
    improved = True
    while errors and improved:
        improved = False
        for path in sorted(_key_paths(value), key=len, reverse=True):
            candidate = copy.deepcopy(value)
            parent = candidate
            for step in path[:-1]:
                parent = parent[step]
            del parent[path[-1]]
            count = len(validator.errors(candidate))
            if count < errors:
                value, errors, improved = candidate, count, True
                break
    return value


def _key_paths(value: Any, path: tuple = ()) -> list[tuple]:
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            found += [(*path, key), *_key_paths(item, (*path, key))]
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += [(*path, index), *_key_paths(item, (*path, index))]
    return found


def _sampler(contract):
    """The mock's value generator, reading discriminators as the generated models do."""
    from ..mock import Generator

    mapped = copy.copy(contract)
    mapped.document = polymorphic(with_mappings(contract.document))
    return Generator(mapped, "response")


def _answer(example: tuple[int, Any], http_result, asynchronous: bool):
    status, body = example

    def answer(self, **_: Any) -> Any:
        return http_result(status_code=status, body=body)

    async def answer_async(self, **_: Any) -> Any:
        return http_result(status_code=status, body=body)

    return answer_async if asynchronous else answer


def serve(contract_path: str, package: str, fd: int) -> None:
    """Run the generated package `package` (importable from the working directory) with example handlers,
    on the listening socket `fd` inherited from the caller (which chose its port: no race for a free one)."""
    import sys

    import uvicorn
    from accord.contracts import load_contract

    sys.path.insert(0, ".")
    contract = load_contract(contract_path)
    application = importlib.import_module(f"{package}.application")
    problems = importlib.import_module(f"{package}.problems")
    app = application.create_app(
        **example_services(contract, package), exception_handlers=problems.PROBLEM_HANDLERS
    )
    uvicorn.run(app, fd=fd, log_level="warning")


if __name__ == "__main__":
    import sys

    serve(sys.argv[1], sys.argv[2], int(sys.argv[3]))
