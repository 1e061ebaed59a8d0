"""Every server command (mock over HTTP, mock of AsyncAPI events with its WebSocket endpoint, gateway,
broker serve) refuses where it cannot listen with exit 2 and one line, never a traceback: a port out
of range or not a number, a port in use, an unknown or unassignable host, an unreadable config."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from tests.cli import Result, accord

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
GATEWAY_CONFIG = EXAMPLES / "gateway" / "gateway.yaml"

SERVERS = {
    "mock": ("mock", EXAMPLES / "contracts" / "orders.yaml"),
    "mock-events": ("mock", EXAMPLES / "contracts" / "order-events.yaml", "--websocket"),
    "gateway": ("gateway", "--config", GATEWAY_CONFIG, "--no-watch"),
    "broker": ("broker", "serve"),
}


@pytest.fixture
def server(request, tmp_path) -> tuple[str | Path, ...]:
    args = SERVERS[request.param]
    if request.param == "broker":
        args = (*args, "--database-url", f"sqlite:///{tmp_path / 'broker.sqlite3'}")
    return args


@pytest.fixture
def taken_port() -> Iterator[int]:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield taken.getsockname()[1]


def _refused(result: Result) -> str:
    assert result.code == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and result.stdout == "", (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize("server", list(SERVERS), indirect=True)
@pytest.mark.parametrize("port", ["-1", "65536", "99999"])
def test_a_port_out_of_range(server, port):
    line = _refused(accord(*server, "--port", port, timeout=60))
    assert (
        line
        == f"accord: cannot listen on 127.0.0.1:{port}: {port} is not a TCP port (0 to 65535; 0 picks a free one)"
    )


@pytest.mark.parametrize("server", list(SERVERS), indirect=True)
def test_a_port_that_is_not_a_number(server):
    line = _refused(accord(*server, "--port", "abc", timeout=60))
    assert "Invalid value for '--port'" in line and "--help" in line


@pytest.mark.parametrize("server", list(SERVERS), indirect=True)
def test_a_port_in_use(server, taken_port):
    line = _refused(accord(*server, "--port", taken_port, timeout=60))
    assert line == f"accord: cannot listen on 127.0.0.1:{taken_port}: the port is already in use"


@pytest.mark.parametrize("server", list(SERVERS), indirect=True)
@pytest.mark.parametrize(
    ("host", "problem"),
    [("no-such-host.invalid", "unknown host"), ("192.0.2.1", "Cannot assign requested address")],
)
def test_a_host_it_cannot_listen_on(server, host, problem):
    line = _refused(accord(*server, "--host", host, "--port", "0", timeout=60))
    assert line.startswith(f"accord: cannot listen on {host}:0: ") and problem in line


def _gateway_config(tmp_path: Path, **settings) -> Path:
    config = yaml.safe_load(GATEWAY_CONFIG.read_text())
    config.update(settings)
    for api in config["apis"]:  # keep the example's contracts reachable from the copy
        for version in api["versions"].values():
            version["contract"] = str((GATEWAY_CONFIG.parent / version["contract"]).resolve())
    path = tmp_path / "gateway.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"port": 99999}, "port: 99999 is not a TCP port (0 to 65535; 0 picks a free one)"),
        ({"port": -1}, "port: -1 is not a TCP port"),
        ({"port": "abc"}, "port: Input should be a valid integer"),
    ],
)
def test_the_gateway_config_port(tmp_path, settings, expected):
    config = _gateway_config(tmp_path, **settings)
    line = _refused(accord("gateway", "--config", config, "--no-watch", timeout=60))
    assert line.startswith(f"accord: {config}: {expected}")


def test_the_gateway_config_host_and_port_are_where_it_listens(tmp_path, taken_port):
    busy = _gateway_config(tmp_path, port=taken_port)
    line = _refused(accord("gateway", "--config", busy, "--no-watch", timeout=60))
    assert line == f"accord: cannot listen on 127.0.0.1:{taken_port}: the port is already in use"
    unassignable = _gateway_config(tmp_path, host="192.0.2.1", port=0)
    line = _refused(accord("gateway", "--config", unassignable, "--no-watch", timeout=60))
    assert line == "accord: cannot listen on 192.0.2.1:0: Cannot assign requested address"


def test_an_unreadable_gateway_config(tmp_path):
    invalid = tmp_path / "invalid.yaml"
    invalid.write_text("apis: [\n")
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\xff\xfe\x00apis")
    cases = [
        (tmp_path / "missing.yaml", "cannot read (No such file or directory)"),
        (tmp_path, "cannot read (Is a directory)"),
        (invalid, "not valid YAML"),
        (binary, "not UTF-8 text"),
    ]
    for config, problem in cases:
        line = _refused(accord("gateway", "--config", config, timeout=60))
        assert line.startswith(f"accord: {config}") and problem in line, line


@pytest.mark.parametrize("workers", ["1", "2"])
def test_broker_serve_names_the_port_it_really_listens_on(tmp_path, workers):
    """--port 0 picks a free port; the start line names it, and that is where the broker answers."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "accord", "broker", "serve", "--port", "0", "--workers", workers,
         "--database-url", f"sqlite:///{tmp_path / 'broker.sqlite3'}"],
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        line = proc.stderr.readline()
        found = re.search(r"accord broker on (http://127\.0\.0\.1:(\d+)) ", line)
        assert found and found.group(2) != "0", line
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(found.group(1) + "/", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the broker did not answer where it said it listens"
                time.sleep(0.1)
        assert response.status_code == 200 and "pb:pacticipants" in response.text
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(30)
