"""`accord gateway --config gateway.yaml`: run the contract-aware reverse proxy;
`accord gateway report`: what it discovered (shadow endpoints, contract coverage), live or from its log."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from .._cli_support import EXIT_FINDINGS, bad_input, emit
from .._reading import REF_ROOT_OPTION, apply_read_limits

gateway_app = typer.Typer(
    name="gateway",
    invoke_without_command=True,
    help="Serve APIs through the gateway: versions, rate limits, deprecation headers, contract checks.",
)


def register(app: typer.Typer) -> None:
    app.add_typer(gateway_app)


@gateway_app.callback()
def gateway_command(
    ctx: typer.Context,
    config: Path = typer.Option(None, "--config", "-c", help="gateway.yaml", show_default=False),
    host: str = typer.Option(None, "--host", help="Listen address (overrides the config)."),
    port: int = typer.Option(None, "--port", help="Listen port (overrides the config)."),
    watch: bool = typer.Option(
        True, "--watch/--no-watch", help="Reload when the config or a contract changes."
    ),
    workers: int = typer.Option(
        None,
        "--workers",
        min=1,
        help="Processes sharing the listening socket (overrides the config's workers; default one per core).",
    ),
    ref_root: Path | None = REF_ROOT_OPTION,
) -> None:
    """Serve APIs through the gateway: versions, rate limits, deprecation headers, contract checks."""
    if ctx.invoked_subcommand is not None:
        return
    if config is None:
        bad_input("gateway: --config gateway.yaml is required")
    apply_read_limits(ref_root)
    from accord.gateway import ConfigError, serve  # heavy imports only when the command runs

    try:
        serve(config, host=host, port=port, watch=watch, workers=workers)
    except ConfigError as exc:
        bad_input(str(exc))


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    openapi = "openapi"


@gateway_app.command("report")
def report_command(
    url: str = typer.Option(None, "--url", help="A running gateway's base URL (reads /__accord/discovery)."),
    from_log: Path = typer.Option(None, "--from-log", help="The gateway's JSON access log, read offline."),
    config: Path = typer.Option(
        None, "--config", "-c", help="With --from-log: gateway.yaml, for each contract's coverage."
    ),
    output_format: ReportFormat = typer.Option(
        ReportFormat.text, "--format", "-f", help="text, json or openapi."
    ),
    fail_on_shadow: bool = typer.Option(
        False, "--fail-on-shadow", help="Exit 1 when shadow traffic was seen."
    ),
) -> None:
    """Shadow endpoints (traffic no contract describes) and contract coverage, from a running gateway or its log."""
    if (url is None) == (from_log is None):
        bad_input("gateway report: give exactly one of --url or --from-log")
    if config is not None and from_log is None:
        bad_input("gateway report: --config goes with --from-log (a running gateway knows its contracts)")
    from accord.gateway import discovery_from_log, fetch_discovery, openapi_fragment, render_text

    try:
        snapshot = fetch_discovery(url) if url is not None else discovery_from_log(from_log, config)
    except ValueError as exc:
        bad_input(str(exc))
    if output_format is ReportFormat.json:
        import orjson

        emit(orjson.dumps(snapshot, option=orjson.OPT_INDENT_2).decode())
    elif output_format is ReportFormat.openapi:
        import yaml

        emit(yaml.safe_dump(openapi_fragment(snapshot), sort_keys=False, allow_unicode=True))
    else:
        emit(render_text(snapshot))
    if fail_on_shadow and (snapshot["shadow"] or snapshot["shadow_other"]):
        raise typer.Exit(EXIT_FINDINGS)
