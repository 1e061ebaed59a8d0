"""`accord can-i-deploy`: ask a Pact broker whether a version may be deployed to an environment."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import typer

from .._broker_options import with_broker
from .._cli_support import EXIT_FINDINGS, EXIT_OK, TextOrJson, emit

if TYPE_CHECKING:
    from accord.contracts import BrokerClient


def register(app: typer.Typer) -> None:
    app.command("can-i-deploy")(can_i_deploy_command)


def _row(row: dict) -> str:
    consumer, provider = row.get("consumer") or {}, row.get("provider") or {}
    provider_version = (provider.get("version") or {}).get("number") or "-"
    result = row.get("verificationResult")
    status = "unknown" if result is None else ("success" if result.get("success") else "failed")
    ignored = " (ignored)" if row.get("ignored") else ""
    return (
        f"{consumer.get('name')} {(consumer.get('version') or {}).get('number')} -> "
        f"{provider.get('name')} {provider_version}: {status}{ignored}"
    )


@with_broker
def can_i_deploy_command(
    client: BrokerClient,
    pacticipant: str = typer.Option(..., "--pacticipant", "-a", help="The application to deploy."),
    version: str = typer.Option(..., "--version", "-e", help="Its version."),
    to_environment: str = typer.Option(..., "--to-environment", help="The environment to deploy to."),
    retry_while_unknown: int = typer.Option(
        0, "--retry-while-unknown", min=0, help="Ask again this many times while the answer is unknown."
    ),
    retry_interval: float = typer.Option(10, "--retry-interval", min=0, help="Seconds between retries."),
    dry_run: bool = typer.Option(
        False,
        "--dry-run",
        envvar="PACT_BROKER_CAN_I_DEPLOY_DRY_RUN",
        help="Print the verdict but exit 0 whatever it is (setting a pipeline up, or a break-glass deploy).",
    ),
    format: TextOrJson = typer.Option(
        TextOrJson.text, "--format", "-f", "--output", "-o", help="Output format."
    ),
) -> None:
    """Exit 0 if the version is deployable, 1 if not (or still unknown), 2 on bad input. With --dry-run,
    exit 0 whatever the verdict (bad input is still 2)."""
    import orjson

    for attempt in range(retry_while_unknown + 1):
        answer = client.can_i_deploy(pacticipant, version, to_environment)
        summary = answer.get("summary") or {}
        if summary.get("deployable") is not None or attempt == retry_while_unknown:
            break
        time.sleep(retry_interval)
    deployable = summary.get("deployable")
    if format is TextOrJson.json:
        emit(orjson.dumps(answer).decode())
    else:
        for row in answer.get("matrix") or []:
            emit(_row(row))
        verdict = {True: "yes", False: "no", None: "unknown"}[deployable]
        emit(f"deployable: {verdict}")
        if summary.get("reason"):
            emit(summary["reason"])
    if dry_run:
        # on stderr with --format json, so stdout stays one JSON document
        typer.echo("dry run: exit code 0 whatever the verdict (--dry-run)", err=format is TextOrJson.json)
        raise typer.Exit(EXIT_OK)
    raise typer.Exit(EXIT_OK if deployable is True else EXIT_FINDINGS)
