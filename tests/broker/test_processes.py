"""Several `accord broker serve` processes on one PostgreSQL: they migrate at the same time and
share the data; concurrent publishes through both leave one pact version."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx

from .conftest import start_broker_process, unused_port, wait_for_broker
from .helpers import publish


def test_two_processes_share_one_postgresql(postgres_url: str) -> None:
    ports = [unused_port(), unused_port()]
    # both migrate the empty database at once
    procs = [start_broker_process(postgres_url, port) for port in ports]
    try:
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        for base, proc in zip(bases, procs, strict=True):
            wait_for_broker(base, proc)
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
