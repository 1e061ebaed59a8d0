"""Another repository uses the hooks: a throw-away git repository whose .pre-commit-config.yaml points
at this checkout, run with the real `pre-commit run --all-files` (it pip-installs this repository into
its own virtualenv, about a minute the first time; later runs at the same commit reuse it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from ._support import OAS3, operation

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.pre_commit, pytest.mark.timeout(900)]


def _run(cwd: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, timeout=840)


def _this_commit() -> str:
    head = _run(ROOT, "git", "rev-parse", "HEAD")
    if head.returncode or not (ROOT / ".pre-commit-hooks.yaml").is_file():
        pytest.skip("this checkout is not a git repository with .pre-commit-hooks.yaml")
    listed = _run(ROOT, "git", "cat-file", "-e", f"{head.stdout.strip()}:.pre-commit-hooks.yaml")
    if listed.returncode:
        pytest.skip(".pre-commit-hooks.yaml is not committed yet")
    return head.stdout.strip()


def test_hooks_from_another_repository(tmp_path: Path) -> None:
    rev = _this_commit()
    repo = tmp_path / "consumer"
    repo.mkdir()
    for args in (("init", "-q"), ("config", "user.email", "t@shop.test"), ("config", "user.name", "t")):
        _run(repo, "git", *args)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {rev}\n    hooks:\n      - id: accord-validate\n      - id: accord-lint\n"
    )
    (repo / "openapi.json").write_text(json.dumps(OAS3, indent=2))
    (repo / "README.md").write_text("not a contract: the hooks' `files` pattern leaves it alone\n")
    _run(repo, "git", "add", "-A")
    home = Path(tempfile.gettempdir()) / "accord-tests-pre-commit-home"  # reused across runs at one commit
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
    }
    pre_commit = [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"]

    clean = _run(repo, *pre_commit, env=env)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "accord validate" in clean.stdout and "accord lint" in clean.stdout

    (repo / "openapi-v2.json").write_text(json.dumps(operation(OAS3, parameters=[]), indent=2))
    _run(repo, "git", "add", "-A")
    broken = _run(repo, *pre_commit, env=env)
    assert broken.returncode == 1
    assert "path-params" in broken.stdout and "openapi-v2.json" in broken.stdout
