"""The outcome of a fuzz run, and its JSON shape (a public interface: see docs/fuzz.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Failure", "FuzzResult", "OperationResult", "RunError"]


@dataclass(frozen=True, slots=True)
class Failure:
    """One distinct check failure on one operation, with the request that reproduces it."""

    operation: str  # "GET /items/{itemId}"
    check: str  # schemathesis check name, e.g. "response_schema_conformance"
    code: str  # schemathesis failure code, e.g. "ST108"
    title: str
    message: str
    curl: str
    status_code: int | None
    phase: str

    def as_json(self) -> dict[str, Any]:
        return {
            "operation": self.operation,
            "check": self.check,
            "code": self.code,
            "title": self.title,
            "message": self.message,
            "curl": self.curl,
            "status_code": self.status_code,
            "phase": self.phase,
        }


@dataclass(frozen=True, slots=True)
class RunError:
    """Something that stopped an operation (or the run) being tested, e.g. an unsatisfiable schema."""

    operation: str | None
    title: str
    message: str
    phase: str | None

    def as_json(self) -> dict[str, Any]:
        return {
            "operation": self.operation,
            "title": self.title,
            "message": self.message,
            "phase": self.phase,
        }


@dataclass(slots=True)
class OperationResult:
    operation: str
    operation_id: str | None
    tested: bool = False
    failures: list[Failure] = field(default_factory=list)
    errors: list[RunError] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.failures:
            return "failed"
        if self.errors:
            return "errored"
        return "passed" if self.tested else "skipped"

    def as_json(self) -> dict[str, Any]:
        return {
            "operation": self.operation,
            "operation_id": self.operation_id,
            "status": self.status,
            "failures": [f.as_json() for f in self.failures],
            "errors": [e.as_json() for e in self.errors],
        }


@dataclass(slots=True)
class FuzzResult:
    contract: str
    target: str
    seed: int
    checks: tuple[str, ...]
    phases: tuple[str, ...]
    operations: dict[str, OperationResult]
    errors: list[RunError] = field(default_factory=list)  # not tied to one operation
    duration: float = 0.0

    @property
    def failures(self) -> list[Failure]:
        return [f for op in self.operations.values() for f in op.failures]

    @property
    def all_errors(self) -> list[RunError]:
        return [*self.errors, *(e for op in self.operations.values() for e in op.errors)]

    @property
    def tested(self) -> bool:
        """At least one operation was exercised (every one skipped is nothing checked)."""
        return any(op.tested for op in self.operations.values())

    @property
    def passed(self) -> bool:
        return self.tested and not self.failures and not self.all_errors

    def as_json(self) -> dict[str, Any]:
        ops = list(self.operations.values())
        return {
            "contract": self.contract,
            "target": self.target,
            "seed": self.seed,
            "checks": list(self.checks),
            "phases": list(self.phases),
            "passed": self.passed,
            "summary": {
                "operations": len(ops),
                "passed": sum(op.status == "passed" for op in ops),
                "failed": sum(op.status == "failed" for op in ops),
                "errored": sum(op.status == "errored" for op in ops),
                "skipped": sum(op.status == "skipped" for op in ops),
                "failures": len(self.failures),
                "errors": len(self.all_errors),
                "duration_seconds": round(self.duration, 3),
            },
            "operations": [op.as_json() for op in ops],
            "errors": [e.as_json() for e in self.errors],
        }
