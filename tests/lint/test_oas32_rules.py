"""accord:oas rules for OpenAPI 3.2's new fields, one table per rule id: {name, document, expected
finding pointers}, run with only that rule; and Spectral's OAS rules reaching 3.2 documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from ._support import merged, pointers

STR = {"type": "string"}
OK = {"200": {"description": "ok"}}
OAS32 = {
    "openapi": "3.2.0",
    "info": {"title": "Shop", "version": "1.0.0", "description": "d", "contact": {"name": "n"}},
    "servers": [{"url": "https://api.shop.test/v1"}],
    "tags": [
        {"name": "orders", "description": "d"},
        {"name": "search", "description": "d", "parent": "orders"},
    ],
    "paths": {
        "/orders": {
            "query": {
                "operationId": "searchOrders",
                "description": "d",
                "tags": ["search"],
                "requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}},
                "responses": OK,
            }
        }
    },
}
WHOLE = {
    "name": "filter",
    "in": "querystring",
    "content": {"application/x-www-form-urlencoded": {"schema": {}}},
}


def _tags(*tags: dict) -> dict:
    return merged(OAS32, tags=[{"description": "d", **tag} for tag in tags])


def _get(**operation) -> dict:
    return merged(OAS32, paths={"/orders": {"get": {"responses": OK, **operation}}})


def _streamed(media_type: str) -> dict:
    content = {media_type: {"itemSchema": STR}}
    return _get(responses={"200": {"description": "ok", "content": content}})


def _additional(method: str) -> dict:
    return merged(OAS32, paths={"/orders": {"additionalOperations": {method: {"responses": OK}}}})


CASES: dict[str, list[tuple[str, dict, list[str]]]] = {
    "oas3_2-tag-parent-defined": [
        ("parent declared", OAS32, []),
        (
            "parent missing",
            _tags({"name": "orders"}, {"name": "search", "parent": "order"}),
            ["/tags/1/parent"],
        ),
    ],
    "oas3_2-tag-parent-cycle": [
        ("a tree", OAS32, []),
        (
            "two tags each other's parent",
            _tags({"name": "orders", "parent": "search"}, {"name": "search", "parent": "orders"}),
            ["/tags/0/parent", "/tags/1/parent"],
        ),
        ("its own parent", _tags({"name": "orders", "parent": "orders"}), ["/tags/0/parent"]),
    ],
    "oas3_2-querystring-exclusive": [
        ("querystring alone", _get(parameters=[WHOLE]), []),
        ("query parameters alone", _get(parameters=[{"name": "q", "in": "query", "schema": STR}]), []),
        (
            "querystring beside a query parameter",
            _get(parameters=[WHOLE, {"name": "q", "in": "query", "schema": STR}]),
            ["/paths/~1orders/get/parameters/1"],
        ),
        (
            "two querystring parameters",
            _get(parameters=[WHOLE, {**WHOLE, "name": "again"}]),
            ["/paths/~1orders/get/parameters/1"],
        ),
    ],
    "oas3_2-item-schema-sequential": [
        ("server-sent events", _streamed("text/event-stream"), []),
        ("JSON Lines", _streamed("application/jsonl"), []),
        ("NDJSON with parameters", _streamed("application/x-ndjson; charset=utf-8"), []),
        ("multipart", _streamed("multipart/mixed"), []),
        (
            "plain JSON",
            _streamed("application/json"),
            ["/paths/~1orders/get/responses/200/content/application~1json/itemSchema"],
        ),
    ],
    "oas3_2-additional-operations-custom": [
        ("a method without a fixed field", _additional("COPY"), []),
        (
            "QUERY written as an additional operation",
            _additional("QUERY"),
            ["/paths/~1orders/additionalOperations/QUERY"],
        ),
        (
            "GET written as an additional operation",
            _additional("GET"),
            ["/paths/~1orders/additionalOperations/GET"],
        ),
    ],
}
# Spectral's rules reach 3.2 documents, QUERY and additional operations included
REACH: dict[str, list[tuple[str, dict, list[str]]]] = {
    "operation-operationId-unique": [
        (
            "a QUERY and a COPY sharing an operationId",
            merged(
                OAS32,
                paths={
                    "/orders": {
                        "query": {"operationId": "x", "responses": OK},
                        "additionalOperations": {"COPY": {"operationId": "x", "responses": OK}},
                    }
                },
            ),
            ["/paths/~1orders/additionalOperations/COPY/operationId"],
        ),
    ],
    "operation-tag-defined": [
        (
            "a QUERY with an undeclared tag",
            merged(OAS32, tags=[{"name": "orders"}]),
            ["/paths/~1orders/query/tags/0"],
        ),
    ],
    "path-params": [
        (
            "an additional operation without its path parameter",
            merged(OAS32, paths={"/orders/{id}": {"additionalOperations": {"COPY": {"responses": OK}}}}),
            ["/paths/~1orders~1{id}/additionalOperations/COPY"],
        ),
    ],
}


@pytest.mark.parametrize(
    ("rule_id", "name", "document", "expected"),
    [(rule_id, *case) for table in (CASES, REACH) for rule_id, cases in table.items() for case in cases],
    ids=[
        f"{rule_id}: {case[0]}"
        for table in (CASES, REACH)
        for rule_id, cases in table.items()
        for case in cases
    ],
)
def test_rule(tmp_path: Path, rule_id: str, name: str, document: dict, expected: list[str]) -> None:
    assert pointers(tmp_path, rule_id, document) == sorted(expected)
