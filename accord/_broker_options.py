"""The options every command that talks to a Pact Broker takes for its address and credentials, with
the `pact` CLI's names, short flags and environment variables; `with_broker` adds them all to a
command and hands it a client."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any, get_type_hints

import typer

__all__ = [
    "DEFAULT_BROKER_BASE_URL",
    "BrokerBaseUrl",
    "BrokerPassword",
    "BrokerToken",
    "BrokerUsername",
    "with_broker",
]

BrokerToken = Annotated[
    str | None,
    typer.Option("--broker-token", "-k", envvar="PACT_BROKER_TOKEN", help="Bearer token for the broker."),
]
BrokerUsername = Annotated[
    str | None,
    typer.Option(
        "--broker-username", "-u", envvar="PACT_BROKER_USERNAME", help="Basic auth user for the broker."
    ),
]
BrokerPassword = Annotated[
    str | None,
    typer.Option(
        "--broker-password", "-p", envvar="PACT_BROKER_PASSWORD", help="Basic auth password for the broker."
    ),
]
BrokerBaseUrl = Annotated[
    str,
    typer.Option("--broker-base-url", "-b", envvar="PACT_BROKER_BASE_URL", help="The broker's base URL."),
]

DEFAULT_BROKER_BASE_URL = "http://127.0.0.1:9292"
_CONNECTION = [
    inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
    for name, annotation, default in (
        ("broker_base_url", BrokerBaseUrl, DEFAULT_BROKER_BASE_URL),
        ("broker_token", BrokerToken, None),
        ("broker_username", BrokerUsername, None),
        ("broker_password", BrokerPassword, None),
    )
]


def with_broker(command: Callable[..., None]) -> Callable[..., None]:
    """`command(client, ...)` as a CLI command that also takes the broker's address and credentials
    options: it is called with a `BrokerClient` for them, and a broker that refuses or cannot be
    reached is exit 2 with one line."""
    hints = get_type_hints(command, localns={"BrokerClient": object}, include_extras=True)
    own = [
        parameter.replace(annotation=hints[parameter.name])
        for parameter in inspect.signature(command).parameters.values()
        if parameter.name != "client"
    ]

    @functools.wraps(command)
    def run(**options: Any) -> None:
        from accord.contracts import BrokerClient, BrokerClientError

        from ._cli_support import bad_input

        client = BrokerClient(
            options.pop("broker_base_url"),
            token=options.pop("broker_token"),
            username=options.pop("broker_username"),
            password=options.pop("broker_password"),
        )
        try:
            command(client, **options)
        except BrokerClientError as exc:
            bad_input(str(exc))

    signature = inspect.Signature([*own, *_CONNECTION])
    run.__signature__ = signature  # type: ignore[attr-defined]  # what Typer reads the options from
    run.__annotations__ = {p.name: p.annotation for p in signature.parameters.values()}
    return run
