"""The layering of the rooms (docs/architecture.md) is import-linter's to check (`.importlinter`, run by
scripts/check-seams from scripts/test): contracts imports no other room; generators, broker and gateway
import contracts and not each other; the CLI (accord/) sits on top; a private module is imported only
inside its own package. These tests run the real script on this repository and on a copy that breaks
each rule, so the check is seen to pass and to fail."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def check_seams(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [root / "scripts" / "check-seams"], capture_output=True, text=True, timeout=600, cwd=root
    )


def test_this_repository_keeps_its_layers_and_types() -> None:
    result = check_seams(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "check-seams: import-linter and mypy passed" in result.stdout


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """This repository through links, except `broker/`, whose entries are linked one by one so a test
    can add a module to it."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "check-seams", tmp_path / "scripts")
    for name in (".importlinter", "pyproject.toml", ".venv", "accord", "contracts", "generators", "gateway"):
        os.symlink(ROOT / name, tmp_path / name)
    (tmp_path / "broker").mkdir()
    for entry in (ROOT / "broker").iterdir():
        os.symlink(entry, tmp_path / "broker" / entry.name)
    return tmp_path


@pytest.mark.parametrize(
    ("source", "reported"),
    [
        ("from accord.gateway import Gateway\n", "accord.broker._sneak -> accord.gateway"),
        ("def f():\n    from accord.commands import lint\n", "accord.broker._sneak -> accord.commands.lint"),
        ("from accord.contracts.diff._render import render_text\n", "accord.contracts.diff._render"),
    ],
    ids=["broker imports gateway", "a room imports the CLI", "a private module of another package"],
)
def test_a_broken_rule_fails_the_check(repository: Path, source: str, reported: str) -> None:
    (repository / "broker" / "_sneak.py").write_text(f'"""A module that breaks a rule."""\n\n{source}')
    result = check_seams(repository)
    assert result.returncode != 0
    assert reported in result.stdout
    assert "BROKEN" in result.stdout
