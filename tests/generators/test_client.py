"""`accord generate client`: a typed httpx client that calls every operation of a real server."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from accord.contracts import load_contract

from tests.cli import accord
from tests.generators.roundtrip import CALL_EVERY_OPERATION, accord_mock, example_server, generated

FIXTURES = Path(__file__).parent / "fixtures"

ORDERS_CALLS = """
import asyncio, sys
from shopclient import ApiError, AsyncClient, Client, Retry
from shopclient import models

url = sys.argv[1]
with Client(url, credentials={"bearerAuth": "token"}, timeout=5, retry=Retry(attempts=2, backoff=0.01)) as client:
    orders = client.list_orders(status="placed", limit=5)
    assert isinstance(orders[0], models.Order), orders
    assert orders[0].total.currency is models.Currency.EUR
    placed = client.place_order(body=models.NewOrder(customerId="c-1", lines=[models.OrderLine(sku="WID-1", quantity=1)]))
    assert isinstance(placed, models.Order) and placed.customerId == "c-42"
    one = client.get_order("3f2c1a9e-5b7d-4c8e-9f10-2a3b4c5d6e7f")
    assert isinstance(one, models.Order)
    assert client.cancel_order("3f2c1a9e-5b7d-4c8e-9f10-2a3b4c5d6e7f") is None
    try:
        client.place_order(body={"customerId": "c-1", "lines": []})
    except ApiError as error:
        assert error.status_code == 422 and error.problem["status"] == 422, error.problem
    else:
        raise AssertionError("an invalid order was accepted")

with Client(url) as anonymous:
    try:
        anonymous.list_orders()
    except ApiError as error:
        assert error.status_code == 401 and error.problem["title"] == "Unauthorized", error.problem
    else:
        raise AssertionError("no credentials, yet 2xx")

async def main():
    async with AsyncClient(url, credentials={"bearerAuth": "token"}) as client:
        orders, one = await asyncio.gather(client.list_orders(), client.get_order("3f2c1a9e-5b7d-4c8e-9f10-2a3b4c5d6e7f"))
        assert isinstance(orders[1], models.Order) and isinstance(one, models.Order)

asyncio.run(main())
print("every operation answered")
"""


def _run(out: Path, code: str, url: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code, url], cwd=out, capture_output=True, text=True, timeout=180
    )


def test_client_calls_every_operation_of_the_generated_server(examples, tmp_path):
    server = generated("server", examples / "orders.yaml", "shop")
    client = generated("client", examples / "orders.yaml", "shopclient")
    with example_server(server, examples / "orders.yaml", "shop", tmp_path / "server.log") as url:
        proc = _run(client, ORDERS_CALLS, url)
    assert proc.returncode == 0, proc.stderr + (tmp_path / "server.log").read_text()[-3000:]
    assert "every operation answered" in proc.stdout


def test_client_parses_one_of_discriminated_bodies_and_sends_typed_params(tmp_path):
    contract = FIXTURES / "variety.yaml"
    server = generated("server", contract, "variety")
    client = generated("client", contract, "zoo")
    code = """
import sys, datetime, uuid
from zoo import Client, models
with Client(sys.argv[1]) as client:
    pets = client.list_pets(kind="cat", tags=["a", "b"], x_request_id=str(uuid.uuid4()), since=datetime.date(2026, 1, 1))
    kinds = [type(p.root if hasattr(p, "root") else p).__name__ for p in pets]
    assert kinds == ["Cat", "Dog"], kinds
    added = client.add_pet(body={"petType": "dog", "name": "Rex"})
    assert type(added.root if hasattr(added, "root") else added).__name__ == "Dog"
    stats = client.stats()
    assert isinstance(stats.count, int) and 0 <= stats.ratio <= 1
    assert client.get_pet(7, verbose=True) is not None
print("ok")
"""
    with example_server(server, contract, "variety", tmp_path / "server.log") as url:
        proc = _run(client, code, url)
    assert proc.returncode == 0, proc.stderr + (tmp_path / "server.log").read_text()[-3000:]


def test_client_retries_idempotent_calls_with_backoff_but_never_a_post(tmp_path, free_port):
    contract = tmp_path / "flaky.yaml"
    contract.write_text(
        "openapi: 3.0.3\ninfo: {title: Flaky, version: '1'}\npaths:\n  /thing:\n"
        "    get:\n      operationId: getThing\n      responses:\n        '200':\n          description: ok\n"
        "          content: {application/json: {schema: {type: object, properties: {n: {type: integer}}}}}\n"
        "    post:\n      operationId: makeThing\n      responses:\n        '201': {description: made}\n"
    )
    out = tmp_path / "client"
    assert accord("generate", "client", contract, "-o", out, "--package", "flaky").code == 0
    # a real HTTP server that fails twice with 503 before answering
    code = f"""
import threading, json
from http.server import BaseHTTPRequestHandler, HTTPServer
from flaky import ApiError, Client, Retry
hits = {{"GET": 0, "POST": 0}}
class H(BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def answer(self, method):
        hits[method] += 1
        if hits[method] <= 2:
            body = json.dumps({{"title": "Service Unavailable", "status": 503}}).encode()
            self.send_response(503); self.send_header("Content-Type", "application/problem+json")
        else:
            body = b'{{"n": 3}}'
            self.send_response(200); self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def do_GET(self): self.answer("GET")
    def do_POST(self): self.answer("POST")
server = HTTPServer(("127.0.0.1", {free_port}), H)
threading.Thread(target=server.serve_forever, daemon=True).start()
client = Client("http://127.0.0.1:{free_port}", retry=Retry(attempts=3, backoff=0.01))
assert client.get_thing().n == 3 and hits["GET"] == 3, hits
try:
    client.make_thing()
except ApiError as error:
    assert error.status_code == 503 and error.problem["title"] == "Service Unavailable"
assert hits["POST"] == 1, hits
print("ok")
"""
    proc = subprocess.run([sys.executable, "-c", code], cwd=out, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


def test_client_package_is_ruff_clean_and_deterministic(examples, tmp_path):
    first, second = generated("client", examples / "payments.yaml", "payclient"), tmp_path / "b"
    assert (
        accord("generate", "client", examples / "payments.yaml", "-o", second, "--package", "payclient").code
        == 0
    )
    assert {p.relative_to(first): p.read_bytes() for p in first.rglob("*") if p.is_file()} == {
        p.relative_to(second): p.read_bytes() for p in second.rglob("*") if p.is_file()
    }
    for args in (["check"], ["format", "--check"]):
        proc = subprocess.run(
            [sys.executable, "-m", "ruff", *args, "--isolated", "--no-cache", "."],
            cwd=first,
            capture_output=True,
        )
        assert proc.returncode == 0, proc.stdout.decode()


@pytest.mark.parametrize(
    ("source", "package"),
    [
        ("orders.yaml", "shopclient"),
        ("payments.yaml", "payclient"),
        ("inventory.json", "invclient"),
        ("variety.yaml", "zoo"),
        ("path-keys.yaml", "keysclient"),
    ],
)
def test_client_calls_every_operation_of_accord_mock_and_parses_every_response(
    examples, tmp_path, source, package
):
    contract = examples / source if (examples / source).exists() else FIXTURES / source
    out = generated("client", contract, package)
    with accord_mock(contract, tmp_path / "mock.log") as url:
        proc = subprocess.run(
            [sys.executable, "-c", CALL_EVERY_OPERATION, str(contract), package, url],
            cwd=out,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    count = len(load_contract(contract).operations)
    assert f"{count}/{count} operations called and parsed" in proc.stdout
