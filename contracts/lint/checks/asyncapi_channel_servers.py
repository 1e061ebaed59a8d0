"""asyncapi-channel-servers / asyncapi-3-channel-servers: channels name servers the document declares."""

from __future__ import annotations

from collections.abc import Iterable

from .._context import LintContext
from .._rule import Hit
from ._asyncapi import channels


def check(ctx: LintContext) -> Iterable[Hit]:
    declared = ctx.document.get("servers") if isinstance(ctx.document.get("servers"), dict) else {}
    for path, channel in channels(ctx):
        listed = channel.get("servers")
        for i, server in enumerate(listed if isinstance(listed, list) else []):
            if ctx.format == "asyncapi2":
                known = server in declared
            else:
                ref = server.get("$ref") if isinstance(server, dict) else None
                known = isinstance(ref, str) and ref.startswith("#/servers/")
            if not known:
                yield (
                    (*path, "servers", i),
                    'Channel contains server that are not defined on the "servers" object.',
                )
