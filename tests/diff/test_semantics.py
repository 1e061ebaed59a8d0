"""Behaviour beyond single ids: equivalent rewrites, readOnly/writeOnly by direction, OpenAPI 2.0."""

from __future__ import annotations

from pathlib import Path

import orjson
from accord.contracts import load_contract
from accord.contracts.diff import diff_contracts

NULLABLE_OPTIONS = {
    "type": "object",
    "nullable": True,
    "properties": {"runner": {"type": "string"}, "label": {"type": "string"}},
}


def _doc(schema: dict, schemas: dict | None = None, openapi: str = "3.0.3") -> dict:
    body = {"content": {"application/json": {"schema": schema}}}
    return {
        "openapi": openapi,
        "info": {"title": "t", "version": "1.0.0"},
        "paths": {"/things": {"patch": {"requestBody": body, "responses": {"204": {"description": "ok"}}}}},
        "components": {"schemas": schemas or {}},
    }


def changes(tmp_path: Path, base: dict, revision: dict) -> list[tuple[str, str]]:
    (tmp_path / "a.json").write_bytes(orjson.dumps(base))
    (tmp_path / "b.json").write_bytes(orjson.dumps(revision))
    report = diff_contracts(load_contract(tmp_path / "a.json"), load_contract(tmp_path / "b.json"))
    return [(c.id, c.message) for c in report.changes if not c.id.startswith("api-")]


def test_wrapping_a_ref_in_all_of_only_reports_what_the_new_member_adds(tmp_path: Path) -> None:
    ref = {"$ref": "#/components/schemas/Options"}
    base = _doc({"type": "object", "properties": {"options": ref}}, {"Options": NULLABLE_OPTIONS})
    wrapped = {"allOf": [ref, {"type": "object", "properties": {"advanced": {"type": "boolean"}}}]}
    revision = _doc({"type": "object", "properties": {"options": wrapped}}, {"Options": NULLABLE_OPTIONS})
    found = changes(tmp_path, base, revision)
    assert [i for i, _ in found] == ["request-property-added-optional"]
    assert "'options/advanced'" in found[0][1]


def test_read_only_properties_do_not_matter_in_requests(tmp_path: Path) -> None:
    base = _doc({"type": "object", "properties": {"id": {"type": "string", "readOnly": True}}})
    revision = _doc({"type": "object", "properties": {"id": {"type": "integer", "readOnly": True}}})
    assert changes(tmp_path, base, revision) == []
    dropped = _doc({"type": "object", "properties": {}})
    assert changes(tmp_path, base, dropped) == []


def test_openapi_2_body_parameter_is_the_request_body(tmp_path: Path) -> None:
    def swagger(max_length: int) -> dict:
        return {
            "swagger": "2.0",
            "info": {"title": "t", "version": "1.0.0"},
            "paths": {
                "/things": {
                    "post": {
                        "parameters": [
                            {
                                "name": "body",
                                "in": "body",
                                "required": True,
                                "schema": {"type": "object", "properties": {"name": {"type": "string", "maxLength": max_length}}},
                            }
                        ],
                        "responses": {"201": {"description": "created"}},
                    }
                }
            },
        }  # fmt: skip

    found = changes(tmp_path, swagger(100), swagger(10))
    assert [i for i, _ in found] == ["request-property-max-length-decreased"]


def test_below_1_0_a_minor_bump_is_enough_for_a_breaking_change(tmp_path: Path) -> None:
    def versioned(version: str, max_length: int) -> dict:
        doc = _doc({"type": "object", "properties": {"name": {"type": "string", "maxLength": max_length}}})
        doc["info"]["version"] = version
        return doc

    def ids(base: dict, revision: dict) -> list[str]:
        (tmp_path / "a.json").write_bytes(orjson.dumps(base))
        (tmp_path / "b.json").write_bytes(orjson.dumps(revision))
        report = diff_contracts(load_contract(tmp_path / "a.json"), load_contract(tmp_path / "b.json"))
        return [c.id for c in report.changes]

    assert ids(versioned("0.3.0", 100), versioned("0.4.0", 10)) == ["request-property-max-length-decreased"]
    assert "api-major-version-not-bumped" in ids(versioned("0.3.0", 100), versioned("0.3.1", 10))
    assert "api-version-decreased" in ids(versioned("2.0.0", 100), versioned("1.9.0", 100))
