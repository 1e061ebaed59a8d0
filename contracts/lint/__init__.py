"""contracts.lint: governance rules over contracts, Spectral-compatible.

A rule (`Rule`) has an id, a severity, a description, the formats it applies to and a check over
the lint context (raw bundled document + normalised model). Built-in rulesets: `accord:oas`,
`accord:asyncapi` (Spectral's `spectral:oas` / `spectral:asyncapi` rule ids and semantics) and
`accord:governance`. Configuration (`accord.yaml`, `[tool.accord]`, `.spectral.yaml`) adds custom
rules in Spectral's format. Entry point: `lint_file(path, config) -> LintReport`.
"""

from __future__ import annotations

from ._config import find_config
from ._report import LintReport, lint_file
from ._rule import SEVERITIES, Finding, Rule, Severity

__all__ = ["SEVERITIES", "Finding", "LintReport", "Rule", "Severity", "find_config", "lint_file"]
