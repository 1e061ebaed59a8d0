"""Running every check over a pair of contracts, then the team's policy files, then the version policy."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from contracts import Contract, ContractError, Location

from ._asyncapi import compare_async
from ._change import Change, Collector
from ._document import compare_document, version_policy
from ._openapi import compare_operations
from ._policy import Ignore, apply_ignore, apply_severity
from ._registry import LEVELS
from ._schema import SchemaDiff
from ._security import compare_security

__all__ = ["DiffReport", "diff_contracts"]

_ORDER = {level: i for i, level in enumerate(LEVELS)}


@dataclass
class DiffReport:
    base: Contract
    revision: Contract
    changes: list[Change]
    validation: list[dict[str, Any]] = field(default_factory=list)
    base_file: str | None = None  # how to name the base in reports (e.g. "origin/main:api.yaml")

    def summary(self) -> dict[str, int]:
        counts = dict.fromkeys(LEVELS, 0)
        for change in self.changes:
            counts[change.level] += 1
        return counts

    def fails(self, threshold: str) -> bool:
        """Is there a change at or above `threshold` (ERR or WARN)?"""
        return any(_ORDER[c.level] <= _ORDER[threshold] for c in self.changes)

    def line(self, side: str, pointer: str | None) -> int | None:
        if pointer is None:
            return None
        contract = self.base if side == "base" else self.revision
        return contract.location(pointer).line

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
        item["base"] = {"pointer": c.base, "line": self.line("base", c.base)}
        item["revision"] = {"pointer": c.revision, "line": self.line("revision", c.revision)}
        item["message"] = c.message
        return item


def diff_contracts(
    base: Contract,
    revision: Contract,
    *,
    ignore: Ignore | None = None,
    severity: dict[str, str] | None = None,
    today: date | None = None,
) -> DiffReport:
    """Every change from `base` to `revision`, most severe first. ContractError if the kinds differ."""
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
    else:
        compare_async(out, schemas)
    compare_document(out)
    changes = apply_ignore(apply_severity(out.changes, severity or {}), ignore or [])
    policy = Collector(base, revision)
    version_policy(policy, changes)
    changes += apply_ignore(apply_severity(policy.changes, severity or {}), ignore or [])
    changes.sort(key=lambda c: (_ORDER[c.level], c.where, c.id))
    return DiffReport(base, revision, changes)
