"""Running the gateway: uvicorn on one event loop, reload on SIGHUP or when a watched file changes.

The configuration is compiled (contracts, rate strings, Redis) before the socket is opened, so a
bad configuration fails with one line and nothing ever listens.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import socket
import sys
from pathlib import Path

import uvicorn
from accord.contracts.http import ListenError, ServerLimits, listen, server_config
from uvicorn._compat import asyncio_run

from ._app import Gateway
from ._config import ConfigError, GatewayConfig, load_config

__all__ = ["configure_logging", "prepare", "serve"]

log = logging.getLogger("accord.gateway")


def configure_logging() -> None:
    """Access lines (JSON) on stdout; the gateway's own messages on stderr."""
    access = logging.getLogger("accord.gateway.access")
    access.setLevel(logging.INFO)
    access.propagate = False
    out = logging.StreamHandler(sys.stdout)
    out.setFormatter(logging.Formatter("%(message)s"))
    access.handlers[:] = [out]
    own = logging.getLogger("accord.gateway")
    own.setLevel(logging.INFO)
    err = logging.StreamHandler(sys.stderr)
    err.setFormatter(logging.Formatter("accord gateway: %(levelname)s %(message)s"))
    own.handlers[:] = [err]


def _watched_dirs(config: GatewayConfig) -> set[Path]:
    dirs = {config.source.resolve().parent} if config.source else set()
    dirs |= {path.parent for api in config.apis for v in api.versions.values() for path in v.contracts}
    return dirs


async def _watch(gateway: Gateway, reload) -> None:
    """Reload when a YAML/JSON file changes in the config's or a contract's folder; a reload that
    brings contracts from other folders restarts the watch on the new set."""
    import watchfiles

    def relevant(_change: watchfiles.Change, name: str) -> bool:
        return name.endswith((".yaml", ".yml", ".json"))

    while True:
        dirs = _watched_dirs(gateway.config)
        async for _changes in watchfiles.awatch(*dirs, watch_filter=relevant, debounce=200):
            await reload("file change")
            if _watched_dirs(gateway.config) != dirs:
                break


async def prepare(path: Path) -> Gateway:
    """Load and compile the configuration; ConfigError before anything listens."""
    gateway = Gateway(load_config(path))
    try:
        await gateway.start()
    except BaseException:
        await gateway.close()
        raise
    return gateway


def _listen(host: str, port: int) -> socket.socket:
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


async def _serve(path: Path, host: str | None, port: int | None, watch: bool) -> None:
    gateway = await prepare(path)
    config = gateway.config
    host = host or config.host
    port = port if port is not None else config.port
    try:
        sock = _listen(host, port)
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
            await gateway.reload(load_config(path))
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
    watcher = asyncio.create_task(_watch(gateway, reload)) if watch else None
    log.info("listening on http://%s:%s (%d API(s))", host, port, len(config.apis))
    try:
        await server.serve(sockets=[sock])
    finally:
        if watcher is not None:
            watcher.cancel()
        await gateway.close()


def serve(path: str | Path, *, host: str | None = None, port: int | None = None, watch: bool = True) -> None:
    """Run the gateway until SIGINT/SIGTERM. Raises ConfigError before listening."""
    configure_logging()
    loop_factory = uvicorn.Config(app=None).get_loop_factory()
    asyncio_run(_serve(Path(path), host, port, watch), loop_factory=loop_factory)
