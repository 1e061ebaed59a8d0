"""`accord verify --provider NAME --url URL`: does the running provider satisfy every consumer's pact?"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from .._broker_options import BrokerPassword, BrokerToken, BrokerUsername
from .._cli_support import EXIT_FINDINGS, EXIT_OK, TextOrJson, bad_input, emit

if TYPE_CHECKING:
    from accord.generators.verify import VerifyOptions, VerifyResult


def register(app: typer.Typer) -> None:
    app.command("verify")(verify_command)


class _Report:
    """The Rust verifier writes its report straight to file descriptors 1 and 2; both are piped through
    here to their targets as they are written (stdout goes to stderr when stdout carries the JSON).
    What comes before the first pact is verified is held back: when no pact is found, the verifier's
    own lines about it are dropped for accord's one."""

    def __init__(self) -> None:
        self.held: list[tuple[int, bytes]] = []
        self.streaming = False
        self.lock = threading.Lock()

    def pump(self, source: int, target: int) -> None:
        while chunk := os.read(source, 65536):
            with self.lock:
                if self.streaming:
                    os.write(target, chunk)
                    continue
                self.held.append((target, chunk))
                if b"Verifying a pact between" in b"".join(held for to, held in self.held if to == target):
                    self._release()

    def release(self) -> None:
        with self.lock:
            self._release()

    def _release(self) -> None:
        self.streaming = True
        for target, chunk in self.held:
            os.write(target, chunk)
        self.held.clear()


@contextmanager
def _verifier_report(stdout_to_stderr: bool) -> Iterator[_Report]:
    sys.stdout.flush()
    sys.stderr.flush()
    saved = {fd: os.dup(fd) for fd in (1, 2)}
    targets = {1: saved[2] if stdout_to_stderr else saved[1], 2: saved[2]}
    report, sources, threads = _Report(), [], []
    for fd in (1, 2):
        source, sink = os.pipe()
        os.dup2(sink, fd)
        os.close(sink)
        sources.append(source)
        threads.append(threading.Thread(target=report.pump, args=(source, targets[fd]), daemon=True))
    for thread in threads:
        thread.start()
    try:
        yield report
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        for fd, original in saved.items():
            os.dup2(original, fd)  # the pipe's last writer closes: its pump reads to the end and stops
        for thread in threads:
            thread.join()
        for fd in [*sources, *saved.values()]:
            os.close(fd)


def verify_command(
    provider: str = typer.Option(
        ..., "--provider", help="Provider name, as in the pacts.", show_default=False
    ),
    url: str = typer.Option(..., "--url", help="Base URL of the running provider.", show_default=False),
    pact: list[str] | None = typer.Option(None, "--pact", help="Pact file, directory or URL (repeatable)."),
    broker_url: str | None = typer.Option(
        None,
        "--broker-url",
        "--broker-base-url",
        envvar="PACT_BROKER_BASE_URL",
        help="Fetch pacts from this broker.",
    ),
    broker_token: BrokerToken = None,
    broker_username: BrokerUsername = None,
    broker_password: BrokerPassword = None,
    selectors_json: str | None = typer.Option(
        None,
        "--consumer-version-selectors",
        help='JSON selectors, e.g. \'[{"mainBranch": true}, {"deployedOrReleased": true}]\'.',
    ),
    selector: list[str] | None = typer.Option(
        None, "--selector", help="One selector as key=value[,key=value], e.g. mainBranch=true (repeatable)."
    ),
    consumer: list[str] | None = typer.Option(
        None, "--consumer", help="Only the pacts of this consumer (repeatable)."
    ),
    enable_pending: bool = typer.Option(
        False, "--enable-pending", help="Pending pacts do not fail the build."
    ),
    include_wip_pacts_since: str | None = typer.Option(
        None,
        "--include-wip-pacts-since",
        metavar="YYYY-MM-DD",
        help="Also verify work-in-progress pacts published since this date.",
    ),
    state_url: str | None = typer.Option(
        None, "--state-url", help="Provider-state set-up endpoint (POSTed {state, params, action})."
    ),
    state_handler: str | None = typer.Option(
        None,
        "--state-handler",
        metavar="MODULE:FUNC",
        help="Python callable (state, action, parameters) for provider states.",
    ),
    state_teardown: bool = typer.Option(
        True,
        "--state-teardown/--no-state-teardown",
        help="Also call the state handler to tear down after each interaction.",
    ),
    header: list[str] | None = typer.Option(
        None, "--header", "-H", help="Extra request header 'Name: value' (repeatable)."
    ),
    publish: bool = typer.Option(False, "--publish", help="Publish the verification results to the broker."),
    provider_version: str | None = typer.Option(
        None, "--provider-version", help="Provider version the results are for."
    ),
    provider_branch: str | None = typer.Option(
        None, "--provider-branch", help="Provider branch (for publishing, pending and WIP pacts)."
    ),
    provider_tag: list[str] | None = typer.Option(
        None, "--provider-tag", help="Provider version tag (repeatable)."
    ),
    build_url: str | None = typer.Option(
        None, "--build-url", help="URL of the CI build, published with the results."
    ),
    request_timeout: float = typer.Option(
        10.0, "--request-timeout", help="Seconds to wait for each provider response."
    ),
    format: TextOrJson = typer.Option(TextOrJson.text, "--format", "-f", help="Output format on stdout."),
    junit: Path | None = typer.Option(
        None, "--junit", help="Write a JUnit XML report (one suite per consumer)."
    ),
    ignore_no_pacts_error: bool = typer.Option(
        False,
        "--ignore-no-pacts-error",
        help="Finding no pact for the provider exits 0 (by default it fails: nothing was verified).",
    ),
) -> None:
    """Verify a provider against its consumers' pacts. Exit 0 verified, 1 failed, 2 bad input."""
    from .fuzz import parse_headers, require_reachable

    options = _verify_options(
        selectors_json,
        selector,
        state_handler,
        include_wip_pacts_since,
        provider=provider,
        url=url,
        pacts=[str(Path(p)) if "://" not in p else p for p in pact or ()],
        broker_url=broker_url,
        broker_token=broker_token,
        broker_username=broker_username,
        broker_password=broker_password,
        consumers=list(consumer or ()),
        enable_pending=enable_pending,
        state_url=state_url,
        state_teardown=state_teardown,
        headers=parse_headers(header),
        publish=publish,
        provider_version=provider_version,
        provider_branch=provider_branch,
        provider_tags=list(provider_tag or ()),
        build_url=build_url,
        request_timeout_ms=int(request_timeout * 1000),
        ignore_no_pacts=ignore_no_pacts_error,
    )
    require_reachable(url)
    as_json = format is TextOrJson.json
    result = _run(options, as_json)
    _report(result, options, as_json, junit)
    raise typer.Exit(EXIT_OK if result.passed else EXIT_FINDINGS)


