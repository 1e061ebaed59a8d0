"""The options every command that talks to a Pact Broker takes for its credentials, with the
environment variables the `pact` CLI reads."""

from __future__ import annotations

from typing import Annotated

import typer

__all__ = ["BrokerPassword", "BrokerToken", "BrokerUsername"]

BrokerToken = Annotated[
    str | None,
    typer.Option("--broker-token", envvar="PACT_BROKER_TOKEN", help="Bearer token for the broker."),
]
BrokerUsername = Annotated[
    str | None,
    typer.Option("--broker-username", envvar="PACT_BROKER_USERNAME", help="Basic auth user for the broker."),
]
BrokerPassword = Annotated[
    str | None,
    typer.Option(
        "--broker-password", envvar="PACT_BROKER_PASSWORD", help="Basic auth password for the broker."
    ),
]
