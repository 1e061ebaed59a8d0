"""falsy: the value is absent, false, 0, "" or null."""

from __future__ import annotations

from typing import Any

from .._rule import Hit, JsonPath
from ._support import MISSING, property_name

OPTIONS = None


def run(value: Any, options: Any, path: JsonPath) -> list[Hit]:
    if value is MISSING or (not value and not isinstance(value, dict | list)):
        return []
    return [(path, f'"{property_name(path)}" property must be falsy')]
