"""A real broker over real HTTP (uvicorn in a thread, or `accord broker serve` processes), on SQLite and
on PostgreSQL."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.servers import ThreadServer, free_port

PACT_CLI = shutil.which("pact") or str(Path(os.sys.executable).parent / "pact")


def serve(app) -> ThreadServer:
    """Run an ASGI app on a free port until stop()."""
    return ThreadServer(app, lifespan="off").start()


def start_broker_process(database_url: str, port: int, env: dict[str, str] | None = None) -> subprocess.Popen:
    """`accord broker serve` in its own process (stop it with terminate())."""
    accord = Path(sys.executable).parent / "accord"
    return subprocess.Popen(
        [str(accord), "broker", "serve", "--port", str(port), "--database-url", database_url],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


def wait_for_broker(base: str, proc: subprocess.Popen) -> None:
    """Until the broker answers HTTP (any status: it may want credentials)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the broker exited: {proc.stderr.read()}")
        try:
            httpx.get(base + "/", timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    pytest.fail("the broker did not start")


@contextmanager
def broker_process(database_url: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """A started `accord broker serve`; yields its base URL."""
    port = free_port()
    proc = start_broker_process(database_url, port, env)
    try:
        wait_for_broker(f"http://127.0.0.1:{port}", proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'broker.sqlite3'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'broker.sqlite3'}"


def _broker(url: str, **settings) -> Iterator[str]:
    from accord.broker.api import create_app
    from accord.broker.settings import Settings

    served = serve(create_app(Settings(database_url=url, **settings)))
    try:
        yield served.url
    finally:
        served.stop()
        services = served.server.config.app.state.services
        services.webhooks.close()  # lifespan is off: what the broker's shutdown would do
        services.db.dispose()


@pytest.fixture
def broker(database_url) -> Iterator[str]:
    """The broker's base URL, once on SQLite and once on PostgreSQL."""
    yield from _broker(database_url)


@pytest.fixture
def sqlite_broker(sqlite_url) -> Iterator[str]:
    yield from _broker(sqlite_url)


@pytest.fixture
def guarded(sqlite_url) -> Iterator[str]:
    """A broker with credentials: user ci (read-write), user reader (read-only), token t0ken-of-ci."""
    yield from _broker(
        sqlite_url,
        basic_auth_username="ci",
        basic_auth_password="s3cret",
        read_only_username="reader",
        read_only_password="look",
        token="t0ken-of-ci",
    )


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str


def pact_cli(broker_url: str, *args: str) -> CliResult:
    """The official `pact` client (pypi pact-python-cli) against the broker."""
    proc = subprocess.run(
        [PACT_CLI, "broker", *args, "--broker-base-url", broker_url],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PACT_DO_NOT_TRACK": "true"},
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)
