"""`accord mock FILE`: serve a mock of an OpenAPI contract (or publish an AsyncAPI contract's events)."""

from __future__ import annotations

from pathlib import Path

import typer

from .._cli_support import bad_input


def register(app: typer.Typer) -> None:
    app.command("mock")(mock_command)


def mock_command(
    file: Path = typer.Argument(..., help="OpenAPI or AsyncAPI contract.", show_default=False),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(4010, "--port", "-p", help="HTTP port (0: any free port)."),
    seed: int = typer.Option(0, "--seed", help="Seed for generated data (same seed, same responses)."),
    stateful: bool = typer.Option(
        False, "--stateful", help="Keep collections in memory: POST creates, GET reads."
    ),
    watch: bool = typer.Option(False, "--watch", help="Reload when the contract's files change."),
    dynamic: bool = typer.Option(False, "--dynamic", help="Generate a new body for every request."),
    cors: bool = typer.Option(True, "--cors/--no-cors", help="Answer CORS preflights and add CORS headers."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No access log."),
) -> None:
    """Mock an API from its contract. Exit 2 if the contract is invalid or the port is taken."""
    from contracts import ContractError, load_contract, validate
    from generators.mock import MockOptions, MockState, PortInUse, bind, serve

    contract = load_contract(file)
    errors = validate(contract)
    if errors:
        first = errors[0]
        where = ":".join(
            str(p) for p in (first.file or contract.path, first.line, first.column) if p is not None
        )
        message = first.message.splitlines()[0] if first.message else "invalid"
        bad_input(f"{where}: {message} ({len(errors)} error(s); see accord validate {file})")
    if contract.kind != "openapi":
        bad_input(f"{file}: AsyncAPI event mocks need the events extra; not available yet")
    options = MockOptions(seed=seed, stateful=stateful, dynamic=dynamic, cors=cors, access_log=not quiet)
    try:
        state = MockState(contract, options)
    except (ContractError, ValueError) as exc:
        bad_input(f"{file}: {exc}")
    try:
        sock = bind(host, port)
    except PortInUse as exc:
        bad_input(str(exc))
    bound = sock.getsockname()
    shown = f"[{bound[0]}]" if ":" in bound[0] else bound[0]
    for warning in state.warnings[:20]:
        typer.echo(f"warning: {warning}", err=True)
    if len(state.warnings) > 20:
        typer.echo(f"warning: ... and {len(state.warnings) - 20} more", err=True)

    def ready() -> None:
        typer.echo(
            f"accord mock: {contract.title or file.name} ({len(state.runtime.operations)} operations) "
            f"on http://{shown}:{bound[1]}" + (" (watching)" if watch else ""),
            err=True,
        )

    serve(file, state, sock, watch=watch, ready=ready)
