"""`--changed-since REF`: a legacy contract adopts the rules gradually, in a real git repository."""

from __future__ import annotations

import copy
import json
import subprocess
from pathlib import Path

from tests.cli import accord

from ._support import OAS3, operation

LEGACY = operation(OAS3, description=None)  # an old operation-description warning


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _repo(tmp_path: Path) -> Path:
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "user.email", "t@shop.test")
    _git(tmp_path, "config", "user.name", "t")
    (tmp_path / "api.json").write_text(json.dumps(LEGACY, indent=2))
    _git(tmp_path, "add", "api.json")
    _git(tmp_path, "commit", "-qm", "legacy")
    return tmp_path


def _rules_and_pointers(repo: Path, *args: str) -> set[tuple[str, str]]:
    result = accord("lint", "api.json", "-f", "json", *args, cwd=repo)
    assert result.code in (0, 1), result.stderr
    return {(f["rule"], f["pointer"]) for f in json.loads(result.stdout)["findings"]}


def test_only_new_or_changed_parts_are_reported(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    assert _rules_and_pointers(repo, "--changed-since", "HEAD") == set()  # nothing changed yet
    doc = copy.deepcopy(LEGACY)
    doc["paths"]["/payments"] = {
        "post": {"operationId": "pay", "tags": ["orders"], "responses": {"200": {"description": "ok"}}}
    }
    (repo / "api.json").write_text(json.dumps(doc, indent=2))
    everything = _rules_and_pointers(repo)
    changed = _rules_and_pointers(repo, "--changed-since", "HEAD")
    assert ("operation-description", "/paths/~1orders~1{id}/get") in everything
    assert changed == {("operation-description", "/paths/~1payments/post")}


def test_editing_an_old_operation_brings_its_findings_back(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    doc = copy.deepcopy(LEGACY)
    doc["paths"]["/orders/{id}"]["get"]["summary"] = "now touched"
    (repo / "api.json").write_text(json.dumps(doc, indent=2))
    assert ("operation-description", "/paths/~1orders~1{id}/get") in _rules_and_pointers(
        repo, "--changed-since", "HEAD"
    )


def test_new_file_keeps_everything_and_bad_ref_is_bad_input(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (repo / "new.json").write_text(json.dumps(LEGACY))
    result = accord("lint", "new.json", "-f", "json", "--changed-since", "HEAD", cwd=repo)
    assert json.loads(result.stdout)["findings"]
    bad = accord("lint", "api.json", "--changed-since", "no-such-ref", cwd=repo)
    assert bad.code == 2 and "unknown git ref 'no-such-ref'" in bad.stderr
