"""The three accord servers (mock, gateway, broker) run as a user runs them, with short limits, and raw
socket helpers: for the server-limit tests and the HTTP fuzzing suite."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from tests.servers import ThreadServer, free_port

WIDGETS = Path(__file__).parents[1] / "gateway" / "fixtures" / "widgets.yaml"
LIMITS = {"head_timeout": 0.5, "body_timeout": 0.5, "max_header_bytes": 2000, "max_body_bytes": 1000}


async def _upstream(scope, receive, send) -> None:
    """The gateway's upstream: reads the whole body, answers 201 with a widget."""
    if scope["type"] != "http":
        return
    more = True
    while more:
        more = (await receive()).get("more_body", False)
    await send(
        {"type": "http.response.start", "status": 201, "headers": [(b"content-type", b"application/json")]}
    )
    await send({"type": "http.response.body", "body": b'{"id": 1, "name": "w"}'})


def _command(kind: str, port: int, tmp: Path, upstream: str) -> tuple[list[str], dict[str, str]]:
    if kind == "mock":
        options = [f"--{key.replace('_', '-')}={value}" for key, value in LIMITS.items()]
        return ["mock", str(WIDGETS), "--port", str(port), "--quiet", *options], {}
    if kind == "gateway":
        config = tmp / "gateway.yaml"
        api = {"name": "widgets", "versions": {"1": {"contract": str(WIDGETS), "upstream": upstream}}}
        config.write_text(yaml.safe_dump({**LIMITS, "apis": [api]}))
        return ["gateway", "--config", str(config), "--port", str(port), "--no-watch"], {}
    env = {f"ACCORD_BROKER_{key.upper()}": str(value) for key, value in LIMITS.items()}
    return ["broker", "serve", "--port", str(port), "--database-url", f"sqlite:///{tmp / 'b.sqlite3'}"], env


@pytest.fixture(scope="module", params=["mock", "gateway", "broker"])
def server(request, tmp_path_factory) -> Iterator[tuple[str, int]]:
    """(kind, port) of a running server with short limits."""
    with contextlib.ExitStack() as stack:
        yield from _started(request, tmp_path_factory, stack)


def _started(request, tmp_path_factory, stack: contextlib.ExitStack) -> Iterator[tuple[str, int]]:
    port = free_port()
    upstream = stack.enter_context(ThreadServer(_upstream)).url if request.param == "gateway" else ""
    args, env = _command(request.param, port, tmp_path_factory.mktemp(request.param), upstream)
    proc = subprocess.Popen(
        [sys.executable, "-m", "accord", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **env},
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"{request.param} exited: {proc.stderr.read().decode()}")
            try:
                httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    pytest.fail(f"{request.param} did not start")
                time.sleep(0.1)
        yield request.param, port
    finally:
        proc.terminate()
        proc.wait(30)


def connect(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port))
    sock.settimeout(10)  # a server that holds the connection fails the test instead of hanging it
    return sock


def answer(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of the one answer before the server closed the connection."""
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.lower().split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), headers, body
