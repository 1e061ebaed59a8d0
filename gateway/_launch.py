"""`serve()`: the gateway in this process (`workers: 1`), or a supervisor of N workers sharing one socket."""

from __future__ import annotations

import asyncio
from pathlib import Path

from ._config import load_config
from ._server import configure_logging, run, serve_here
from ._supervisor import supervise

__all__ = ["serve"]


def serve(
    path: str | Path,
    *,
    host: str | None = None,
    port: int | None = None,
    watch: bool = True,
    workers: int | None = None,
) -> None:
    """Run the gateway until SIGINT/SIGTERM with `workers` processes (default: the config's `workers`,
    else one per core, or one while rate limits are counted in memory). Raises ConfigError before listening."""
    configure_logging()
    path = Path(path)
    count = load_config(path).worker_count(workers)
    if count == 1:
        run(serve_here(path, host, port, watch=watch))
    else:
        asyncio.run(supervise(path, host, port, watch, count))  # the standard loop: it starts processes
