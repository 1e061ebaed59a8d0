"""Running real servers for the gateway tests: uvicorn in a thread, or `accord gateway` in a subprocess."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import yaml

from tests.servers import free_port


def wait_for_port(port: int, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on {port}")


def write_config(directory: Path, config: dict) -> Path:
    path = directory / "gateway.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


class GatewayProcess:
    """`accord gateway --config FILE` as a user would run it; stdout (access log) and stderr kept."""

    def __init__(self, config: Path, port: int | None = None, *extra: str) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.config = config
        self.extra = extra
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> GatewayProcess:
        self.out = open(self.config.parent / f"gateway-{self.port}.out", "w+")
        self.err = open(self.config.parent / f"gateway-{self.port}.err", "w+")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "accord",
                "gateway",
                "--config",
                str(self.config),
                "--port",
                str(self.port),
                *list(self.extra),
            ],
            stdout=self.out,
            stderr=self.err,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        # generous: the machine may be shared; workers start their own interpreters
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the gateway exited: {self.stderr()}")
            try:
                if httpx.get(self.url + "/-/health", timeout=0.5).status_code == 200:
                    return self
            except httpx.TransportError:
                time.sleep(0.1)
        stderr = self.stderr()
        self.__exit__(None, None, None)  # never leave a gateway (and its workers) running behind a failure
        raise TimeoutError(f"the gateway did not come up: {stderr}")

    def signal(self, signum: int = signal.SIGHUP) -> None:
        self.proc.send_signal(signum)

    def stdout(self) -> str:
        self.out.flush()
        return Path(self.out.name).read_text()

    def stderr(self) -> str:
        self.err.flush()
        return Path(self.err.name).read_text()

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.out.close()
        self.err.close()


class RawUpstream:
    """A socket server that answers every request with the same raw bytes, then closes: for
    answers no framework would write (1xx before the answer, a body that ends with the connection)."""

    def __init__(self, answer: bytes) -> None:
        self.answer = answer
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                data = b""
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                conn.sendall(self.answer)

    def __enter__(self) -> RawUpstream:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.sock.close()
