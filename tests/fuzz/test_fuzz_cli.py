"""`accord fuzz` against a small provider with a planted server error and a planted schema violation."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

from tests.cli import accord

from .conftest import FIXTURES
from .provider_app import app, secured_app

CONTRACT = FIXTURES / "inventory.yaml"  # refers to schemas.yaml: loaded bundled


def _junit_failures(path) -> dict[str, list[str]]:
    root = ET.parse(path).getroot()
    return {
        suite.get("name"): [case.get("name") for case in suite if case.find("failure") is not None]
        for suite in root.iter("testsuite")
    }


def test_fuzz_over_http_reports_the_planted_bug_and_schema_violation(serve, tmp_path):
    url = serve(app)
    junit, report = tmp_path / "fuzz.xml", tmp_path / "fuzz.json"
    r = accord(
        "fuzz", CONTRACT, "--url", url, "--seed", "7", "--max-examples", "15",
        "--junit", junit, "--report-json", report,
    )  # fmt: skip
    assert r.code == 1, r.stdout + r.stderr
    # the server error, with a curl command that reproduces it against the real server
    assert "FAILED GET /items\n" in r.stdout
    assert "not_a_server_error [ST101] Server error (HTTP 500" in r.stdout
    assert f"curl -X GET '{url}/items?limit=0'" in r.stdout
    # the schema violation
    assert "response_schema_conformance [ST108] Response violates schema (HTTP 200" in r.stdout
    assert f"curl -X GET {url}/items/" in r.stdout
    assert "PASS  POST /items" in r.stdout and "PASS  GET /health" in r.stdout
    assert "seed 7" in r.stdout

    failures = _junit_failures(junit)
    assert "not_a_server_error" in failures["GET /items"]
    assert failures["GET /items/{itemId}"] == ["response_schema_conformance"]
    assert failures["POST /items"] == [] and failures["GET /health"] == []

    document = json.loads(report.read_text())
    assert document["passed"] is False and document["seed"] == 7 and document["target"] == url
    assert document["summary"]["failed"] == 2 and document["summary"]["passed"] == 2
    by_op = {op["operation"]: op for op in document["operations"]}
    server_error = next(f for f in by_op["GET /items"]["failures"] if f["check"] == "not_a_server_error")
    assert server_error["status_code"] == 500 and "limit=0" in server_error["curl"]


def test_fuzz_in_process_app_finds_the_same_faults(monkeypatch):
    r = accord(
        "fuzz", CONTRACT, "--app", "tests.fuzz.provider_app:app", "--seed", "3", "--max-examples", "10",
        "--format", "json", "--phases", "coverage,fuzzing", "--workers", "2",
    )  # fmt: skip
    assert r.code == 1, r.stderr
    document = json.loads(r.stdout)
    status = {op["operation"]: op["status"] for op in document["operations"]}
    assert status == {
        "GET /items": "failed",
        "POST /items": "passed",
        "GET /items/{itemId}": "failed",
        "GET /health": "passed",
    }
    checks = {f["check"] for op in document["operations"] for f in op["failures"]}
    assert {"not_a_server_error", "response_schema_conformance"} <= checks
    assert document["phases"] == ["coverage", "fuzzing"]
    # an in-process crash is answered 500 as a real server would, reproducible with curl
    crash = next(
        f for op in document["operations"] for f in op["failures"] if f["check"] == "not_a_server_error"
    )
    assert crash["curl"].startswith("curl -X GET ") and "ZeroDivisionError" not in r.stderr


def test_filters_and_checks_narrow_the_run():
    r = accord(
        "fuzz", CONTRACT, "--app", "tests.fuzz.provider_app:app", "--seed", "1", "--max-examples", "5",
        "--include", "tag:items", "--exclude", "GET /items", "--checks", "not_a_server_error",
    )  # fmt: skip
    # GET /items/{itemId} only violates its schema, and that check is not selected
    assert r.code == 0, r.stdout + r.stderr
    assert "PASS  POST /items" in r.stdout and "PASS  GET /items/{itemId}" in r.stdout
    assert "GET /health" not in r.stdout and "GET /items\n" not in r.stdout


def test_auth_header_is_sent(serve):
    url = serve(secured_app)
    args = ("fuzz", CONTRACT, "--url", url, "--include", "health", "--max-examples", "5", "--seed", "1")
    without = accord(*args)
    assert without.code == 1 and "status_code_conformance" in without.stdout
    with_header = accord(*args, "-H", "Authorization: Bearer s3cret")
    assert with_header.code == 0, with_header.stdout
    assert "PASS  GET /health" in with_header.stdout


def test_wsgi_app():
    r = accord(
        "fuzz", CONTRACT, "--app", "tests.fuzz.provider_app:wsgi_app", "--include", "GET /health",
        "--max-examples", "5",
    )  # fmt: skip
    assert r.code == 0, r.stdout + r.stderr
    assert "1 operation(s): 1 passed" in r.stdout


def test_bad_input_exits_2(examples, tmp_path):
    no_operations = tmp_path / "no-operations.yaml"
    no_operations.write_text("openapi: 3.1.0\ninfo: {title: Nothing, version: '1'}\npaths: {}\n")
    cases = [
        (("fuzz", CONTRACT), "exactly one of --url"),
        (("fuzz", CONTRACT, "--url", "http://x", "--app", "a:b"), "exactly one of --url"),
        (("fuzz", CONTRACT, "--app", "tests.fuzz.provider_app:app", "--checks", "nonsense"), "unknown check"),
        (("fuzz", CONTRACT, "--app", "tests.fuzz.provider_app:app", "--phases", "warp"), "unknown phase"),
        (("fuzz", CONTRACT, "--app", "no_such_module_xyz:app"), "cannot import"),
        (
            ("fuzz", CONTRACT, "--app", "tests.fuzz.provider_app:app", "--include", "GET /nope"),
            "no operation matches",
        ),
        (
            (
                "fuzz",
                CONTRACT,
                "--app",
                "tests.fuzz.provider_app:app",
                "--include",
                "GET /health",
                "--exclude",
                "/health",
            ),
            "the filters leave no operation to fuzz",
        ),
        (
            ("fuzz", no_operations, "--app", "tests.fuzz.provider_app:app"),
            "the contract has no operation to fuzz",
        ),
        (
            ("fuzz", examples / "order-events.yaml", "--url", "http://127.0.0.1:9"),
            "needs an OpenAPI contract",
        ),
        (("fuzz", CONTRACT, "--url", "http://127.0.0.1:9"), "cannot connect"),
        (("fuzz", tmp_path / "missing.yaml", "--url", "http://127.0.0.1:9"), "missing.yaml"),
    ]
    for args, message in cases:
        r = accord(*args)
        assert r.code == 2, (args, r.stdout, r.stderr)
        assert message in r.stderr and r.stderr.count("\n") == 1, (args, r.stderr)


def test_stateful_phase_follows_openapi_links():
    """POST /items links to GET /items/{itemId} with the created id: the stateful phase chains them."""
    r = accord(
        "fuzz", CONTRACT, "--app", "tests.fuzz.provider_app:app", "--seed", "3", "--max-examples", "10",
        "--phases", "stateful", "--format", "json",
    )  # fmt: skip
    assert r.code == 1, r.stderr
    ops = {op["operation"]: op for op in json.loads(r.stdout)["operations"]}
    [failure] = ops["GET /items/{itemId}"]["failures"]
    assert failure["phase"] == "stateful" and failure["check"] == "response_schema_conformance"
    assert failure["curl"].count("curl -X") >= 2  # the whole sequence that reproduces it
    assert ops["POST /items"]["status"] == "passed"


def test_every_operation_skipped_is_not_a_pass():
    """GET /health has no OpenAPI links: the stateful phase alone tests nothing, and says so."""
    r = accord(
        "fuzz", CONTRACT, "--app", "tests.fuzz.provider_app:app", "--phases", "stateful",
        "--include", "GET /health", "--max-examples", "5", "--format", "json",
    )  # fmt: skip
    assert r.code == 1, r.stdout + r.stderr
    document = json.loads(r.stdout)
    assert document["passed"] is False and document["summary"]["skipped"] == 1
    assert r.stderr.strip() == "accord fuzz: every operation was skipped: nothing was tested"
