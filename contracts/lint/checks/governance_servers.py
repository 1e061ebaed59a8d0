"""server-not-example: no server points at example.com/.org/.net, localhost or a loopback address."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .._context import LintContext
from .._rule import Hit

PLACEHOLDER = re.compile(
    r"(^|[/@.])(example\.(com|org|net)|localhost|127\.0\.0\.1|\[::1\]|0\.0\.0\.0)([:/]|$)", re.I
)


def check(ctx: LintContext) -> Iterable[Hit]:
    servers = list(ctx.contract.servers)
    if ctx.format == "oas2" and isinstance(ctx.document.get("host"), str):
        if PLACEHOLDER.search(ctx.document["host"]):
            yield ("host",), f"host {ctx.document['host']!r} is a placeholder or local address"
        return
    for server in servers:
        if PLACEHOLDER.search(server.url):
            yield ctx.path_of(server.pointer), f"server {server.url!r} is a placeholder or local address"
