"""Spectral's core functions, one per module: each takes (value, options, path) and returns hits.

`value` is `MISSING` when the rule's `then.field` is absent; only the existence functions (truthy,
falsy, defined, undefined) look at a missing value, the others let it pass, as Spectral does.
Each module declares `OPTIONS`, a JSON Schema for its functionOptions, checked when a config loads.
"""

from __future__ import annotations

from types import ModuleType

from . import (
    alphabetical,
    casing,
    defined,
    enumeration,
    falsy,
    length,
    pattern,
    schema,
    truthy,
    undefined,
    xor,
)
from ._support import MISSING, property_name

__all__ = ["FUNCTIONS", "MISSING", "property_name"]

FUNCTIONS: dict[str, ModuleType] = {
    module.__name__.rsplit(".", 1)[1]: module
    for module in (
        truthy, falsy, defined, undefined, pattern, casing, enumeration, length, alphabetical, xor, schema,
    )
}  # fmt: skip
