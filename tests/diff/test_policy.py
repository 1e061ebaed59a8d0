"""Policy files, validation, the other output formats, `accord changelog` and `accord checks`."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml

from tests.cli import accord

BASE = {
    "openapi": "3.0.3",
    "info": {"title": "Orders", "version": "1.0.0"},
    "paths": {
        "/orders": {
            "get": {
                "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}}],
                "responses": {"200": {"description": "ok"}},
            }
        },
        "/orders/{id}": {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "delete": {"responses": {"204": {"description": "gone"}}},
        },
    },
}


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """limit parameter removed (WARN), DELETE removed (ERR), version bumped to 2.0.0."""
    revision = json.loads(json.dumps(BASE))
    revision["info"]["version"] = "2.0.0"
    revision["paths"]["/orders"]["get"]["parameters"] = []
    del revision["paths"]["/orders/{id}"]["delete"]
    revision["paths"]["/orders/{id}"]["get"] = {"responses": {"200": {"description": "ok"}}}
    (tmp_path / "base.yaml").write_text(yaml.safe_dump(BASE, sort_keys=False))
    (tmp_path / "revision.yaml").write_text(yaml.safe_dump(revision, sort_keys=False))
    return tmp_path / "base.yaml", tmp_path / "revision.yaml"


def ids(result) -> list[tuple[str, str]]:
    return [(c["id"], c["level"]) for c in json.loads(result.stdout)["changes"]]


def test_pair_as_is(pair) -> None:
    result = accord("diff", *pair, "-f", "json")
    assert result.code == 1
    assert ids(result) == [
        ("endpoint-removed-without-deprecation", "ERR"),
        ("request-parameter-removed", "WARN"),
        ("endpoint-added", "INFO"),
    ]


def test_ignore_file_by_id_and_by_operation(pair, tmp_path: Path) -> None:
    ignore = tmp_path / "ignore.txt"
    ignore.write_text("# known\nendpoint-removed-without-deprecation delete /orders/{id}\nendpoint-added\n")
    result = accord("diff", *pair, "--ignore", ignore, "-f", "json")
    assert result.code == 0
    assert ids(result) == [("request-parameter-removed", "WARN")]
    ignore.write_text("endpoint-removed-without-deprecation GET /orders/{id}\n")
    assert accord("diff", *pair, "--ignore", ignore).code == 1  # another operation: still reported
    ignore.write_text("endpoint-removed-without-deprecation /orders/{id}\n")
    assert accord("diff", *pair, "--ignore", ignore).code == 0  # a path: every method on it


def test_severity_levels_regrade_and_drop(pair, tmp_path: Path) -> None:
    levels = tmp_path / "levels.txt"
    levels.write_text("endpoint-removed-without-deprecation WARN\nrequest-parameter-removed NONE\n")
    result = accord("diff", *pair, "--severity-levels", levels, "-f", "json")
    assert result.code == 0
    assert sorted(ids(result)) == [
        ("endpoint-added", "INFO"),
        ("endpoint-removed-without-deprecation", "WARN"),
    ]
    assert accord("diff", *pair, "--severity-levels", levels, "--fail-on", "WARN").code == 1


def test_regraded_breaking_change_triggers_the_version_policy(tmp_path: Path) -> None:
    revision = json.loads(json.dumps(BASE))
    revision["info"]["version"] = "1.1.0"
    revision["paths"]["/orders"]["get"]["parameters"] = []
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(BASE))
    (tmp_path / "b.yaml").write_text(yaml.safe_dump(revision))
    assert accord("diff", tmp_path / "a.yaml", tmp_path / "b.yaml").code == 0
    levels = tmp_path / "levels.txt"
    levels.write_text("request-parameter-removed ERR\n")
    result = accord(
        "diff", tmp_path / "a.yaml", tmp_path / "b.yaml", "--severity-levels", levels, "-f", "json"
    )
    assert result.code == 1
    assert ("api-major-version-not-bumped", "ERR") in ids(result)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("no-such-check ERR\n", "levels.txt:1: unknown change id 'no-such-check'"),
        ("request-parameter-removed LOUD\n", "levels.txt:1: expected `ID LEVEL`"),
    ],
)
def test_bad_severity_file_is_bad_input(pair, tmp_path: Path, content: str, message: str) -> None:
    levels = tmp_path / "levels.txt"
    levels.write_text(content)
    result = accord("diff", *pair, "--severity-levels", levels)
    assert result.code == 2
    assert message in result.stderr


def test_slightly_invalid_documents_still_diff_and_list_validation(tmp_path: Path) -> None:
    invalid = json.loads(json.dumps(BASE))
    del invalid["paths"]["/orders/{id}"]["delete"]["responses"]  # responses is required
    invalid["paths"]["/orders"]["get"]["parameters"] = []
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(BASE, sort_keys=False))
    (tmp_path / "b.yaml").write_text(yaml.safe_dump(invalid, sort_keys=False))
    result = accord("diff", tmp_path / "a.yaml", tmp_path / "b.yaml", "-f", "json")
    report = json.loads(result.stdout)
    assert "request-parameter-removed" in [c["id"] for c in report["changes"]]
    assert [v["file"] for v in report["validation"]] == [str(tmp_path / "b.yaml")]
    assert "responses" in report["validation"][0]["message"]
    strict = accord("diff", tmp_path / "a.yaml", tmp_path / "b.yaml", "--strict")
    assert strict.code == 2
    assert "b.yaml" in strict.stderr and "--strict" in strict.stderr


def test_markdown_junit_sarif_github(pair) -> None:
    markdown = accord("diff", *pair, "-f", "markdown").stdout
    assert "| ERR | `endpoint-removed-without-deprecation` | DELETE /orders/{id} |" in markdown
    junit = ET.fromstring(accord("diff", *pair, "-f", "junit").stdout)
    assert junit.get("failures") == "2"  # ERR and WARN fail, INFO is informational
    sarif = json.loads(accord("diff", *pair, "-f", "sarif").stdout)
    results = sarif["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {
        "endpoint-removed-without-deprecation",
        "request-parameter-removed",
        "endpoint-added",
    }
    removed = next(r for r in results if r["ruleId"] == "endpoint-removed-without-deprecation")
    assert removed["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == str(pair[1])
    github = accord("diff", *pair, "-f", "github").stdout.splitlines()
    assert any(line.startswith("::error file=") and "DELETE /orders/{id}" in line for line in github)
    assert any(line.startswith("::warning file=") for line in github)


def test_changelog_groups_by_operation(pair, tmp_path: Path) -> None:
    out = tmp_path / "CHANGELOG.md"
    result = accord("changelog", *pair, "--output", out)
    assert result.code == 0, result.stderr
    text = out.read_text()
    assert text.startswith("# Orders: changes from 1.0.0 to 2.0.0")
    assert (
        "## DELETE /orders/{id}\n\n- **Breaking**: operation removed without being deprecated first" in text
    )
    assert "## GET /orders\n\n- **May break**: query parameter 'limit' removed" in text


def test_diff_writes_the_changelog_too(pair, tmp_path: Path) -> None:
    out = tmp_path / "CHANGELOG.md"
    result = accord("diff", *pair, "-f", "json", "--changelog", out)
    assert result.code == 1
    assert json.loads(result.stdout)["summary"]["ERR"] == 1
    assert "## DELETE /orders/{id}" in out.read_text()


def test_checks_lists_the_catalogue() -> None:
    result = accord("checks", "-f", "json")
    rules = json.loads(result.stdout)
    assert len(rules) > 500
    by_id = {r["id"]: r for r in rules}
    assert by_id["request-parameter-removed"]["level"] == "WARN"
    assert by_id["response-property-enum-value-added"] == {
        "id": "response-property-enum-value-added",
        "level": "WARN",
        "direction": "response",
        "area": "responses",
        "description": by_id["response-property-enum-value-added"]["description"],
    }
    errors = accord("checks", "--level", "ERR").stdout
    assert "api-major-version-not-bumped" in errors and "endpoint-added " not in errors
