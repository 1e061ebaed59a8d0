"""`accord broker ...`: `serve` runs the Pact broker; the commands that write to any Pact Broker (publish,
record-deployment, record-release, create-environment, create-or-update-pacticipant) live in
`_broker_writes`, and publish-provider-contract (bi-directional) in `_provider_contract`."""

from __future__ import annotations

import os
import socket
from typing import TYPE_CHECKING

import typer

from .._cli_support import EXIT_BAD_INPUT, bad_input
from . import _broker_writes, _provider_contract

if TYPE_CHECKING:
    from accord.contracts.http import ServerLimits

broker_app = typer.Typer(
    name="broker",
    help="The Pact broker: serve it; publish pacts, set up environments and pacticipants, record deployments and releases.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    _broker_writes.register(broker_app)
    _provider_contract.register(broker_app)
    app.add_typer(broker_app)


@broker_app.command("serve")
def serve_command(
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(9292, "--port", help="Port to listen on."),
    database_url: str | None = typer.Option(
        None,
        "--database-url",
        envvar="ACCORD_BROKER_DATABASE_URL",
        help="SQLAlchemy URL (default: SQLite file accord-broker.sqlite3 in the working directory).",
    ),
    workers: int = typer.Option(1, "--workers", min=1, help="Worker processes (share one database)."),
) -> None:
    """Run the Pact broker (migrates the database first)."""
    from accord.broker.db import Database, default_database_url
    from accord.contracts.http import ServerLimits

    from .._listening import listen_or_exit

    try:
        limits = ServerLimits.from_environ("ACCORD_BROKER_")
    except ValueError as exc:
        bad_input(str(exc))
    sock = listen_or_exit(host, port)  # before migrating: a bad port or a busy one fails at once
    url = database_url or default_database_url()
    try:
        database = Database(url)
        database.migrate()
        database.dispose()
    except Exception as exc:  # a bad URL or an unreachable server: one line, exit 2
        bad_input(f"cannot open the broker database {url}: {str(exc).splitlines()[0]}")
    os.environ["ACCORD_BROKER_DATABASE_URL"] = url  # read by each worker's create_app()
    _run(sock, host, workers, limits)


def _run(sock: socket.socket, host: str, workers: int, limits: ServerLimits) -> None:
    """uvicorn on the socket already bound (so its start-up line names the port really listened on),
    each connection held to `limits`; several workers share it, as `uvicorn.run(workers=N)` would."""
    import inspect
    import logging

    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from accord.contracts.http import server_config

    config = server_config(
        "accord.broker.api.app:create_app",
        limits,
        factory=True,
        host=host,
        port=sock.getsockname()[1],
        workers=workers,
        log_level="info",
        log_config=_log_config(),
    )
    server = uvicorn.Server(config)
    bound_host, bound_port = sock.getsockname()[:2]
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    logging.getLogger("uvicorn.error").info(
        "accord broker on http://%s:%d (%d worker(s); Press CTRL+C to quit)", shown, bound_port, workers
    )
    try:
        if workers > 1:
            # older uvicorn releases also take the workers' target; newer ones build it themselves
            target = {"target": server.run} if "target" in inspect.signature(Multiprocess).parameters else {}
            Multiprocess(config, sockets=[sock], **target).run()
        else:
            server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    if workers == 1 and not server.started:  # uvicorn logged why the application did not start
        raise typer.Exit(EXIT_BAD_INPUT)


def _log_config() -> dict:
    """uvicorn's logging, plus the broker's own lines (each webhook delivery) in the same format."""
    import copy

    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["accord.broker"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config
