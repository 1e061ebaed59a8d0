"""contracts.lint: governance rules over contracts, Spectral-compatible.

A rule (`Rule`) has an id, a severity, a description, the formats it applies to and a check over
the lint context (raw bundled document + normalised model). Built-in rulesets: `accord:oas`,
`accord:asyncapi` (Spectral's `spectral:oas` / `spectral:asyncapi` rule ids and semantics) and
`accord:governance`. Configuration (`accord.yaml`, `[tool.accord]`, `.spectral.yaml`) adds custom
rules in Spectral's format. Entry point: `lint_file(path, config) -> LintReport`.

The configuration is read here too, for the CLI and for the contract index: `find_config` (the
nearest file), `load_config` (a file's rules and overrides), `ruleset_config` (only the named
rulesets), `default_config`, and `read_contract_roots` (a config's `contracts:` list).
"""

from __future__ import annotations

from ._config import (
    CONFIG_NAMES,
    LintConfig,
    default_config,
    find_config,
    load_config,
    read_contract_roots,
    ruleset_config,
)
from ._report import LintReport, lint_file
from ._rule import SEVERITIES, Finding, Rule, Severity

__all__ = [
    "CONFIG_NAMES",
    "SEVERITIES",
    "Finding",
    "LintConfig",
    "LintReport",
    "Rule",
    "Severity",
    "default_config",
    "find_config",
    "lint_file",
    "load_config",
    "read_contract_roots",
    "ruleset_config",
]
