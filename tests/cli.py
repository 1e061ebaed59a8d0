"""Run the real `accord` command line in a subprocess, as a user (or CI) would."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str


def accord(
    *args: str | Path, cwd: Path | str | None = None, env: dict[str, str] | None = None, timeout: float = 120
) -> Result:
    proc = subprocess.run(
        [sys.executable, "-m", "accord", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)
