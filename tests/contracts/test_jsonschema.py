"""Contract schemas compile once into validators that speak each spec's dialect."""

from __future__ import annotations

from pathlib import Path

from accord.contracts import load_contract
from accord.contracts._jsonschema import contract_validator

ORDER = {"customerId": "c-1", "lines": [{"sku": "WID-1", "quantity": 1}]}


def test_refs_across_files_formats_and_errors_with_pointers(examples: Path) -> None:
    c = load_contract(examples / "orders.yaml")
    body = c.operation("post", "/orders").request_body.content["application/json"].schema
    v = contract_validator(c, body, "request")
    assert v.is_valid(ORDER)
    errors = v.errors({"customerId": 1, "lines": []})
    assert [e.pointer for e in errors] == ["/customerId", "/lines"]
    response = c.operation("post", "/orders").responses["201"].content["application/json"]
    rv = contract_validator(c, response.schema, "response")
    assert rv.errors(response.examples["one-widget"]) == []
    assert "uuid" in rv.errors({**response.examples["one-widget"], "id": "nope"})[0].message


def test_openapi_30_nullable_and_read_only(tmp_path: Path) -> None:
    path = tmp_path / "api.yaml"
    path.write_text(
        """
openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Thing:
      type: object
      required: [id, name]
      properties:
        id: {type: string, readOnly: true}
        name: {type: string, nullable: true}
        kind: {type: string, enum: [a, b], nullable: true}
"""
    )
    c = load_contract(path)
    schema = c.schemas["Thing"]
    request = contract_validator(c, schema, "request")
    assert request.is_valid({"name": None, "kind": None})
    assert not request.is_valid({"name": None, "kind": "c"})
    assert not contract_validator(c, schema, "response").is_valid({"name": "x"})
