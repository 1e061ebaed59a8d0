"""enumeration: a value is one of the allowed `values`."""

from __future__ import annotations

from typing import Any

from .._rule import Hit, JsonPath
from ._support import MISSING, shown

OPTIONS = {
    "type": "object",
    "properties": {"values": {"type": "array"}},
    "required": ["values"],
    "additionalProperties": False,
}


def run(value: Any, options: dict[str, Any], path: JsonPath) -> list[Hit]:
    if value is MISSING or isinstance(value, dict | list) or value in options["values"]:
        return []
    allowed = ", ".join(map(str, options["values"]))
    return [(path, f'"{shown(value)}" must be equal to one of the allowed values: {allowed}')]
