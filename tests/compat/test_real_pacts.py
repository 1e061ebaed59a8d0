"""Pacts written by pact-python 4.x (the official client), compared with `accord compat` in a subprocess."""

from __future__ import annotations

import json
import os
from pathlib import Path

import httpx
import pytest
from pact import Pact, match

from tests.cli import accord

os.environ.setdefault("PACT_DO_NOT_TRACK", "true")
FIXTURES = Path(__file__).parent / "fixtures"


def write_pets_pact(directory: Path, pet: dict, specification: str) -> Path:
    pact = Pact("pets-web", "pets").with_specification(specification)
    (
        pact.upon_receiving("a list of pets")
        .given("pets exist")
        .with_request("GET", "/pets")
        .with_header("X-Api-Key", "secret")
        .with_query_parameter("limit", "10")
        .will_respond_with(200)
        .with_body(match.each_like(pet, min=2), content_type="application/json")
    )
    with pact.serve() as mock:
        response = httpx.get(f"{mock.url}/pets", params={"limit": "10"}, headers={"X-Api-Key": "secret"})
        assert response.status_code == 200
    pact.write_file(directory, overwrite=True)
    return directory / "pets-web-pets.json"


PET = {"id": match.int(1), "name": match.regex("Rex", regex="^[A-Z][a-z]+$"), "status": match.str("lost")}


@pytest.mark.parametrize("specification", ["V3", "V4"])
@pytest.mark.parametrize("contract", ["swagger20.yaml", "openapi30.yaml", "openapi31.yaml"])
def test_pact_python_pact_with_matchers_is_compatible(tmp_path: Path, specification: str, contract: str):
    """`status` under a type matcher: any string, though the example is outside the enum."""
    pact = write_pets_pact(tmp_path, PET, specification)
    result = accord("compat", pact, FIXTURES / contract, "--format", "json")
    assert result.code == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == {"success": True, "errors": [], "warnings": []}


@pytest.mark.parametrize("specification", ["V3", "V4"])
def test_pact_python_pact_expecting_an_undeclared_property(tmp_path: Path, specification: str):
    pact = write_pets_pact(tmp_path, {**PET, "colour": match.str("red")}, specification)
    result = accord("compat", pact, FIXTURES / "openapi30.yaml", "--format", "json")
    assert result.code == 1
    report = json.loads(result.stdout)
    assert [e["code"] for e in report["errors"]] == ["response.body.incompatible"] * 2  # two items (min=2)
    assert "'colour' was unexpected" in report["errors"][0]["message"]
    assert report["errors"][0]["mockDetails"]["interactionState"] == "pets exist"
