"""What reading a contract may touch, from the command line: `--ref-root`, ACCORD_MAX_FILE_SIZE and
the `reading:` section of accord.yaml (or `[tool.accord.reading]` in pyproject.toml).

    reading:
      ref-root: .            # $refs may reach anywhere below this directory (relative to this file)
      max-file-size: 64MiB   # the largest contract file read (default 32 MiB)

An option beats the environment, which beats the config file. Every command that reads contracts
takes `--ref-root` and calls `apply_read_limits` before reading.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

import typer

from accord.contracts import (
    DEFAULT_MAX_BYTES,
    MAX_FILE_SIZE_ENV,
    ContractError,
    Location,
    ReadLimits,
    parse_size,
    read_file,
    use_read_limits,
)
from accord.contracts.lint import find_config

__all__ = ["REF_ROOT_OPTION", "apply_read_limits"]

REF_ROOT_OPTION = typer.Option(
    None,
    "--ref-root",
    help="The directory $refs may reach (default: the git work tree holding the contract, else its directory, "
    "or `reading: {ref-root: DIR}` in accord.yaml).",
    show_default=False,
)
_KEYS = ("ref-root", "max-file-size")


def apply_read_limits(ref_root: Path | None = None) -> ReadLimits:
    """Install this process's read limits from the option, the environment and accord.yaml."""
    section, config = _config_section()
    if ref_root is None and "ref-root" in section:
        ref_root = config.parent / str(section["ref-root"])
    if ref_root is not None and not ref_root.is_dir():
        raise ContractError("--ref-root is not a directory", Location(str(ref_root)))
    max_bytes = DEFAULT_MAX_BYTES
    if os.environ.get(MAX_FILE_SIZE_ENV):
        max_bytes = _size(os.environ[MAX_FILE_SIZE_ENV], Location(MAX_FILE_SIZE_ENV))
    elif "max-file-size" in section:
        max_bytes = _size(section["max-file-size"], Location(str(config), "/reading/max-file-size"))
    limits = ReadLimits(ref_root=ref_root, max_bytes=max_bytes)
    use_read_limits(limits)
    return limits


def _size(value: Any, where: Location) -> int:
    try:
        return parse_size(value)
    except ValueError as exc:
        raise ContractError(str(exc), where) from None


def _config_section() -> tuple[dict[str, Any], Path]:
    """The `reading` section of the nearest config file, checked, and that file's path."""
    path = find_config()
    if path is None or path.suffix == ".json" or path.name.startswith(".spectral"):
        return {}, Path.cwd() / "accord.yaml"
    if path.name == "pyproject.toml":
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError):
            return {}, path  # `accord lint` names what is wrong with it
        section = data.get("tool", {}).get("accord", {}).get("reading", {})
        locate = lambda pointer: Location(str(path), pointer)  # noqa: E731 - TOML keeps no positions
    else:
        try:
            source = read_file(path)
        except ContractError as exc:  # worded as `accord lint` words it
            raise ContractError(f"not a valid config: {exc.message}", exc.location) from None
        section = source.data.get("reading", {}) if isinstance(source.data, dict) else {}
        locate = source.location
    if not isinstance(section, dict):
        raise ContractError("`reading` must be a mapping (ref-root, max-file-size)", locate("/reading"))
    for key in section:
        if key not in _KEYS:
            raise ContractError(
                f"unknown key {key!r} under `reading` (expected: {', '.join(_KEYS)})",
                locate(f"/reading/{key}"),
            )
    return section, path
