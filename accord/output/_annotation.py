"""The one record every CI renderer takes: a finding placed in a file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Annotation", "Level"]

Level = Literal["error", "warning", "note"]


@dataclass(frozen=True, slots=True)
class Annotation:
    rule: str  # stable id, e.g. "operation-tags" or "request-parameter-removed"
    level: Level
    message: str
    file: str
    line: int | None = None
    column: int | None = None
    pointer: str = ""
    group: str | None = None  # how JUnit groups test cases: an operation, a channel; else the file
    rule_description: str | None = None
