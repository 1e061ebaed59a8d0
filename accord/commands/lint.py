"""`accord lint FILE...`: governance rules (Spectral-compatible rulesets, custom rules) over contracts."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path

import typer

from .._cli_support import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, emit
from .._reading import REF_ROOT_OPTION, apply_read_limits
from ._targets import CONTRACTS_ONLY_HELP, contract_targets


class LintFormat(StrEnum):
    text = "text"
    json = "json"
    junit = "junit"
    sarif = "sarif"
    github = "github"


class FailSeverity(StrEnum):
    error = "error"
    warn = "warn"
    info = "info"


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """A large contract is millions of objects alive until its lint ends: the cyclic collector would
    walk them all again and again (a quarter of lint's CPU on a 49 MB document). Reference counting
    still frees as usual; cycles left behind are collected once the collector is back on."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def register(app: typer.Typer) -> None:
    app.command("lint")(lint_command)


def lint_command(
    files: list[Path] = typer.Argument(..., help="Contract files (YAML or JSON).", show_default=False),
    format: LintFormat = typer.Option(LintFormat.text, "--format", "-f", help="Output format."),
    fail_severity: FailSeverity = typer.Option(
        FailSeverity.error, "--fail-severity", help="Exit 1 when a finding is at least this severe."
    ),
    ruleset: list[str] = typer.Option(
        [],
        "--ruleset",
        "-r",
        help="A ruleset (accord:oas, accord:asyncapi, accord:governance) or a config "
        "file; repeatable; replaces the configured rules for this run.",
    ),
    config: Path | None = typer.Option(
        None, "--config", help="Config file (default: accord.yaml, .spectral.yaml or \\[tool.accord] nearby)."
    ),
    changed_since: str | None = typer.Option(
        None, "--changed-since", help="Only report findings on parts added or changed since this git ref."
    ),
    contracts_only: bool = typer.Option(False, "--contracts-only", help=CONTRACTS_ONLY_HELP),
    ref_root: Path | None = REF_ROOT_OPTION,
) -> None:
    """Lint contracts (a $ref'd fragment: the contracts that use it). Exit 0 clean, 1 findings at or
    above --fail-severity, 2 bad input."""
    apply_read_limits(ref_root)
    from accord.contracts import ContractError
    from accord.contracts.lint import (
        SEVERITIES,
        default_config,
        find_config,
        lint_file,
        load_config,
        ruleset_config,
    )

    from ._lint_output import render

    if ruleset:
        settings = ruleset_config(ruleset)
    else:
        found = config or find_config()
        settings = load_config(found) if found else default_config()
    targets = contract_targets(files, skip_others=contracts_only)
    reports, unreadable = [], False
    for file in targets:
        try:
            with _no_cyclic_gc():
                report = lint_file(file, settings)
        except ContractError as exc:
            typer.echo(f"accord: {exc}", err=True)
            unreadable = True
            continue
        if changed_since:
            from .._changed_since import keep_changed

            report.findings = keep_changed(report.findings, file, changed_since)
        reports.append(report)
    if reports or format.value != "text":  # no "No findings" line when nothing could be linted
        emit(render(format.value, reports, [str(f) for f in targets]))
    threshold = SEVERITIES.index(fail_severity.value)
    failing = any(SEVERITIES.index(f.severity) <= threshold for r in reports for f in r.findings)
    raise typer.Exit(EXIT_BAD_INPUT if unreadable else EXIT_FINDINGS if failing else EXIT_OK)
