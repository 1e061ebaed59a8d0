"""What OpenAPI 2 and 3 share: walking paths, merging path-level parameters, reading extensions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .._contract import Contract
from .._lifecycle import read_lifecycle
from .._model import HTTP_METHODS
from .._nodes import deref, listing, mapping
from .._pointers import escape

__all__ = ["QUERY", "extensions", "iter_operations", "lifecycle", "merged_parameters"]

QUERY = "query"  # OpenAPI 3.2's fixed field for the HTTP QUERY method


def iter_operations(contract: Contract) -> Iterator[tuple[str, str, dict, str, dict, str]]:
    """(path, method, operation, operation pointer, path item, path item pointer) in document order.

    From OpenAPI 3.2 on, a path item's `query` and each `additionalOperations` entry (its key is the
    method, e.g. COPY; lower-cased here like the fixed fields) are operations too.
    """
    v32 = contract.format == "oas3.2"
    for path, raw_item in mapping(contract.document.get("paths")).items():
        if not isinstance(path, str) or not path.startswith("/"):
            continue
        item_pointer = f"/paths/{escape(path)}"
        item, item_pointer = deref(contract, raw_item, item_pointer)
        for method in (*HTTP_METHODS, QUERY) if v32 else HTTP_METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                yield path, method, op, f"{item_pointer}/{method}", item, item_pointer
        if v32:
            extra_pointer = f"{item_pointer}/additionalOperations"
            for name, raw_op in mapping(item.get("additionalOperations")).items():
                op, op_pointer = deref(contract, raw_op, f"{extra_pointer}/{escape(name)}")
                if op and str(name).lower() not in (*HTTP_METHODS, QUERY):
                    yield path, str(name).lower(), op, op_pointer, item, item_pointer


def merged_parameters(contract: Contract, item: dict, item_pointer: str, op: dict, op_pointer: str):
    """Path-level parameters overridden by operation-level ones with the same name and location."""
    merged: dict[tuple[str, str], tuple[dict, str]] = {}
    for owner, owner_pointer in ((item, item_pointer), (op, op_pointer)):
        for i, raw in enumerate(listing(owner.get("parameters"))):
            param, pointer = deref(contract, raw, f"{owner_pointer}/parameters/{i}")
            name, where = param.get("name"), param.get("in")
            if isinstance(name, str) and isinstance(where, str):
                key = (where, name.lower() if where == "header" else name)
                merged[key] = (param, pointer)
    return list(merged.values())


def extensions(node: dict) -> dict[str, Any]:
    return {k: v for k, v in node.items() if isinstance(k, str) and k.startswith("x-")}


def lifecycle(op: dict, pointer: str) -> dict[str, Any]:
    """An operation's deprecation and stability fields, parsed (both versions)."""
    facts = read_lifecycle(op, pointer)
    return {
        "deprecated": facts.deprecated,
        "sunset": facts.sunset,
        "deprecated_at": facts.deprecated_at,
        "stability": facts.stability,
    }
