"""Another repository uses the hooks: a throw-away git repository whose .pre-commit-config.yaml points
at this checkout, run with the real `pre-commit` (it pip-installs this repository into its own
virtualenv, under half a minute the first time; every case here and later runs at the same commit
reuse it: one PRE_COMMIT_HOME)."""

from __future__ import annotations

import json
import os
import shutil
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


@pytest.fixture(scope="module")
def env() -> dict[str, str]:
    """One pre-commit home for every case (and every run at one commit): the hook venv is built once."""
    home = Path(tempfile.gettempdir()) / "accord-tests-pre-commit-home"
    return {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
    }


def _consumer(tmp_path: Path, hooks: str) -> Path:
    repo = tmp_path / "consumer"
    repo.mkdir()
    for args in (
        ("init", "-q", "-b", "main"),
        ("config", "user.email", "t@shop.test"),
        ("config", "user.name", "t"),
    ):
        _run(repo, "git", *args)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {_this_commit()}\n    hooks:\n{hooks}"
    )
    return repo


def test_hooks_from_another_repository(tmp_path: Path, env: dict[str, str]) -> None:
    repo = _consumer(tmp_path, "      - id: accord-validate\n      - id: accord-lint\n")
    (repo / "openapi.json").write_text(json.dumps(OAS3, indent=2))
    (repo / "README.md").write_text("not a contract: the hooks' `files` pattern leaves it alone\n")
    _run(repo, "git", "add", "-A")
    pre_commit = [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"]

    clean = _run(repo, *pre_commit, env=env)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "accord validate" in clean.stdout and "accord lint" in clean.stdout

    (repo / "openapi-v2.json").write_text(json.dumps(operation(OAS3, parameters=[]), indent=2))
    _run(repo, "git", "add", "-A")
    broken = _run(repo, *pre_commit, env=env)
    assert broken.returncode == 1
    assert "path-params" in broken.stdout and "openapi-v2.json" in broken.stdout


def test_hooks_on_a_split_contract(tmp_path: Path, env: dict[str, str]) -> None:
    """The README's setup on the project's own split example: api/orders.yaml $refs api/schemas.yaml."""
    hooks = "".join(
        f"      - {{id: accord-{name}, files: ^api/, verbose: true}}\n"
        for name in ("validate", "lint", "diff")
    )
    repo = _consumer(tmp_path, hooks)
    (repo / "api").mkdir()
    for name in ("orders.yaml", "schemas.yaml"):
        shutil.copy(ROOT / "examples" / "contracts" / name, repo / "api" / name)
    (repo / "api" / "README.md").write_text("# Orders API\n\nThe contract is orders.yaml.\n")
    installed = _run(repo, sys.executable, "-m", "pre_commit", "install", env=env)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    said: list[str] = []

    def commit(message: str) -> subprocess.CompletedProcess[str]:
        _run(repo, "git", "add", "-A")
        done = _run(repo, "git", "commit", "-q", "-m", message, env=env)
        said.append(done.stdout + done.stderr)
        return done

    first = commit("orders v1")  # no HEAD yet: diff has nothing to compare, validate and lint run
    assert first.returncode == 0, said[-1]
    assert "HEAD does not exist yet (first commit): nothing to compare" in said[-1]
    assert said[-1].count("api/orders.yaml: valid openapi 3.0.3") == 1  # root and fragment staged: once
    assert "skipped api/README.md" in said[-1]

    schemas = repo / "api" / "schemas.yaml"
    schemas.write_text(
        schemas.read_text().replace(
            "enum: [placed, paid, shipped, cancelled]", "enum: [placed, paid, shipped]"
        )
    )
    blocked = commit("no more cancelled orders")  # only the fragment changed
    assert blocked.returncode == 1, said[-1]
    lines = (repo / "api" / "orders.yaml").read_text().splitlines()
    ref_line = next(n for n, line in enumerate(lines, 1) if "schemas.yaml#/OrderStatus" in line)
    fragment_line = next(
        n for n, line in enumerate(schemas.read_text().splitlines(), 1) if "enum: [placed" in line
    )
    assert (
        "request-parameter-enum-value-removed  GET /orders: query parameter 'status': enum value \"cancelled\" "
        f"removed  (api/orders.yaml:{ref_line}, in api/schemas.yaml:{fragment_line})"
    ) in said[-1]
    assert "api-major-version-not-bumped" in said[-1]
    assert _run(repo, "git", "log", "--oneline").stdout.count("\n") == 1  # not committed

    (repo / "accord-accept.yaml").write_text(
        "accept:\n"
        "  - id: request-parameter-enum-value-removed\n"
        "    where: GET /orders\n"
        "    contract: api/orders.yaml\n"
        "    reason: orders are no longer cancelled through the API (ORD-118)\n"
        "  - id: api-major-version-not-bumped\n"
        "    contract: api/orders.yaml\n"
        "    version: 1.2.0\n"
        "    reason: no client sends status=cancelled (ORD-118)\n"
    )
    accepted = commit("no more cancelled orders, accepted")
    assert accepted.returncode == 0, said[-1]
    assert "accepted: orders are no longer cancelled through the API (ORD-118)" in said[-1]

    (repo / "api" / "README.md").write_text("# Orders API\n\nSee orders.yaml and schemas.yaml.\n")
    assert commit("docs").returncode == 0, said[-1]
    assert _run(repo, "git", "log", "--oneline").stdout.count("\n") == 3
    for output in said:
        assert "not an OpenAPI or AsyncAPI document" not in output
        assert "Traceback" not in output
