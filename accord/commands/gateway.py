"""`accord gateway --config gateway.yaml`: run the contract-aware reverse proxy."""

from __future__ import annotations

from pathlib import Path

import typer

from .._cli_support import bad_input
from .._reading import REF_ROOT_OPTION, apply_read_limits


def register(app: typer.Typer) -> None:
    app.command("gateway")(gateway_command)


def gateway_command(
    config: Path = typer.Option(..., "--config", "-c", help="gateway.yaml", show_default=False),
    host: str = typer.Option(None, "--host", help="Listen address (overrides the config)."),
    port: int = typer.Option(None, "--port", help="Listen port (overrides the config)."),
    watch: bool = typer.Option(
        True, "--watch/--no-watch", help="Reload when the config or a contract changes."
    ),
    ref_root: Path | None = REF_ROOT_OPTION,
) -> None:
    """Serve APIs through the gateway: versions, rate limits, deprecation headers, contract checks."""
    apply_read_limits(ref_root)
    from gateway import ConfigError, serve  # heavy imports only when the command runs

    try:
        serve(config, host=host, port=port, watch=watch)
    except ConfigError as exc:
        bad_input(str(exc))
