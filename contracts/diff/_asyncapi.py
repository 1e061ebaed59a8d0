"""AsyncAPI 2.x and 3.x: channels, operations, and their messages judged by direction.

For messages the application sends, consumers read what it writes (like an HTTP response); for
messages it receives, other producers write what it reads (like an HTTP request).
"""

from __future__ import annotations

from accord.contracts import AsyncOperation, Channel, Message

from ._change import Collector
from ._schema import SchemaDiff

__all__ = ["compare_async"]


def compare_async(out: Collector, schemas: SchemaDiff) -> None:
    for key, b in out.base.channels.items():
        r = out.revision.channels.get(key)
        if r is None:
            out.add("channel-removed", "channel removed", channel=key, base=b.pointer, revision="/channels")
        else:
            _channel(out, b, r)
    for key, r in out.revision.channels.items():
        if key not in out.base.channels:
            out.add("channel-added", "channel added", channel=key, base="/channels", revision=r.pointer)
    base_ops = {op.key: op for op in out.base.async_operations}
    revision_ops = {op.key: op for op in out.revision.async_operations}
    for key, b in base_ops.items():
        r = revision_ops.get(key)
        if r is None:
            out.add(
                "async-operation-removed",
                f"{b.action} operation '{key}' removed",
                channel=b.channel,
                base=b.pointer,
                revision=None,
            )
        else:
            _operation(out, schemas, b, r)
    for key, r in revision_ops.items():
        if key not in base_ops:
            out.add(
                "async-operation-added",
                f"{r.action} operation '{key}' added",
                channel=r.channel,
                base=None,
                revision=r.pointer,
            )


def _channel(out: Collector, b: Channel, r: Channel) -> None:
    where = {"channel": r.key, "base": b.pointer, "revision": r.pointer}
    if b.address != r.address:
        out.add("channel-address-changed", f"address changed from {b.address!r} to {r.address!r}", **where)
    for name in r.parameters.keys() - b.parameters.keys():
        out.add("channel-parameter-added", f"channel parameter '{name}' added", **where)
    for name in b.parameters.keys() - r.parameters.keys():
        out.add("channel-parameter-removed", f"channel parameter '{name}' removed", **where)
    if b.bindings != r.bindings:
        out.add(
            "channel-bindings-changed",
            f"bindings changed ({', '.join(sorted(b.bindings.keys() | r.bindings.keys()))})",
            **where,
        )
    if sorted(b.servers) != sorted(r.servers):
        out.add(
            "channel-servers-changed",
            f"servers changed from {b.servers or 'all'} to {r.servers or 'all'}",
            **where,
        )


def _operation(out: Collector, schemas: SchemaDiff, b: AsyncOperation, r: AsyncOperation) -> None:
    where = {"channel": r.channel, "base": b.pointer, "revision": r.pointer}
    if b.action != r.action:
        out.add(
            "async-operation-action-changed",
            f"operation '{r.key}' action changed from {b.action} to {r.action}",
            **where,
        )
        return
    if b.channel != r.channel:
        out.add(
            "async-operation-channel-changed",
            f"operation '{r.key}' moved from channel '{b.channel}' to '{r.channel}'",
            **where,
        )
    if b.bindings != r.bindings:
        out.add("async-operation-bindings-changed", f"operation '{r.key}' bindings changed", **where)
    side = "sent" if r.action == "send" else "received"
    base_messages = {m.name: m for m in b.messages}
    revision_messages = {m.name: m for m in r.messages}
    for name, bm in base_messages.items():
        rm = revision_messages.get(name)
        if rm is None:
            out.add(
                f"{side}-message-removed",
                f"message '{name}' removed from '{r.key}'",
                **{**where, "base": bm.pointer},
            )
        else:
            _message(out, schemas, side, r, bm, rm)
    for name, rm in revision_messages.items():
        if name not in base_messages:
            out.add(
                f"{side}-message-added",
                f"message '{name}' added to '{r.key}'",
                **{**where, "revision": rm.pointer},
            )


def _message(
    out: Collector, schemas: SchemaDiff, side: str, op: AsyncOperation, b: Message, r: Message
) -> None:
    where = {"channel": op.channel, "base": b.pointer, "revision": r.pointer}
    subject = f"message '{r.name}' of '{op.key}'"
    if b.content_type != r.content_type:
        out.add(
            f"{side}-message-content-type-changed",
            f"{subject} content type changed from {b.content_type} to {r.content_type}",
            **where,
        )
    if b.bindings != r.bindings:
        out.add(f"{side}-message-bindings-changed", f"{subject} bindings changed", **where)
    direction = "response" if side == "sent" else "request"
    for part, context in (("payload", f"{side}-message-payload"), ("headers", f"{side}-message-headers")):
        bs, rs = getattr(b, part), getattr(r, part)
        if bs is None and rs is None:
            continue
        found = schemas.compare(bs or {}, f"{b.pointer}/{part}", rs or {}, f"{r.pointer}/{part}", direction)
        out.schema(context, f"{subject} {part}", found, channel=op.channel)
