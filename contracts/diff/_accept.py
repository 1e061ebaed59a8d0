"""Intended breaking changes, accepted in a reviewed file of the repository (`accord-accept.yaml`).

    accept:
      - id: response-property-removed     # a change id (`accord checks`), required
        where: GET /orders                # an operation, a path (every method) or a channel; default: anywhere
        contract: api/openapi.yaml        # the contract (root), relative to this file; default: any
        version: 2.0.0                    # only while the revision's info.version is this; default: any
        reason: v2 drops `legacyId`; consumers moved (ORD-118)      # why, required

An accepted change is still reported, marked with its reason, but no longer fails the diff. Unlike
`--ignore`, nothing is hidden: the file is the record of who accepted which break and why, reviewed
like any other change. `api-major-version-not-bumped` is accepted the same way.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from accord.contracts import Contract, ContractError, read_file, shown_path

from ._change import Change
from ._policy import normalise_where, placed_at
from ._registry import REGISTRY

__all__ = ["ACCEPT_FILE", "Acceptance", "apply_accept", "find_accept", "read_accept"]

ACCEPT_FILE = "accord-accept.yaml"
_KEYS = ("id", "where", "contract", "version", "reason")


@dataclass(frozen=True, slots=True)
class Acceptance:
    id: str
    reason: str
    where: str | None = None
    contract: Path | None = None  # absolute
    version: str | None = None

    def covers(self, change: Change, revision: Contract) -> bool:
        if change.id != self.id or (self.where is not None and not placed_at(change, self.where)):
            return False
        if self.version is not None and revision.api_version != self.version:
            return False
        return self.contract is None or self.contract == _absolute(revision.path)


def _absolute(path: str | Path) -> Path:
    return Path(os.path.realpath(path))


def find_accept(start: Path | None = None) -> Path | None:
    """The nearest accord-accept.yaml from `start` (the working directory) up to the repository root."""
    here = _absolute(start or Path.cwd())
    for directory in [here, *here.parents]:
        if (directory / ACCEPT_FILE).is_file():
            return shown_path(directory / ACCEPT_FILE)
        if (directory / ".git").exists():
            return None
    return None


def read_accept(path: str | Path) -> list[Acceptance]:
    """Every entry of an accept file; a mistake is a ContractError naming the file and line."""
    source = read_file(path)
    data = source.data
    if not isinstance(data, dict) or set(data) - {"accept"} or not isinstance(data.get("accept"), list):
        raise ContractError(
            "an accept file is a mapping with one key, `accept:`, a list", source.location("")
        )
    entries = []
    for i, entry in enumerate(data["accept"]):
        here = f"/accept/{i}"
        if not isinstance(entry, dict):
            raise ContractError("an accepted change is a mapping (id, reason, ...)", source.location(here))
        unknown = sorted(set(entry) - set(_KEYS))
        if unknown:
            raise ContractError(
                f"unknown key {unknown[0]!r} (expected: {', '.join(_KEYS)})",
                source.location(f"{here}/{unknown[0]}"),
            )
        for key in entry:
            if not isinstance(entry[key], str) or not entry[key].strip():
                raise ContractError(f"`{key}` must be a non-empty string", source.location(f"{here}/{key}"))
        if entry.get("id") not in REGISTRY:
            shown = repr(entry["id"]) if "id" in entry else "missing"
            where = f"{here}/id" if "id" in entry else here
            raise ContractError(f"change id {shown} is unknown (see `accord checks`)", source.location(where))
        if "reason" not in entry:
            raise ContractError("an accepted change needs a `reason`", source.location(here))
        contract = entry.get("contract")
        entries.append(
            Acceptance(
                id=entry["id"],
                reason=entry["reason"].strip(),
                where=normalise_where(entry["where"]) if "where" in entry else None,
                contract=_absolute(Path(path).parent / contract) if contract else None,
                version=entry.get("version"),
            )
        )
    return entries


def apply_accept(changes: list[Change], entries: list[Acceptance], revision: Contract) -> None:
    """Mark each change an entry covers with that entry's reason."""
    for change in changes:
        for entry in entries:
            if entry.covers(change, revision):
                change.accepted = entry.reason
                break
