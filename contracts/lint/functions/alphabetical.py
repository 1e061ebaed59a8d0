"""alphabetical: an array (or an object's keys) is sorted; `keyedBy` sorts objects by one field."""

from __future__ import annotations

from typing import Any

from .._rule import Hit, JsonPath
from ._support import property_name

OPTIONS = {
    "type": ["object", "null"],
    "properties": {"keyedBy": {"type": "string"}},
    "additionalProperties": False,
}


def _key(item: Any, keyed_by: str | None) -> Any:
    if keyed_by is not None:
        item = item.get(keyed_by) if isinstance(item, dict) else None
    return (0, item) if isinstance(item, int | float) and not isinstance(item, bool) else (1, str(item))


def run(value: Any, options: dict[str, Any] | None, path: JsonPath) -> list[Hit]:
    keyed_by = (options or {}).get("keyedBy")
    if isinstance(value, dict):
        items: list[Any] = list(value)
        keyed_by = None
    elif isinstance(value, list):
        items = value
    else:
        return []
    keys = [_key(item, keyed_by) for item in items]
    for i in range(len(keys) - 1):
        if keys[i] > keys[i + 1]:
            a, b = keys[i][1], keys[i + 1][1]
            # Spectral's places: the array itself when sorted by a field, else the first misplaced item
            where = (
                path if keyed_by is not None else (*path, i) if isinstance(value, list) else (*path, items[i])
            )
            return [
                (
                    where,
                    f'"{property_name(path)}" property must have alphabetical order: "{a}" must be placed after "{b}"',
                )
            ]
    return []
