"""`accord diff` from the command line: formats, exit codes, bad input, as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.cli import accord

ORDERS = {
    "openapi": "3.0.3",
    "info": {"title": "Orders", "version": "1.0.0"},
    "paths": {
        "/orders/{id}": {
            "get": {
                "operationId": "getOrder",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 100}},
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Order"}}},
                    }
                },
            }
        }
    },
    "components": {
        "schemas": {
            "Order": {
                "type": "object",
                "required": ["id"],
                "properties": {
                    "id": {"type": "string"},
                    "status": {"type": "string", "enum": ["new", "paid"]},
                    "parent": {"$ref": "#/components/schemas/Order"},
                    "children": {"type": "array", "items": {"$ref": "#/components/schemas/Order"}},
                },
            }
        }
    },
}


def write(path: Path, document: dict) -> Path:
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    return path


def revised(**changes) -> dict:
    doc = json.loads(json.dumps(ORDERS))
    order = doc["components"]["schemas"]["Order"]
    if "id_type" in changes:
        order["properties"]["id"]["type"] = changes["id_type"]
    if "enum" in changes:
        order["properties"]["status"]["enum"] = changes["enum"]
    if "version" in changes:
        doc["info"]["version"] = changes["version"]
    return doc


@pytest.fixture
def base(tmp_path: Path) -> Path:
    return write(tmp_path / "base.yaml", ORDERS)


def test_no_change_exits_0(base: Path, tmp_path: Path) -> None:
    same = write(tmp_path / "same.yaml", ORDERS)
    result = accord("diff", base, same)
    assert result.code == 0, result.stderr
    assert "0 change(s)" in result.stdout


def test_breaking_change_exits_1_with_json_shape(base: Path, tmp_path: Path) -> None:
    revision = write(tmp_path / "rev.yaml", revised(id_type="integer"))
    result = accord("diff", base, revision, "--format", "json")
    assert result.code == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["base"] == {"file": str(base), "version": "1.0.0"}
    assert report["revision"] == {"file": str(revision), "version": "1.0.0"}
    change = next(c for c in report["changes"] if c["id"] == "response-property-type-changed")
    assert change == {
        "id": "response-property-type-changed",
        "level": "ERR",
        "operation": "GET /orders/{id}",
        "base": {"pointer": "/components/schemas/Order/properties/id/type", "line": change["base"]["line"]},
        "revision": {
            "pointer": "/components/schemas/Order/properties/id/type",
            "line": change["revision"]["line"],
        },
        "message": change["message"],
    }
    lines = (tmp_path / "rev.yaml").read_text().splitlines()
    assert "type: integer" in lines[change["revision"]["line"] - 1]
    assert "'id'" in change["message"] and "string" in change["message"] and "integer" in change["message"]
    assert report["summary"] == {"ERR": 2, "WARN": 1, "INFO": 0}
    assert {c["id"] for c in report["changes"]} == {
        "response-property-type-changed",
        "api-major-version-not-bumped",
        "api-version-unchanged",
    }


def test_fail_on_warn(base: Path, tmp_path: Path) -> None:
    revision = write(tmp_path / "rev.yaml", revised(enum=["new", "paid", "shipped"], version="1.1.0"))
    assert accord("diff", base, revision).code == 0
    result = accord("diff", base, revision, "--fail-on", "WARN", "-f", "json")
    assert result.code == 1
    assert [c["id"] for c in json.loads(result.stdout)["changes"]] == ["response-property-enum-value-added"]


def test_major_bump_satisfies_the_version_policy(base: Path, tmp_path: Path) -> None:
    revision = write(tmp_path / "rev.yaml", revised(id_type="integer", version="2.0.0"))
    report = json.loads(accord("diff", base, revision, "-f", "json").stdout)
    assert [c["id"] for c in report["changes"]] == ["response-property-type-changed"]


def test_recursive_schemas_finish(base: Path, tmp_path: Path) -> None:
    doc = revised(version="1.0.1")
    doc["components"]["schemas"]["Order"]["properties"]["children"]["maxItems"] = 5
    revision = write(tmp_path / "rev.yaml", doc)
    result = accord("diff", base, revision, "-f", "json", timeout=60)
    ids = [c["id"] for c in json.loads(result.stdout)["changes"]]
    assert ids == ["response-property-max-items-set"]


def test_different_kinds_are_bad_input(base: Path, tmp_path: Path) -> None:
    events = write(
        tmp_path / "events.yaml",
        {"asyncapi": "3.0.0", "info": {"title": "e", "version": "1"}, "channels": {}},
    )
    result = accord("diff", base, events)
    assert result.code == 2
    assert "cannot compare an openapi document" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("content", "expected"),
    [("a: [1, 2\n", "base.yaml"), ("just: yaml\n", "not an OpenAPI or AsyncAPI document")],
)
def test_unreadable_documents_are_bad_input(tmp_path: Path, content: str, expected: str) -> None:
    broken = tmp_path / "base.yaml"
    broken.write_text(content)
    revision = write(tmp_path / "rev.yaml", ORDERS)
    result = accord("diff", broken, revision)
    assert result.code == 2
    assert expected in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_one_file_without_base_is_bad_input(base: Path) -> None:
    result = accord("diff", base)
    assert result.code == 2
    assert "two files" in result.stderr
