"""`accord broker ...`: `serve` runs the Pact broker; the commands that write to any Pact Broker (publish,
record-deployment, record-release, create-environment, create-or-update-pacticipant) live in
`_broker_writes`."""

from __future__ import annotations

import os

import typer

from .._cli_support import bad_input
from . import _broker_writes

broker_app = typer.Typer(
    name="broker",
    help="The Pact broker: serve it; publish pacts, set up environments and pacticipants, record deployments and releases.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    _broker_writes.register(broker_app)
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
    import uvicorn

    from broker.db import Database, default_database_url

    url = database_url or default_database_url()
    try:
        database = Database(url)
        database.migrate()
        database.dispose()
    except Exception as exc:  # a bad URL or an unreachable server: one line, exit 2
        bad_input(f"cannot open the broker database {url}: {str(exc).splitlines()[0]}")
    os.environ["ACCORD_BROKER_DATABASE_URL"] = url  # read by each worker's create_app()
    uvicorn.run(
        "broker.api.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        log_config=_log_config(),
    )


def _log_config() -> dict:
    """uvicorn's logging, plus the broker's own lines (each webhook delivery) in the same format."""
    import copy

    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["accord.broker"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config
