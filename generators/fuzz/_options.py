"""What a fuzz run does: checks, phases, budget, seed, operation filters and extra headers."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from fnmatch import fnmatchcase

from accord.contracts import Contract, Operation

__all__ = [
    "DEFAULT_CHECKS",
    "DEFAULT_PHASES",
    "FuzzOptions",
    "OptionError",
    "available_checks",
    "select_operations",
]

DEFAULT_CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "response_headers_conformance",
)
DEFAULT_PHASES = ("examples", "coverage", "fuzzing", "stateful")


class OptionError(ValueError):
    """An option that cannot be honoured (unknown check or phase, a filter matching nothing)."""


@dataclass
class FuzzOptions:
    checks: tuple[str, ...] = DEFAULT_CHECKS
    phases: tuple[str, ...] = DEFAULT_PHASES
    max_examples: int = 50
    seed: int = field(default_factory=lambda: random.getrandbits(32))
    workers: int = 1
    headers: dict[str, str] = field(default_factory=dict)
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    request_timeout: float = 10.0

    def check(self) -> None:
        """Raise OptionError for a phase or check schemathesis does not know."""
        unknown = [p for p in self.phases if p not in DEFAULT_PHASES]
        if unknown:
            raise OptionError(f"unknown phase {unknown[0]!r} (phases: {', '.join(DEFAULT_PHASES)})")
        if not self.phases:
            raise OptionError("no phase to run")
        known = available_checks()
        unknown = [c for c in self.checks if c not in known]
        if unknown:
            raise OptionError(f"unknown check {unknown[0]!r} (checks: {', '.join(sorted(known))})")
        if self.max_examples < 1 or self.workers < 1:
            raise OptionError("--max-examples and --workers must be at least 1")


def available_checks() -> set[str]:
    from schemathesis.checks import CHECKS, load_all_checks

    load_all_checks()
    return set(CHECKS.get_all_names())


def _matches(pattern: str, op: Operation) -> bool:
    """A pattern names an operation by "METHOD /path", path, operationId (shell-style wildcards),
    or by tag with "tag:NAME"."""
    if pattern.startswith("tag:"):
        return any(fnmatchcase(tag, pattern[4:]) for tag in op.tags)
    method, _, path = pattern.partition(" ")
    if path and method.lower() == op.method and fnmatchcase(op.path, path.strip()):
        return True
    return fnmatchcase(op.path, pattern) or bool(op.operation_id and fnmatchcase(op.operation_id, pattern))


def select_operations(
    contract: Contract, include: tuple[str, ...], exclude: tuple[str, ...]
) -> list[Operation]:
    """The operations a run covers; OptionError when there are none, a filter matches nothing or the
    filters leave nothing."""
    if not contract.operations:
        raise OptionError(f"{contract.path}: the contract has no operation to fuzz")
    for pattern in (*include, *exclude):
        if not any(_matches(pattern, op) for op in contract.operations):
            raise OptionError(f"{contract.path}: no operation matches {pattern!r}")
    chosen = [
        op
        for op in contract.operations
        if (not include or any(_matches(p, op) for p in include))
        and not any(_matches(p, op) for p in exclude)
    ]
    if not chosen:
        raise OptionError(f"{contract.path}: the filters leave no operation to fuzz")
    return chosen
