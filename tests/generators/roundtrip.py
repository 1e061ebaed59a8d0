"""Round-trip helpers: generate a server, run it with example handlers over real HTTP, fuzz it."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from contracts import load_contract

CHECKS = "not_a_server_error,response_schema_conformance,status_code_conformance"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def example_server(out_dir: Path, contract: Path, package: str, log: Path) -> Iterator[str]:
    """The generated package under out_dir, served with handlers that answer the contract's examples."""
    port = free_port()
    with log.open("w") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "generators.server.examples", str(contract), package, str(port)],
            cwd=out_dir,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"the generated server did not start:\n{log.read_text()[-3000:]}"
                    ) from None
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def auth_headers(contract_path: Path) -> list[str]:
    """schemathesis -H options that satisfy the contract's header-borne security schemes."""
    headers = []
    for scheme in load_contract(contract_path).security_schemes.values():
        if scheme.type == "http" and (scheme.scheme or "").lower() == "bearer":
            headers.append("Authorization: Bearer example-token")
        elif scheme.type == "http" and (scheme.scheme or "").lower() == "basic":
            headers.append("Authorization: Basic dXNlcjpwYXNz")
        elif scheme.type == "apiKey" and scheme.location == "header" and scheme.parameter_name:
            headers.append(f"{scheme.parameter_name}: example-key")
        elif scheme.type in ("oauth2", "openIdConnect"):
            headers.append("Authorization: Bearer example-token")
    return list(dict.fromkeys(headers))


def schemathesis(bundled: Path, url: str, headers: list[str], max_examples: int = 10, timeout: float = 300):
    args = [
        sys.executable, "-m", "schemathesis.cli", "run", str(bundled), "--url", url, "--checks", CHECKS,
        "--mode", "positive", "-n", str(max_examples), "--seed", "1", "--no-color",
        "--suppress-health-check", "all",
    ]  # fmt: skip
    for header in headers:
        args += ["-H", header]
    env = {**os.environ, "SCHEMATHESIS_HOOKS": ""}
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=env)
