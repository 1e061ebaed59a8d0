"""casing: a string is in one casing style (flat, camel, pascal, kebab, cobol, snake, macro)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .._rule import Hit, JsonPath

CASES = ("flat", "camel", "pascal", "kebab", "cobol", "snake", "macro")
OPTIONS = {
    "type": "object",
    "properties": {
        "type": {"enum": list(CASES)},
        "disallowDigits": {"type": "boolean"},
        "separator": {
            "type": "object",
            "properties": {
                "char": {"type": "string", "minLength": 1, "maxLength": 1},
                "allowLeading": {"type": "boolean"},
            },
            "required": ["char"],
            "additionalProperties": False,
        },
    },
    "required": ["type"],
    "additionalProperties": False,
}
_SHAPES = {
    "flat": "[a-z][a-z{d}]*",
    "camel": "[a-z][a-z{d}]*(?:[A-Z{d}](?:[a-z{d}]+|$))*",
    "pascal": "[A-Z][a-z{d}]*(?:[A-Z{d}](?:[a-z{d}]+|$))*",
    "kebab": "[a-z][a-z{d}]*(?:-[a-z{d}]+)*",
    "cobol": "[A-Z][A-Z{d}]*(?:-[A-Z{d}]+)*",
    "snake": "[a-z][a-z{d}]*(?:_[a-z{d}]+)*",
    "macro": "[A-Z][A-Z{d}]*(?:_[A-Z{d}]+)*",
}


@lru_cache(maxsize=64)
def expression(case: str, digits: bool, separator: str | None, leading: bool) -> re.Pattern[str]:
    shape = _SHAPES[case].format(d="0-9" if digits else "")
    if separator is None:
        return re.compile(f"^{shape}$")
    sep = re.escape(separator)
    return re.compile(f"^{sep + '?' if leading else ''}{shape}(?:{sep}{shape})*$")


def is_case(value: str, case: str, digits: bool = True) -> bool:
    return bool(expression(case, digits, None, False).match(value))


def run(value: Any, options: dict[str, Any], path: JsonPath) -> list[Hit]:
    if not isinstance(value, str) or not value:
        return []
    separator = options.get("separator") or {}
    pattern = expression(
        options["type"],
        not options.get("disallowDigits", False),
        separator.get("char"),
        bool(separator.get("allowLeading")),
    )
    return [] if pattern.match(value) else [(path, f'"{value}" must be {options["type"]} case')]
