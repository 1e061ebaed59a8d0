"""Starting on imperfect contracts: what breaks the specification becomes located warnings, printed once.

A mock is a lenient reader: a contract with schema errors (a `default` outside its `enum`, a pattern
the regular-expression engine cannot compile, a response without `description`, no `info`) still
serves every operation that can be served. Only what cannot be read at all (not YAML/JSON, not an
OpenAPI or AsyncAPI document) is refused, by `load_contract`'s `ContractError`. `--strict` turns the
warnings back into a refusal.
"""

from __future__ import annotations

from collections.abc import Callable

from accord.contracts import Contract, ValidationIssue, validate

__all__ = ["Warnings", "contract_warnings", "located"]


def located(contract: Contract, pointer: str, message: str) -> str:
    """`file:line:column (pointer): message`, the form every mock warning takes."""
    return f"{contract.location(pointer)} ({pointer or '/'}): {message}"


def _issue_text(contract: Contract, issue: ValidationIssue) -> str:
    message = issue.message.splitlines()[0] if issue.message else "invalid"
    return located(contract, issue.pointer, message)


def contract_warnings(contract: Contract) -> tuple[list[ValidationIssue], list[str]]:
    """The contract's specification errors, and each as one located warning (duplicates dropped)."""
    issues = validate(contract)
    return issues, list(dict.fromkeys(_issue_text(contract, i) for i in issues))


class Warnings:
    """Warnings gathered while the mock prepares responses: each kept, and reported, once."""

    def __init__(self) -> None:
        self._seen: dict[str, None] = {}
        self._reported = 0

    def append(self, warning: str) -> None:
        self._seen.setdefault(warning, None)

    def __iter__(self):
        return iter(self._seen)

    def __len__(self) -> int:
        return len(self._seen)

    def __getitem__(self, index: int) -> str:
        return list(self._seen)[index]

    def report_new(self, log: Callable[[str], None]) -> None:
        """Write the warnings not written yet, each on its own line."""
        fresh = list(self._seen)[self._reported :]
        self._reported += len(fresh)
        for warning in fresh:
            log(f"accord mock: warning: {warning}")
