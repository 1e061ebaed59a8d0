"""xor: exactly one of the named `properties` is present on an object."""

from __future__ import annotations

from typing import Any

from .._rule import Hit, JsonPath

OPTIONS = {
    "type": "object",
    "properties": {"properties": {"type": "array", "items": {"type": "string"}, "minItems": 2}},
    "required": ["properties"],
    "additionalProperties": False,
}


def run(value: Any, options: dict[str, Any], path: JsonPath) -> list[Hit]:
    if not isinstance(value, dict):
        return []
    names = options["properties"]
    present = [n for n in names if n in value]
    if len(present) == 1:
        return []
    listed = " and ".join(f'"{n}"' for n in names) if len(names) == 2 else ", ".join(f'"{n}"' for n in names)
    if present:
        return [
            (
                path,
                f"{listed} must not be both defined"
                if len(names) == 2
                else f"only one of {listed} must be defined",
            )
        ]
    return [
        (
            path,
            f"{listed} must not be both undefined" if len(names) == 2 else f"one of {listed} must be defined",
        )
    ]
