"""`accord diff BASE REVISION` / `accord diff --base REF FILE...`: breaking-change detection."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from .._cli_support import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, emit
from .._reading import REF_ROOT_OPTION, apply_read_limits
from ._diffing import diff_pairs
from ._targets import CONTRACTS_ONLY_HELP


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    junit = "junit"
    sarif = "sarif"
    github = "github"


class FailOn(StrEnum):
    ERR = "ERR"
    WARN = "WARN"


def register(app: typer.Typer) -> None:
    app.command("diff")(diff_command)


def diff_command(
    files: list[Path] = typer.Argument(
        ...,
        help="BASE REVISION, or with --base the file(s) to compare with that git ref.",
        show_default=False,
    ),
    base: str | None = typer.Option(
        None, "--base", help="Read the base from this git ref (e.g. origin/main)."
    ),
    format: DiffFormat = typer.Option(DiffFormat.text, "--format", "-f", help="Output format."),
    fail_on: FailOn = typer.Option(
        FailOn.ERR, "--fail-on", help="Exit 1 when a change is at or above this level."
    ),
    ignore: Path | None = typer.Option(None, "--ignore", help="File of ids (or `id operation`) to ignore."),
    severity_levels: Path | None = typer.Option(
        None,
        "--severity-levels",
        help="File of `id LEVEL` lines re-grading ids (LEVEL: ERR, WARN, INFO, NONE).",
    ),
    strict: bool = typer.Option(False, "--strict", help="Exit 2 when either document is invalid."),
    no_validate: bool = typer.Option(False, "--no-validate", help="Do not validate the two documents."),
    contracts_only: bool = typer.Option(False, "--contracts-only", help=CONTRACTS_ONLY_HELP),
    accept: Path | None = typer.Option(
        None,
        "--accept",
        help="File of intended breaking changes, with reasons (default: the nearest accord-accept.yaml).",
    ),
    changelog: Path | None = typer.Option(
        None, "--changelog", help="Also write the Markdown changelog (as `accord changelog`) to this file."
    ),
    ref_root: Path | None = REF_ROOT_OPTION,
) -> None:
    """Compare two versions of a contract. Exit 0 no breaking change, 1 changes at --fail-on or above, 2 bad input."""
    apply_read_limits(ref_root)
    with diff_pairs(
        files,
        base,
        ignore=ignore,
        severity=severity_levels,
        validate=not no_validate,
        contracts_only=contracts_only,
        accept=accept,
    ) as reports:
        for report in reports:
            emit(_render(report, format, several=len(reports) > 1))
        if changelog is not None:
            from accord.contracts.diff import render_changelog

            changelog.write_text("\n".join(render_changelog(r) for r in reports), encoding="utf-8")
        code = EXIT_OK
        for report in reports:
            if strict and report.validation:
                first = report.validation[0]
                typer.echo(
                    f"accord: {first['file']}:{first['line'] or ''}: {first['message']} "
                    f"({len(report.validation)} validation error(s), --strict)",
                    err=True,
                )
                code = EXIT_BAD_INPUT
            elif report.fails(fail_on.value) and code == EXIT_OK:
                code = EXIT_FINDINGS
    raise typer.Exit(code)


def _render(report, format: DiffFormat, *, several: bool = False) -> str:
    if format is DiffFormat.json:  # several files: one object a line
        import orjson

        return orjson.dumps(report.as_json(), option=0 if several else orjson.OPT_INDENT_2).decode()
    from accord.contracts.diff import render_markdown, render_text

    if format is DiffFormat.text:
        return render_text(report)
    if format is DiffFormat.markdown:
        return render_markdown(report)
    from .. import __version__
    from ..output import render_github, render_junit, render_sarif

    annotations = _annotations(report)
    if format is DiffFormat.junit:
        return render_junit("accord diff", annotations, [report.revision.path])
    if format is DiffFormat.sarif:
        return render_sarif("accord diff", __version__, annotations)
    return render_github(annotations) or ""


_LEVEL = {"ERR": "error", "WARN": "warning", "INFO": "note"}


def _annotations(report):
    from accord.contracts.diff import REGISTRY

    from ..output import Annotation

    found = []
    for c in report.changes:
        side = "revision" if c.revision is not None else "base"
        pointer = c.revision if side == "revision" else c.base
        place = report.place(side, pointer or "", c)
        contract = report.revision if side == "revision" else report.base
        message = f"{c.where}: {c.message}" if c.where else c.message
        if place.fragment_file:  # annotate the line that changed; name the contract that uses it
            message += f" (in the contract {place.file}" + (f":{place.line})" if place.line else ")")
        if c.accepted:
            message += f" (accepted: {c.accepted})"
        found.append(
            Annotation(
                rule=c.id,
                level="note" if c.accepted else _LEVEL[c.level],
                message=message,
                file=place.fragment_file or place.file,
                line=place.fragment_line if place.fragment_file else place.line,
                column=contract.location(pointer or "").column,
                pointer=pointer or "",
                group=c.where or None,
                rule_description=REGISTRY[c.id].description,
            )
        )
    return found
