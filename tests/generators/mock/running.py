"""`accord mock` as a user runs it: a subprocess, its stderr gathered line by line, its base URL;
and `serving`, a real local HTTP server (an upstream, a callback or webhook receiver) beside it,
with `Receiver`, a receiver that queues what it is sent."""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@dataclass
class RunningMock:
    url: str
    lines: list[str] = field(default_factory=list)  # stderr so far

    def wait_for(self, text: str, timeout: float = 15) -> str:
        """The first stderr line holding `text` (waits for it)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in list(self.lines):
                if text in line:
                    return line
            time.sleep(0.05)
        raise AssertionError(f"no stderr line with {text!r} in {self.lines}")


@contextlib.contextmanager
def running_mock(contract: Path, port: int, *args: str, cwd: Path | None = None) -> Iterator[RunningMock]:
    """`accord mock CONTRACT --port PORT ARGS...`, run from `cwd` (a relative contract path is then
    printed in its warnings as given, as a user would see it)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "accord", "mock", str(contract), "--port", str(port), *args],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ},
        cwd=cwd,
    )
    mock = RunningMock(f"http://127.0.0.1:{port}")

    def gather() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            mock.lines.append(line.rstrip("\n"))

    reader = threading.Thread(target=gather, daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 60
        while not any(f"on {mock.url}" in line for line in mock.lines):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"accord mock did not start: {mock.lines}")
            time.sleep(0.05)
        yield mock
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(10)
        reader.join(5)


class Receiver(BaseHTTPRequestHandler):
    """A callback or webhook receiver: each POST is queued as (path, Content-Type, body) and answered
    204; a GET is 501, as from an upstream that implements nothing."""

    received: queue.Queue = queue.Queue()

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.received.put((self.path, self.headers.get("Content-Type"), body))
        self.send_response(204)
        self.end_headers()

    def do_GET(self) -> None:
        self.send_response(501)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """A real HTTP server on a free loopback port, answering with `handler`; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
