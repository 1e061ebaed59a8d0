"""The shell that README.md, docs/ and the CI examples show, and running it as a reader (or CI)
would: with bash, this environment's `accord` first on PATH."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_BLOCK = re.compile(r"```(?:bash|sh|console|shell)\n(.*?)```", re.S)


def shell_blocks(page: Path | str, after: str = "") -> list[str]:
    """The shell code blocks of `page` (a path under the repository), in order; with `after`, only
    those that follow its first occurrence."""
    text = (ROOT / page).read_text()
    return _BLOCK.findall(text, text.index(after))


def run_shown(
    script: str, cwd: Path = ROOT, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `script` with bash, which stops at the first command that fails (in a pipe too); `env` adds
    to (or overrides) this process's environment, e.g. PACT_BROKER_BASE_URL for a broker's commands."""
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        env={
            **os.environ,
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
            **(env or {}),
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
