"""Reading raw document nodes tolerantly, shared by the OpenAPI and AsyncAPI adapters: a node of the
wrong type reads as empty, a `$ref` to a non-schema object is followed, a broken one reads as empty."""

from __future__ import annotations

from typing import Any

from ._contract import Contract
from ._errors import ContractError

__all__ = ["deref", "listing", "mapping", "security_list", "string_list"]


def mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def listing(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def deref(contract: Contract, node: Any, pointer: str) -> tuple[dict[str, Any], str]:
    """A non-schema object with its `$ref` followed; a broken reference degrades to an empty object."""
    try:
        target, target_pointer = contract.resolve(node, pointer)
    except ContractError:
        return {}, pointer
    return mapping(target), target_pointer or pointer


def string_list(value: Any) -> list[str]:
    return [str(v) for v in listing(value)]


def security_list(value: Any) -> list[dict[str, list[str]]] | None:
    if not isinstance(value, list):
        return None
    return [{str(k): string_list(v) for k, v in mapping(req).items()} for req in value]
