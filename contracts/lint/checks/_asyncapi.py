"""Where AsyncAPI documents keep operations, messages and servers (2.x and 3.x), as selectors."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .._context import LintContext
from .._rule import JsonPath

__all__ = ["channels", "messages", "messages_and_traits", "operations", "servers"]

Found = Iterable[tuple[JsonPath, Any]]


def _members(ctx: LintContext, *path: str) -> Found:
    node = ctx.at(path)
    if isinstance(node, dict):
        yield from (((*path, k), v) for k, v in node.items())


def channels(ctx: LintContext) -> Found:
    yield from ((p, c) for p, c in _members(ctx, "channels") if isinstance(c, dict))


def operations(ctx: LintContext) -> Found:
    """2.x: channels.*.publish|subscribe; 3.x: operations.*"""
    if ctx.format == "asyncapi2":
        for path, channel in channels(ctx):
            for action in ("subscribe", "publish"):  # Spectral's order: which of two is "the second"
                if isinstance(channel.get(action), dict):
                    yield (*path, action), channel[action]
    else:
        yield from ((p, o) for p, o in _members(ctx, "operations") if isinstance(o, dict))


def messages(ctx: LintContext) -> Found:
    """Every message object written in place (2.x: operation messages and their oneOf; 3.x: channel
    messages), and components.messages.*; `$ref`s are not followed (the target is listed itself)."""
    found: list[tuple[JsonPath, Any]] = []
    if ctx.format == "asyncapi2":
        for path, op in operations(ctx):
            message = op.get("message")
            if isinstance(message, dict) and isinstance(message.get("oneOf"), list):
                found += [((*path, "message", "oneOf", i), m) for i, m in enumerate(message["oneOf"])]
            elif isinstance(message, dict):
                found.append(((*path, "message"), message))
    else:
        for path, channel in channels(ctx):
            found += list(_members_of(channel.get("messages"), (*path, "messages")))
    found += list(_members(ctx, "components", "messages"))
    return [(p, m) for p, m in found if isinstance(m, dict) and "$ref" not in m]


def messages_and_traits(ctx: LintContext) -> Found:
    """Messages, then message traits (components.messageTraits.* and each message's `traits[*]`):
    a trait carries payload, headers and schemaFormat that end up in the message it is applied to."""
    found = list(messages(ctx))
    traits = [
        ((*p, "traits", i), t)
        for p, m in found
        if isinstance(m.get("traits"), list)
        for i, t in enumerate(m["traits"])
    ]
    traits += list(_members(ctx, "components", "messageTraits"))
    return found + [(p, t) for p, t in traits if isinstance(t, dict) and "$ref" not in t]


def _members_of(node: Any, path: JsonPath) -> Found:
    if isinstance(node, dict):
        yield from (((*path, k), v) for k, v in node.items())


def servers(ctx: LintContext) -> Found:
    yield from _members(ctx, "servers")
    yield from _members(ctx, "components", "servers")
