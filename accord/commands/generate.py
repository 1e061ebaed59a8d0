"""`accord generate models|server|client|events FILE -o DIR`: code that follows the contract.

Output is deterministic and carries a header naming the contract and its checksum; `--check`
exits 1 when the files on disk differ from what generation would write (for CI).
"""

from __future__ import annotations

from pathlib import Path

import typer

from accord.contracts import deep_call, load_contract, unsatisfiable_schemas

from .._cli_support import EXIT_FINDINGS, bad_input
from .._reading import REF_ROOT_OPTION, apply_read_limits

KINDS = ("models", "server", "client", "events")


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        help="Generate models, a server, a client or event code from a contract.", no_args_is_help=True
    )
    for kind in KINDS:
        group.command(kind, help=_HELP[kind])(_command(kind))
    app.add_typer(group, name="generate")


_HELP = {
    "models": "Pydantic v2 models of the contract's schemas (OpenAPI 2.0/3.x, AsyncAPI 2.x/3.x).",
    "server": "A FastAPI package: routers per tag, typed operations, handlers in files generation never overwrites.",
    "client": "A typed httpx client package, sync and async, one method per operation.",
    "events": "FastStream publishers and subscribers for the channels of an AsyncAPI contract.",
}


def _command(kind: str):
    def command(
        file: Path = typer.Argument(..., help="The contract file.", show_default=False),
        output: Path = typer.Option(..., "--output", "-o", help="The output directory.", show_default=False),
        package: str | None = typer.Option(
            None, "--package", help="Python package name (default: from the title)."
        ),
        check: bool = typer.Option(False, "--check", help="Write nothing; exit 1 when the output is stale."),
        ref_root: Path | None = REF_ROOT_OPTION,
    ) -> None:
        apply_read_limits(ref_root)
        run_generate(kind, file, output, package, check)

    command.__doc__ = _HELP[kind]
    return command


def run_generate(kind: str, file: Path, out_dir: Path, package: str | None, check: bool) -> None:
    from accord.generators import (
        OutputConflict,
        Unsupported,
        generate,
        package_name,
        stale_files,
        write_output,
    )

    if package is not None:
        try:
            package_name(package, None)
        except ValueError as exc:
            bad_input(str(exc))
    contract = load_contract(file)
    for issue in unsatisfiable_schemas(contract)[:1]:  # models of such a schema reject every input
        where = ":".join(
            str(p) for p in (issue.file or contract.path, issue.line, issue.column) if p is not None
        )
        bad_input(f"{where}: {issue.message}")
    try:
        output = deep_call(lambda: generate(kind, contract, package_name(package, contract.title)))
    except Unsupported as exc:
        bad_input(str(exc))
    for warning in output.warnings:
        typer.echo(f"warning: {warning}", err=True)
    if check:
        stale = stale_files(output, out_dir)
        for rel in stale:
            typer.echo(f"stale: {out_dir / rel}")
        if stale:
            typer.echo(f"{len(stale)} generated file(s) out of date; run accord generate {kind}", err=True)
            raise typer.Exit(EXIT_FINDINGS)
        typer.echo(f"up to date: {len(output.generated)} file(s) in {out_dir}", err=True)
        return
    if out_dir.exists() and not out_dir.is_dir():
        bad_input(f"{out_dir}: exists and is not a directory")
    try:
        written = write_output(output, out_dir)
    except OutputConflict as exc:
        bad_input(str(exc))
    except OSError as exc:
        bad_input(f"{out_dir}: cannot write the generated files: {exc.strerror or exc}")
    typer.echo(f"generated {kind} from {file} into {out_dir}: {len(written)} file(s) written", err=True)
