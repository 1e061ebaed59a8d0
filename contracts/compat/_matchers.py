"""Pact matching rules applied to example values before they are compared with a contract.

- An array under a rule with `min` (each-like, V2 `{"match": "type", "min": 2}`) stands for at least
  `min` items: the example is padded with copies of its first item, so `minItems`/`maxItems` in the
  contract are checked against what the consumer really sends or expects.
- A value under a `type` (or `integer`, `decimal`, `number`, `boolean`) matcher, or under a parent
  that carries one (Pact cascades type matching to children), stands for any value of its type. In a
  response or message the consumer accepts any such value, so constraints on the value itself
  (enum, pattern, format, bounds) that the example happens to break are not incompatibilities; the
  example's type still is checked. In a request the consumer may send any value of the type, so the
  example is still checked in full (stricter, never looser).
"""

from __future__ import annotations

import copy
from typing import Any

__all__ = ["VALUE_KEYWORDS", "expand_each_like", "type_matched"]

Paths = dict[tuple[str, ...], list[dict[str, Any]]]
_TYPE_MATCHERS = frozenset(("type", "integer", "decimal", "number", "boolean"))
VALUE_KEYWORDS = frozenset(
    (
        "enum",
        "const",
        "pattern",
        "format",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minLength",
        "maxLength",
        "multipleOf",
    )
)


def _matches(pattern: tuple[str, ...], path: tuple[str, ...]) -> bool:
    return len(pattern) == len(path) and all(p in ("*", q) for p, q in zip(pattern, path, strict=True))


def _rules_at(rules: Paths, path: tuple[str, ...]) -> list[dict[str, Any]]:
    return [rule for pattern, found in rules.items() if _matches(pattern, path) for rule in found]


def expand_each_like(value: Any, rules: Paths, path: tuple[str, ...] = ()) -> Any:
    """A copy of `value` whose arrays hold at least the `min` items their matchers ask for."""
    if isinstance(value, dict):
        return {k: expand_each_like(v, rules, (*path, k)) for k, v in value.items()}
    if not isinstance(value, list):
        return value
    items = [expand_each_like(v, rules, (*path, str(i))) for i, v in enumerate(value)]
    wanted = max((int(r["min"]) for r in _rules_at(rules, path) if isinstance(r.get("min"), int)), default=0)
    if items and len(items) < wanted:
        items += [copy.deepcopy(items[0]) for _ in range(wanted - len(items))]
    return items


def type_matched(rules: Paths, pointer: str) -> bool:
    """Whether the value at a JSON pointer (or one of its parents) is under a type matcher."""
    tokens = tuple(p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:])
    for depth in range(len(tokens), -1, -1):
        if any(r.get("match") in _TYPE_MATCHERS for r in _rules_at(rules, tokens[:depth])):
            return True
    return False
