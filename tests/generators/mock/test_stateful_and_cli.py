"""Stateful collections, reload on change, and the `accord mock` command line."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from accord.generators.mock import mock_server

from tests.cli import accord


def test_stateful_collection_lifecycle(pets: Path) -> None:
    with mock_server(pets, stateful=True) as url:
        assert httpx.get(url + "/pets").json() == []
        created = httpx.post(url + "/pets", json={"name": "Rex", "kind": "dog"})
        assert created.status_code == 201
        pet = created.json()
        assert pet["name"] == "Rex" and pet["kind"] == "dog" and "bark" in pet
        location = created.headers["location"]
        assert location == f"/pets/{pet['id']}"
        assert httpx.get(url + location).json() == pet
        patched = httpx.patch(url + location, json={"name": "Max"})
        assert patched.json() == {**pet, "name": "Max"}
        assert httpx.get(url + "/pets").json() == [{**pet, "name": "Max"}]
        assert httpx.delete(url + location).status_code == 204
        gone = httpx.get(url + location)
        assert (gone.status_code, gone.json()) == (404, {"message": "no such pet"})


def test_stateful_create_sends_one_location_header() -> None:
    """orders.yaml declares a Location header on 201: the stateful one replaces the generated one."""
    orders = Path(__file__).resolve().parents[3] / "examples" / "contracts" / "orders.yaml"
    with mock_server(orders, stateful=True) as url:
        order = {"customerId": "c-1", "lines": [{"sku": "ABC-1", "quantity": 1}]}
        created = httpx.post(url + "/orders", json=order, headers={"Authorization": "Bearer t"})
        assert created.status_code == 201
        assert created.headers.get_list("location") == [f"/orders/{created.json()['id']}"]


def test_stateful_list_filters_by_query(pets: Path) -> None:
    with mock_server(pets, stateful=True) as url:
        httpx.post(url + "/pets", json={"name": "Rex", "kind": "dog"})
        httpx.post(url + "/pets", json={"name": "Tom", "kind": "cat"})
        cats = httpx.get(url + "/pets?kind=cat").json()
        assert [p["name"] for p in cats] == ["Tom"]


def test_watch_reloads_the_contract(tmp_path: Path, pets: Path) -> None:
    contract = tmp_path / "pets.yaml"
    shutil.copy(pets, contract)
    with mock_server(contract, watch=True) as url:
        assert httpx.get(url + "/kennels").status_code == 404
        time.sleep(0.3)
        text = contract.read_text().replace(
            "  /search:",
            "  /kennels:\n    get:\n      responses:\n        '204': {description: ok}\n  /search:",
        )
        contract.write_text(text)
        for _ in range(50):
            if httpx.get(url + "/kennels").status_code == 204:
                break
            time.sleep(0.1)
        assert httpx.get(url + "/kennels").status_code == 204
        contract.write_text("openapi: 3.0.3\ninfo: [broken")  # a broken edit keeps the last good contract
        time.sleep(1)
        assert httpx.get(url + "/kennels").status_code == 204


def test_strict_refuses_an_invalid_contract_before_binding(tmp_path: Path, free_port: int) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("openapi: 3.0.3\ninfo: {title: t}\npaths: {}\n")
    result = accord("mock", bad, "--strict", "--port", free_port, timeout=60)
    assert result.code == 2
    assert result.stderr.startswith("accord: ") and "bad.yaml" in result.stderr and "version" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    with socket.socket() as s:  # the port was never bound
        s.bind(("127.0.0.1", free_port))


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("openapi: 3.0.3\ninfo: {title: t}\npaths: {}\n", "no operation to serve"),
        ("openapi: 3.1.0\ninfo: {title: t, version: '1'}\nwebhooks: {}\n", "no operation to serve"),
        ("openapi: 3.0.3\ninfo: [broken", "malformed YAML"),
        ("title: not a contract\n", "not an OpenAPI or AsyncAPI document"),
    ],
)
def test_what_cannot_be_served_exits_2_with_one_line(
    tmp_path: Path, free_port: int, text: str, problem: str
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    result = accord("mock", bad, "--port", free_port, timeout=60)
    assert result.code == 2
    assert result.stderr.startswith("accord: ") and problem in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_port_in_use_is_a_clear_message(pets: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = accord("mock", pets, "--port", port, timeout=60)
    assert result.code == 2
    assert result.stderr.strip() == f"accord: cannot listen on 127.0.0.1:{port}: the port is already in use"


def test_cli_serves_and_logs_each_request(pets: Path, free_port: int) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "accord", "mock", str(pets), "--port", str(free_port), "--seed", "3"],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ},
    )
    try:
        banner = proc.stderr.readline()
        assert f"http://127.0.0.1:{free_port}" in banner
        response = httpx.get(f"http://127.0.0.1:{free_port}/pets/2?x=1")
        assert response.status_code == 200
        line = proc.stderr.readline()
        assert line.startswith("GET /pets/2?x=1 200 ") and line.rstrip().endswith("generated")
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(10)
