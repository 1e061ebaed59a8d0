"""Registry-wide: every built-in rule is described, scoped to formats, and has a test table."""

from __future__ import annotations

from contracts.lint import SEVERITIES
from contracts.lint.rulesets import all_rules, rulesets

from . import test_asyncapi_rules, test_governance_rules, test_oas_rules

TABLES = {**test_oas_rules.CASES, **test_asyncapi_rules.CASES, **test_governance_rules.CASES}


def test_every_rule_is_described_and_tested() -> None:
    for rule_id, rule in all_rules().items():
        assert rule.description.strip(), f"{rule_id} has no description"
        assert rule.severity in SEVERITIES, rule_id
        assert rule.formats, f"{rule_id} applies to no format"
        assert TABLES.get(rule_id), f"{rule_id} has no test table"


def test_ids_are_unique_across_rulesets() -> None:
    ids = [rule_id for rules in rulesets().values() for rule_id in rules]
    assert len(ids) == len(set(ids))


def test_every_table_names_a_rule() -> None:
    assert set(TABLES) <= set(all_rules())
