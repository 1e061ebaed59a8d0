"""Several `accord broker serve` processes on one PostgreSQL: they migrate at the same time and
share the data; concurrent publishes through both leave one pact version."""

from __future__ import annotations

import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from .conftest import unused_port
from .helpers import publish


def _start(url: str, port: int) -> subprocess.Popen:
    accord = Path(sys.executable).parent / "accord"
    return subprocess.Popen(
        [str(accord), "broker", "serve", "--port", str(port), "--database-url", url],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait(base: str, proc: subprocess.Popen) -> None:
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


def test_two_processes_share_one_postgresql(postgres_url: str) -> None:
    ports = [unused_port(), unused_port()]
    procs = [_start(postgres_url, port) for port in ports]  # both migrate the empty database at once
    try:
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        for base, proc in zip(bases, procs, strict=True):
            _wait(base, proc)
        with ThreadPoolExecutor(10) as pool:
            responses = list(
                pool.map(lambda n: publish(bases[n % 2], "Web", "1", "Api", "a", branch="main"), range(10))
            )
        assert [r.status_code for r in responses] == [200] * 10
        for base in bases:
            [pact] = httpx.get(f"{base}/pacts/latest").json()["pacts"]
            assert pact["_embedded"]["consumer"]["_embedded"]["version"]["number"] == "1"
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=30)
