"""`module:attribute` to the Python object it names (the current directory is importable, as with uvicorn)."""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

__all__ = ["ImportSpecError", "import_object"]


class ImportSpecError(ValueError):
    """The spec is malformed, or its module or attribute cannot be loaded; one line naming the option."""


def import_object(spec: str, option: str) -> Any:
    module_name, _, attribute = spec.partition(":")
    if not module_name or not attribute:
        raise ImportSpecError(f"{option} {spec!r}: expected module:attribute, e.g. myservice.main:app")
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    try:
        target: Any = importlib.import_module(module_name)
    except Exception as exc:
        raise ImportSpecError(f"{option} {spec!r}: cannot import {module_name}: {exc}") from None
    for part in attribute.split("."):
        if not hasattr(target, part):
            raise ImportSpecError(f"{option} {spec!r}: {module_name} has no attribute {attribute!r}")
        target = getattr(target, part)
    if not callable(target):
        raise ImportSpecError(f"{option} {spec!r}: {attribute} is not callable")
    return target
