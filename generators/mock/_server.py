"""Running the mock: uvicorn (uvloop, httptools) on a socket bound first (`contracts.http.listen`), so
that a bad port or a port in use is a clear message; `--watch` reloads the contract when any of its files changes; `mock_server()` runs it
in a thread for tests and yields the base URL.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from accord.contracts import ContractError
from accord.contracts.http import ServerLimits, listen, server_config

from ._app import CompiledMock, MockApp, MockOptions

__all__ = ["mock_server", "serve", "uvicorn_config"]


def uvicorn_config(app: Any, sock: socket.socket, limits: ServerLimits | None = None) -> Any:
    """uvicorn settings for a raw ASGI app: uvloop, httptools held to `limits` (`ServerLimits()` by
    default), no access log of its own."""
    from uvicorn.config import WS_PROTOCOLS

    try:
        import uvloop  # noqa: F401

        loop = "uvloop"
    except ImportError:  # pragma: no cover
        loop = "asyncio"
    return server_config(
        app,
        limits or ServerLimits(),
        loop=loop,
        ws="websockets-sansio" if "websockets-sansio" in WS_PROTOCOLS else "auto",
        lifespan="on",
        access_log=False,
        log_level="warning",
        server_header=False,
    )


async def _watch(path: Path, app: MockApp, options: MockOptions, log: Callable[[str], None]) -> None:
    from watchfiles import awatch

    files = {Path(p).resolve() for p in app.state.contract.source.files} | {path.resolve()}
    async for _changes in awatch(*{f.parent for f in files}, debounce=200, step=50):
        changed = {Path(c[1]).resolve() for c in _changes}
        if not changed & files:
            continue
        try:
            state = await asyncio.to_thread(_load_prepared, path, options)
        except (ContractError, ValueError) as exc:
            log(f"accord mock: reload failed, still serving the previous contract: {exc}")
            continue
        app.state = state
        files = {Path(p).resolve() for p in state.contract.source.files} | {path.resolve()}
        log(f"accord mock: reloaded {path.name} ({len(state.runtime.operations)} operations)")
        for warning in state.runtime.lifecycle_warnings:
            log(f"accord mock: warning: {warning}")
        state.report_warnings(log)


def _load_prepared(path: Path, options: MockOptions) -> CompiledMock:
    state = CompiledMock.load(path, options)
    state.prepare_all()
    return state


def serve(
    path: str | Path,
    state: CompiledMock,
    sock: socket.socket,
    *,
    watch: bool = False,
    log: Callable[[str], None] | None = None,
    ready: Callable[[], None] | None = None,
    limits: ServerLimits | None = None,
) -> None:
    """Serve until interrupted (blocking). `log` gets the access log (default: stderr, buffered);
    requests are held to `limits` (`ServerLimits()` by default)."""
    import uvicorn

    note = log or (lambda line: sys.stderr.write(line + "\n"))
    tasks: list[asyncio.Task] = []

    async def startup() -> None:
        tasks.append(asyncio.create_task(state.warm(note)))
        if watch:
            tasks.append(asyncio.create_task(_watch(Path(path), app, state.options, note)))
        if ready is not None:
            ready()

    app = MockApp(state, log, startup)
    server = uvicorn.Server(uvicorn_config(app, sock, limits))
    server.run(sockets=[sock])


@contextlib.contextmanager
def mock_server(
    path: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    seed: int = 0,
    stateful: bool = False,
    dynamic: bool = False,
    access_log: bool = False,
    watch: bool = False,
    limits: ServerLimits | None = None,
    **settings: Any,
) -> Iterator[str]:
    """Run the mock of a contract in a background thread; yields its base URL (http://host:port).

    >>> with mock_server("orders.yaml") as url:
    ...     httpx.get(url + "/orders")

    `settings` are further `MockOptions` fields (strict, proxy, fallback, request_log, ...).
    """
    import uvicorn

    options = MockOptions(seed=seed, stateful=stateful, dynamic=dynamic, access_log=access_log, **settings)
    state = CompiledMock.load(path, options)
    sock = listen(host, port)
    started = threading.Event()
    tasks: list[asyncio.Task] = []

    async def startup() -> None:
        if watch:
            tasks.append(
                asyncio.create_task(
                    _watch(Path(path), app, options, lambda line: sys.stderr.write(line + "\n"))
                )
            )
        started.set()

    app = MockApp(state, on_startup=startup)
    server = uvicorn.Server(uvicorn_config(app, sock, limits))
    server.install_signal_handlers = lambda: None  # type: ignore[method-assign]  # not the main thread
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True, name="accord-mock")
    thread.start()
    if not started.wait(30):
        raise RuntimeError("the mock server did not start")
    bound_host, bound_port = sock.getsockname()[:2]
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    try:
        yield f"http://{shown}:{bound_port}"
    finally:
        for task in tasks:
            task.cancel()
        server.should_exit = True
        thread.join(10)
        sock.close()
