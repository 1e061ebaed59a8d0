"""`accord mock FILE`: serve a mock of an OpenAPI contract, or publish (or check) an AsyncAPI
contract's events."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from .._cli_support import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, bad_input
from .._reading import REF_ROOT_OPTION, apply_read_limits

_SHOWN = 50  # specification errors printed at start-up; `accord validate` lists the rest


def register(app: typer.Typer) -> None:
    app.command("mock")(mock_command)


def mock_command(
    file: Path = typer.Argument(..., help="OpenAPI or AsyncAPI contract.", show_default=False),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(4010, "--port", "-p", help="HTTP port (0: any free port)."),
    seed: int = typer.Option(0, "--seed", help="Seed for generated data (same seed, same responses)."),
    stateful: bool = typer.Option(
        False, "--stateful", help="Keep collections in memory: POST creates, GET reads."
    ),
    watch: bool = typer.Option(False, "--watch", help="Reload when the contract's files change."),
    dynamic: bool = typer.Option(False, "--dynamic", help="Generate a new body for every request."),
    cors: bool = typer.Option(True, "--cors/--no-cors", help="Answer CORS preflights and add CORS headers."),
    cors_origin: list[str] = typer.Option(
        None, "--cors-origin", help="An origin allowed by CORS (repeat; default: any origin)."
    ),
    cors_credentials: bool = typer.Option(
        True,
        "--cors-credentials/--no-cors-credentials",
        help="Allow credentialed CORS requests (the origin is echoed, never *).",
    ),
    strict: bool = typer.Option(
        False,
        "--strict",
        help="Refuse a contract with any specification error, and do not serve examples that break "
        "their schema (for CI).",
    ),
    request_log: int = typer.Option(
        1000, "--request-log", help="Requests kept for GET /__accord/requests (the last N; 0: off)."
    ),
    proxy: str = typer.Option(
        None, "--proxy", help="Forward to this upstream URL, validating requests and responses."
    ),
    fallback: bool = typer.Option(
        False, "--fallback", help="With --proxy: the mock answers when the upstream answers 501 or is down."
    ),
    allow_callback_hosts: str = typer.Option(
        "",
        "--allow-callback-hosts",
        help="Hosts callbacks and webhooks may call besides loopback, comma-separated (*: any).",
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No access log (or message log)."),
    message_broker_url: str = typer.Option(
        None,
        "--message-broker-url",
        help="AsyncAPI: message broker to use instead of the contract's servers (nats://, mqtt://, amqp://).",
    ),
    broker_url: str = typer.Option(
        None, "--broker-url", hidden=True, help="Old name of --message-broker-url."
    ),
    server: str = typer.Option(None, "--server", help="AsyncAPI: the contract server to use, by name."),
    rate: float = typer.Option(1.0, "--rate", help="AsyncAPI: messages per second per send operation."),
    count: int = typer.Option(
        None,
        "--count",
        help="AsyncAPI: stop after this many messages per operation (with --check: in total).",
    ),
    websocket: bool = typer.Option(
        False, "--websocket", help="AsyncAPI: publish only to the WebSocket endpoint, no broker."
    ),
    check: bool = typer.Option(
        False, "--check", help="AsyncAPI: subscribe and validate the messages others publish."
    ),
    timeout: float = typer.Option(None, "--timeout", help="AsyncAPI --check: stop after this many seconds."),
    retries: int = typer.Option(
        5, "--retries", help="AsyncAPI: broker connection attempts (exponential backoff)."
    ),
    ref_root: Path | None = REF_ROOT_OPTION,
    max_body_bytes: int = typer.Option(
        10_485_760, "--max-body-bytes", min=1, help="Larger request bodies are answered 413."
    ),
    max_header_bytes: int = typer.Option(
        16_384, "--max-header-bytes", min=1, help="Larger request heads (URL and headers) are answered 431."
    ),
    head_timeout: float = typer.Option(
        10.0, "--head-timeout", min=0.001, help="Seconds for a request's line and headers; then 408."
    ),
    body_timeout: float = typer.Option(
        30.0, "--body-timeout", min=0.001, help="Seconds for a request's body once its head is in; then 408."
    ),
) -> None:
    """Mock an API from its contract. Exit 2 if it cannot be read (with --strict: if it is invalid) or
    the port is taken; specification errors are otherwise warnings, each printed once."""
    apply_read_limits(ref_root)
    from accord.contracts import load_contract
    from accord.generators.mock import contract_warnings, webhooks_of

    contract = load_contract(file)
    errors, warnings = contract_warnings(contract)
    if errors and strict:
        first = errors[0]
        where = ":".join(
            str(p) for p in (first.file or contract.path, first.line, first.column) if p is not None
        )
        message = first.message.splitlines()[0] if first.message else "invalid"
        bad_input(f"{where}: {message} ({len(errors)} error(s); see accord validate {file})")
    if contract.kind == "openapi" and not contract.operations and not webhooks_of(contract):
        bad_input(
            f"{file}: no operation to serve (the contract has no paths with operations and no webhooks)"
        )
    for warning in warnings[:_SHOWN]:
        typer.echo(f"accord mock: warning: {warning}", err=True)
    if len(warnings) > _SHOWN:
        typer.echo(
            f"accord mock: warning: {len(warnings) - _SHOWN} more specification error(s); "
            f"accord validate {file} lists them all",
            err=True,
        )
    log = (lambda _line: None) if quiet else (lambda line: sys.stderr.write(line + "\n"))
    if contract.kind == "asyncapi":
        from accord.generators.mock.events import EventOptions

        if message_broker_url and broker_url and message_broker_url != broker_url:
            bad_input("--broker-url is the old name of --message-broker-url: give one of them")

        event_options = EventOptions(
            seed=seed,
            rate=rate,
            count=count,
            broker_url=message_broker_url or broker_url,
            server=server,
            websocket_only=websocket,
            retries=retries,
        )
        if check:
            raise typer.Exit(_check(contract, event_options, count, timeout, quiet))
        raise typer.Exit(_publish(contract, event_options, host, port, log))
    from accord.generators.mock import MockOptions

    options = MockOptions(
        seed=seed,
        stateful=stateful,
        dynamic=dynamic,
        cors=cors,
        cors_origins=tuple(cors_origin or ()),
        cors_credentials=cors_credentials,
        access_log=not quiet,
        strict=strict,
        request_log=request_log,
        proxy=proxy,
        fallback=fallback,
        callback_hosts=tuple(h.strip() for h in allow_callback_hosts.split(",") if h.strip()),
    )
    from accord.contracts.http import ServerLimits

    limits = ServerLimits(head_timeout, body_timeout, max_header_bytes, max_body_bytes)
    _serve_http(contract, file, host, port, options, watch, [e.pointer for e in errors], limits)


def _listen(host: str, port: int):
    from .._listening import listen_or_exit

    sock = listen_or_exit(host, port)
    bound = sock.getsockname()
    return sock, f"http://{f'[{bound[0]}]' if ':' in bound[0] else bound[0]}:{bound[1]}"


def _serve_http(contract, file, host, port, options, watch, reported: list[str], limits) -> None:
    from accord.contracts import ContractError
    from accord.generators.mock import CompiledMock, serve, webhooks_of

    if options.proxy and not options.proxy.startswith(("http://", "https://")):
        bad_input(f"--proxy {options.proxy}: not an http:// or https:// URL")
    try:
        state = CompiledMock(contract, options, reported)
    except (ContractError, ValueError) as exc:
        bad_input(f"{file}: {exc}")
    sock, url = _listen(host, port)

    def ready() -> None:
        operations = len(state.runtime.operations)
        webhooks = len(webhooks_of(contract))
        served = f"{operations} operations" + (f", {webhooks} webhooks" if webhooks else "")
        typer.echo(
            f"accord mock: {contract.title or file.name} ({served}) on {url}"
            + (f" (proxy to {options.proxy})" if options.proxy else "")
            + (" (watching)" if watch else ""),
            err=True,
        )
        for warning in state.runtime.lifecycle_warnings:
            typer.echo(f"accord mock: warning: {warning}", err=True)

    serve(file, state, sock, watch=watch, ready=ready, limits=limits)


def _publish(contract, options, host: str, port: int, log) -> int:
    from accord.contracts import ContractError
    from accord.generators.mock.events import MessageBrokerError, broker_url, serve_events

    try:
        target = broker_url(contract, options)
    except (ContractError, MessageBrokerError) as exc:
        bad_input(str(exc))
    sock, url = _listen(host, port)

    def ready(mock) -> None:
        where = target or "no broker"
        typer.echo(
            f"accord mock: {contract.title or contract.path}: {len(mock.plans)} send operation(s) to {where}; "
            f"status and WebSocket on {url}",
            err=True,
        )

    return serve_events(contract, options, sock, log, ready)


def _check(contract, options, count: int | None, timeout: float | None, quiet: bool) -> int:
    import asyncio

    from accord.generators.mock.events import MessageBrokerError, check_events

    def report(address: str, violation) -> None:
        if violation is None:
            if not quiet:
                typer.echo(f"ok {address}")
            return
        for error in violation.errors:
            typer.echo(
                f"violation {address} {violation.message}: {error['pointer'] or '/'}: {error['message']}"
            )

    try:
        seen, violations = asyncio.run(
            check_events(
                contract,
                options,
                lambda line: typer.echo(line, err=True),
                limit=count,
                timeout=timeout,
                on_message=report,
            )
        )
    except MessageBrokerError as exc:
        typer.echo(f"accord: {exc}", err=True)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_OK
    if not seen:  # a check that saw nothing is no evidence that what is published is valid
        typer.echo(
            "checked 0 message(s): nothing was published on the contract's channels, nothing was checked"
        )
        return EXIT_FINDINGS
    typer.echo(f"checked {seen} message(s): {len(violations)} violation(s)")
    return EXIT_FINDINGS if violations else EXIT_OK
