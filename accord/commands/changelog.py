"""`accord changelog BASE REVISION`: a human Markdown changelog, grouped by operation or channel."""

from __future__ import annotations

from pathlib import Path

import typer

from .._cli_support import emit
from .._reading import REF_ROOT_OPTION, apply_read_limits
from ._diffing import diff_pairs


def register(app: typer.Typer) -> None:
    app.command("changelog")(changelog_command)


def changelog_command(
    files: list[Path] = typer.Argument(
        ..., help="BASE REVISION, or with --base the file to compare with that git ref.", show_default=False
    ),
    base: str | None = typer.Option(None, "--base", help="Read the base from this git ref (e.g. v1.2.0)."),
    ignore: Path | None = typer.Option(
        None, "--ignore", help="File of ids (or `id operation`) to leave out."
    ),
    severity_levels: Path | None = typer.Option(None, "--severity-levels", help="File of `id LEVEL` lines."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    ref_root: Path | None = REF_ROOT_OPTION,
) -> None:
    """Write the changes between two contract versions as a Markdown changelog."""
    apply_read_limits(ref_root)
    from accord.contracts.diff import render_changelog

    with diff_pairs(files, base, ignore=ignore, severity=severity_levels, validate=False) as reports:
        text = "\n".join(render_changelog(r) for r in reports)
    if output is not None:
        output.write_text(text, encoding="utf-8")
    else:
        emit(text)
