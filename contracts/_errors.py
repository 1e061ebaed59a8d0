"""The one error type the contracts core raises for bad input."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ContractError", "Location"]


@dataclass(frozen=True, slots=True)
class Location:
    """Where something is: a file, a JSON pointer inside it, and 1-based line/column when known."""

    file: str
    pointer: str = ""
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where


class ContractError(Exception):
    """Bad input: unreadable, malformed or not a contract. `str()` is one line naming file and problem."""

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        if self.location is None:
            return self.message
        pointer = f" (at {self.location.pointer})" if self.location.pointer else ""
        return f"{self.location}: {self.message}{pointer}"
