"""Running every check over a pair of contracts, then the team's policy files, then the version policy."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from accord.contracts import Contract, ContractError, Location, RootLocator, scope_pointer

from ._accept import Acceptance, apply_accept
from ._asyncapi import compare_async
from ._change import Change, Collector
from ._document import compare_document, version_policy
from ._oas32 import compare_oas32_document
from ._openapi import compare_operations
from ._policy import Ignore, apply_ignore, apply_severity
from ._registry import LEVELS
from ._schema import SchemaDiff
from ._security import compare_security

__all__ = ["DiffReport", "Place", "diff_contracts"]

_ORDER = {level: i for i, level in enumerate(LEVELS)}


@dataclass(frozen=True, slots=True)
class Place:
    """Where a change is: the contract (root) file and line, and the fragment's when it was written in one."""

    file: str
    line: int | None
    fragment_file: str | None = None
    fragment_line: int | None = None

    def __str__(self) -> str:
        shown = f"{self.file}:{self.line}" if self.line else self.file
        if self.fragment_file:
            shown += f", in {self.fragment_file}" + (f":{self.fragment_line}" if self.fragment_line else "")
        return shown


@dataclass
class DiffReport:
    base: Contract
    revision: Contract
    changes: list[Change]
    validation: list[dict[str, Any]] = field(default_factory=list)
    base_file: str | None = None  # how to name the base in reports (e.g. "origin/main:api.yaml")
    base_copy: tuple[Path, str] | None = None  # (scratch directory, git ref) the base was copied out of
    _locators: dict[str, RootLocator] = field(default_factory=dict, repr=False)

    def summary(self) -> dict[str, int]:
        counts = dict.fromkeys(LEVELS, 0)
        for change in self.changes:
            counts[change.level] += 1
        return counts

    def fails(self, threshold: str) -> bool:
        """Is there a change at or above `threshold` (ERR or WARN) that no accept file accepts?"""
        return any(_ORDER[c.level] <= _ORDER[threshold] and not c.accepted for c in self.changes)

    def line(self, side: str, pointer: str | None) -> int | None:
        """The line in the side's root file (of the `$ref` that leads there, for a fragment's node)."""
        return None if pointer is None else self.place(side, pointer).line

    def place(self, side: str, pointer: str, change: Change | None = None) -> Place:
        """The root file:line of a pointer on one side, and the fragment file:line it was written at."""
        contract = self.base if side == "base" else self.revision
        root_name = (self.base_file or contract.path) if side == "base" else contract.path
        written = contract.location(pointer)
        if written.file == contract.source.root.name:
            return Place(root_name, written.line)
        if side not in self._locators:
            self._locators[side] = RootLocator(contract.source)
        within = scope_pointer(change.operation, change.channel) if change else ""
        reached = self._locators[side].locate(pointer, within)
        return Place(
            root_name, reached.line if reached else None, self._named(side, written.file), written.line
        )

    def _named(self, side: str, file: str) -> str:
        """A file as the user knows it: a base file copied out of git as `REF:path`."""
        if side == "base" and self.base_copy is not None:
            scratch, ref = self.base_copy
            try:
                return f"{ref}:{Path(file).relative_to(scratch).as_posix()}"
            except ValueError:
                return file
        return file

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "base": {"file": self.base_file or self.base.path, "version": self.base.api_version},
            "revision": {"file": self.revision.path, "version": self.revision.api_version},
            "changes": [self.change_json(c) for c in self.changes],
            "summary": self.summary(),
        }
        if self.validation:
            data["validation"] = self.validation
        return data

    def change_json(self, c: Change) -> dict[str, Any]:
        item: dict[str, Any] = {"id": c.id, "level": c.level}
        if self.revision.kind == "asyncapi":
            item["channel"] = c.channel
        else:
            item["operation"] = c.operation
        item["base"] = self._side_json("base", c.base, c)
        item["revision"] = self._side_json("revision", c.revision, c)
        item["message"] = c.message
        if c.accepted:
            item["accepted"] = c.accepted
        return item

    def _side_json(self, side: str, pointer: str | None, c: Change) -> dict[str, Any]:
        if pointer is None:
            return {"pointer": None, "line": None}
        place = self.place(side, pointer, c)
        found: dict[str, Any] = {"pointer": pointer, "line": place.line}
        if place.fragment_file:
            found["fragment"] = {"file": place.fragment_file, "line": place.fragment_line}
        return found


def diff_contracts(
    base: Contract,
    revision: Contract,
    *,
    ignore: Ignore | None = None,
    severity: dict[str, str] | None = None,
    accept: list[Acceptance] | None = None,
    today: date | None = None,
) -> DiffReport:
    """Every change from `base` to `revision`, most severe first, those `accept` covers marked as
    accepted. ContractError if the kinds differ."""
    if base.kind != revision.kind:
        raise ContractError(
            f"cannot compare an {base.kind} document ({base.path}) with an {revision.kind} document",
            Location(revision.path),
        )
    out = Collector(base, revision)
    today = today or date.today()
    schemas = SchemaDiff(base, revision, today)
    if base.kind == "openapi":
        kept = compare_operations(out, schemas, today)
        compare_security(out, kept)
        compare_oas32_document(out)
    else:
        compare_async(out, schemas)
    compare_document(out)
    changes = apply_ignore(apply_severity(out.changes, severity or {}), ignore or [])
    policy = Collector(base, revision)
    version_policy(policy, changes)
    changes += apply_ignore(apply_severity(policy.changes, severity or {}), ignore or [])
    apply_accept(changes, accept or [], revision)
    changes.sort(key=lambda c: (_ORDER[c.level], c.where, c.id))
    return DiffReport(base, revision, changes)
