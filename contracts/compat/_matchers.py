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

__all__ = ["MAX_PADDING", "VALUE_KEYWORDS", "expand_each_like", "type_matched"]

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


MAX_PADDING = 100_000  # values copied into one body in all; a larger `min` is hostile, not an expectation


def expand_each_like(value: Any, rules: Paths) -> Any:
    """A copy of `value` whose arrays hold at least the `min` items their matchers ask for (the values
    copied in are capped at MAX_PADDING, so a hostile `min` cannot exhaust memory)."""
    budget = [MAX_PADDING]

    def expand(value: Any, path: tuple[str, ...]) -> Any:
        if isinstance(value, dict):
            return {k: expand(v, (*path, k)) for k, v in value.items()}
        if not isinstance(value, list):
            return value
        items = [expand(v, (*path, str(i))) for i, v in enumerate(value)]
        mins = [r["min"] for r in _rules_at(rules, path) if isinstance(r.get("min"), int)]
        size = _size(items[0]) if items else 1
        missing = min(max(mins, default=0) - len(items), budget[0] // size)
        if items and missing > 0:
            budget[0] -= missing * size
            items += [copy.deepcopy(items[0]) for _ in range(missing)]
        return items

    return expand(value, ())


def _size(value: Any) -> int:
    """How many values a JSON value holds, itself included."""
    count, stack = 0, [value]
    while stack:
        node = stack.pop()
        count += 1
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return count


def type_matched(rules: Paths, pointer: str) -> bool:
    """Whether the value at a JSON pointer (or one of its parents) is under a type matcher."""
    tokens = tuple(p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:])
    for depth in range(len(tokens), -1, -1):
        if any(r.get("match") in _TYPE_MATCHERS for r in _rules_at(rules, tokens[:depth])):
            return True
    return False
