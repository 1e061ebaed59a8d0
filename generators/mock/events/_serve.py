"""Running the event mock: publishing in the background while uvicorn serves the WebSocket endpoint
and status page; with a message count, the process ends once everything is published."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable

from accord.contracts import Contract

from .._server import uvicorn_config
from ._hub import EventsApp
from ._run import EventMock, EventOptions

__all__ = ["serve_events"]


def serve_events(
    contract: Contract,
    options: EventOptions,
    sock: socket.socket,
    log: Callable[[str], None],
    ready: Callable[[EventMock], None] | None = None,
) -> int:
    """Serve until interrupted, or until --count messages per operation are out. Returns the exit code."""
    import uvicorn

    mock = EventMock(contract, options, log)
    outcome = {"ok": True}
    tasks: list[asyncio.Task] = []

    async def publish() -> None:
        outcome["ok"] = await mock.run()
        if options.count is not None:
            server.should_exit = True

    async def startup() -> None:
        tasks.append(asyncio.create_task(publish()))
        if ready is not None:
            ready(mock)

    server = uvicorn.Server(uvicorn_config(EventsApp(mock.hub, mock.status, startup), sock))
    server.run(sockets=[sock])
    return 0 if outcome["ok"] else 1
