"""A change found between two contracts, and the collector every check reports into."""

from __future__ import annotations

from dataclasses import dataclass, field

from accord.contracts import Contract

from ._registry import CONTEXTS, MEMBERSHIP_KINDS, REGISTRY, Context
from ._schema import SchemaChange

__all__ = ["Change", "Collector"]


@dataclass(slots=True)
class Change:
    id: str
    level: str  # ERR | WARN | INFO
    message: str
    operation: str | None = None  # "GET /orders/{id}"
    channel: str | None = None  # AsyncAPI channel key
    base: str | None = None  # JSON pointer in the base document (where the thing was, or its parent)
    revision: str | None = None  # JSON pointer in the revision document
    accepted: str | None = None  # the reason, when an accept file lists this change as intended

    @property
    def where(self) -> str:
        return self.operation or self.channel or ""


@dataclass
class Collector:
    base: Contract
    revision: Contract
    changes: list[Change] = field(default_factory=list)

    def add(
        self,
        rule_id: str,
        message: str,
        *,
        operation: str | None = None,
        channel: str | None = None,
        base: str | None = None,
        revision: str | None = None,
    ) -> None:
        self.changes.append(
            Change(rule_id, REGISTRY[rule_id].level, message, operation, channel, base, revision)
        )

    def schema(
        self,
        context: str,
        subject: str,
        found: list[SchemaChange],
        *,
        operation: str | None = None,
        channel: str | None = None,
    ) -> None:
        """Report schema changes found under `subject` (e.g. "request body application/json")."""
        ctx: Context = CONTEXTS[context]
        for change in found:
            if change.kind in MEMBERSHIP_KINDS:
                rule_id = f"{ctx.family}-{change.kind}"
            else:
                rule_id = f"{ctx.nested if change.path else ctx.root}-{change.kind}"
            where = f" property '{'/'.join(change.path)}'" if change.path else ""
            self.add(
                rule_id,
                f"{subject}{where}: {change.detail}",
                operation=operation,
                channel=channel,
                base=change.base,
                revision=change.revision,
            )
