"""Round-trip helpers: generate a server, run it with example handlers over real HTTP, fuzz it."""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
from accord.contracts import load_contract

from tests.servers import free_port

CHECKS = "not_a_server_error,response_schema_conformance,status_code_conformance"
_GENERATED = Path(tempfile.mkdtemp(prefix="accord-generated-"))
atexit.register(shutil.rmtree, _GENERATED, True)


@functools.cache
def generated(kind: str, contract: Path, package: str) -> Path:
    """`accord generate KIND CONTRACT --package PACKAGE`, once per test session (read it, never change it)."""
    from tests.cli import accord

    out = _GENERATED / f"{kind}-{package}"
    result = accord("generate", kind, contract, "-o", out, "--package", package)
    assert result.code == 0, result.stderr
    return out


@contextlib.contextmanager
def serving(
    args: list[str], cwd: Path, log: Path, port: int, pass_fds: tuple[int, ...] = ()
) -> Iterator[str]:
    """A server subprocess, once it answers HTTP on `port`; stopped afterwards."""
    url = f"http://127.0.0.1:{port}"
    with log.open("w") as sink:
        proc = subprocess.Popen(args, cwd=cwd, stdout=sink, stderr=subprocess.STDOUT, pass_fds=pass_fds)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(url, timeout=1)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the server did not start:\n{log.read_text()[-3000:]}") from None
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def example_server(out_dir: Path, contract: Path, package: str, log: Path) -> Iterator[str]:
    """The generated package under out_dir, served with handlers that answer the contract's examples, on a
    socket bound here and handed down (a port picked free and bound later could be taken meanwhile)."""
    with socket.create_server(("127.0.0.1", 0)) as listening:
        fd = listening.fileno()
        args = [sys.executable, "-m", "accord.generators.server.examples", str(contract), package, str(fd)]
        with serving(args, out_dir, log, listening.getsockname()[1], pass_fds=(fd,)) as url:
            yield url


def accord_mock(contract: Path, log: Path):
    """`accord mock CONTRACT` on a free port."""
    port = free_port()
    args = [sys.executable, "-m", "accord", "mock", str(contract), "--port", str(port), "--quiet"]
    return serving(args, log.parent, log, port)


def auth_config(contract_path: Path) -> str:
    """schemathesis.toml giving every security scheme of the contract a credential."""
    lines: list[str] = []
    bearer_header = 'headers = { Authorization = "Bearer example-token" }'
    for name, scheme in sorted(load_contract(contract_path).security_schemes.items()):
        kind = (scheme.scheme or "").lower()
        if scheme.type == "apiKey":
            entry = 'api_key = "example-key"'
        elif scheme.type == "http" and kind == "basic":
            entry = 'username = "user"\npassword = "pass"'
        elif scheme.type == "http" and kind == "bearer":
            entry = 'bearer = "example-token"'
        else:  # oauth2, openIdConnect: a bearer token on every request (one header for them all)
            if bearer_header not in lines:
                lines.insert(0, bearer_header)
            continue
        lines.append(f'[auth.openapi."{name}"]\n{entry}')
    return "\n".join(lines) + "\n"


def schemathesis(bundled: Path, url: str, contract: Path, max_examples: int = 5, timeout: float = 300):
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
    # run beside the document: schemathesis keeps its cache (.schemathesis/) in the working directory
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=env, cwd=bundled.parent)


# Run in a subprocess beside a generated client package: argv = contract, package, base URL.
CALL_EVERY_OPERATION = """
import importlib, random, sys
import httpx
from accord.contracts import load_contract
from accord.contracts import SchemaCompileError, contract_validator
from accord.generators.client import client_plans
from accord.generators.mock._generate import Generator

contract = load_contract(sys.argv[1])
package = importlib.import_module(sys.argv[2])
requests = Generator(contract, "request")
credentials = {
    name: ("user", "pass") if scheme.type == "http" and (scheme.scheme or "").lower() == "basic" else "token"
    for name, scheme in contract.security_schemes.items()
}
plans, _ = client_plans(contract)
operations = {op.method.upper() + " " + op.path: op for op in contract.operations}
failures = []
with package.Client(sys.argv[3], credentials=credentials, timeout=10) as client:
    for plan in plans:
        op = operations[plan.method + " " + plan.path]
        schemas = {(p.location, p.name): p.schema for p in op.parameters}
        def valid(schema):  # the first generated value the schema accepts (oneOf may be ambiguous)
            candidates = [  # schema examples first; they may break their own schema
                requests.value(schema, random.Random(seed), use_examples=seed <= 10) for seed in range(1, 21)
            ]
            try:
                check = contract_validator(contract, schema, "request")
            except SchemaCompileError:  # a pattern beyond the validator's regex engine
                return candidates[0]
            return next((c for c in candidates if check.is_valid(c)), candidates[0])
        def value(p):
            return valid(schemas[(p.location, p.name)])
        args = [value(p) for p in plan.params if p.location == "path"]
        kwargs = {p.arg: value(p) for p in plan.params if p.location != "path" and p.required}
        if plan.body_media and op.request_body.content[plan.body_media].schema is not None:
            kwargs["body"] = valid(op.request_body.content[plan.body_media].schema)
        try:
            result = getattr(client, plan.name)(*args, **kwargs)
        except package.ApiError as exc:
            # an operation that documents no success answers an error: ApiError with its body is the result
            documented = str(exc.status_code) in op.responses or "default" in op.responses
            if any(code[:1] == "2" for code in op.responses) or not documented:
                failures.append(f"{plan.method} {plan.path}: ApiError: {str(exc)[:300]}")
            else:
                print(f"ok {plan.method} {plan.path} -> ApiError {exc.status_code} (it documents no success)")
        except Exception as exc:
            failures.append(f"{plan.method} {plan.path}: {type(exc).__name__}: {str(exc)[:300]}")
        else:
            print(f"ok {plan.method} {plan.path} -> {type(result).__name__}")
for failure in failures:
    print("FAIL " + failure)
print(f"{len(plans) - len(failures)}/{len(plans)} operations called and parsed")
sys.exit(1 if failures else 0)
"""
