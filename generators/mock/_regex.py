"""A string matching a regular expression, chosen deterministically by a seeded random source.

Walks the parse tree of Python's `re` (close enough to the ECMA-262 patterns of JSON Schema for
generation); repeats are kept short, look-arounds are skipped. Returns None for what it cannot do.
"""

from __future__ import annotations

import random
import re
from typing import Any

try:  # Python 3.11+
    import re._constants as sre
    import re._parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_constants as sre  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

__all__ = ["string_for_pattern"]

_CATEGORIES = {
    sre.CATEGORY_DIGIT: "0123456789",
    sre.CATEGORY_NOT_DIGIT: "abcxyzABC",
    sre.CATEGORY_SPACE: " ",
    sre.CATEGORY_NOT_SPACE: "abcxyz019",
    sre.CATEGORY_WORD: "abcxyz0123_",
    sre.CATEGORY_NOT_WORD: "-.!",
}
_PRINTABLE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


class _Unsupported(Exception):
    pass


def string_for_pattern(
    pattern: str, rng: random.Random, min_length: int = 0, max_length: int | None = None
) -> str | None:
    """A string that `re.search(pattern, s)` finds, within the length bounds, or None."""
    try:
        tree = sre_parse.parse(pattern)
        compiled = re.compile(pattern)
    except (re.error, ValueError, OverflowError, RecursionError):
        return None
    for spread in (3, 3, 0, 1, 3, 8, 8, 16, 32, 64, 128, 256):  # shorter, then longer repeats
        try:
            value = _emit(tree, rng, spread)
        except (_Unsupported, RecursionError):
            return None
        if len(value) < min_length:
            pad = min_length - len(value)
            candidates = [value + "a" * pad, "a" * pad + value, value + "0" * pad]
            value = next((c for c in candidates if compiled.search(c)), value)
        if (
            (max_length is None or len(value) <= max_length)
            and len(value) >= min_length
            and compiled.search(value)
        ):
            return value
    return None


def _emit(items: Any, rng: random.Random, spread: int) -> str:
    out = []
    for op, arg in items:
        if op is sre.LITERAL:
            out.append(_char(arg))
        elif op is sre.NOT_LITERAL:
            out.append("a" if chr(arg) != "a" else "b")
        elif op is sre.ANY:
            out.append(rng.choice(_PRINTABLE))
        elif op is sre.IN:
            out.append(_in(arg, rng))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
            low, high, sub = arg
            high = low + spread if high is sre.MAXREPEAT else high
            count = rng.randint(low, max(low, min(high, low + spread)))
            out.extend(_emit(sub, rng, spread) for _ in range(count))
        elif op is sre.SUBPATTERN:
            out.append(_emit(arg[-1], rng, spread))
        elif op is sre.BRANCH:
            out.append(_emit(rng.choice(arg[1]), rng, spread))
        elif op is sre.AT or op in (sre.ASSERT, sre.ASSERT_NOT):
            continue
        elif op is getattr(sre, "ATOMIC_GROUP", None):
            out.append(_emit(arg, rng, spread))
        else:  # back references, conditionals
            raise _Unsupported(str(op))
    return "".join(out)


def _in(items: Any, rng: random.Random) -> str:
    negate = bool(items) and items[0][0] is sre.NEGATE
    choices: list[str] = []
    for op, arg in items:
        if op is sre.LITERAL:
            choices.append(_char(arg))
        elif op is sre.RANGE:
            low, high = arg
            choices.extend(_char(c) for c in range(low, min(high, low + 40) + 1))
        elif op is sre.CATEGORY:
            choices.extend(_CATEGORIES.get(arg, "a"))
    if negate:
        banned = set(choices)
        allowed = [c for c in _PRINTABLE if c not in banned]
        return rng.choice(allowed) if allowed else "~"
    return rng.choice(choices) if choices else "a"


def _char(code: int) -> str:
    """The character, except lone surrogates (not valid in JSON text), which become a letter."""
    return "a" if 0xD800 <= code <= 0xDFFF else chr(code)
