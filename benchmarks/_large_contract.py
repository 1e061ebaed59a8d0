"""Write a large, valid OpenAPI 3.0 document (JSON) of about the size asked for: many resources, each
with list/get/create/update/delete operations, parameters, component schemas with examples, and
shared responses, the shapes real descriptions repeat (GitHub's is 13 MB of them).

Usage: python benchmarks/_large_contract.py OUT.json [MEGABYTES]   (default 49)
"""

from __future__ import annotations

import sys
from pathlib import Path

import orjson


def _resource(i: int) -> tuple[dict, dict]:
    name = f"Widget{i}"
    ref = {"$ref": f"#/components/schemas/{name}"}
    item = f"/widgets{i}/{{widget_id}}"
    tag = f"widgets{i}"
    id_param = {
        "name": "widget_id",
        "in": "path",
        "required": True,
        "description": "The widget's identifier.",
        "schema": {"type": "integer", "format": "int64", "minimum": 1},
    }
    page = [
        {"name": "per_page", "in": "query", "description": "Results per page (max 100).",
         "schema": {"type": "integer", "default": 30, "maximum": 100}},
        {"name": "page", "in": "query", "description": "Page number of the results to fetch.",
         "schema": {"type": "integer", "default": 1}},
    ]  # fmt: skip
    ok = {"description": "Response", "content": {"application/json": {"schema": ref}}}
    paths = {
        f"/widgets{i}": {
            "get": {
                "summary": f"List widgets {i}", "description": "Lists the widgets the caller can see.",
                "operationId": f"widgets{i}/list", "tags": [tag], "parameters": page,
                "responses": {
                    "200": {"description": "Response", "content": {"application/json": {
                        "schema": {"type": "array", "items": ref}}}},
                    "404": {"$ref": "#/components/responses/not_found"},
                },
            },
            "post": {
                "summary": f"Create a widget {i}", "description": "Creates a widget.",
                "operationId": f"widgets{i}/create", "tags": [tag],
                "requestBody": {"required": True, "content": {"application/json": {"schema": ref}}},
                "responses": {"201": ok, "422": {"$ref": "#/components/responses/validation_failed"}},
            },
        },
        item: {
            "parameters": [id_param],
            "get": {"summary": f"Get a widget {i}", "description": "Gets one widget.",
                    "operationId": f"widgets{i}/get", "tags": [tag],
                    "responses": {"200": ok, "404": {"$ref": "#/components/responses/not_found"}}},
            "patch": {"summary": f"Update a widget {i}", "description": "Updates a widget.",
                      "operationId": f"widgets{i}/update", "tags": [tag],
                      "requestBody": {"content": {"application/json": {"schema": ref}}},
                      "responses": {"200": ok, "422": {"$ref": "#/components/responses/validation_failed"}}},
            "delete": {"summary": f"Delete a widget {i}", "description": "Deletes a widget.",
                       "operationId": f"widgets{i}/delete", "tags": [tag],
                       "responses": {"204": {"description": "Response"}}},
        },
    }  # fmt: skip
    schema = {
        "title": name,
        "description": "A widget with a name, a size, labels and an owner.",
        "type": "object",
        "required": ["id", "name"],
        "properties": {
            "id": {"type": "integer", "format": "int64", "example": 42},
            "name": {"type": "string", "maxLength": 100, "example": "sprocket"},
            "size": {"type": "string", "enum": ["small", "medium", "large"]},
            "labels": {"type": "array", "items": {"type": "string"}, "example": ["red", "round"]},
            "owner": {"$ref": "#/components/schemas/owner"},
            "created_at": {"type": "string", "format": "date-time", "example": "2024-01-01T00:00:00Z"},
            "url": {"type": "string", "format": "uri", "example": f"https://api.example.com/widgets{i}/42"},
        },
        "example": {"id": 42, "name": "sprocket", "size": "small", "labels": ["red"]},
    }
    return paths, {name: schema}


def build(megabytes: float) -> bytes:
    document: dict = {
        "openapi": "3.0.3",
        "info": {"title": "Large", "version": "1.0.0", "description": "Generated for benchmarks.",
                 "contact": {"name": "accord"}},
        "servers": [{"url": "https://api.example.com"}],
        "tags": [],
        "paths": {},
        "components": {
            "schemas": {"owner": {"type": "object", "properties": {"login": {"type": "string"}}}},
            "responses": {
                "not_found": {"description": "Resource not found"},
                "validation_failed": {"description": "Validation failed"},
            },
        },
    }  # fmt: skip
    one = len(orjson.dumps(_resource(0)))
    count = int(megabytes * 1024 * 1024 / one)
    for i in range(count):
        paths, schemas = _resource(i)
        document["paths"].update(paths)
        document["components"]["schemas"].update(schemas)
        document["tags"].append({"name": f"widgets{i}", "description": f"Widgets {i}."})
    return orjson.dumps(document)


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.write_bytes(build(float(sys.argv[2]) if len(sys.argv) > 2 else 49))
    print(f"{out}: {out.stat().st_size / 1024 / 1024:.1f} MiB")
