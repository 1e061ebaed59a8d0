"""The ASGI lifespan protocol, answered once for every accord server (the mock, its event hub, the
gateway): start-up work before `lifespan.startup.complete` (a failure is `lifespan.startup.failed` with
its message, so uvicorn stops with one line), shutdown work before `lifespan.shutdown.complete`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

__all__ = ["serve_lifespan"]

Hook = Callable[[], Awaitable[None]] | None


async def serve_lifespan(
    receive: Callable[[], Awaitable[dict[str, Any]]],
    send: Callable[[dict[str, Any]], Awaitable[None]],
    *,
    startup: Hook = None,
    shutdown: Hook = None,
) -> None:
    """Answer one lifespan scope: run `startup` on `lifespan.startup`, `shutdown` on `lifespan.shutdown`."""
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            try:
                if startup is not None:
                    await startup()
            except Exception as exc:
                await send({"type": "lifespan.startup.failed", "message": str(exc)})
                return
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            if shutdown is not None:
                await shutdown()
            await send({"type": "lifespan.shutdown.complete"})
            return
