"""What a rule is and what it finds: the records every ruleset, the engine and the CLI share."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from ._context import LintContext

__all__ = [
    "ALL_FORMATS",
    "NUMERIC_SEVERITIES",
    "SEVERITIES",
    "Finding",
    "Hit",
    "JsonPath",
    "Rule",
    "Severity",
]

Severity = Literal["error", "warn", "info", "hint"]
SEVERITIES: tuple[Severity, ...] = ("error", "warn", "info", "hint")  # most severe first
NUMERIC_SEVERITIES: dict[int, str] = {
    0: "error",
    1: "warn",
    2: "info",
    3: "hint",
    -1: "off",
}  # Spectral's numbers
ALL_FORMATS = frozenset({"oas2", "oas3", "oas3.1", "oas3.2", "asyncapi2", "asyncapi3"})
JsonPath = tuple[str | int, ...]
Hit = tuple[JsonPath, str]  # where in the document, and what is wrong there


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: `check(context)` yields (path, message) for each place the document breaks it."""

    id: str
    description: str
    check: Callable[[LintContext], Iterable[Hit]]
    severity: Severity = "warn"
    formats: frozenset[str] = ALL_FORMATS
    recommended: bool = True  # part of the ruleset unless a config asks for `all`
    message: str | None = None  # Spectral-style template: {{error}}, {{property}}, {{path}}, {{value}}
    options: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(slots=True)
class Finding:
    rule: str
    severity: Severity
    file: str
    pointer: str
    path: list[str | int]
    message: str
    line: int | None = None
    column: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "pointer": self.pointer,
            "path": self.path,
            "message": self.message,
        }
