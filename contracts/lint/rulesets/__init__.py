"""The built-in rulesets, by name. `spectral:oas` and `spectral:asyncapi` are aliases, so an existing
`.spectral.yaml` that extends them works unchanged. Loaded on first use, to keep start-up cheap."""

from __future__ import annotations

from functools import lru_cache

from .._rule import Rule

__all__ = ["ALIASES", "all_rules", "rulesets"]

ALIASES = {"spectral:oas": "accord:oas", "spectral:asyncapi": "accord:asyncapi"}


@lru_cache(maxsize=1)
def rulesets() -> dict[str, dict[str, Rule]]:
    from . import asyncapi, governance, oas, oas32

    return {
        "accord:oas": {r.id: r for r in (*oas.RULES, *oas32.RULES)},
        "accord:asyncapi": {r.id: r for r in asyncapi.RULES},
        "accord:governance": {r.id: r for r in governance.RULES},
    }


def all_rules() -> dict[str, Rule]:
    return {rule_id: rule for rules in rulesets().values() for rule_id, rule in rules.items()}
