"""Linting one file: load it, pick the rules the config gives for it, run them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .._contract import load_contract
from .._errors import ContractError
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
    rules = [active for active in config.rules_for(path) if contract.format in active.rule.formats]
    if not rules:  # "no findings" from no rules would be a gate that checked nothing
        raise ContractError(
            f"{contract.path}: no lint rule applies to this {contract.kind} {contract.version} document "
            "(every rule the configuration enables for it is off or for other formats)"
        )
    findings = lint_contract(contract, rules, config.settings)
    return LintReport(contract.path, contract.kind, contract.version, findings)
