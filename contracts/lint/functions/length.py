"""length: a string, array or object (by its number of keys) has between `min` and `max` items."""

from __future__ import annotations

from typing import Any

from .._rule import Hit, JsonPath
from ._support import property_name

OPTIONS = {
    "type": "object",
    "properties": {"min": {"type": "number"}, "max": {"type": "number"}},
    "anyOf": [{"required": ["min"]}, {"required": ["max"]}],
    "additionalProperties": False,
}


def run(value: Any, options: dict[str, Any], path: JsonPath) -> list[Hit]:
    if isinstance(value, bool):
        return []
    if isinstance(value, str | list | dict):
        size: float = len(value)
    elif isinstance(value, int | float):
        size = value
    else:
        return []
    name = property_name(path)
    if "min" in options and size < options["min"]:
        return [(path, f'"{name}" property must be longer than {options["min"]}')]
    if "max" in options and size > options["max"]:
        return [(path, f'"{name}" property must be shorter than {options["max"]}')]
    return []