def _verify_options(
    selectors_json: str | None,
    selector: list[str] | None,
    state_handler: str | None,
    include_wip_pacts_since: str | None,
    **fields: Any,
) -> VerifyOptions:
    """The verification's options from the command line; what does not parse or hold together is bad input."""
    from accord.generators import ImportSpecError, import_object
    from accord.generators.verify import VerifyOptions, parse_selector, parse_selectors_json

    try:
        selectors = parse_selectors_json(selectors_json) if selectors_json else []
        selectors += [parse_selector(s) for s in selector or ()]
        handler = import_object(state_handler, "--state-handler") if state_handler else None
    except (ValueError, ImportSpecError) as exc:
        bad_input(str(exc))
    if include_wip_pacts_since is not None:
        from datetime import date

        try:
            date.fromisoformat(include_wip_pacts_since)
        except ValueError:
            bad_input(f"--include-wip-pacts-since {include_wip_pacts_since!r}: expected a date, YYYY-MM-DD")
    options = VerifyOptions(
        selectors=selectors, state_handler=handler, include_wip_pacts_since=include_wip_pacts_since, **fields
    )
    problems = options.problems()
    if problems:
        bad_input(problems[0])
    return options


def _run(options: VerifyOptions, as_json: bool) -> VerifyResult:
    """pact-python's verifier; its own lines go to stderr under --format json."""
    from accord.generators.verify import VerifyError, run_verify

    coloured = not as_json and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    try:
        with _verifier_report(stdout_to_stderr=as_json) as report:
            result = run_verify(options, coloured=coloured)
            if result.no_pacts is None:
                report.release()  # the verifier's own lines about what it could not load
    except VerifyError as exc:
        bad_input(str(exc))
    return result


def _report(result: VerifyResult, options: VerifyOptions, as_json: bool, junit: Path | None) -> None:
    """The verdict on stdout (a line, or JSON), the JUnit file asked for, and what no pact means."""
    if junit is not None:
        junit.write_text(render_verify_junit(result))
    if as_json:
        import orjson

        emit(orjson.dumps(result.as_json()).decode())
    if result.no_pacts is not None:
        if result.passed:
            typer.echo(f"accord verify: {result.no_pacts} (ignored: --ignore-no-pacts-error)", err=True)
        else:
            typer.echo(f"accord verify: {result.no_pacts} (--ignore-no-pacts-error allows this)", err=True)
    elif not as_json:
        summary = result.as_json()["summary"]
        verdict = "verified" if result.passed else "FAILED"
        emit(
            f"accord verify: {options.provider} {verdict}: {summary['interactions']} interaction(s), "
            f"{summary['failed']} failed, {summary['pending_failed']} pending failed"
        )
        if options.publish:
            emit(
                f"results published to {options.broker_url} for {options.provider} {options.provider_version}"
                + (f" (branch {options.provider_branch})" if options.provider_branch else "")
            )


def render_verify_junit(result: VerifyResult) -> str:
    """One test suite per consumer: a failing test case per failed interaction (pending ones are notes);
    when no pact was found, one failing test case saying so (a note with --ignore-no-pacts-error)."""
    from ..output import Annotation, Level, render_junit

    annotations = []
    for i in result.interactions:
        if i["result"] == "OK":
            continue
        states = f" (given {', '.join(i['provider_states'])})" if i["provider_states"] else ""
        details = "; ".join(f"{m['path'] + ': ' if m['path'] else ''}{m['message']}" for m in i["mismatches"])
        annotations.append(
            Annotation(
                rule=i["description"] or "interaction",
                level="note" if i["pending"] else "error",
                message=f"{i['description']}{states}: {details}" + (" [pending]" if i["pending"] else ""),
                file=i["consumer"] or result.provider,
            )
        )
    if result.no_pacts is not None:  # nothing verified: a failing test case, not an empty green report
        level: Level = "note" if result.passed else "error"
        annotations.append(Annotation("no pacts", level, result.no_pacts, file=result.provider))
    consumers = [i["consumer"] or result.provider for i in result.interactions]
    return render_junit("accord verify", annotations, list(dict.fromkeys(consumers)))
