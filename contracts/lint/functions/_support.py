"""What the functions share: the missing-value marker and how a value is named in a message."""

from __future__ import annotations

from typing import Any

from ..._pointers import MISSING
from .._rule import JsonPath

__all__ = ["MISSING", "property_name", "shown"]


def property_name(path: JsonPath) -> str:
    return str(path[-1]) if path else "$"


def shown(value: Any) -> str:
    return value if isinstance(value, str) else repr(value)
