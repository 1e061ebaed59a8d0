"""Gates given a `$ref`'d fragment work on the contracts that use it; the first commit has no base."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from tests.cli import accord

from .test_git import API, ORDER, git

OTHER = {  # a second contract that shares the fragment
    "openapi": "3.1.0",
    "info": {"title": "Reports", "version": "1.0.0"},
    "paths": {
        "/reports": {
            "get": {
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "../api/schemas.yaml#/Order"}}},
                    }
                }
            }
        }
    },
}


def _write(repo: Path) -> None:
    (repo / "api").mkdir(exist_ok=True)
    (repo / "reports").mkdir(exist_ok=True)
    (repo / "api" / "openapi.yaml").write_text(yaml.safe_dump(API, sort_keys=False))
    (repo / "api" / "schemas.yaml").write_text(yaml.safe_dump(ORDER, sort_keys=False))
    (repo / "reports" / "openapi.yaml").write_text(yaml.safe_dump(OTHER, sort_keys=False))
    (repo / "api" / "README.md").write_text("# Orders API\n")
    (repo / "api" / "notes.yaml").write_text("owner: orders-team\n")


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    """A repository with the files written and nothing committed yet."""
    git(tmp_path, "init", "-q", "-b", "main")
    _write(tmp_path)
    git(tmp_path, "add", ".")
    return tmp_path


@pytest.fixture
def repo(fresh: Path) -> Path:
    git(fresh, "commit", "-q", "-m", "v1")
    return fresh


def _drop_total(repo: Path) -> None:
    changed = json.loads(json.dumps(ORDER))
    changed["Order"]["required"] = ["id"]
    changed["Order"]["properties"]["id"]["type"] = "integer"  # breaking for clients
    (repo / "api" / "schemas.yaml").write_text(yaml.safe_dump(changed, sort_keys=False))


@pytest.mark.parametrize("command", ["validate", "lint"])
def test_a_fragment_is_checked_through_every_contract_that_refs_it(repo: Path, command: str) -> None:
    result = accord(command, "api/schemas.yaml", "-f", "json", cwd=repo)
    assert result.code in (0, 1), result.stderr
    assert "not an OpenAPI or AsyncAPI document" not in result.stdout + result.stderr
    assert (
        "accord: api/schemas.yaml is a fragment: checking the contract(s) that $ref it: "
        "api/openapi.yaml, reports/openapi.yaml" in result.stderr
    )
    if command == "validate":
        files = [f["file"] for f in json.loads(result.stdout)["files"]]
        assert files == ["api/openapi.yaml", "reports/openapi.yaml"]


def test_a_contract_is_checked_once_however_many_of_its_files_are_given(repo: Path) -> None:
    result = accord("validate", "api/openapi.yaml", "api/schemas.yaml", cwd=repo)
    assert result.code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "api/openapi.yaml: valid openapi 3.0.3",
        "reports/openapi.yaml: valid openapi 3.1.0",
    ]


@pytest.mark.parametrize("command", ["validate", "lint"])
def test_other_files_are_skipped_only_with_contracts_only(repo: Path, command: str) -> None:
    skipped = accord(command, "--contracts-only", "api/README.md", "api/notes.yaml", cwd=repo)
    assert skipped.code == 0, skipped.stderr
    assert "accord: skipped api/README.md: neither a contract nor $ref'd by one" in skipped.stderr
    assert "accord: no contract among the 2 file(s) given: nothing to check" in skipped.stderr
    strict = accord(command, "api/notes.yaml", cwd=repo)
    assert strict.code == 2
    assert strict.stderr.strip().endswith(
        "not an OpenAPI or AsyncAPI document (no 'openapi', 'swagger' or 'asyncapi' field at the top)"
    )


def test_a_breaking_change_in_a_fragment_fails_every_contract_using_it(repo: Path) -> None:
    _drop_total(repo)
    result = accord("diff", "--base", "HEAD", "api/schemas.yaml", "-f", "json", cwd=repo)
    assert result.code == 1, result.stderr
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["revision"]["file"] for r in reports] == ["api/openapi.yaml", "reports/openapi.yaml"]
    change = next(c for c in reports[0]["changes"] if c["id"] == "response-property-type-changed")
    ref_line = (repo / "api" / "openapi.yaml").read_text().splitlines().index(
        next(line for line in (repo / "api" / "openapi.yaml").read_text().splitlines() if "$ref" in line)
    ) + 1
    assert change["revision"]["line"] == ref_line  # the contract's `$ref` to the fragment
    schemas = (repo / "api" / "schemas.yaml").read_text().splitlines()
    assert change["revision"]["fragment"] == {
        "file": "api/schemas.yaml",
        "line": next(n for n, line in enumerate(schemas, 1) if "type: integer" in line),
    }
    assert change["base"]["fragment"]["file"] == "HEAD:api/schemas.yaml"
    text = accord("diff", "--base", "HEAD", "api/schemas.yaml", cwd=repo)
    assert f"(api/openapi.yaml:{ref_line}, in api/schemas.yaml:" in text.stdout


def test_the_first_commit_has_nothing_to_compare(fresh: Path) -> None:
    result = accord(
        "diff", "--base", "HEAD", "--contracts-only", "api/openapi.yaml", "api/schemas.yaml", cwd=fresh
    )
    assert result.code == 0, result.stderr
    assert "HEAD does not exist yet (first commit): nothing to compare for api/openapi.yaml" in result.stderr
    not_a_contract = accord("diff", "--base", "HEAD", "api/notes.yaml", cwd=fresh)
    assert not_a_contract.code == 2 and "not an OpenAPI or AsyncAPI document" in not_a_contract.stderr
    other_ref = accord("diff", "--base", "origin/main", "api/openapi.yaml", cwd=fresh)
    assert other_ref.code == 2 and "git ref 'origin/main' does not exist" in other_ref.stderr
    lint = accord("lint", "--changed-since", "HEAD", "api/openapi.yaml", "-f", "json", cwd=fresh)
    assert lint.code in (0, 1), lint.stderr
    assert json.loads(lint.stdout)["findings"]  # everything is new, so every finding is kept


def test_accord_yaml_lists_the_contracts(repo: Path) -> None:
    (repo / "accord.yaml").write_text("contracts:\n  - api/openapi.yaml\n")
    result = accord("validate", "api/schemas.yaml", cwd=repo)
    assert result.code == 0, result.stderr
    assert "that $ref it: api/openapi.yaml\n" in result.stderr  # reports/ is not listed
    assert accord("lint", "api/schemas.yaml", cwd=repo).code in (0, 1)  # lint reads the key too
    (repo / "accord.yaml").write_text("contracts:\n  - api/missing.yaml\n")
    missing = accord("validate", "api/schemas.yaml", cwd=repo)
    assert missing.code == 2
    assert (
        missing.stderr.strip()
        == "accord: accord.yaml:2:5: contracts: 'api/missing.yaml' is not a file (at /contracts/0)"
    )
    (repo / "accord.yaml").write_text("contracts: {api: openapi.yaml}\n")
    wrong = accord("lint", "api/openapi.yaml", cwd=repo)
    assert wrong.code == 2
    assert "accord.yaml:1:" in wrong.stderr and "`contracts` must be a list" in wrong.stderr


def test_changed_since_counts_a_change_made_in_a_fragment(repo: Path) -> None:
    changed = json.loads(json.dumps(ORDER))
    changed["Order"]["properties"]["state"] = {
        "type": "string",
        "enum": ["a", "a"],
    }  # duplicated-entry-in-enum
    (repo / "api" / "schemas.yaml").write_text(yaml.safe_dump(changed, sort_keys=False))
    result = accord("lint", "--changed-since", "HEAD", "api/schemas.yaml", "-f", "json", cwd=repo)
    assert result.code in (0, 1), result.stderr
    found = {(f["rule"], f["file"]) for f in json.loads(result.stdout)["findings"]}
    assert ("duplicated-entry-in-enum", "api/schemas.yaml") in found


def test_looking_for_contracts_reads_nothing_outside_the_repository_or_endless(repo: Path) -> None:
    (repo / "api" / "zero.yaml").symlink_to("/dev/zero")  # would never end
    os.mkfifo(repo / "api" / "pipe.yaml")  # would block
    outside = {"openapi": "3.0.3", "info": {"title": "o", "version": "1"}, "paths": {}}
    escape = "../" * (len(repo.resolve().parts) + 2) + "dev" + "/zero#/X"  # out of the repository
    outside["components"] = {"schemas": {"X": {"$ref": escape}}}
    (repo / "outside.yaml").write_text(yaml.safe_dump(outside))
    result = accord("validate", "--contracts-only", "api/notes.yaml", cwd=repo, timeout=60)
    assert result.code == 0, result.stderr
    assert "skipped api/notes.yaml" in result.stderr


@pytest.mark.parametrize("command", ["validate", "lint"])
def test_a_contract_that_no_longer_parses_is_never_skipped(repo: Path, command: str) -> None:
    (repo / "reports" / "openapi.yaml").write_text("openapi: 3.1.0\ninfo: {title: [unclosed\n")
    (repo / "api" / "flags.yaml").write_text("features:\n  openapi: true\n")  # names a spec, is none
    result = accord(command, "--contracts-only", "reports/openapi.yaml", "api/flags.yaml", cwd=repo)
    assert result.code == 2
    assert "skipped api/flags.yaml" in result.stderr
    assert "reports/openapi.yaml:3:1: malformed YAML" in result.stderr


def test_a_change_two_fragments_away_is_named_by_the_roots_ref(tmp_path: Path) -> None:
    """openapi.yaml -> paths/orders.yaml (an inlined path item) -> schemas.yaml (a hoisted schema)."""
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "api" / "paths").mkdir(parents=True)
    root = {"openapi": "3.0.3", "info": {"title": "t", "version": "1.0.0"}}
    root["paths"] = {"/orders": {"$ref": "./paths/orders.yaml"}}
    (tmp_path / "api" / "openapi.yaml").write_text(yaml.safe_dump(root, sort_keys=False))
    schema = {"$ref": "../schemas.yaml#/Order"}
    item = {
        "get": {
            "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": schema}}}}
        }
    }
    (tmp_path / "api" / "paths" / "orders.yaml").write_text(yaml.safe_dump(item))
    (tmp_path / "api" / "schemas.yaml").write_text(yaml.safe_dump(ORDER, sort_keys=False))
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "v1")
    _drop_total(tmp_path)
    result = accord("diff", "--base", "HEAD", "api/schemas.yaml", cwd=tmp_path)
    assert result.code == 1
    ref_line = (tmp_path / "api" / "openapi.yaml").read_text().splitlines().index(
        "    $ref: ./paths/orders.yaml"
    ) + 1
    line = next(line for line in result.stdout.splitlines() if "response-property-type-changed" in line)
    assert f"(api/openapi.yaml:{ref_line}, in api/schemas.yaml:" in line
