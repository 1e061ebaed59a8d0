"""`accord verify` with pact files written by a pact-python consumer test, against a real uvicorn provider."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from xml.etree import ElementTree as ET

import pytest

from tests.cli import accord

from .consumer_pacts import write_inventory_pact
from .pact_provider import make_app


@pytest.fixture(scope="module")
def pact_file(tmp_path_factory):
    return write_inventory_pact(tmp_path_factory.mktemp("pacts"))


def test_verifies_with_a_state_url(serve, tmp_path, pact_file):
    url = serve(make_app(tmp_path / "store.json"))
    r = accord(
        "verify", "--provider", "inventory", "--url", url, "--pact", pact_file,
        "--state-url", f"{url}/_pact/provider-states",
    )  # fmt: skip
    assert r.code == 0, r.stdout + r.stderr
    assert "Given item 42 exists" in r.stdout and "has a matching body (OK)" in r.stdout
    assert "accord verify: inventory verified: 2 interaction(s), 0 failed" in r.stdout


def test_state_handler_callable_and_why_states_matter(serve, tmp_path, pact_file):
    store = tmp_path / "store.json"
    url = serve(make_app(store))
    base = ("verify", "--provider", "inventory", "--url", url, "--pact", pact_file.parent)
    # without provider states item 42 does not exist: the provider answers 404
    without = accord(*base)
    assert without.code == 1
    assert "accord verify: inventory FAILED: 2 interaction(s), 1 failed" in without.stdout
    with_handler = accord(
        *base, "--state-handler", "tests.fuzz.pact_provider:setup_state", env={"INVENTORY_STORE": str(store)}
    )
    assert with_handler.code == 0, with_handler.stdout + with_handler.stderr
    assert json.loads(store.read_text()) == {}  # torn down after the interaction


def test_broken_provider_fails_with_the_mismatch(serve, tmp_path, pact_file):
    url = serve(make_app(tmp_path / "store.json", broken=True))
    r = accord(
        "verify", "--provider", "inventory", "--url", url, "--pact", pact_file,
        "--state-url", f"{url}/_pact/provider-states", "--format", "json", "--junit", tmp_path / "pact.xml",
    )  # fmt: skip
    assert r.code == 1, r.stderr
    suite = ET.parse(tmp_path / "pact.xml").getroot().find("testsuite")
    assert suite.get("name") == "inventory-web" and suite.get("failures") == "1"
    assert "$.id" in suite.find("testcase/failure").get("message")
    document = json.loads(r.stdout)  # stdout is only the JSON: the verifier's report went to stderr
    assert document["passed"] is False and document["summary"] == {
        "interactions": 2,
        "failed": 1,
        "pending_failed": 0,
    }
    failed = next(i for i in document["interactions"] if i["result"] == "failed")
    assert failed["description"] == "a request for item 42" and failed["provider_states"] == [
        "item 42 exists"
    ]
    assert failed["mismatches"][0]["path"] == "$.id"
    assert "to be an integer" in failed["mismatches"][0]["message"]
    assert "Verifying a pact between inventory-web and inventory" in r.stderr


def test_bad_input_exits_2(serve, tmp_path, pact_file, free_port):
    url = serve(make_app(tmp_path / "store.json"))
    base = ("verify", "--provider", "inventory", "--url", url)
    cases = [
        (base, "give pacts with --pact"),
        (
            (
                "verify",
                "--provider",
                "inventory",
                "--url",
                f"http://127.0.0.1:{free_port}",
                "--pact",
                pact_file,
            ),
            "cannot connect",
        ),
        ((*base, "--pact", tmp_path / "nope.json"), "no such file"),
        (
            (*base, "--pact", pact_file, "--publish", "--provider-version", "1"),
            "--publish needs pacts from a broker",
        ),
        ((*base, "--pact", pact_file, "--selector", "mainBranch"), "expected key=value"),
        ((*base, "--broker-url", url, "--selector", "colour=blue"), "unknown selector key 'colour'"),
        ((*base, "--broker-url", url, "--consumer-version-selectors", "{nope"), "not JSON"),
        ((*base, "--pact", pact_file, "--state-handler", "tests.fuzz.pact_provider:nothing"), "no attribute"),
    ]
    for args, message in cases:
        r = accord(*args, env={"PACT_BROKER_BASE_URL": ""})
        assert r.code == 2, (args, r.stdout, r.stderr)
        assert message in r.stderr and "Traceback" not in r.stderr, (args, r.stderr)


def _one_line(r) -> str:
    """Nothing verified: exactly one line, on stderr, and no verifier report or traceback around it."""
    assert r.stdout == "" and r.stderr.count("\n") == 1, (r.stdout, r.stderr)
    return r.stderr


def test_no_pact_for_the_provider_fails_with_one_line(serve, tmp_path, pact_file):
    url = serve(make_app(tmp_path / "store.json"))
    empty = tmp_path / "empty"
    empty.mkdir()
    cases = [
        (
            ("--provider", "inventory", "--pact", empty),
            f"no pact with interactions for provider 'inventory' in {empty}",
        ),
        (
            ("--provider", "inventroy", "--pact", pact_file),
            "no pact with interactions for provider 'inventroy' in",
        ),
        (
            ("--provider", "inventroy", "--pact", pact_file.parent),
            "no pact with interactions for provider 'inventroy' in",
        ),
    ]
    for args, message in cases:
        junit = tmp_path / "verify.xml"
        r = accord("verify", "--url", url, *args, "--junit", junit, env={"PACT_BROKER_BASE_URL": ""})
        assert r.code == 1, (args, r.stdout, r.stderr)
        assert message in _one_line(r) and "nothing was verified" in r.stderr, r.stderr
        report = ET.parse(junit).getroot()  # a failing test case, not an empty (green) report
        assert report.get("failures") == "1" and "nothing was verified" in report.find(".//failure").text
        ignored = accord(
            "verify", "--url", url, *args, "--ignore-no-pacts-error", env={"PACT_BROKER_BASE_URL": ""}
        )
        assert ignored.code == 0, (args, ignored.stdout, ignored.stderr)
        assert "ignored: --ignore-no-pacts-error" in _one_line(ignored)


def test_a_pact_without_interactions_verifies_nothing(serve, tmp_path, pact_file):
    document = json.loads(pact_file.read_text())
    document["interactions"] = []
    empty_pact = tmp_path / "empty-pact.json"
    empty_pact.write_text(json.dumps(document))
    url = serve(make_app(tmp_path / "store.json"))
    r = accord("verify", "--provider", "inventory", "--url", url, "--pact", empty_pact, "--format", "json")
    assert r.code == 1, (r.stdout, r.stderr)
    document = json.loads(r.stdout)
    assert document["passed"] is False and document["summary"]["interactions"] == 0
    assert "nothing was verified" in document["no_pacts"] and "nothing was verified" in r.stderr


def test_pact_telemetry_is_off_unless_asked_for(serve, tmp_path, pact_file):
    """Without PACT_DO_NOT_TRACK in the environment, accord still keeps Pact's usage tracking off."""
    url = serve(make_app(tmp_path / "store.json"))
    environment = {name: value for name, value in os.environ.items() if name != "PACT_DO_NOT_TRACK"}
    args = ("verify", "--provider", "inventory", "--url", url, "--pact", pact_file,
            "--state-url", f"{url}/_pact/provider-states")  # fmt: skip
    run = subprocess.run(
        [sys.executable, "-m", "accord", *map(str, args)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Verifying a pact between" in run.stdout
    assert "tracking" not in run.stdout + run.stderr
