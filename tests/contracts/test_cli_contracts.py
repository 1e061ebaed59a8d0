"""validate / inspect / bundle as a user runs them, on every supported kind and version."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli import accord

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples" / "contracts"
ASYNC = Path(__file__).parent / "fixtures" / "asyncapi"

DOCUMENTS = [
    (EXAMPLES / "inventory.json", "openapi", "2.0"),
    (EXAMPLES / "orders.yaml", "openapi", "3.0.3"),
    (EXAMPLES / "payments.yaml", "openapi", "3.1.0"),
    (ASYNC / "valid-2.6.yaml", "asyncapi", "2.6.0"),
    (EXAMPLES / "order-events.yaml", "asyncapi", "3.0.0"),
    (ASYNC / "valid-3.1.yaml", "asyncapi", "3.1.0"),
]
IDS = [f"{kind} {version}" for _, kind, version in DOCUMENTS]
INVALID = "openapi: 3.0.3\ninfo: {title: t}\npaths: {}\n"


def test_json_report_for_several_files_has_the_documented_shape(tmp_path: Path) -> None:
    invalid = tmp_path / "invalid.yaml"
    invalid.write_text(INVALID)
    missing = tmp_path / "missing.yaml"
    result = accord("validate", "--format", "json", EXAMPLES / "orders.yaml", invalid, missing)
    assert result.code == 2  # the worst of 0, 1 and 2
    report = json.loads(result.stdout)
    assert list(report) == ["files"]
    files = report["files"]
    for entry in files:
        assert list(entry) == ["file", "kind", "version", "valid", "errors"]
        for error in entry["errors"]:
            assert list(error) == ["message", "pointer", "line", "column"]
    assert [(f["file"], f["kind"], f["version"], f["valid"]) for f in files] == [
        (str(EXAMPLES / "orders.yaml"), "openapi", "3.0.3", True),
        (str(invalid), "openapi", "3.0.3", False),
        (str(missing), None, None, False),
    ]
    assert files[1]["errors"] == [
        {"message": '"version" is a required property', "pointer": "/info", "line": 2, "column": 7}
    ]
    assert "no such file" in files[2]["errors"][0]["message"]


def test_invalid_beats_valid_and_text_names_file_line_and_column(tmp_path: Path) -> None:
    invalid = tmp_path / "invalid.yaml"
    invalid.write_text(INVALID)
    result = accord("validate", EXAMPLES / "orders.yaml", invalid)
    assert result.code == 1
    assert f'{invalid}:2:7: "version" is a required property (at /info)' in result.stdout
    assert "orders.yaml: valid openapi 3.0.3" in result.stdout


@pytest.mark.parametrize(("path", "kind", "version"), DOCUMENTS, ids=IDS)
def test_validate_inspect_and_bundle_every_version(
    tmp_path: Path, path: Path, kind: str, version: str
) -> None:
    assert accord("validate", path).code == 0
    inspected = accord("inspect", "--format", "json", path)
    assert inspected.code == 0
    summary = json.loads(inspected.stdout)
    assert (summary["kind"], summary["version"]) == (kind, version)
    assert summary["operations_count"] > 0
    text = accord("inspect", path)
    assert text.code == 0 and f"{kind} {version}" in text.stdout
    out = tmp_path / f"bundled{path.suffix}"
    assert accord("bundle", path, "-o", out).code == 0
    again = accord("validate", "--format", "json", out)
    assert again.code == 0, again.stdout
    assert json.loads(again.stdout)["files"][0]["version"] == version


def test_validate_does_not_import_heavy_libraries() -> None:
    """`accord validate` starts fast: no web framework, ORM, fuzzer or the slow reference validator."""
    result = accord(
        "validate",
        EXAMPLES / "orders.yaml",
        EXAMPLES / "order-events.yaml",
        env={"PYTHONPROFILEIMPORTTIME": "1"},
    )
    assert result.code == 0
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert "accord.cli" in imported
    for heavy in ("fastapi", "sqlalchemy", "schemathesis", "openapi_spec_validator", "httpx"):
        assert heavy not in imported, heavy
