"""The CLI's git: a contract as it was at a git ref (`accord diff --base origin/main api.yaml`,
`accord lint --changed-since REF`), and whether HEAD is not born yet (the first commit).

The file and every local file it refers to are copied out of git into a scratch directory with the
same layout, then loaded as usual. A file absent at the ref gives an empty contract of the same kind,
so that everything in the revision shows as added.
"""

from __future__ import annotations

import posixpath
import subprocess
from dataclasses import replace
from pathlib import Path

import orjson

from accord.contracts import (
    Contract,
    ContractError,
    Location,
    ReadLimits,
    current_read_limits,
    iter_refs,
    load_contract,
    read_file,
)

__all__ = ["contract_at_ref", "empty_like", "git", "unborn_head"]


def git(args: list[str], cwd: Path, *, needed_by: str = "--base") -> subprocess.CompletedProcess[bytes]:
    """`git ARGS` in `cwd`; no git at all is bad input naming the option that needs it."""
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=60)
    except OSError as exc:
        raise ContractError(f"{needed_by} needs git: {exc}", Location(str(cwd))) from None


def unborn_head(ref: str, where: Path) -> bool:
    """Is `ref` HEAD in a git repository with no commit yet (the first commit is being made)?
    Without git, or outside a repository: no."""
    if ref != "HEAD":
        return False
    try:
        inside = git(["rev-parse", "--is-inside-work-tree"], where)
        return (
            inside.returncode == 0
            and git(["rev-parse", "--verify", "--quiet", "HEAD"], where).returncode != 0
        )
    except ContractError:
        return False


def contract_at_ref(ref: str, file: Path, scratch: Path) -> tuple[Contract | None, str]:
    """The contract at `ref` (None when the file did not exist there) and how to name it."""
    where = file.resolve().parent
    top = git(["rev-parse", "--show-toplevel"], where)
    if top.returncode != 0:
        raise ContractError("not inside a git repository, so --base cannot be used", Location(str(file)))
    root = Path(top.stdout.decode().strip())
    if git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], root).returncode != 0:
        raise ContractError(f"git ref {ref!r} does not exist", Location(str(file)))
    rel = file.resolve().relative_to(root.resolve()).as_posix()
    name = f"{ref}:{rel}"
    if git(["cat-file", "-e", f"{ref}:{rel}"], root).returncode != 0:
        return None, name
    queue, copied = [rel], set()
    while queue:
        current = queue.pop()
        if current in copied:
            continue
        copied.add(current)
        shown = git(["show", f"{ref}:{current}"], root)
        if shown.returncode != 0:
            continue  # a missing referenced file: load_contract names it
        target = scratch / current
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(shown.stdout)
        try:
            data = read_file(target).data
        except ContractError:
            continue
        for _, value in iter_refs(data):
            document = value.split("#", 1)[0]
            if document and "://" not in document:
                referred = posixpath.normpath(posixpath.join(posixpath.dirname(current), document))
                if not posixpath.isabs(referred) and not referred.startswith(
                    "../"
                ):  # load_contract refuses it
                    queue.append(referred)
    try:
        return load_contract(scratch / rel, limits=_limits_in(scratch, root)), name
    except ContractError as exc:  # name the file as it is in git, not the scratch copy
        at = exc.location
        raise ContractError(
            f"at {ref}: {exc.message}",
            Location(name, at.pointer if at else "", at.line if at else None),
        ) from None


def _limits_in(scratch: Path, root: Path) -> ReadLimits:
    """The process's read limits with the ref root moved into the copy: the copy stands for the
    repository (the default root), or a configured root inside it is the same directory of the copy."""
    limits = current_read_limits()
    if limits.ref_root is None:
        return replace(limits, ref_root=scratch)
    try:
        inside = Path(limits.ref_root).resolve().relative_to(root.resolve())
    except ValueError:
        return replace(limits, ref_root=scratch)
    return replace(limits, ref_root=scratch / inside)


def empty_like(contract: Contract, scratch: Path) -> Contract:
    """A contract of the same kind and version with nothing in it."""
    info = {"title": contract.title or "empty"}
    if contract.format == "oas2":
        document = {"swagger": "2.0", "info": info, "paths": {}}
    elif contract.kind == "openapi":
        document = {"openapi": contract.version, "info": info, "paths": {}}
    else:
        document = {"asyncapi": contract.version, "info": info, "channels": {}}
    path = scratch / "empty.json"
    path.write_bytes(orjson.dumps(document))
    return load_contract(path)
