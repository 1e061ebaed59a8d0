"""`accord validate FILE...`: is each file a valid OpenAPI or AsyncAPI contract?"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import orjson
import typer

from accord.contracts import validate_file

from .._cli_support import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, emit
from .._reading import REF_ROOT_OPTION, apply_read_limits
from ._targets import CONTRACTS_ONLY_HELP, contract_targets
from .lint import LintFormat as ValidateFormat  # the checkers share their output formats

if TYPE_CHECKING:
    from accord.contracts import ValidationReport


def register(app: typer.Typer) -> None:
    app.command("validate")(validate_command)


def validate_command(
    files: list[Path] = typer.Argument(..., help="Contract files (YAML or JSON).", show_default=False),
    format: ValidateFormat = typer.Option(ValidateFormat.text, "--format", "-f", help="Output format."),
    allow_remote: bool = typer.Option(False, "--allow-remote", help="Follow http(s) $refs."),
    contracts_only: bool = typer.Option(False, "--contracts-only", help=CONTRACTS_ONLY_HELP),
    ref_root: Path | None = REF_ROOT_OPTION,
) -> None:
    """Validate contracts (a $ref'd fragment: the contracts that use it). Exit 0 valid, 1 invalid,
    2 unreadable or not a contract."""
    apply_read_limits(ref_root)
    targets = contract_targets(files, skip_others=contracts_only)
    reports = [validate_file(f, allow_remote=allow_remote) for f in targets]
    if format is ValidateFormat.json:
        emit(orjson.dumps({"files": [r.as_json() for r in reports]}).decode())
    else:
        for report in reports:
            if report.unreadable:
                typer.echo(f"accord: {report.errors[0].message}", err=True)
        text = render_text(reports) if format is ValidateFormat.text else render_ci(format, reports)
        if text:
            emit(text)
    code = EXIT_OK
    for report in reports:
        code = max(
            code, EXIT_BAD_INPUT if report.unreadable else EXIT_FINDINGS if not report.valid else EXIT_OK
        )
    raise typer.Exit(code)


def render_text(reports: list[ValidationReport]) -> str:
    lines = []
    for report in reports:
        if report.unreadable:
            continue  # its one line went to stderr
        if report.valid:
            lines.append(f"{report.file}: valid {report.kind} {report.version}")
            continue
        for e in report.errors:
            where = ":".join(str(p) for p in (e.file or report.file, e.line, e.column) if p is not None)
            lines.append(f"{where}: {e.message}" + (f" (at {e.pointer})" if e.pointer else ""))
        lines.append(f"{report.file}: invalid {report.kind} {report.version}, {len(report.errors)} error(s)")
    return "\n".join(lines)


def render_ci(format: ValidateFormat, reports: list[ValidationReport]) -> str:
    """JUnit, SARIF or GitHub annotations, through the renderers lint and diff use: an error for each
    way a contract breaks its specification; an unreadable file is one error too."""
    from .. import __version__
    from ..output import Annotation, render_github, render_junit, render_sarif

    annotations = []
    for report in reports:
        if report.unreadable:
            rule, described = "unreadable-contract", "is not a readable OpenAPI or AsyncAPI document"
        else:
            spec = {"openapi": "OpenAPI", "asyncapi": "AsyncAPI"}.get(report.kind or "", report.kind)
            rule, described = f"invalid-{report.kind}", f"breaks the {spec} specification it declares"
        for e in report.errors:
            where = e.file or report.file
            message = e.message.removeprefix(f"{where}: ")  # unreadable files name themselves
            annotations.append(
                Annotation(rule, "error", message, where, e.line, e.column, e.pointer,
                           rule_description=f"The contract {described}")
            )  # fmt: skip
    if format is ValidateFormat.github:
        return render_github(annotations)
    if format is ValidateFormat.junit:
        return render_junit("accord validate", annotations, [r.file for r in reports])
    return render_sarif("accord validate", __version__, annotations)
