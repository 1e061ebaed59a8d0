"""`accord diff --base REF FILE`: the base read from git, as in CI and the pre-commit hook."""

from __future__ import annotations

import json
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.cli import accord

ROOT = Path(__file__).resolve().parents[2]

API = {
    "openapi": "3.0.3",
    "info": {"title": "Orders", "version": "1.0.0"},
    "paths": {
        "/orders": {
            "get": {
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "schemas.yaml#/Order"}}},
                    }
                }
            }
        }
    },
}
ORDER = {"Order": {"type": "object", "properties": {"id": {"type": "string"}, "total": {"type": "number"}}}}


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def committed(tmp_path: Path) -> Path:
    """A repository with api/openapi.yaml $ref-ing api/schemas.yaml, committed once."""
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "openapi.yaml").write_text(yaml.safe_dump(API))
    (tmp_path / "api" / "schemas.yaml").write_text(yaml.safe_dump(ORDER))
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "v1")
    return tmp_path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return committed(tmp_path)


def test_base_from_git_follows_file_references(repo: Path) -> None:
    changed = json.loads(json.dumps(ORDER))
    del changed["Order"]["properties"]["total"]
    (repo / "api" / "schemas.yaml").write_text(yaml.safe_dump(changed))
    result = accord("diff", "--base", "HEAD", "api/openapi.yaml", "-f", "json", cwd=repo)
    assert result.code == 0, result.stderr  # an optional response property removed: WARN
    report = json.loads(result.stdout)
    assert report["base"]["file"] == "HEAD:api/openapi.yaml"
    assert [c["id"] for c in report["changes"]] == [
        "api-version-unchanged",
        "response-property-removed-optional",
    ]


def test_unknown_ref_is_bad_input(repo: Path) -> None:
    result = accord("diff", "--base", "origin/nope", "api/openapi.yaml", cwd=repo)
    assert result.code == 2
    assert "git ref 'origin/nope' does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_base_that_is_not_a_contract_is_named_as_in_git(repo: Path) -> None:
    (repo / "api" / "openapi.yaml").write_text("just: notes\n")
    git(repo, "commit", "-q", "-am", "not a contract")
    (repo / "api" / "openapi.yaml").write_text(yaml.safe_dump(API))
    result = accord("diff", "--base", "HEAD", "api/openapi.yaml", cwd=repo)
    assert result.code == 2
    assert result.stderr.startswith("accord: HEAD:api/openapi.yaml")
    assert "not an OpenAPI or AsyncAPI document" in result.stderr


def test_file_absent_at_base_is_all_added(repo: Path) -> None:
    (repo / "events.yaml").write_text(
        yaml.safe_dump(
            {"asyncapi": "2.6.0", "info": {"title": "e", "version": "1.0.0"}, "channels": {"a": {}, "b": {}}}
        )
    )
    result = accord("diff", "--base", "HEAD", "events.yaml", "-f", "json", cwd=repo)
    assert result.code == 0, result.stderr
    report = json.loads(result.stdout)
    assert [(c["id"], c["channel"]) for c in report["changes"]] == [
        ("channel-added", "a"),
        ("channel-added", "b"),
    ]
    assert report["summary"] == {"ERR": 0, "WARN": 0, "INFO": 2}


def test_pre_commit_hook_entry_checks_staged_contracts_against_head(repo: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "accord-diff")
    entry = shlex.split(hook["entry"])
    assert entry[0] == "accord"
    (repo / "notes.yaml").write_text("just: notes\n")
    changed = json.loads(json.dumps(API))
    changed["paths"]["/orders"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] = {
        "type": "string"
    }
    (repo / "api" / "openapi.yaml").write_text(yaml.safe_dump(changed))
    git(repo, "add", ".")
    failing = accord(*entry[1:], "api/openapi.yaml", "notes.yaml", cwd=repo)
    assert failing.code == 1, failing.stderr
    assert "response-body-type-changed" in failing.stdout
    git(repo, "commit", "-q", "-m", "v2")
    assert accord(*entry[1:], "api/openapi.yaml", "notes.yaml", cwd=repo).code == 0


def test_several_files_give_one_json_object_a_line(repo: Path) -> None:
    (repo / "events.yaml").write_text(
        yaml.safe_dump(
            {"asyncapi": "3.0.0", "info": {"title": "e", "version": "1.0.0"}, "channels": {"a": {}}}
        )
    )
    result = accord("diff", "--base", "HEAD", "api/openapi.yaml", "events.yaml", "-f", "json", cwd=repo)
    assert result.code == 0, result.stderr
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["summary"] for r in reports] == [
        {"ERR": 0, "WARN": 0, "INFO": 0},
        {"ERR": 0, "WARN": 0, "INFO": 1},
    ]
