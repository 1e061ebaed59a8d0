"""What reading a contract may touch: the directory tree `$ref`s stay in, and how big a file may be.

Contracts arrive in pull requests anyone can open, so reading is bounded by default: a `$ref` never
leaves the tree of the contract being read (its git work tree, else its directory, or the configured
ref root), and a file larger than
`max_bytes` is refused before it is read. The command line installs the limits once per process
(`use_read_limits`, from `--ref-root`, `ACCORD_MAX_FILE_SIZE` and the `reading:` section of
accord.yaml); library callers may pass their own `ReadLimits` to `load_contract`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_FILE_SIZE_ENV",
    "ReadLimits",
    "current_read_limits",
    "parse_size",
    "show_size",
    "use_read_limits",
]

DEFAULT_MAX_BYTES = 32 * 1024 * 1024
MAX_FILE_SIZE_ENV = "ACCORD_MAX_FILE_SIZE"
_SIZE = re.compile(r"^\s*(\d+)\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)\s*$", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """`ref_root`: the directory every local `$ref` must stay inside (resolved, symlinks followed);
    None means the contract's repository (see `root_for`). `max_bytes`: the largest file read."""

    ref_root: Path | None = None
    max_bytes: int = DEFAULT_MAX_BYTES

    def root_for(self, contract: str | os.PathLike[str]) -> Path:
        """The tree a contract's `$ref`s must stay in: the configured root when the contract lies
        inside it, else the git work tree holding the contract (its fragments may sit in sibling
        directories), else the contract's own directory. Real paths: symlinks are followed."""
        own = Path(os.path.realpath(os.path.dirname(os.path.abspath(contract))))
        if self.ref_root is not None:
            configured = Path(os.path.realpath(self.ref_root))
            if own == configured or configured in own.parents:
                return configured
        for directory in (own, *own.parents):
            if (directory / ".git").exists():
                return directory
        return own


def parse_size(text: str) -> int:
    """`32MiB`, `64 MB`, `1048576` -> bytes (binary units). ValueError on anything else."""
    found = _SIZE.match(str(text))
    if not found or int(found[1]) <= 0:
        raise ValueError(f"not a size: {text!r} (expected e.g. 32MiB, 500KiB or a number of bytes)")
    return int(found[1]) * _UNITS[found[2][:1].lower()]


def show_size(size: int) -> str:
    for unit, factor in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


_active = ReadLimits()


def current_read_limits() -> ReadLimits:
    """The limits `load_contract` and `read_file` use when given none."""
    return _active


def use_read_limits(limits: ReadLimits) -> None:
    """Install the limits for this process (the command line does this once, before reading)."""
    global _active
    _active = limits
