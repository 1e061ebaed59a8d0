"""Running rules over one contract: hits become findings with a pointer, a path and a position."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .._contract import Contract
from .._pointers import escape
from ._context import LintContext
from ._rule import SEVERITIES, Finding, JsonPath, Rule, Severity

__all__ = ["ActiveRule", "lint_contract", "render_message"]


@dataclass(frozen=True, slots=True)
class ActiveRule:
    rule: Rule
    severity: Severity


def render_message(rule: Rule, path: JsonPath, error: str) -> str:
    """Spectral's message: the rule's template if any, else its description, else the function's."""
    template = rule.message
    if template is None:
        return rule.description or error
    return (
        template.replace("{{error}}", error)
        .replace("{{property}}", str(path[-1]) if path else "")
        .replace("{{path}}", ".".join(map(str, path)))
        .replace("{{description}}", rule.description)
    )


def closest_path(document: object, path: JsonPath) -> JsonPath:
    """The longest start of `path` that exists in the document, as Spectral reports it: a finding
    about something missing (no `items`, an undeclared variable) points at the node that lacks it."""
    node = document
    for depth, step in enumerate(path):
        if (isinstance(node, dict) and step in node) or (
            isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)
        ):
            node = node[step]
        else:
            return path[:depth]
    return path


def lint_contract(
    contract: Contract, rules: Iterable[ActiveRule], settings: dict | None = None
) -> list[Finding]:
    ctx = LintContext(contract, settings)
    hits: dict[tuple[str, JsonPath, str], ActiveRule] = {}
    for active in rules:
        rule = active.rule
        if contract.format not in rule.formats:
            continue
        for path, error in rule.check(ctx):
            message = render_message(rule, path, error)
            hits.setdefault((rule.id, closest_path(ctx.document, path), message), active)
    ctx.release()  # compiled schemas go before the position index is built: a lower peak
    findings: list[Finding] = []
    for (rule_id, path, message), active in hits.items():
        pointer = "".join("/" + escape(p) for p in path)
        loc = contract.location(pointer)
        findings.append(
            Finding(rule_id, active.severity, loc.file, pointer, list(path), message, loc.line, loc.column)
        )
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    findings.sort(key=lambda f: (f.file, f.line or 0, f.column or 0, rank[f.severity], f.rule))
    return findings
