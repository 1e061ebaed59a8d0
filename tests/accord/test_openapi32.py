"""OpenAPI 3.2 end to end: examples/openapi-3.2 through validate, lint, diff, mock, generate and the
gateway, each as a user runs it (the CLI in a subprocess, real HTTP, generated code in its own process)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from tests.cli import accord
from tests.gateway.servers import GatewayProcess, write_config
from tests.generators.roundtrip import accord_mock, free_port, serving

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "openapi-3.2"
CONTRACT, CHANGED = EXAMPLE / "orders.yaml", EXAMPLE / "orders-v2.yaml"
ORDER_FIELDS = {"id", "status", "total"}


def _broken(tmp_path: Path, change) -> Path:
    """A copy of the example changed by `change(document)`."""
    document = yaml.safe_load(CONTRACT.read_text())
    change(document)
    path = tmp_path / "orders.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    return path


# -- validate ---------------------------------------------------------------------------------------
def test_validate_accepts_the_example_and_its_changed_copy() -> None:
    result = accord("validate", "--format", "json", CONTRACT, CHANGED)
    assert result.code == 0, result.stdout + result.stderr
    files = json.loads(result.stdout)["files"]
    assert [(f["kind"], f["version"], f["valid"]) for f in files] == [("openapi", "3.2.0", True)] * 2


def test_validate_refuses_a_tag_parent_cycle_and_an_unknown_parent_with_their_lines(tmp_path: Path) -> None:
    def change(document: dict) -> None:
        document["tags"][0]["parent"] = "streams"  # orders -> streams -> orders
        document["tags"].append({"name": "beta", "parent": "nowhere"})

    result = accord("validate", _broken(tmp_path, change))
    assert result.code == 1, result.stdout + result.stderr
    assert "Tag 'beta' references unknown parent tag 'nowhere' (at /tags/3/parent)" in result.stdout
    assert "Circular tag hierarchy detected: orders -> streams -> orders (at /tags/0/parent)" in result.stdout
    assert "orders.yaml:" in result.stdout and "Traceback" not in result.stderr


def test_an_openapi_version_after_3_2_is_one_clear_line(tmp_path: Path) -> None:
    path = _broken(tmp_path, lambda document: document.update(openapi="3.3.0"))
    result = accord("validate", path)
    assert result.code == 2
    assert "unsupported openapi version '3.3.0' (supported: 3.0, 3.1, 3.2)" in result.stderr


# -- lint -------------------------------------------------------------------------------------------
def test_lint_finds_nothing_in_the_example() -> None:
    result = accord("lint", CONTRACT, CHANGED, "-f", "json")
    assert result.code == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["findings"] == []


def test_lint_reports_the_3_2_rules_on_a_broken_copy(tmp_path: Path) -> None:
    def change(document: dict) -> None:
        listing = document["paths"]["/orders"]["get"]
        listing["parameters"].append({"name": "page", "in": "query", "schema": {"type": "integer"}})
        search = document["paths"]["/orders"]["query"]["responses"]["200"]["content"]["application/json"]
        search["itemSchema"] = {"$ref": "#/components/schemas/Order"}
        document["tags"][2]["parent"] = "order"

    result = accord("lint", _broken(tmp_path, change), "-f", "json")
    assert result.code == 1, result.stdout + result.stderr
    found = {(f["rule"], f["pointer"]) for f in json.loads(result.stdout)["findings"]}
    assert {
        ("oas3_2-querystring-exclusive", "/paths/~1orders/get/parameters/1"),
        (
            "oas3_2-item-schema-sequential",
            "/paths/~1orders/query/responses/200/content/application~1json/itemSchema",
        ),
        ("oas3_2-tag-parent-defined", "/tags/2/parent"),
    } <= found


# -- diff -------------------------------------------------------------------------------------------
def test_diff_classifies_a_change_to_each_new_field() -> None:
    result = accord("diff", CONTRACT, CHANGED, "--format", "json")
    assert result.code == 1, result.stdout + result.stderr  # breaking changes
    found = {(c["id"], c["level"], c.get("operation")) for c in json.loads(result.stdout)["changes"]}
    assert found == {
        ("endpoint-removed-without-deprecation", "ERR", "COPY /orders/{orderId}"),  # additionalOperations
        ("request-parameter-max-decreased", "ERR", "GET /orders"),  # in: querystring
        ("request-property-max-decreased", "ERR", "QUERY /orders"),  # the QUERY body
        ("response-property-enum-value-added", "WARN", "GET /orders/events"),  # itemSchema
        ("document-self-changed", "WARN", None),
        ("security-scheme-oauth-url-changed", "WARN", None),  # deviceAuthorizationUrl
        ("security-scheme-reactivated", "INFO", None),  # deprecated on a security scheme
        ("tag-kind-changed", "INFO", None),
        ("tag-parent-changed", "INFO", None),
    }


# -- mock -------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def mock(tmp_path_factory) -> Iterator[str]:
    with accord_mock(CONTRACT, tmp_path_factory.mktemp("mock") / "mock.log") as url:
        yield url


def test_the_mock_streams_server_sent_events_read_as_they_arrive(mock: str) -> None:
    events, chunks = [], 0
    with httpx.stream("GET", mock + "/orders/events", timeout=10) as response:
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/event-stream"
        assert "content-length" not in response.headers
        event: dict[str, str] = {}
        for chunk in response.iter_raw():
            chunks += 1
            for line in chunk.decode().split("\n"):
                if not line and event:
                    events.append(event)
                    event = {}
                elif line:
                    name, _, value = line.partition(": ")
                    event[name] = value
    assert len(events) >= 2 and chunks >= 2  # one chunk per event, not one body
    for event in events:
        assert event["event"] in ("created", "shipped", "cancelled")
        assert set(json.loads(event["data"])) == ORDER_FIELDS  # contentSchema: an Order as JSON


def test_the_mock_streams_json_lines(mock: str) -> None:
    with httpx.stream("GET", mock + "/orders/export", timeout=10) as response:
        assert response.headers["content-type"] == "application/jsonl"
        lines = [json.loads(line) for line in response.iter_lines() if line]
    assert len(lines) >= 2 and all(set(line) == ORDER_FIELDS for line in lines)


def test_the_mock_answers_query_and_validates_its_body_and_the_whole_query_string(mock: str) -> None:
    found = httpx.request("QUERY", mock + "/orders", json={"status": "open", "limit": 2})
    assert found.status_code == 200 and "orders" in found.json()
    refused = httpx.request("QUERY", mock + "/orders", json={"status": "lost"})
    assert refused.status_code == 400  # the contract's own 400 for an invalid filter
    assert refused.json()["errors"][0]["pointer"] == "/status"
    assert httpx.get(mock + "/orders", params={"status": "open", "limit": 5}).status_code == 200
    wrong = httpx.get(mock + "/orders", params={"limit": 500})
    assert wrong.status_code == 422
    assert wrong.json()["errors"] == [
        {
            "location": "querystring",
            "pointer": "/filter/limit",
            "message": "500 is greater than the maximum of 100",
        }
    ]
    assert httpx.request("COPY", mock + "/orders/o-1").status_code == 201


# -- generate ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """The generated server (with the example's handlers) and client, side by side."""
    out = tmp_path_factory.mktemp("generated")
    for kind, package in (("server", "orders_api"), ("client", "orders_client")):
        result = accord("generate", kind, CONTRACT, "-o", out, "--package", package)
        assert result.code == 0, result.stderr
    for handler in (EXAMPLE / "services").glob("*.py"):
        shutil.copy(handler, out / "services" / handler.name)
    return out


@pytest.fixture(scope="module")
def server(generated: Path) -> Iterator[str]:
    port = free_port()
    args = [sys.executable, "-m", "uvicorn", "orders_api.main:app", "--port", str(port)]
    with serving(args, generated, generated / "server.log", port) as url:
        yield url


def test_the_generated_server_answers_query_over_http(server: str) -> None:
    found = httpx.request("QUERY", server + "/orders", json={"status": "open"})
    assert found.status_code == 200
    assert [order["id"] for order in found.json()["orders"]] == ["o-1", "o-3"]
    assert httpx.request("QUERY", server + "/orders", json={"status": "lost"}).status_code == 400
    listed = httpx.get(server + "/orders", params={"status": "shipped"})  # the whole query string
    assert [order["id"] for order in listed.json()["orders"]] == ["o-2"]
    copied = httpx.request("COPY", server + "/orders/o-2")
    assert copied.status_code == 201 and copied.json()["id"] == "o-2-copy"


CLIENT_CALLS = """
import asyncio, json, sys
from orders_client import AsyncClient, Client, models

url = sys.argv[1]
with Client(url, timeout=5) as client:
    found = client.search_orders(body=models.OrderFilter(status="open"))
    print(json.dumps({"query": [order.id for order in found.orders]}))
    listed = client.list_orders(filter=models.OrderFilter(status="cancelled", limit=1))
    print(json.dumps({"querystring": [order.id for order in listed.orders]}))
    events = list(client.stream_order_events())
    print(json.dumps({"events": [[e.event.value, json.loads(e.data)["id"]] for e in events]}))
    print(json.dumps({"lines": [order.id for order in client.export_orders()]}))
    print(json.dumps({"copy": client.copy_order("o-1").id}))

async def main():
    async with AsyncClient(url, timeout=5) as client:
        print(json.dumps({"async lines": [order.id async for order in client.export_orders()]}))

asyncio.run(main())
"""


def test_the_generated_client_calls_query_and_reads_streams_from_the_generated_server(
    generated: Path, server: str
) -> None:
    run = subprocess.run(
        [sys.executable, "-c", CLIENT_CALLS, server],
        cwd=generated,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    answers = {key: value for line in run.stdout.splitlines() for key, value in json.loads(line).items()}
    assert answers == {
        "query": ["o-1", "o-3"],
        "querystring": ["o-4"],
        "events": [["created", "o-1"], ["shipped", "o-2"], ["created", "o-3"], ["cancelled", "o-4"]],
        "lines": ["o-1", "o-2", "o-3", "o-4"],
        "copy": "o-1-copy",
        "async lines": ["o-1", "o-2", "o-3", "o-4"],
    }


# -- gateway ----------------------------------------------------------------------------------------
def test_the_gateway_routes_and_validates_query_and_passes_streams_through(
    tmp_path: Path, server: str
) -> None:
    version = {
        "contract": str(CONTRACT),
        "upstream": server,
        "validation": {"requests": "enforce", "responses": "report"},
    }
    config = write_config(
        tmp_path, {"apis": [{"name": "orders", "unknown_operations": "strict", "versions": {"1": version}}]}
    )
    with GatewayProcess(config) as gateway:
        found = httpx.request("QUERY", gateway.url + "/orders", json={"status": "shipped"})
        assert found.status_code == 200 and [o["id"] for o in found.json()["orders"]] == ["o-2"]
        refused = httpx.request("QUERY", gateway.url + "/orders", json={"status": "lost"})
        assert refused.status_code == 422 and refused.headers["content-type"] == "application/problem+json"
        assert refused.json()["errors"][0]["pointer"] == "/status"
        assert httpx.get(gateway.url + "/orders", params={"limit": 500}).status_code == 400
        assert httpx.request("MOVE", gateway.url + "/orders/o-1").status_code == 405
        with httpx.stream("GET", gateway.url + "/orders/events", timeout=10) as response:
            body = b"".join(response.iter_raw())
        assert response.status_code == 200 and body.count(b"\n\n") == 4
        assert httpx.get(gateway.url + "/orders/export").status_code == 200
        logged = gateway.stderr()
    # responses are checked (report): the streamed events and lines match their itemSchema
    assert not [line for line in logged.splitlines() if "response" in line and "does not match" in line]
