"""`accord broker serve | publish | record-deployment`: run the Pact broker, or talk to any Pact Broker."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from .._broker_options import BrokerPassword, BrokerToken, BrokerUsername
from .._cli_support import bad_input

broker_app = typer.Typer(
    name="broker", help="The Pact broker: serve it, publish pacts, record deployments.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
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


def _client(broker_base_url: str, username: str | None, password: str | None, token: str | None):
    from .._broker_client import BrokerClient

    return BrokerClient(broker_base_url, username=username, password=password, token=token)


@broker_app.command("publish")
def publish_command(
    pacts: list[Path] = typer.Argument(..., help="Pact files or directories of them.", show_default=False),
    consumer_app_version: str = typer.Option(
        ..., "--consumer-app-version", "-a", help="The consumer version."
    ),
    branch: str | None = typer.Option(None, "--branch", help="The consumer version's branch."),
    tag: list[str] = typer.Option([], "--tag", "-t", help="Tag the consumer version (repeatable)."),
    build_url: str | None = typer.Option(None, "--build-url", help="The CI build URL."),
    merge: bool = typer.Option(
        False, "--merge", help="Merge with the pact already published for this version."
    ),
    broker_base_url: str = typer.Option(
        "http://127.0.0.1:9292", "--broker-base-url", "-b", envvar="PACT_BROKER_BASE_URL", help="The broker."
    ),
    broker_token: BrokerToken = None,
    broker_username: BrokerUsername = None,
    broker_password: BrokerPassword = None,
) -> None:
    """Publish pact files to a Pact broker (POST /contracts/publish)."""
    from .._broker_client import BrokerClientError

    files = [f for p in pacts for f in (sorted(p.glob("*.json")) if p.is_dir() else [p])]
    if not files:
        bad_input("no pact files found")
    try:
        for notice in _client(broker_base_url, broker_username, broker_password, broker_token).publish(
            files, consumer_app_version, branch=branch, tags=tag, build_url=build_url, merge=merge
        ):
            typer.echo(notice)
    except BrokerClientError as exc:
        bad_input(str(exc))


@broker_app.command("record-deployment")
def record_deployment_command(
    pacticipant: str = typer.Option(..., "--pacticipant", "-a", help="The application."),
    version: str = typer.Option(..., "--version", "-e", help="The version deployed."),
    environment: str = typer.Option(..., "--environment", help="The environment deployed to."),
    application_instance: str | None = typer.Option(
        None, "--application-instance", help="Which instance, if several."
    ),
    broker_base_url: str = typer.Option(
        "http://127.0.0.1:9292", "--broker-base-url", "-b", envvar="PACT_BROKER_BASE_URL", help="The broker."
    ),
    broker_token: BrokerToken = None,
    broker_username: BrokerUsername = None,
    broker_password: BrokerPassword = None,
) -> None:
    """Record that a version is now deployed to an environment."""
    from .._broker_client import BrokerClientError

    try:
        typer.echo(
            _client(broker_base_url, broker_username, broker_password, broker_token).record_deployment(
                pacticipant, version, environment, application_instance
            )
        )
    except BrokerClientError as exc:
        bad_input(str(exc))
