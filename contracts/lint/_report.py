"""Linting one file: load it, pick the rules the config gives for it, run them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .._contract import load_contract
from ._rule import Finding

__all__ = ["LintReport", "lint_file"]


@dataclass(slots=True)
class LintReport:
    file: str
    kind: str
    version: str
    findings: list[Finding] = field(default_factory=list)


def lint_file(path: str | Path, config=None) -> LintReport:
    """Lint one contract. A file that cannot be read as a contract raises ContractError (bad input);
    a contract that is merely invalid is linted, its validation errors reported as findings."""
    from ._config import default_config
    from ._engine import lint_contract

    config = config or default_config()
    contract = load_contract(path)
    findings = lint_contract(contract, config.rules_for(path), config.settings)
    return LintReport(contract.path, contract.kind, contract.version, findings)
