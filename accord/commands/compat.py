"""`accord compat PACT CONTRACT`: is a consumer's pact compatible with a provider's contract (offline)?"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from .._cli_support import EXIT_FINDINGS, EXIT_OK, bad_input, emit


class CompatFormat(StrEnum):
    text = "text"
    json = "json"
    junit = "junit"
    sarif = "sarif"
    github = "github"


def register(app: typer.Typer) -> None:
    app.command("compat")(compat_command)


def compat_command(
    pact: Path = typer.Argument(..., help="A Pact file (V2, V3 or V4; HTTP or message).", show_default=False),
    contract: Path = typer.Argument(
        ..., help="The provider's OpenAPI or AsyncAPI contract.", show_default=False
    ),
    format: CompatFormat = typer.Option(CompatFormat.text, "--format", "-f", help="Output format."),
    additional_properties_in_response: bool = typer.Option(
        False,
        "--additional-properties-in-response",
        help="Allow properties in pact responses and messages that the contract does not declare.",
    ),
    required_properties_in_response: bool = typer.Option(
        False,
        "--required-properties-in-response",
        help="Keep the contract's `required` when checking pact responses and messages.",
    ),
) -> None:
    """Compare a pact with a contract without running either. Exit 0 compatible, 1 not compatible (or
    nothing to compare), 2 unreadable input."""
    from accord.contracts import ContractError, PactError, check_pact

    from ._compat_output import render

    try:
        report = check_pact(
            pact,
            contract,
            additional_properties=additional_properties_in_response,
            required_properties=required_properties_in_response,
        )
    except (PactError, ContractError) as exc:
        bad_input(str(exc))
    emit(render(format.value, report))
    if report.checked == 0:
        typer.echo(
            f"accord: {report.pact_file}: no interaction could be compared with {report.contract_file} "
            "(HTTP interactions need an OpenAPI contract, messages an AsyncAPI one)",
            err=True,
        )
    raise typer.Exit(EXIT_OK if report.success else EXIT_FINDINGS)
