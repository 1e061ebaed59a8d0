"""pattern: a string matches `match` and does not match `notMatch` (regular expressions)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .._rule import Hit, JsonPath
from ._support import shown

OPTIONS = {
    "type": "object",
    "properties": {"match": {"type": "string"}, "notMatch": {"type": "string"}},
    "anyOf": [{"required": ["match"]}, {"required": ["notMatch"]}],
    "additionalProperties": False,
}


@lru_cache(maxsize=256)
def compiled(expression: str) -> re.Pattern[str]:
    """Spectral also accepts the JavaScript literal form `/expr/flags`."""
    if len(expression) > 2 and expression.startswith("/") and expression.rfind("/") > 0:
        end = expression.rfind("/")
        flags = re.IGNORECASE if "i" in expression[end + 1 :] else 0
        return re.compile(expression[1:end], flags)
    return re.compile(expression)


def run(value: Any, options: dict[str, Any], path: JsonPath) -> list[Hit]:
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return []
    text = str(value)
    hits = []
    if "match" in options and not compiled(options["match"]).search(text):
        hits.append((path, f'"{shown(value)}" must match the pattern "{options["match"]}"'))
    if "notMatch" in options and compiled(options["notMatch"]).search(text):
        hits.append((path, f'"{shown(value)}" must not match the pattern "{options["notMatch"]}"'))
    return hits
