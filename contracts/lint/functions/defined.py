"""defined: the field is present (any value, even null)."""

from __future__ import annotations

from typing import Any

from .._rule import Hit, JsonPath
from ._support import MISSING, property_name

OPTIONS = None


def run(value: Any, options: Any, path: JsonPath) -> list[Hit]:
    return [(path, f'"{property_name(path)}" property must be defined')] if value is MISSING else []
