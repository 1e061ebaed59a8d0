"""AsyncAPI validation: the official JSON Schemas plus the checks they cannot express."""

from __future__ import annotations

from .._contract import Contract


def validate_asyncapi(contract: Contract) -> list[tuple[str, str]]:
    """(message, pointer) for each error. Semantic checks only until the official schemas are vendored."""
    found: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    for op in contract.async_operations:
        if op.operation_id and op.operation_id in seen:
            found.append((f"duplicate operationId {op.operation_id!r}", op.pointer))
        elif op.operation_id:
            seen[op.operation_id] = op.pointer
    return found
