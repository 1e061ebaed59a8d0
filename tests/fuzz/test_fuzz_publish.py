"""`accord fuzz --publish`: the result reaches our broker as the provider's self-verified contract."""

from __future__ import annotations

import json

import httpx

from tests.broker.conftest import pact_cli
from tests.cli import accord

from .conftest import FIXTURES

CONTRACT = FIXTURES / "inventory.yaml"


def test_publish_the_fuzz_result_as_self_verification(broker):
    def fuzz(version: str, *extra: str):
        return accord(
            "fuzz", CONTRACT, "--app", "tests.fuzz.provider_app:app", "--seed", "1", "--max-examples", "5",
            "--publish", "--broker-url", broker, "--provider", "inventory",
            "--provider-version", version, "--provider-branch", "main", *extra,
        )  # fmt: skip

    failing = fuzz("3.0.0")
    assert failing.code == 1, failing.stdout + failing.stderr
    assert f"published self-verification (failed) of inventory 3.0.0 to {broker}" in failing.stderr
    stored = httpx.get(f"{broker}/provider-contracts/provider/inventory/version/3.0.0").json()
    assert (
        stored["_links"]["pb:pacticipant-version"]["href"]
        == f"{broker}/pacticipants/inventory/versions/3.0.0"
    )
    results = stored["selfVerificationResults"]
    assert results["success"] is False and results["verifier"] == "accord fuzz"
    assert results["contentType"] == "application/json"
    report = json.loads(results["content"])
    assert report["passed"] is False and report["summary"]["failed"] == 2
    contract = json.loads(stored["content"])  # the bundled contract: schemas.yaml is inlined
    assert contract["info"]["title"] == "Inventory (fuzz fixture)" and "schemas.yaml" not in stored["content"]
    assert stored["createdAt"].endswith("Z")  # RFC 3339 in UTC, as every other broker timestamp

    passing = fuzz("3.0.1", "--include", "GET /health")
    assert passing.code == 0, passing.stdout + passing.stderr
    stored = httpx.get(f"{broker}/provider-contracts/provider/inventory/version/3.0.1").json()
    assert stored["selfVerificationResults"]["success"] is True

    # the provider version exists in the broker, on its branch, for the official clients too
    described = pact_cli(broker, "describe-version", "--pacticipant", "inventory", "--version", "3.0.1",
                         "--output", "json")  # fmt: skip
    assert described.code == 0, described.stderr
    assert [b["name"] for b in json.loads(described.stdout)["_embedded"]["branchVersions"]] == ["main"]


def test_publish_needs_its_options_and_a_reachable_broker(free_port):
    base = ("fuzz", CONTRACT, "--app", "tests.fuzz.provider_app:app", "--include", "GET /health", "--publish")
    r = accord(*base, "--provider", "inventory", env={"PACT_BROKER_BASE_URL": ""})
    assert r.code == 2 and "--publish needs --broker-url, --provider-version" in r.stderr
    r = accord(*base, "--provider", "inventory", "--provider-version", "1", "--broker-url",
               f"http://127.0.0.1:{free_port}", "--max-examples", "3")  # fmt: skip
    assert r.code == 2 and "cannot publish" in r.stderr, r.stderr


def test_the_broker_rejects_a_contract_that_is_not_base64(broker):
    r = httpx.post(
        f"{broker}/provider-contracts/provider/inventory/publish",
        json={"pacticipantVersionNumber": "1", "contract": {"content": "é not base64"}},
    )
    assert r.status_code == 400 and r.headers["content-type"].startswith("application/problem+json")
    assert "contract.content" in r.json()["errors"]
