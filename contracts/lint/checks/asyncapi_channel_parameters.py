"""asyncapi-channel-parameters: `{param}`s in a channel address and its `parameters` agree."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .._context import LintContext
from .._rule import Hit
from ._asyncapi import channels

_VARIABLE = re.compile(r"{([^}]+)}")


def check(ctx: LintContext) -> Iterable[Hit]:
    listed = list(channels(ctx))
    components = ctx.at(("components", "channels"))
    if isinstance(components, dict):
        listed += [(("components", "channels", k), v) for k, v in components.items() if isinstance(v, dict)]
    for path, channel in listed:
        # a written `address` wins, in 2.x too (as Spectral reads it); else a 2.x channel's key
        address = channel.get("address")
        if not isinstance(address, str) and ctx.format == "asyncapi2":
            address = path[-1]
        if not isinstance(address, str):
            continue
        used = list(dict.fromkeys(_VARIABLE.findall(address)))
        if not used:
            continue
        params = channel.get("parameters") if isinstance(channel.get("parameters"), dict) else {}
        missing = [p for p in used if p not in params]
        if missing:
            yield (
                (*path, "parameters"),
                f'Not all channel\'s parameters are described with "parameters" object. Missed: {", ".join(missing)}.',
            )
        for name in params:
            if name not in used:
                yield (
                    (*path, "parameters", name),
                    f'Channel\'s "parameters" object has redundant defined "{name}" parameter.',
                )
