"""asyncapi-operation-operationId-uniqueness / asyncapi-message-messageId-uniqueness (2.x)."""

from __future__ import annotations

from collections.abc import Iterable

from .._context import LintContext
from .._rule import Hit
from ._asyncapi import messages, operations


def operation_ids(ctx: LintContext) -> Iterable[Hit]:
    seen: set[str] = set()
    for path, op in operations(ctx):
        op_id = op.get("operationId")
        if isinstance(op_id, str):
            if op_id in seen:
                yield (*path, "operationId"), '"operationId" must be unique across all the operations.'
            seen.add(op_id)


def message_ids(ctx: LintContext) -> Iterable[Hit]:
    seen: set[str] = set()
    for path, message in messages(ctx):
        message_id = message.get("messageId")
        if isinstance(message_id, str):
            if message_id in seen:
                yield (*path, "messageId"), '"messageId" must be unique across all the messages.'
            seen.add(message_id)
