"""`--changed-since REF`: keep only findings on parts of a contract added or changed since a git ref.

Each finding is anchored to the enclosing operation, component or channel (or, outside those, to
the node it points at); it is kept when the JSON value at that anchor differs between the contract
at REF and the contract now, both bundled: a change made in a `$ref`'d fragment counts. A file that did not exist at REF keeps every finding, and so does every file
when REF is HEAD in a repository with no commit yet.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from accord.contracts import ContractError, Location, load_contract, resolve_pointer, split_pointer

from ._git import contract_at_ref, git, unborn_head

__all__ = ["anchor", "keep_changed"]

_NEW = object()  # the file did not exist at the ref (or was no contract then): every finding is new

_CONTAINERS = {"paths": 2, "webhooks": 2, "channels": 1, "operations": 1, "definitions": 1, "components": 2}


def anchor(pointer: str) -> str:
    """The pointer whose value decides whether a finding is new: its operation, component or channel."""
    tokens = split_pointer(pointer)
    if not tokens or tokens[0] not in _CONTAINERS:
        return pointer
    depth = _CONTAINERS[tokens[0]] + 1
    if tokens[0] in ("paths", "webhooks") and len(tokens) > 2 and tokens[2] == "parameters":
        depth = 2  # path-level parameters belong to the whole path item
    return "".join("/" + t.replace("~", "~0").replace("/", "~1") for t in tokens[:depth])


def _old_document(path: Path, ref: str) -> Any:
    """The bundled contract at `ref`, or _NEW when it did not exist there (or was no contract)."""
    directory = path.resolve().parent
    top = git(["rev-parse", "--show-toplevel"], directory, needed_by="--changed-since")
    if top.returncode:
        raise ContractError(
            f"--changed-since: not inside a git repository ({top.stderr.decode().strip()})",
            Location(str(path)),
        )
    commit = git(
        ["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], directory, needed_by="--changed-since"
    )
    if commit.returncode:
        if unborn_head(ref, directory):
            return _NEW  # the first commit: everything is new
        raise ContractError(f"--changed-since: unknown git ref {ref!r}", Location(str(path)))
    with tempfile.TemporaryDirectory(prefix="accord-changed-since-") as scratch:
        try:
            old, _ = contract_at_ref(ref, path, Path(scratch))
        except ContractError:
            return _NEW  # unreadable then: everything counts as new
    return _NEW if old is None else old.document


def keep_changed(findings: list, path: str | Path, ref: str) -> list:
    """The findings on parts of the contract at `path` that were added or changed since `ref`."""
    old = _old_document(Path(path), ref)
    if old is _NEW:
        return findings
    new = load_contract(path).document
    kept = []
    for finding in findings:
        where = anchor(finding.pointer)
        if resolve_pointer(old, where) != resolve_pointer(new, where):
            kept.append(finding)
    return kept
