"""`accord validate --format junit|sarif|github`: the CI formats lint and diff offer, over the same
renderers, each naming the file, line, column and pointer of every error; unreadable files included."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tests.cli import accord

EXAMPLES = Path(__file__).parents[2] / "examples" / "contracts"
INVALID = "openapi: 3.0.3\ninfo: {title: t}\npaths: {}\n"  # info.version is missing (line 2, column 7)


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    invalid = tmp_path / "invalid.yaml"
    invalid.write_text(INVALID)
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    return EXAMPLES / "orders.yaml", invalid, empty


def test_junit(files):
    valid, invalid, empty = files
    result = accord("validate", "--format", "junit", valid, invalid, empty)
    assert result.code == 2, result.stderr  # the worst of valid, invalid and unreadable
    assert result.stderr == f"accord: {empty}: the file is empty\n"
    root = ET.fromstring(result.stdout)
    assert (root.get("name"), root.get("tests"), root.get("failures")) == ("accord validate", "3", "2")
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert list(suites) == [str(valid), str(invalid), str(empty)]
    assert suites[str(valid)].find("testcase/failure") is None
    failure = suites[str(invalid)].find("testcase/failure")
    assert failure.get("message") == '"version" is a required property'
    assert failure.text == f'{invalid}:2:7: "version" is a required property'
    assert suites[str(invalid)].find("testcase").get("name") == "invalid-openapi /info"
    unreadable = suites[str(empty)].find("testcase/failure")
    assert unreadable.get("message") == "the file is empty"


def test_sarif(files):
    valid, invalid, empty = files
    result = accord("validate", "--format", "sarif", valid, invalid, empty)
    assert result.code == 2
    run = json.loads(result.stdout)["runs"][0]
    assert run["tool"]["driver"]["name"] == "accord validate"
    rules = {rule["id"]: rule["shortDescription"]["text"] for rule in run["tool"]["driver"]["rules"]}
    assert rules == {
        "invalid-openapi": "The contract breaks the OpenAPI specification it declares",
        "unreadable-contract": "The contract is not a readable OpenAPI or AsyncAPI document",
    }
    first, second = run["results"]
    assert first["ruleId"] == "invalid-openapi" and first["level"] == "error"
    location = first["locations"][0]
    assert location["physicalLocation"] == {
        "artifactLocation": {"uri": str(invalid)},
        "region": {"startLine": 2, "startColumn": 7},
    }
    assert location["logicalLocations"][0]["fullyQualifiedName"] == "/info"
    assert second["ruleId"] == "unreadable-contract"
    assert second["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == str(empty)


def test_github(files):
    valid, invalid, _empty = files
    result = accord("validate", "--format", "github", valid, invalid)
    assert result.code == 1, result.stderr
    assert result.stdout.splitlines() == [
        f'::error file={invalid},line=2,col=7,title=invalid-openapi::"version" is a required property'
    ]


@pytest.mark.parametrize("format", ["junit", "sarif", "github"])
def test_valid_contracts_pass_in_every_format(format):
    result = accord("validate", "--format", format, EXAMPLES / "orders.yaml", EXAMPLES / "order-events.yaml")
    assert result.code == 0, result.stdout + result.stderr
    assert "error" not in result.stdout and result.stderr == ""
