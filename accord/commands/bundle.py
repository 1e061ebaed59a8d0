"""`accord bundle FILE -o OUT`: one self-contained document from a multi-file contract."""

from __future__ import annotations

from pathlib import Path

import typer

from accord.contracts import deep_call, dump_document, load_contract, write_document

from .._cli_support import bad_input, emit
from .._reading import REF_ROOT_OPTION, apply_read_limits


def register(app: typer.Typer) -> None:
    app.command("bundle")(bundle_command)


def bundle_command(
    file: Path = typer.Argument(..., help="The root contract file.", show_default=False),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Where to write (.json or .yaml); stdout if omitted."
    ),
    allow_remote: bool = typer.Option(False, "--allow-remote", help="Follow http(s) $refs."),
    ref_root: Path | None = REF_ROOT_OPTION,
) -> None:
    """Resolve every external $ref into one document whose references are all local."""
    apply_read_limits(ref_root)
    contract = load_contract(file, allow_remote=allow_remote)
    if output is None:
        emit(deep_call(lambda: dump_document(contract.document, as_json=str(file).endswith(".json"))))
        return
    try:
        deep_call(lambda: write_document(contract.document, output))
    except OSError as exc:
        bad_input(f"{output}: cannot write: {exc.strerror or exc}")
    typer.echo(f"bundled {len(contract.source.files)} file(s) into {output}", err=True)
