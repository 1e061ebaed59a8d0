"""oas3_2-item-schema-sequential: `itemSchema` describes the items of a sequential media type
(Server-Sent Events, JSON Lines, NDJSON, JSON text sequences); on any other it describes nothing a
tool can read."""

from __future__ import annotations

from collections.abc import Iterable

from ..._streams import SEQUENTIAL_MEDIA_TYPES, stream_framing
from .._context import LintContext
from .._rule import Hit

_KNOWN = ", ".join(SEQUENTIAL_MEDIA_TYPES)


def check(ctx: LintContext) -> Iterable[Hit]:
    for path, node in ctx.nodes():
        if len(path) < 2 or path[-2] != "content" or not isinstance(node, dict) or "itemSchema" not in node:
            continue
        media_type = str(path[-1])
        if stream_framing(media_type) is None and not media_type.startswith("multipart/"):
            yield (
                (*path, "itemSchema"),
                f'itemSchema on "{media_type}", which is not a sequential media type ({_KNOWN}, multipart/*).',
            )
