"""Broken documents end as findings, never as exceptions: valid contracts mutated at random (seeded)."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

from accord.contracts import load_contract, summarise, validate_file

ROOT = Path(__file__).parents[2]
SEEDS = [
    ROOT / "examples" / "contracts" / "orders.yaml",
    ROOT / "examples" / "contracts" / "payments.yaml",
    ROOT / "examples" / "contracts" / "inventory.json",
    ROOT / "examples" / "contracts" / "order-events.yaml",
    ROOT / "tests" / "contracts" / "fixtures" / "asyncapi" / "valid-2.6.yaml",
    ROOT / "tests" / "contracts" / "fixtures" / "asyncapi" / "valid-3.1.yaml",
]
# Wrong types, references to the wrong kind of object, templates, duplicates.
REPLACEMENTS: list[Any] = [
    None, 1, True, "x", "{a}", [], {}, ["a"], {"name": "a"}, {"a": {"b": 1}},
    [{"name": "a"}, {"name": "a"}], {"$ref": "#/info"}, {"$ref": "#/info/title"}, {"$ref": "#/components"},
]  # fmt: skip


def _positions(node: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _positions(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _positions(value, (*path, i))
    return found


def test_mutated_contracts_give_reports_not_exceptions(tmp_path: Path) -> None:
    rng = random.Random(20261124)
    documents = [load_contract(seed).document for seed in SEEDS]
    outcomes = {"valid": 0, "invalid": 0, "unreadable": 0}
    for _ in range(250):
        document = copy.deepcopy(rng.choice(documents))
        for _ in range(rng.randint(1, 3)):
            *parents, last = rng.choice([p for p in _positions(document) if p])
            holder = document
            for token in parents:
                holder = holder[token]
            holder[last] = copy.deepcopy(rng.choice(REPLACEMENTS))
        path = tmp_path / "mutated.json"
        path.write_text(json.dumps(document))
        report = validate_file(path)
        for error in report.errors:
            assert isinstance(error.message, str) and error.message
            assert isinstance(error.pointer, str)
        if report.unreadable:
            outcomes["unreadable"] += 1
            continue
        outcomes["valid" if report.valid else "invalid"] += 1
        summarise(load_contract(path))  # the model copes with whatever validation let through
    assert outcomes["invalid"] > 100 and outcomes["unreadable"] > 0, outcomes
