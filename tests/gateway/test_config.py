"""Bad configurations fail with one line (exit 2) before anything listens; a good one serves."""

from __future__ import annotations

import json
import socket

import httpx
import pytest

from tests.cli import accord
from tests.gateway.conftest import ORDERS, api
from tests.gateway.servers import GatewayProcess, write_config
from tests.servers import free_port


def run_bad(tmp_path, config: dict) -> str:
    port = free_port()
    result = accord("gateway", "--config", write_config(tmp_path, config), "--port", port, timeout=60)
    assert result.code == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    with pytest.raises(OSError):  # nothing was left listening
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
    return lines[0]


def test_missing_contract(tmp_path):
    config = {
        "apis": [{"name": "orders", "versions": {"1": {"contract": "nope.yaml", "upstream": "http://x"}}}]
    }
    line = run_bad(tmp_path, config)
    assert "gateway.yaml" in line and "apis.orders.versions.1" in line and "nope.yaml does not exist" in line


def test_unknown_operation(tmp_path):
    config = {
        "apis": [
            api("http://127.0.0.1:1", rate_limits=[{"limits": ["1/second"], "operations": ["shipOrder"]}])
        ]
    }
    line = run_bad(tmp_path, config)
    assert "apis.orders.rate_limits.0" in line and "unknown operation 'shipOrder'" in line


@pytest.mark.parametrize("stated", ["20300101", "2030-01-01 10:00:00", "soon"])
def test_deprecated_at_is_an_rfc_3339_date(tmp_path, stated):
    config = {
        "apis": [api("http://127.0.0.1:1", version={"deprecation": {"deprecated_at": {"getOrder": stated}}})]
    }
    line = run_bad(tmp_path, config)
    assert "apis.0.versions.1.deprecation.deprecated_at" in line
    assert (
        f"getOrder: {stated} is not an RFC 3339 date (2030-01-01) or date-time (2030-01-01T10:00:00Z)" in line
    )


def test_bad_rate_string(tmp_path):
    config = {"apis": [api("http://127.0.0.1:1", rate_limits=[{"limits": ["10/parsec"]}])]}
    line = run_bad(tmp_path, config)
    assert "'10/parsec' is not a rate" in line


def test_unreachable_redis(tmp_path):
    config = {
        "rate_limits": {"storage": f"redis://127.0.0.1:{free_port()}/0"},
        "apis": [api("http://127.0.0.1:1", rate_limits=[{"limits": ["10/second"]}])],
    }
    line = run_bad(tmp_path, config)
    assert "rate-limit storage redis://127.0.0.1:" in line and "not reachable" in line


def test_schema_mistakes_name_the_setting(tmp_path):
    config = {
        "apis": [{"name": "orders", "versions": {"1": {"contract": str(ORDERS), "upstream": "ftp://x"}}}]
    }
    line = run_bad(tmp_path, config)
    assert "apis.0.versions.1.upstream" in line and "http:// or https://" in line


def test_busy_port(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        config = write_config(tmp_path, {"apis": [api("http://127.0.0.1:1")]})
        result = accord("gateway", "--config", config, "--port", port, timeout=60)
    assert result.code == 2
    assert result.stderr.strip() == f"accord: cannot listen on 127.0.0.1:{port}: the port is already in use"


def test_cli_serves_and_logs_one_json_line_per_request(tmp_path, upstream):
    with GatewayProcess(write_config(tmp_path, {"apis": [api(upstream.url)]}), None, "--no-watch") as gw:
        response = httpx.get(gw.url + "/orders", headers={"X-Request-Id": "abc-1"})
        assert response.status_code == 200
        assert httpx.get(gw.url + "/-/ready").json() == {"status": "ready", "checks": {"config": True}}
        lines = [json.loads(line) for line in gw.stdout().splitlines() if line.startswith("{")]
    entry = next(line for line in lines if line["request_id"] == "abc-1")
    assert entry["method"] == "GET" and entry["path"] == "/orders" and entry["status"] == 200
    assert entry["api"] == "orders" and entry["version"] == "1" and entry["client"] == "127.0.0.1"
    assert entry["duration_ms"] >= 0
