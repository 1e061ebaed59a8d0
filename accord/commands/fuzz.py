"""`accord fuzz CONTRACT --url URL | --app module:app`: does the provider honour its own contract?"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from accord.contracts import load_contract

from .._broker_options import BrokerPassword, BrokerToken, BrokerUsername
from .._cli_support import EXIT_FINDINGS, EXIT_OK, TextOrJson, bad_input, emit
from .._reading import REF_ROOT_OPTION, apply_read_limits

if TYPE_CHECKING:
    from accord.contracts import Contract
    from accord.generators.fuzz import FuzzOptions, FuzzResult, ProgressEvent, PublishTarget


def register(app: typer.Typer) -> None:
    app.command("fuzz")(fuzz_command)


def _csv(values: list[str] | None) -> tuple[str, ...]:
    return tuple(v.strip() for value in values or () for v in value.split(",") if v.strip())


def parse_headers(values: list[str] | None) -> dict[str, str]:
    """-H/--header 'Name: value' options to a dict (shared with accord verify)."""
    headers: dict[str, str] = {}
    for value in values or ():
        name, sep, content = value.partition(":")
        if not sep or not name.strip():
            bad_input(f"--header {value!r}: expected 'Name: value'")
        headers[name.strip()] = content.strip()
    return headers


def fuzz_command(
    contract_file: Path = typer.Argument(
        ..., metavar="CONTRACT", help="OpenAPI contract (multi-file is fine).", show_default=False
    ),
    url: str | None = typer.Option(None, "--url", help="Base URL of the running provider."),
    app_spec: str | None = typer.Option(None, "--app", help="In-process ASGI or WSGI app, module:attribute."),
    checks: list[str] | None = typer.Option(
        None,
        "--checks",
        "-c",
        help="Checks to run, comma separated; 'all' for every check. Default: the five conformance checks.",
    ),
    phases: list[str] | None = typer.Option(
        None, "--phases", help="examples,coverage,fuzzing,stateful (default: all four)."
    ),
    max_examples: int = typer.Option(50, "--max-examples", help="Generated cases per operation and phase."),
    seed: int | None = typer.Option(
        None, "--seed", help="Seed for reproducible runs (printed in every report)."
    ),
    workers: int = typer.Option(1, "--workers", "-w", help="Concurrent workers."),
    header: list[str] | None = typer.Option(
        None, "--header", "-H", help="Extra request header 'Name: value' (auth), repeatable."
    ),
    include: list[str] | None = typer.Option(
        None,
        "--include",
        help="Only these operations: 'GET /path', a path, an operationId (wildcards ok) or tag:NAME. Repeatable.",
    ),
    exclude: list[str] | None = typer.Option(
        None, "--exclude", help="Skip these operations (same patterns as --include). Repeatable."
    ),
    request_timeout: float = typer.Option(
        10.0, "--request-timeout", help="Seconds to wait for each response."
    ),
    junit: Path | None = typer.Option(
        None, "--junit", help="Write a JUnit XML report (one suite per operation)."
    ),
    report_json: Path | None = typer.Option(
        None, "--report-json", help="Write the JSON report to this file."
    ),
    format: TextOrJson = typer.Option(TextOrJson.text, "--format", "-f", help="Output format on stdout."),
    allow_remote: bool = typer.Option(False, "--allow-remote", help="Follow http(s) $refs."),
    publish: bool = typer.Option(
        False,
        "--publish",
        help="Send the result to the broker as the provider's self-verification of its contract.",
    ),
    broker_url: str | None = typer.Option(
        None, "--broker-url", "--broker-base-url", envvar="PACT_BROKER_BASE_URL", help="Broker to publish to."
    ),
    broker_token: BrokerToken = None,
    broker_username: BrokerUsername = None,
    broker_password: BrokerPassword = None,
    provider: str | None = typer.Option(
        None, "--provider", help="Provider (pacticipant) name, for --publish."
    ),
    provider_version: str | None = typer.Option(
        None, "--provider-version", help="Provider version, for --publish."
    ),
    provider_branch: str | None = typer.Option(
        None, "--provider-branch", help="Provider branch, for --publish."
    ),
    provider_tag: list[str] | None = typer.Option(
        None, "--provider-tag", help="Provider version tag, for --publish (repeatable)."
    ),
    build_url: str | None = typer.Option(None, "--build-url", help="CI build URL, for --publish."),
    ref_root: Path | None = REF_ROOT_OPTION,
) -> None:
    """Fuzz a provider against its contract (schemathesis). Exit 0 clean, 1 failures, 2 bad input."""
    apply_read_limits(ref_root)
    if (url is None) == (app_spec is None):
        bad_input("give exactly one of --url URL or --app module:app")
    if url is not None and not url.startswith(("http://", "https://")):
        bad_input(f"--url {url!r}: expected an http(s) URL")
    target = (
        _publish_target(
            broker_url, provider, provider_version, provider_branch, provider_tag, build_url,
            token=broker_token, username=broker_username, password=broker_password,
        )
        if publish
        else None
    )  # fmt: skip
    contract = load_contract(contract_file, allow_remote=allow_remote)
    if contract.kind != "openapi":
        bad_input(f"{contract.path}: accord fuzz needs an OpenAPI contract, this is {contract.kind}")
    if url is not None:
        require_reachable(url)
    options = _fuzz_options(
        checks, phases, max_examples, seed, workers, header, include, exclude, request_timeout
    )
    result = _run_checked(contract, options, url, app_spec)
    _report(result, format, junit, report_json)
    if target is not None:
        _publish(contract, result, target)
    raise typer.Exit(EXIT_OK if result.passed else EXIT_FINDINGS)


def _publish_target(
    broker_url: str | None,
    provider: str | None,
    version: str | None,
    branch: str | None,
    tags: list[str] | None,
    build_url: str | None,
    **credentials: str | None,
) -> PublishTarget:
    """Where --publish sends the result; bad input when a name it needs is missing."""
    from accord.generators.fuzz import PublishTarget

    given = (("--broker-url", broker_url), ("--provider", provider), ("--provider-version", version))
    missing = [name for name, value in given if not value]
    if missing:
        bad_input(f"--publish needs {', '.join(missing)}")
    return PublishTarget(
        broker_url=broker_url or "",
        provider=provider or "",
        version=version or "",
        branch=branch,
        tags=list(tags or ()),
        build_url=build_url,
        **credentials,
    )


def _fuzz_options(
    checks: list[str] | None,
    phases: list[str] | None,
    max_examples: int,
    seed: int | None,
    workers: int,
    header: list[str] | None,
    include: list[str] | None,
    exclude: list[str] | None,
    request_timeout: float,
) -> FuzzOptions:
    """The run's options from the command line (checked when the run starts)."""
    from accord.generators.fuzz import DEFAULT_CHECKS, DEFAULT_PHASES, FuzzOptions, available_checks

    chosen_checks = _csv(checks) or DEFAULT_CHECKS
    if "all" in chosen_checks:
        chosen_checks = tuple(sorted(available_checks()))
    options = FuzzOptions(
        checks=chosen_checks,
        phases=_csv(phases) or DEFAULT_PHASES,
        max_examples=max_examples,
        workers=workers,
        headers=parse_headers(header),
        include=_csv(include),
        exclude=_csv(exclude),
        request_timeout=request_timeout,
    )
    if seed is not None:
        options.seed = seed
    return options


