"""`accord validate FILE...`: is each file a valid OpenAPI or AsyncAPI contract?"""

from __future__ import annotations

from pathlib import Path

import orjson
import typer

from contracts import validate_file

from .._cli_support import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, TextOrJson, emit
from ._targets import CONTRACTS_ONLY_HELP, contract_targets


def register(app: typer.Typer) -> None:
    app.command("validate")(validate_command)


def validate_command(
    files: list[Path] = typer.Argument(..., help="Contract files (YAML or JSON).", show_default=False),
    format: TextOrJson = typer.Option(TextOrJson.text, "--format", "-f", help="Output format."),
    allow_remote: bool = typer.Option(False, "--allow-remote", help="Follow http(s) $refs."),
    contracts_only: bool = typer.Option(False, "--contracts-only", help=CONTRACTS_ONLY_HELP),
) -> None:
    """Validate contracts (a $ref'd fragment: the contracts that use it). Exit 0 valid, 1 invalid,
    2 unreadable or not a contract."""
    targets = contract_targets(files, skip_others=contracts_only)
    reports = [validate_file(f, allow_remote=allow_remote) for f in targets]
    if format is TextOrJson.json:
        emit(orjson.dumps({"files": [r.as_json() for r in reports]}).decode())
    else:
        for report in reports:
            if report.unreadable:
                typer.echo(f"accord: {report.errors[0].message}", err=True)
            elif report.valid:
                emit(f"{report.file}: valid {report.kind} {report.version}")
            else:
                for e in report.errors:
                    where = ":".join(
                        str(p) for p in (e.file or report.file, e.line, e.column) if p is not None
                    )
                    emit(f"{where}: {e.message}" + (f" (at {e.pointer})" if e.pointer else ""))
                emit(f"{report.file}: invalid {report.kind} {report.version}, {len(report.errors)} error(s)")
    code = EXIT_OK
    for report in reports:
        code = max(
            code, EXIT_BAD_INPUT if report.unreadable else EXIT_FINDINGS if not report.valid else EXIT_OK
        )
    raise typer.Exit(code)
