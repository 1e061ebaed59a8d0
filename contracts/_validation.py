"""Validating a contract against its specification, with findings that point into the source."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._contract import Contract, load_contract
from ._errors import ContractError
from ._finite import unsatisfiable_cycles

__all__ = ["ValidationIssue", "ValidationReport", "unsatisfiable_schemas", "validate", "validate_file"]


@dataclass(slots=True)
class ValidationIssue:
    message: str
    pointer: str
    line: int | None = None
    column: int | None = None
    file: str | None = None  # set when the node lives in another file than the one validated

    def as_json(self) -> dict[str, Any]:
        return {"message": self.message, "pointer": self.pointer, "line": self.line, "column": self.column}


@dataclass(slots=True)
class ValidationReport:
    file: str
    kind: str | None
    version: str | None
    errors: list[ValidationIssue] = field(default_factory=list)
    unreadable: bool = False  # not even a contract: exit code 2

    @property
    def valid(self) -> bool:
        return not self.errors

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "kind": self.kind,
            "version": self.version,
            "valid": self.valid,
            "errors": [e.as_json() for e in self.errors],
        }


def validate(contract: Contract) -> list[ValidationIssue]:
    """Every way the contract breaks its specification, in document order."""
    if contract.kind == "openapi":
        from .openapi.validation import validate_openapi

        found = validate_openapi(contract)
    else:
        from .asyncapi.validation import validate_asyncapi

        found = validate_asyncapi(contract)
    if not found:  # a valid structure: now the schemas no value can satisfy
        return unsatisfiable_schemas(contract)
    return _located(contract, found)


def unsatisfiable_schemas(contract: Contract) -> list[ValidationIssue]:
    """Named schemas in a `$ref` cycle no finite value satisfies (`A -> B -> A` with no way out)."""
    return _located(
        contract, unsatisfiable_cycles(contract.schemas, contract.schemas_pointer, contract.follow_ref)
    )


def _located(contract: Contract, found: list[tuple[str, str]]) -> list[ValidationIssue]:
    issues = []
    for message, pointer in found:
        loc = contract.location(pointer)
        issues.append(
            ValidationIssue(
                message, pointer, loc.line, loc.column, loc.file if loc.file != contract.path else None
            )
        )
    return issues


def validate_file(path: str | Path, *, allow_remote: bool = False) -> ValidationReport:
    """Load and validate one file; an unreadable file is a report with one error, never an exception."""
    try:
        contract = load_contract(path, allow_remote=allow_remote)
    except ContractError as exc:
        loc = exc.location
        issue = ValidationIssue(
            str(exc), loc.pointer if loc else "", loc.line if loc else None, loc.column if loc else None
        )
        return ValidationReport(str(path), None, None, [issue], unreadable=True)
    return ValidationReport(contract.path, contract.kind, contract.version, validate(contract))
