"""The agreement harnesses (benchmarks/_oasdiff_agreement.py, benchmarks/_spectral_agreement.py) run
as their users run them, on a small git repository laid out like the peer project they read."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def peer_repository(root: Path, files: dict[str, str]) -> Path:
    """`files` (path: text) committed to a new git repository at `root`; answers its git directory."""
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "fixture"], check=True)
    return root / ".git"


def run_harness(name: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """`python benchmarks/NAME.py ARGS...`"""
    return subprocess.run(
        [sys.executable, str(BENCHMARKS / f"{name}.py"), *map(str, args)], capture_output=True, text=True
    )
