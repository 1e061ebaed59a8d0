"""accord:governance, one table per rule id: {name, document, expected finding pointers}, run with only that rule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ._support import AAS2, OAS2, OAS3, changed, merged, operation, pointers

OP = "/paths/~1orders~1{id}/get"
SOON = (datetime.now(UTC).date() + timedelta(days=10)).isoformat()
LATER = (datetime.now(UTC).date() + timedelta(days=400)).isoformat()
SECURED = merged(
    OAS3,
    security=[{"key": []}],
    components={"securitySchemes": {"key": {"type": "apiKey", "name": "k", "in": "header"}}},
)
PROBLEM = {"application/problem+json": {"schema": {"type": "object"}}}

CASES: dict[str, list[tuple[str, dict, list[str]]]] = {
    "info-version-semver": [
        ("semver", OAS3, []),
        ("pre-release", changed(OAS3, "/info/version", "2.0.0-rc.1"), []),
        ("two parts", changed(OAS3, "/info/version", "1.0"), ["/info/version"]),
        ("asyncapi date", changed(AAS2, "/info/version", "2024-01-01"), ["/info/version"]),
    ],
    "deprecated-has-sunset": [
        ("far enough", operation(OAS3, deprecated=True, **{"x-sunset": LATER}), []),
        ("missing", operation(OAS3, deprecated=True), [f"{OP}/deprecated"]),
        ("too soon", operation(OAS3, deprecated=True, **{"x-sunset": SOON}), [f"{OP}/x-sunset"]),
        ("not a date", operation(OAS3, deprecated=True, **{"x-sunset": "next year"}), [f"{OP}/x-sunset"]),
        ("far date-time", operation(OAS3, deprecated=True, **{"x-sunset": f"{LATER}T10:00:00Z"}), []),
        ("basic format", operation(OAS3, deprecated=True, **{"x-sunset": "20300101"}), [f"{OP}/x-sunset"]),
        ("number", operation(OAS3, deprecated=True, **{"x-sunset": 20300101}), [f"{OP}/x-sunset"]),
        (
            "space for T",
            operation(OAS3, deprecated=True, **{"x-sunset": f"{LATER} 10:00:00"}),
            [f"{OP}/x-sunset"],
        ),
        ("invalid, not deprecated", operation(OAS3, **{"x-sunset": "20300101"}), [f"{OP}/x-sunset"]),
        (
            "a property named x-sunset, an example holding one",
            merged(
                OAS3,
                components={
                    "schemas": {
                        "A": {
                            "properties": {"x-sunset": {"type": "string"}},
                            "example": {"deprecated": True, "x-sunset": "soon"},
                        }
                    }
                },
            ),
            [],
        ),
        (
            "invalid x-deprecated-at",
            operation(OAS3, deprecated=True, **{"x-sunset": LATER, "x-deprecated-at": "yesterday"}),
            [f"{OP}/x-deprecated-at"],
        ),
        (
            "deprecated parameter",
            changed(OAS3, f"{OP}/parameters/0/deprecated", True),
            [f"{OP}/parameters/0/deprecated"],
        ),
        (
            "deprecated property",
            merged(
                OAS3,
                components={
                    "schemas": {"A": {"properties": {"old": {"type": "string", "deprecated": True}}}}
                },
            ),
            ["/components/schemas/A/properties/old/deprecated"],
        ),
    ],
    "stability-level-known": [
        ("beta", operation(OAS3, **{"x-stability-level": "beta"}), []),
        (
            "experimental",
            operation(OAS3, **{"x-stability-level": "experimental"}),
            [f"{OP}/x-stability-level"],
        ),
        ("capitalised", operation(OAS3, **{"x-stability-level": "Beta"}), [f"{OP}/x-stability-level"]),
        ("at the root", merged(OAS3, **{"x-stability-level": 1}), ["/x-stability-level"]),
    ],
    "path-version-matches-info": [
        ("v1 for 1.x", merged(OAS3, paths={"/v1/orders": {}}), []),
        ("v2 for 1.x", merged(OAS3, paths={"/v2/orders": {}}), ["/paths/~1v2~1orders"]),
        ("no prefix", OAS3, []),
    ],
    "error-response-problem-json": [
        (
            "problem",
            operation(
                OAS3,
                responses={"200": {"description": "ok"}, "404": {"description": "no", "content": PROBLEM}},
            ),
            [],
        ),
        (
            "no body",
            operation(OAS3, responses={"200": {"description": "ok"}, "404": {"description": "no"}}),
            [],
        ),
        (
            "plain json",
            operation(
                OAS3,
                responses={
                    "200": {"description": "ok"},
                    "500": {"description": "no", "content": {"application/json": {}}},
                },
            ),
            [f"{OP}/responses/500"],
        ),
    ],
    "operation-security-declared": [
        ("global", SECURED, []),
        ("per operation", operation(OAS3, security=[]), []),
        ("none", OAS3, [OP]),
        ("swagger none", OAS2, ["/paths/~1orders/get"]),
    ],
    "operation-id-casing": [
        ("camel", OAS3, []),
        ("snake", operation(OAS3, operationId="get_order"), [f"{OP}/operationId"]),
        (
            "duplicate",
            merged(
                OAS3,
                paths={
                    "/a": {
                        "get": {"operationId": "x", "responses": {}},
                        "put": {"operationId": "x", "responses": {}},
                    }
                },
            ),
            ["/paths/~1a/put/operationId"],
        ),
    ],
    "path-segment-casing": [
        ("kebab", merged(OAS3, paths={"/v1/order-items/{id}": {}}), []),
        ("camel", merged(OAS3, paths={"/v1/orderItems/{id}": {}}), ["/paths/~1v1~1orderItems~1{id}"]),
    ],
    "server-not-example": [
        ("real", OAS3, []),
        ("example.com", changed(OAS3, "/servers/0/url", "https://api.example.com/v1"), ["/servers/0"]),
        ("localhost", changed(OAS3, "/servers/0/url", "http://localhost:8080"), ["/servers/0"]),
        ("swagger host", changed(OAS2, "/host", "localhost:8080"), ["/host"]),
    ],
}


@pytest.mark.parametrize(
    ("rule_id", "name", "document", "expected"),
    [(rule_id, *case) for rule_id, cases in CASES.items() for case in cases],
    ids=[f"{rule_id}: {case[0]}" for rule_id, cases in CASES.items() for case in cases],
)
def test_rule(tmp_path: Path, rule_id: str, name: str, document: dict, expected: list[str]) -> None:
    assert pointers(tmp_path, rule_id, document) == sorted(expected)


def test_options_change_the_rules(tmp_path: Path) -> None:
    sunset_in_10_days = operation(OAS3, deprecated=True, **{"x-sunset": SOON})
    assert pointers(tmp_path, "deprecated-has-sunset", sunset_in_10_days, {"sunset-min-days": 7}) == []
    snake = operation(OAS3, operationId="get_order")
    assert pointers(tmp_path, "operation-id-casing", snake, {"operation-id-casing": "snake"}) == []
    camel_path = merged(OAS3, paths={"/orderItems": {}})
    assert pointers(tmp_path, "path-segment-casing", camel_path, {"path-casing": "camel"}) == []
