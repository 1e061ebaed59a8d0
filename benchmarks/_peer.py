"""A peer project's files as its git directory (a checkout's .git or a bare clone) has them at HEAD:
what the agreement harnesses (_oasdiff_agreement.py, _spectral_agreement.py) read its tests from."""

from __future__ import annotations

import subprocess
import tarfile
from io import BytesIO
from pathlib import Path


def checkout(git_dir: str, into: Path, *paths: str) -> None:
    """Extract `paths` (folders or files) of HEAD into `into`; CalledProcessError when git cannot."""
    archive = subprocess.run(
        ["git", "--git-dir", git_dir, "archive", "HEAD", *paths], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
