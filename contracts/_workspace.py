"""The contracts of a repository: which files are contracts (roots) and which fragments they reach.

A root is an OpenAPI or AsyncAPI document: a YAML or JSON file whose top level has `openapi`,
`swagger` or `asyncapi`. The roots are the files a `contracts:` list in accord.yaml names (paths or
globs, relative to that file), else every YAML/JSON file of the repository that is one (git's tracked
files and untracked ones it does not ignore; a directory walk outside git). A fragment is any local
file a root reaches through `$ref`, directly or through other fragments. `roots_using(file)` answers
"which contracts does a change to this file touch?".
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ._documents import read_file
from ._errors import ContractError, Location
from ._refs import iter_refs

__all__ = [
    "ContractIndex",
    "index_contracts",
    "is_contract_file",
    "names_a_spec",
    "shown_path",
]

CONTRACT_KEYS = ("openapi", "swagger", "asyncapi")
_SUFFIXES = (".yaml", ".yml", ".json")
_KEY_SNIFF = re.compile(rb"""(?:^|[\n{,])\s*["']?(?:openapi|swagger|asyncapi)["']?\s*:""")
_LARGEST = 64 * 1024 * 1024  # bytes; a bigger file is not read while looking for contracts
_SKIPPED_DIRS = {".git", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache"}


def _absolute(path: str | Path) -> Path:
    return Path(os.path.realpath(path))


def shown_path(path: Path) -> Path:
    """A path as the user would write it: relative to the working directory when inside it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else Path(relative)


def is_contract_file(path: str | Path) -> bool:
    """Is this file an OpenAPI or AsyncAPI document (its top level names the spec)? Unreadable, not a
    regular file or larger than 64 MiB: no."""
    if not names_a_spec(path):  # cheap: most non-contracts never get parsed
        return False
    try:
        data = read_file(path).data
    except ContractError:
        return False
    return isinstance(data, dict) and any(key in data for key in CONTRACT_KEYS)


def names_a_spec(path: str | Path) -> bool:
    """Does the file's text have an `openapi`, `swagger` or `asyncapi` key anywhere? (A contract that
    no longer parses still does, and is then a broken contract rather than some other file.)"""
    if not _readable(Path(path)):
        return False
    try:
        return _KEY_SNIFF.search(Path(path).read_bytes()) is not None
    except OSError:
        return False


def _readable(path: Path) -> bool:
    """A regular file (not a FIFO or device, which could block or never end) of a sane size."""
    try:
        return path.is_file() and path.stat().st_size <= _LARGEST
    except OSError:
        return False


def repository_top(start: Path) -> Path:
    """The git work tree `start` is in, else `start` itself."""
    try:
        found = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=start, capture_output=True, text=True, timeout=60
        )
    except OSError:
        return _absolute(start)
    return _absolute(found.stdout.strip()) if found.returncode == 0 else _absolute(start)


def _candidates(top: Path) -> list[Path]:
    """Every YAML/JSON file of the work tree: git's view when it is a repository, else a walk."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=top,
            capture_output=True,
            timeout=120,
        )
    except OSError:
        listed = None
    if listed is not None and listed.returncode == 0:
        names = sorted({n for n in map(os.fsdecode, listed.stdout.split(b"\0")) if n.endswith(_SUFFIXES)})
        return [top / n for n in names if not (top / n).is_symlink()]
    found = []
    for directory, subdirs, files in os.walk(top):
        subdirs[:] = sorted(d for d in subdirs if d not in _SKIPPED_DIRS and not d.startswith("."))
        found += [
            Path(directory) / f
            for f in sorted(files)
            if f.endswith(_SUFFIXES) and not (Path(directory) / f).is_symlink()
        ]
    return found


def _listed(globs: list[tuple[str, Location]], base: Path) -> list[Path]:
    """The files a `contracts:` list names; a literal path that is not there is an error."""
    found: list[Path] = []
    for pattern, written in globs:
        if any(c in pattern for c in "*?["):
            found += sorted(p for p in base.glob(pattern) if p.is_file())
        elif (base / pattern).is_file():
            found.append(base / pattern)
        else:
            raise ContractError(f"contracts: {pattern!r} is not a file", written)
    return [_absolute(p) for p in found]


@dataclass
class ContractIndex:
    scope: Path  # the directory whose files it knows: the repository, or the config's directory
    roots: list[Path]
    reaches: dict[Path, set[Path]] = field(default_factory=dict)  # root -> local files it $refs

    def covers(self, file: str | Path) -> bool:
        return _absolute(file).is_relative_to(self.scope)

    def roots_using(self, file: str | Path) -> list[Path]:
        """The roots that reach `file` through `$ref` (not counting the file itself)."""
        target = _absolute(file)
        return [root for root in self.roots if target in self.reaches.get(root, ())]


def index_contracts(start: Path) -> ContractIndex:
    """The roots `start` (a directory) belongs with: those the nearest config's `contracts:` lists,
    else every contract of the git repository holding `start` (outside git: under `start`)."""
    from .lint import find_config, read_contract_roots

    start = _absolute(start)
    config = find_config(start)
    config = shown_path(config) if config is not None else None  # named as the user sees it
    globs = read_contract_roots(config) if config else None
    if config is not None and globs is not None:
        scope = _absolute(config.parent)
        roots = [p for p in _listed(globs, scope) if is_contract_file(p)]
    else:
        scope = repository_top(start)
        roots = [p for p in _candidates(scope) if is_contract_file(p)]
    index = ContractIndex(_absolute(scope), roots)
    refs_cache: dict[Path, list[Path]] = {}
    for root in roots:
        index.reaches[root] = _reach(root, index.scope, refs_cache)
    return index


def _reach(root: Path, scope: Path, cache: dict[Path, list[Path]]) -> set[Path]:
    """Every file `root` reaches through `$ref`s inside `scope` (nothing outside it is read)."""
    seen: set[Path] = set()
    queue = [root]
    while queue:
        current = queue.pop()
        if current not in cache:
            cache[current] = _local_refs(current)
        for target in cache[current]:
            if target not in seen and target != root and target.is_relative_to(scope):
                seen.add(target)
                queue.append(target)
    return seen


def _local_refs(file: Path) -> list[Path]:
    """The local files one file's `$ref`s name (remote URLs are not part of the repository)."""
    if not _readable(file):
        return []
    try:
        data = read_file(file).data
    except ContractError:
        return []
    found = []
    for _, value in iter_refs(data):
        document = value.split("#", 1)[0]
        if document and "://" not in document:
            found.append(_absolute(posixpath.join(file.parent.as_posix(), document)))
    return found
