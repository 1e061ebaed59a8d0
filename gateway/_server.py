"""Serving the gateway in one process: uvicorn on one event loop, reload on SIGHUP or when a watched
file changes. The same loop runs in each worker of `workers: N`, on the supervisor's socket.

The configuration is compiled (contracts, rate strings, Redis) before the socket is opened, so a
bad configuration fails with one line and nothing ever listens.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import sys
from collections.abc import Callable
from pathlib import Path

import uvicorn
from accord.contracts.http import ListenError, ServerLimits, listen, server_config
from uvicorn._compat import asyncio_run

from ._app import Gateway
from ._config import ConfigError, GatewayConfig, load_config

__all__ = ["configure_logging", "listen_for", "prepare", "run", "serve_here", "watch_files"]

log = logging.getLogger("accord.gateway")


def configure_logging(worker: str = "") -> None:
    """Access lines (JSON) on stdout; the gateway's own messages on stderr (`worker`: which one says it)."""
    access = logging.getLogger("accord.gateway.access")
    access.setLevel(logging.INFO)
    access.propagate = False
    out = logging.StreamHandler(sys.stdout)
    out.setFormatter(logging.Formatter("%(message)s"))
    access.handlers[:] = [out]
    own = logging.getLogger("accord.gateway")
    own.setLevel(logging.INFO)
    err = logging.StreamHandler(sys.stderr)
    err.setFormatter(logging.Formatter(f"accord gateway{worker}: %(levelname)s %(message)s"))
    own.handlers[:] = [err]


def _watched_dirs(config: GatewayConfig) -> set[Path]:
    dirs = {config.source.resolve().parent} if config.source else set()
    dirs |= {path.parent for api in config.apis for v in api.versions.values() for path in v.contracts}
    return dirs


async def watch_files(current: Callable[[], GatewayConfig], reload) -> None:
    """Reload when a YAML/JSON file changes in the config's or a contract's folder; a reload that
    brings contracts from other folders restarts the watch on the new set (`current()`'s)."""
    import watchfiles

    def relevant(_change: watchfiles.Change, name: str) -> bool:
        return name.endswith((".yaml", ".yml", ".json"))

    while True:
        dirs = _watched_dirs(current())
        async for _changes in watchfiles.awatch(*dirs, watch_filter=relevant, debounce=200):
            await reload("file change")
            if _watched_dirs(current()) != dirs:
                break


async def prepare(path: Path, workers: int = 1, shared_dir: Path | None = None) -> Gateway:
    """Load and compile the configuration for `workers` processes; ConfigError before anything listens."""
    config = load_config(path)
    config.worker_count(workers)
    gateway = Gateway(config, shared_dir=shared_dir)
    try:
        await gateway.start()
    except BaseException:
        await gateway.close()
        raise
    return gateway


def listen_for(host: str, port: int) -> socket.socket:
    """The listening socket, opened here so that a bad port or a busy one is one clear line (ConfigError)."""
    try:
        return listen(host, port)
    except ListenError as exc:
        raise ConfigError(str(exc)) from None


def _limits(config: GatewayConfig) -> ServerLimits:
    """What every connection is held to before the gateway's middlewares see a request."""
    return ServerLimits(
        head_timeout=config.head_timeout,
        body_timeout=config.body_timeout,
        max_header_bytes=config.max_header_bytes + 8192,  # the URL too; the exact header count is the app's
        max_body_bytes=config.max_body_bytes,
    )


async def serve_here(
    path: Path,
    host: str | None,
    port: int | None,
    *,
    watch: bool,
    sock: socket.socket | None = None,
    workers: int = 1,
    shared_dir: Path | None = None,
) -> None:
    """Serve until SIGINT/SIGTERM: on a new socket, or as one of `workers` on the supervisor's `sock`."""
    gateway = await prepare(path, workers, shared_dir)
    config = gateway.config
    host = host or config.host
    port = port if port is not None else config.port
    try:
        sock = sock or listen_for(host, port)
    except ConfigError:
        await gateway.close()
        raise
    server = uvicorn.Server(
        server_config(
            gateway,
            _limits(config),
            host=host,
            port=port,
            lifespan="off",
            proxy_headers=False,  # the gateway decides whom to trust (trusted_proxies)
            access_log=False,
            server_header=False,
            date_header=False,
            log_level="warning",
            timeout_graceful_shutdown=10,
        )
    )

    async def reload(reason: str) -> None:
        try:
            config = load_config(path)
            config.worker_count(workers)
            await gateway.reload(config)
        except ConfigError as exc:
            log.error("reload (%s) failed; still serving the previous configuration: %s", reason, exc)
            return
        server.config.server_limits = _limits(gateway.config)  # type: ignore[attr-defined]
        log.info("configuration reloaded (%s) from %s", reason, path)

    tasks: set[asyncio.Task] = set()

    def on_sighup() -> None:
        task = asyncio.ensure_future(reload("SIGHUP"))
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGHUP, on_sighup)
    background = []
    if watch:
        background.append(asyncio.create_task(watch_files(lambda: gateway.config, reload)))
    if gateway.shared is not None:
        background.append(gateway.shared.start())
    if workers > 1:
        background.append(asyncio.create_task(_stop_when_orphaned(server)))
    else:
        log.info("listening on http://%s:%s (%d API(s))", host, port, len(config.apis))
    try:
        await server.serve(sockets=[sock])
    finally:
        for task in background:
            task.cancel()
        await gateway.close()


async def _stop_when_orphaned(server: uvicorn.Server) -> None:
    """A worker whose supervisor is gone (killed outright) stops serving rather than live on alone."""
    parent = os.getppid()
    while os.getppid() == parent:
        await asyncio.sleep(1)
    log.error("the supervisor (pid %d) is gone; stopping", parent)
    server.should_exit = True


def run(main) -> None:
    """Run a coroutine on the loop uvicorn would pick (uvloop when installed)."""
    loop_factory = uvicorn.Config(app=None).get_loop_factory()
    asyncio_run(main, loop_factory=loop_factory)
