"""undefined: the field is absent."""

from __future__ import annotations

from typing import Any

from .._rule import Hit, JsonPath
from ._support import MISSING, property_name

OPTIONS = None


def run(value: Any, options: Any, path: JsonPath) -> list[Hit]:
    return [] if value is MISSING else [(path, f'"{property_name(path)}" property must be undefined')]
