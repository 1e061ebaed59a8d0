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


def auth_config(contract_path: Path) -> str:
    """schemathesis.toml giving every security scheme of the contract a credential."""
    lines = []
    for name, scheme in sorted(load_contract(contract_path).security_schemes.items()):
        kind = (scheme.scheme or "").lower()
        if scheme.type == "apiKey":
            entry = 'api_key = "example-key"'
        elif scheme.type == "http" and kind == "basic":
            entry = 'username = "user"\npassword = "pass"'
        elif scheme.type == "http" and kind == "bearer":
            entry = 'bearer = "example-token"'
        else:  # oauth2, openIdConnect: a bearer token on every request
            lines.insert(0, 'headers = { Authorization = "Bearer example-token" }')
            continue
        lines.append(f'[auth.openapi."{name}"]\n{entry}')
    return "\n".join(lines) + "\n"


def schemathesis(bundled: Path, url: str, contract: Path, max_examples: int = 10, timeout: float = 300):
    """Run schemathesis on `bundled` against `url`, with credentials for the contract's schemes."""
    config = bundled.with_name("schemathesis.toml")
    config.write_text(auth_config(contract))
    args = [
        sys.executable, "-m", "schemathesis.cli", "--config-file", str(config), "run", str(bundled), "--url", url,
        "--checks", CHECKS,
        "--mode", "positive", "-n", str(max_examples), "--seed", "1", "--no-color",
        "--suppress-health-check", "all",
    ]  # fmt: skip
    env = {**os.environ, "SCHEMATHESIS_HOOKS": ""}
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=env)
