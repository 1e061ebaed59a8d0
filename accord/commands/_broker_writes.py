"""`accord broker publish | record-deployment | record-release | create-environment |
create-or-update-pacticipant`: what a CI pipeline writes to any Pact Broker (accord's or the Pact
Foundation's), with the `pact broker` CLI's flags and sentences, so a pipeline needs no other client."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .._broker_options import with_broker
from .._cli_support import bad_input, emit

if TYPE_CHECKING:
    from accord.contracts import BrokerClient


class Output(StrEnum):
    text = "text"
    json = "json"


class EnvironmentOutput(StrEnum):
    text = "text"
    json = "json"
    id = "id"


def _output_option(kind: type[StrEnum]) -> Any:
    return typer.Option("--output", "-o", "--format", "-f", help="What to print: " + "|".join(kind) + ".")


OutputOption = Annotated[Output, _output_option(Output)]


def _print(output: StrEnum, resource: dict[str, Any], sentence: str) -> None:
    import orjson

    emit(orjson.dumps(resource).decode() if output == "json" else sentence)


@with_broker
def publish_command(
    client: BrokerClient,
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
) -> None:
    """Publish pact files to a Pact broker (POST /contracts/publish)."""
    files = [f for p in pacts for f in (sorted(p.glob("*.json")) if p.is_dir() else [p])]
    if not files:
        bad_input("no pact files found in " + ", ".join(map(str, pacts)))
    for notice in client.publish(
        files, consumer_app_version, branch=branch, tags=tag, build_url=build_url, merge=merge
    ):
        emit(notice)


@with_broker
def record_deployment_command(
    client: BrokerClient,
    pacticipant: str = typer.Option(..., "--pacticipant", "-a", help="The application."),
    version: str = typer.Option(..., "--version", "-e", help="The version deployed."),
    environment: str = typer.Option(..., "--environment", help="The environment deployed to."),
    application_instance: str | None = typer.Option(
        None, "--application-instance", help="Which instance, if several."
    ),
    output: OutputOption = Output.text,
) -> None:
    """Record that a version is now deployed to an environment (the one before it is undeployed)."""
    deployed = client.record_deployment(pacticipant, version, environment, application_instance)
    instance = f" (application instance {application_instance})" if application_instance else ""
    _print(
        output,
        deployed,
        f"Recorded deployment of {pacticipant} version {version} to {environment} environment"
        f"{instance} in the Pact Broker.",
    )


@with_broker
def record_release_command(
    client: BrokerClient,
    pacticipant: str = typer.Option(..., "--pacticipant", "-a", help="The application released."),
    version: str = typer.Option(..., "--version", "-e", help="The version released."),
    environment: str = typer.Option(..., "--environment", help="The environment released to."),
    output: OutputOption = Output.text,
) -> None:
    """Record that a version is released to an environment (a mobile app, a library: several
    released versions are supported at once, unlike deployments)."""
    released = client.record_release(pacticipant, version, environment)
    _print(
        output,
        released,
        f"Recorded release of {pacticipant} version {version} to {environment} environment in the Pact Broker.",
    )


@with_broker
def create_environment_command(
    client: BrokerClient,
    name: str = typer.Option(..., "--name", help="The environment's name, as deployment code uses it."),
    display_name: str | None = typer.Option(None, "--display-name", help="A name for people."),
    production: bool = typer.Option(
        False, "--production/--no-production", help="Whether this is a production environment."
    ),
    contact_name: str | None = typer.Option(
        None, "--contact-name", help="The team or person responsible for the environment."
    ),
    contact_email_address: str | None = typer.Option(
        None, "--contact-email-address", help="Their email address."
    ),
    output: Annotated[EnvironmentOutput, _output_option(EnvironmentOutput)] = EnvironmentOutput.text,
) -> None:
    """Create an environment to record deployments and releases in (exit 2 if it exists already)."""
    created = client.create_environment(
        name,
        display_name=display_name,
        production=production,
        contact_name=contact_name,
        contact_email_address=contact_email_address,
    )
    if output is EnvironmentOutput.id:
        emit(created["uuid"])
    else:
        _print(output, created, f"Created {name} environment in the Pact Broker with UUID {created['uuid']}")


@with_broker
def create_or_update_pacticipant_command(
    client: BrokerClient,
    name: str = typer.Option(..., "--name", help="The pacticipant's name."),
    main_branch: str | None = typer.Option(
        None, "--main-branch", help="The main development branch of its repository."
    ),
    repository_url: str | None = typer.Option(None, "--repository-url", help="Its repository's URL."),
    display_name: str | None = typer.Option(None, "--display-name", help="A name for people."),
    output: OutputOption = Output.text,
) -> None:
    """Create a pacticipant, or update the fields given (the others keep their values)."""
    created, pacticipant = client.create_or_update_pacticipant(
        name, main_branch=main_branch, repository_url=repository_url, display_name=display_name
    )
    _print(output, pacticipant, f"Pacticipant '{name}' {'created' if created else 'updated'} successfully")


def register(broker_app: typer.Typer) -> None:
    """Add these commands to `accord broker`."""
    broker_app.command("publish")(publish_command)
    broker_app.command("record-deployment")(record_deployment_command)
    broker_app.command("record-release")(record_release_command)
    broker_app.command("create-environment")(create_environment_command)
    broker_app.command("create-or-update-pacticipant")(create_or_update_pacticipant_command)
