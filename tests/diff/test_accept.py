"""accord-accept.yaml: an intended breaking change is accepted, with its reason, in a reviewed file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.cli import accord

from .test_git import API, ORDER, committed

BREAK = "response-property-type-changed"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """v1 committed; the working tree changes a response property's type in the fragment."""
    committed(tmp_path)
    changed = json.loads(json.dumps(ORDER))
    changed["Order"]["properties"]["id"]["type"] = "integer"
    (tmp_path / "api" / "schemas.yaml").write_text(yaml.safe_dump(changed))
    return tmp_path


def _accept(repo: Path, *entries: dict) -> None:
    (repo / "accord-accept.yaml").write_text(yaml.safe_dump({"accept": list(entries)}, sort_keys=False))


def _bump(repo: Path, version: str) -> None:
    api = json.loads(json.dumps(API))
    api["info"]["version"] = version
    (repo / "api" / "openapi.yaml").write_text(yaml.safe_dump(api))


def _diff(repo: Path, *args: str):
    return accord("diff", "--base", "HEAD", "api/schemas.yaml", *args, cwd=repo)


def test_without_an_accept_file_the_break_and_the_version_policy_fail(repo: Path) -> None:
    result = _diff(repo, "-f", "json")
    assert result.code == 1
    ids = {c["id"] for c in json.loads(result.stdout)["changes"] if c["level"] == "ERR"}
    assert ids == {BREAK, "api-major-version-not-bumped"}


def test_a_major_version_bump_alone_still_blocks_the_break(repo: Path) -> None:
    _bump(repo, "2.0.0")
    result = _diff(repo, "-f", "json")
    assert result.code == 1
    ids = {c["id"] for c in json.loads(result.stdout)["changes"] if c["level"] == "ERR"}
    assert ids == {BREAK}  # the policy is met; the break itself is still unaccepted
    _accept(repo, {"id": BREAK, "where": "GET /orders", "reason": "v2: ids are numbers (ORD-7)"})
    assert _diff(repo).code == 0


def test_accepted_changes_are_reported_with_their_reason_and_pass(repo: Path) -> None:
    _accept(
        repo,
        {
            "id": BREAK,
            "where": "get /orders",
            "contract": "api/openapi.yaml",
            "reason": "ids are numbers (ORD-7)",
        },
        {"id": "api-major-version-not-bumped", "version": "1.0.0", "reason": "no client reads id yet"},
    )
    result = _diff(repo, "-f", "json")
    assert result.code == 0, result.stdout + result.stderr
    accepted = {
        c["id"]: c.get("accepted") for c in json.loads(result.stdout)["changes"] if c["level"] == "ERR"
    }
    assert accepted == {
        BREAK: "ids are numbers (ORD-7)",
        "api-major-version-not-bumped": "no client reads id yet",
    }
    text = _diff(repo)
    assert "accepted: ids are numbers (ORD-7)" in text.stdout
    assert "2 breaking, 1 may break, 0 safe (2 accepted)" in text.stdout


@pytest.mark.parametrize(
    "narrowed",
    [
        {"where": "POST /orders"},  # another operation
        {"contract": "other/openapi.yaml"},  # another contract
        {"version": "0.9.0"},  # pinned to a version the contract has moved on from
    ],
    ids=["where", "contract", "version"],
)
def test_an_entry_covers_only_what_it_names(repo: Path, narrowed: dict) -> None:
    _bump(repo, "2.0.0")
    _accept(repo, {"id": BREAK, **narrowed, "reason": "meant"})
    result = _diff(repo)
    assert result.code == 1
    assert "accepted" not in result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "accept:\n  - id: no-such-change\n    reason: x\n",
            "accord-accept.yaml:2:9: change id 'no-such-change' is unknown",
        ),
        (f"accept:\n  - id: {BREAK}\n", "accord-accept.yaml:2:5: an accepted change needs a `reason`"),
        (
            f"accept:\n  - id: {BREAK}\n    reason: x\n    why: y\n",
            "accord-accept.yaml:4:10: unknown key 'why'",
        ),
        ("- id: x\n", "accord-accept.yaml:1:1: an accept file is a mapping with one key"),
    ],
    ids=["unknown-id", "no-reason", "unknown-key", "not-a-mapping"],
)
def test_a_mistake_in_the_accept_file_is_bad_input_naming_the_line(
    repo: Path, content: str, message: str
) -> None:
    (repo / "accord-accept.yaml").write_text(content)
    result = _diff(repo)
    assert result.code == 2
    assert result.stderr.splitlines()[-1].startswith(f"accord: {message}")


def test_accept_names_another_file(repo: Path) -> None:
    (repo / "policy").mkdir()
    (repo / "policy" / "breaks.yaml").write_text(
        yaml.safe_dump(
            {"accept": [{"id": BREAK, "reason": "r"}, {"id": "api-major-version-not-bumped", "reason": "r"}]}
        )
    )
    assert _diff(repo, "--accept", "policy/breaks.yaml").code == 0
    missing = _diff(repo, "--accept", "policy/none.yaml")
    assert missing.code == 2 and "policy/none.yaml: no such file" in missing.stderr
