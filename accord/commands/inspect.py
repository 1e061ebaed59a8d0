"""`accord inspect FILE`: what a contract holds (counts, versions, operations or channels)."""

from __future__ import annotations

from pathlib import Path

import orjson
import typer

from accord.contracts import load_contract, summarise

from .._cli_support import TextOrJson, emit
from .._reading import REF_ROOT_OPTION, apply_read_limits


def register(app: typer.Typer) -> None:
    app.command("inspect")(inspect_command)


def inspect_command(
    file: Path = typer.Argument(..., help="Contract file.", show_default=False),
    format: TextOrJson = typer.Option(TextOrJson.text, "--format", "-f", help="Output format."),
    allow_remote: bool = typer.Option(False, "--allow-remote", help="Follow http(s) $refs."),
    ref_root: Path | None = REF_ROOT_OPTION,
) -> None:
    """Summarise a contract."""
    apply_read_limits(ref_root)
    summary = summarise(load_contract(file, allow_remote=allow_remote))
    if format is TextOrJson.json:
        emit(orjson.dumps(summary).decode())
        return
    from rich.console import Console  # imported here: `accord validate` should not pay for it
    from rich.table import Table

    console = Console(soft_wrap=True)
    console.print(f"[bold]{summary['title'] or summary['file']}[/] {summary['api_version'] or ''}".rstrip())
    console.print(
        f"{summary['kind']} {summary['version']} · {len(summary['files'])} file(s) · {summary['schemas']} schema(s)"
    )
    for server in summary["servers"]:
        console.print(f"server {server['name'] + ' ' if server['name'] else ''}{server['url']}")
    if summary["kind"] == "openapi":
        methods = ", ".join(f"{m} {n}" for m, n in summary["methods"].items())
        console.print(f"{summary['paths']} path(s), {summary['operations_count']} operation(s): {methods}")
        table = Table("method", "path", "operationId", "notes", box=None)
        for op in summary["operations"]:
            notes = " ".join(
                filter(
                    None,
                    [
                        "deprecated" if op["deprecated"] else "",
                        op["sunset"] and f"sunset {op['sunset']}",
                        op["stability"] or "",
                    ],
                )
            )
            table.add_row(op["method"], op["path"], op["operationId"] or "", notes)
    else:
        console.print(
            f"{summary['channels_count']} channel(s), {summary['operations_count']} operation(s), {summary['messages']} message(s)"
        )
        table = Table("action", "operation", "channel", "messages", box=None)
        for op in summary["operations"]:
            table.add_row(op["action"], op["operation"], op["channel"], ", ".join(op["messages"]))
    console.print(table)
