"""asyncapi-operation-operationId-uniqueness / asyncapi-message-messageId-uniqueness (2.x).

A trait that sets the id overrides the object's own (the last such trait wins, as traits are applied
in order), so the id compared, and the place reported, is that trait's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .._context import LintContext
from .._rule import Hit, JsonPath
from ._asyncapi import messages, operations


def _effective_id(node: dict, key: str) -> tuple[str, JsonPath] | None:
    traits = node.get("traits")
    for i in reversed(range(len(traits))) if isinstance(traits, list) else ():
        if isinstance(traits[i], dict) and isinstance(traits[i].get(key), str):
            return traits[i][key], ("traits", i, key)
    return (node[key], (key,)) if isinstance(node.get(key), str) else None


def _duplicates(found: Iterable[tuple[JsonPath, Any]], key: str, message: str) -> Iterable[Hit]:
    seen: set[str] = set()
    for path, node in found:
        effective = _effective_id(node, key)
        if effective is None:
            continue
        value, at = effective
        if value in seen:
            yield (*path, *at), message
        seen.add(value)


def operation_ids(ctx: LintContext) -> Iterable[Hit]:
    yield from _duplicates(
        operations(ctx), "operationId", '"operationId" must be unique across all the operations.'
    )


def message_ids(ctx: LintContext) -> Iterable[Hit]:
    yield from _duplicates(messages(ctx), "messageId", '"messageId" must be unique across all the messages.')
