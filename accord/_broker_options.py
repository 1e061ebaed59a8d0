"""The options every command that talks to a Pact Broker takes for its address and credentials, with
the `pact` CLI's names, short flags and environment variables."""

from __future__ import annotations

from typing import Annotated

import typer

__all__ = ["BrokerBaseUrl", "BrokerPassword", "BrokerToken", "BrokerUsername"]

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
