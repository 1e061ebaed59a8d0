"""`accord lint` as a user runs it: formats, exit codes, severities, rulesets."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tests.cli import accord

from ._support import OAS3, operation

BROKEN = operation(OAS3, tags=["orders", "billing"], parameters=[])  # path-params error + undeclared tag


def _write(tmp_path: Path, doc: dict, name: str = "api.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, indent=2))
    return path


def test_json_shape_and_exit_code(tmp_path: Path) -> None:
    result = accord("lint", _write(tmp_path, BROKEN), "--format", "json", cwd=tmp_path)
    assert result.code == 1, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"findings", "summary"}
    assert set(data["summary"]) == {"error", "warn", "info", "hint"}
    by_rule = {f["rule"]: f for f in data["findings"]}
    path_params = by_rule["path-params"]
    assert set(path_params) == {"rule", "severity", "file", "line", "column", "pointer", "path", "message"}
    assert path_params["severity"] == "error"
    assert path_params["path"] == ["paths", "/orders/{id}", "get"]
    assert path_params["pointer"] == "/paths/~1orders~1{id}/get"
    assert path_params["line"] == 24 and path_params["column"] == 14
    assert by_rule["operation-tag-defined"]["path"][-2:] == ["tags", 1]
    assert data["summary"]["error"] == 2  # path-params and oas3-schema (the validator agrees)


def test_fail_severity(tmp_path: Path) -> None:
    clean_but_warned = _write(tmp_path, operation(OAS3, tags=["orders", "billing"]))
    assert accord("lint", clean_but_warned, cwd=tmp_path).code == 0
    assert accord("lint", clean_but_warned, "--fail-severity", "warn", cwd=tmp_path).code == 1
    assert (
        accord("lint", _write(tmp_path, OAS3, "clean.json"), "--fail-severity", "info", cwd=tmp_path).code
        == 0
    )


def test_text_groups_by_file_with_positions(tmp_path: Path) -> None:
    result = accord("lint", _write(tmp_path, BROKEN), cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert lines[0].endswith("api.json")
    assert any(line.strip().startswith("24:14") and "path-params" in line for line in lines)
    assert "2 error" in lines[-1]


def test_ci_formats(tmp_path: Path) -> None:
    api = _write(tmp_path, BROKEN)
    github = accord("lint", api, "--format", "github", cwd=tmp_path).stdout
    assert "::error file=" in github and "title=path-params" in github and "line=24,col=14" in github
    sarif = json.loads(accord("lint", api, "--format", "sarif", cwd=tmp_path).stdout)
    results = sarif["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= {"path-params", "operation-tag-defined"}
    junit = ET.fromstring(accord("lint", api, "--format", "junit", cwd=tmp_path).stdout)
    assert int(junit.get("failures")) >= 2


def test_ruleset_option_replaces_rules(tmp_path: Path) -> None:
    api = _write(tmp_path, BROKEN)
    only_async = json.loads(
        accord("lint", api, "-f", "json", "--ruleset", "accord:asyncapi", cwd=tmp_path).stdout
    )
    assert only_async["findings"] == []
    unknown = accord("lint", api, "--ruleset", "accord:nope", cwd=tmp_path)
    assert unknown.code == 2 and "unknown ruleset 'accord:nope'" in unknown.stderr


def test_invalid_contract_is_linted_with_validation_findings(tmp_path: Path) -> None:
    doc = operation(OAS3, tags=[])
    doc["info"] = {"title": "no version"}
    result = accord("lint", _write(tmp_path, doc), "-f", "json", cwd=tmp_path)
    rules = {f["rule"] for f in json.loads(result.stdout)["findings"]}
    assert {"oas3-schema", "operation-tags"} <= rules
    assert result.code == 1


def test_unreadable_file_is_bad_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("openapi: 3.0.0\ninfo: [unclosed\n")
    result = accord("lint", bad, cwd=tmp_path)
    assert result.code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "bad.yaml" in result.stderr
    assert "No findings" not in result.stdout  # nothing was linted, so no all-clear line


def test_ruleset_file(tmp_path: Path) -> None:
    (tmp_path / "house.yaml").write_text(
        "extends: [[accord:oas, off]]\nrules:\n  has-summary:\n    given: $.paths[*][get]\n"
        "    severity: error\n    then: {field: summary, function: truthy}\n"
    )
    result = accord("lint", _write(tmp_path, OAS3), "-f", "json", "--ruleset", "house.yaml", cwd=tmp_path)
    found = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["pointer"]) for f in found] == [
        ("has-summary", "/paths/~1orders~1{id}/get")  # a missing field: at its parent, as Spectral
    ]
    assert result.code == 1


@pytest.mark.parametrize(
    "contract",
    sorted((Path(__file__).resolve().parents[2] / "examples" / "contracts").glob("*.*")),
    ids=lambda p: p.name,
)
def test_every_example_contract_lints(contract: Path) -> None:
    result = accord(
        "lint",
        contract.resolve(),
        "-f",
        "json",
        "--ruleset",
        "accord:governance",
        "--ruleset",
        "accord:oas",
        "--ruleset",
        "accord:asyncapi",
    )
    assert result.code in (0, 1), result.stderr
    if contract.name == "schemas.yaml":  # a schema library $ref'd by orders.yaml: linted through it
        assert "is a fragment: checking the contract(s) that $ref it: " in result.stderr
        assert "orders.yaml" in result.stderr
    assert set(json.loads(result.stdout)["summary"]) == {"error", "warn", "info", "hint"}


@pytest.mark.parametrize(
    "config",
    [
        "rules: {}\n",
        "extends: [[spectral:oas, off]]\n",
        "extends: [spectral:asyncapi]\n",  # rules, but none for an OpenAPI document
    ],
)
def test_a_configuration_that_checks_nothing_is_bad_input(tmp_path: Path, config: str) -> None:
    """'No findings' from no rules would be a green gate that checked nothing."""
    (tmp_path / ".spectral.yaml").write_text(config)
    api = _write(tmp_path, BROKEN)
    result = accord("lint", api, cwd=tmp_path)
    assert result.code == 2, result.stdout + result.stderr
    assert result.stdout == "" and result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"accord: {api}: no lint rule applies to this openapi 3.0.3 document")


def test_a_configuration_without_lint_settings_lints_with_the_defaults(tmp_path: Path) -> None:
    """An accord.yaml that only lists the contracts must not switch linting off."""
    api = _write(tmp_path, BROKEN)
    (tmp_path / "accord.yaml").write_text(f"contracts: [{api.name}]\ngovernance: {{sunset-min-days: 30}}\n")
    result = accord("lint", api, "--format", "json", cwd=tmp_path)
    assert result.code == 1, result.stdout + result.stderr
    assert "path-params" in {f["rule"] for f in json.loads(result.stdout)["findings"]}