def _run_checked(
    contract: Contract, options: FuzzOptions, url: str | None, app_spec: str | None
) -> FuzzResult:
    """The run; options that do not hold together and an app that does not load are bad input."""
    from accord.generators.fuzz import AppLoadError, OptionError, load_app

    app = None
    try:
        options.check()
        if app_spec is not None:
            app, _kind = load_app(app_spec)
        return _run(contract, options, url, app, app_spec)
    except (OptionError, AppLoadError, ValueError) as exc:
        bad_input(str(exc))


def _report(result: FuzzResult, format: TextOrJson, junit: Path | None, report_json: Path | None) -> None:
    """The report on stdout (text or JSON) and in the files asked for."""
    import orjson

    document = result.as_json()
    if report_json is not None:
        report_json.write_bytes(orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n")
    if junit is not None:
        junit.write_text(render_fuzz_junit(result))
    if format is TextOrJson.json:
        emit(orjson.dumps(document).decode())
    else:
        print_text(result)
    if not result.tested and not result.failures and not result.all_errors:
        typer.echo("accord fuzz: every operation was skipped: nothing was tested", err=True)


def _publish(contract: Contract, result: FuzzResult, target: PublishTarget) -> None:
    """The result to the broker as the provider's self-verification (a broker that says no: exit 2)."""
    from accord.generators.fuzz import PublishError, publish_self_verification

    from .. import __version__

    try:
        publish_self_verification(contract, result, target, __version__)
    except PublishError as exc:
        bad_input(str(exc))
    outcome = "passed" if result.passed else "failed"
    typer.echo(
        f"accord fuzz: published self-verification ({outcome}) of {target.provider} {target.version} "
        f"to {target.broker_url}",
        err=True,
    )


def require_reachable(url: str) -> None:
    """A provider that is not listening is bad input (exit 2), not a hundred network-error findings."""
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        socket.create_connection((parts.hostname or "", port), timeout=5).close()
    except OSError as exc:
        bad_input(f"--url {url}: cannot connect ({exc.strerror or exc})")


def _interactive() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


def _run(
    contract: Contract, options: FuzzOptions, url: str | None, app: Any, app_spec: str | None
) -> FuzzResult:
    """Run, with a progress bar (phase, operations done, failing so far) on an interactive terminal."""
    from accord.generators.fuzz import run_fuzz, select_operations

    target = url or f"app {app_spec}"
    if not _interactive():
        return run_fuzz(contract, options, base_url=url, app=app, target=target)
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    total = len(select_operations(contract, options.include, options.exclude))
    failed: set[str] = set()
    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[note]}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task("starting", total=total, note="")

        def on_progress(event: ProgressEvent) -> None:
            if event.kind == "phase":
                progress.update(task, description=event.phase, completed=0)
                return
            if event.status == "failure" and event.operation:
                failed.add(event.operation)
            progress.update(task, advance=1, note=f"{len(failed)} failing" if failed else "")

        return run_fuzz(contract, options, base_url=url, app=app, target=target, on_progress=on_progress)


def print_text(result: FuzzResult) -> None:
    from accord.generators.fuzz import operation_lines, summary_line

    for op in result.operations.values():
        for line in operation_lines(op):
            emit(line)
    for e in result.errors:
        emit(f"ERROR {e.title}: {e.message}")
    emit(summary_line(result))


def render_fuzz_junit(result: FuzzResult) -> str:
    """One test suite per operation: a passing case when clean, one failing case per distinct failure."""
    from ..output import Annotation, render_junit

    annotations = [
        Annotation(
            rule=f.check,
            level="error",
            message=f"{f.title} [{f.code}]"
            + (f" (HTTP {f.status_code})" if f.status_code else "")
            + f"\n{f.message}\nReproduce: {f.curl}",
            file=f.operation,
        )
        for f in result.failures
    ] + [
        Annotation(
            rule="error",
            level="error",
            message=f"{e.title}: {e.message}",
            file=e.operation or result.contract,
        )
        for e in result.all_errors
    ]
    return render_junit("accord fuzz", annotations, list(result.operations))
