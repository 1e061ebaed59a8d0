"""Discovery over real HTTP: shadow endpoints with inferred templates, contract coverage, the endpoint's
protection, bounded memory, and `accord gateway report` live and from a real access log."""

from __future__ import annotations

import json

import httpx
import pytest
import yaml

from tests.cli import accord
from tests.gateway.conftest import api
from tests.gateway.servers import GatewayProcess, write_config

UUID = "3f2c1a9e-5b7d-4c8e-9f10-2a3b4c5d6e7f"


def shadow_traffic(url: str) -> None:
    """Two shadow shapes, one contract operation in two statuses, one in one."""
    for path in ("/v1/orders/123/notes", "/v1/orders/456/notes", "/internal/health", "/internal/health"):
        httpx.get(url + path)
    httpx.get(url + "/orders")
    httpx.get(url + f"/orders/{UUID}")
    httpx.get(url + f"/orders/{UUID}?answer=404")
    httpx.get(url + f"/orders/{UUID}?answer=418")


def shapes(snapshot: dict) -> dict[tuple[str, str], int]:
    return {(s["method"], s["template"]): s["count"] for s in snapshot["shadow"]}


@pytest.mark.parametrize("mode", ["pass", "strict"])
def test_shadow_endpoints_are_reported_with_templates(upstream, gateway, mode):
    gw = gateway({"apis": [api(upstream.url, unknown_operations=mode)]})
    shadow_traffic(gw.url)
    snapshot = httpx.get(gw.url + "/__accord/discovery").json()
    assert shapes(snapshot) == {("GET", "/v1/orders/{id}/notes"): 2, ("GET", "/internal/health"): 2}
    notes = next(s for s in snapshot["shadow"] if s["template"] == "/v1/orders/{id}/notes")
    assert notes["clients"] == ["127.0.0.1"]
    assert notes["first_seen"] <= notes["last_seen"]
    assert notes["parameter_kinds"] == {"id": ["integer"]}
    # refused (strict: the gateway's 404) or passed (the upstream's 200): counted either way
    assert notes["statuses"] == ({"200": 2} if mode == "pass" else {"404": 2})


def test_coverage_of_a_contract(upstream, gateway):
    gw = gateway({"apis": [api(upstream.url)]})
    shadow_traffic(gw.url)
    (contract,) = httpx.get(gw.url + "/__accord/discovery").json()["coverage"]
    assert (contract["api"], contract["version"]) == ("orders", "1")
    assert contract["contract"].endswith("orders.yaml")
    assert (contract["operations_seen"], contract["operations_total"], contract["coverage"]) == (2, 4, 0.5)
    ops = {op["operation"]: op for op in contract["operations"]}
    assert ops["getOrder"]["statuses_seen"] == {"200": 1, "404": 1, "418": 1}
    assert ops["getOrder"]["statuses_documented"] == ["200", "404"]
    assert ops["getOrder"]["documented_exercised"] == ["200", "404"]
    assert ops["getOrder"]["undocumented_seen"] == ["418"]
    assert ops["listOrders"]["documented_exercised"] == ["200"]
    assert ops["placeOrder"]["requests"] == 0 and ops["cancelOrder"]["statuses_seen"] == {}


def test_a_position_with_many_values_becomes_a_parameter(upstream, gateway):
    gw = gateway({"discovery": {"values_per_position": 3}, "apis": [api(upstream.url)]})
    for name in ("daily", "weekly", "monthly"):
        httpx.get(gw.url + f"/reports/{name}/pdf")
    assert set(shapes(httpx.get(gw.url + "/__accord/discovery").json())) == {
        ("GET", "/reports/daily/pdf"),
        ("GET", "/reports/weekly/pdf"),
        ("GET", "/reports/monthly/pdf"),
    }
    httpx.get(gw.url + "/reports/yearly/pdf")  # the fourth distinct value: the position is a parameter
    snapshot = httpx.get(gw.url + "/__accord/discovery").json()
    assert shapes(snapshot) == {("GET", "/reports/{id}/pdf"): 4}
    assert snapshot["shadow"][0]["parameter_kinds"] == {"id": ["string"]}


def test_memory_is_bounded(upstream, gateway):
    gw = gateway({"discovery": {"max_shapes": 2, "max_clients": 1}, "apis": [api(upstream.url)]})
    for path in ("/a", "/b", "/c", "/d", "/a"):
        httpx.get(gw.url + path)
    httpx.post(gw.url + "/e")
    snapshot = httpx.get(gw.url + "/__accord/discovery").json()
    assert shapes(snapshot) == {("GET", "/a"): 2, ("GET", "/b"): 1}
    assert {(o["method"], o["count"]) for o in snapshot["shadow_other"]} == {("GET", 2), ("POST", 1)}


def test_the_endpoint_is_served_only_to_allowed_networks(upstream, gateway):
    gw = gateway({"discovery": {"allow": ["10.0.0.0/8"]}, "apis": [api(upstream.url)]})
    refused = httpx.get(gw.url + "/__accord/discovery", headers={"x-forwarded-for": "10.1.2.3"})
    assert refused.status_code == 403
    assert refused.headers["content-type"] == "application/problem+json"
    off = gateway({"discovery": {"enabled": False}, "apis": [api(upstream.url, unknown_operations="strict")]})
    assert httpx.get(off.url + "/__accord/discovery").status_code == 404  # no such endpoint: routed


def test_report_live_and_from_the_access_log(tmp_path, upstream):
    config = write_config(tmp_path, {"apis": [api(upstream.url)]})
    with GatewayProcess(config) as gw:
        shadow_traffic(gw.url)
        live = httpx.get(gw.url + "/__accord/discovery").json()
        text = accord("gateway", "report", "--url", gw.url)
        fragment = accord("gateway", "report", "--url", gw.url, "--format", "openapi")
        log = tmp_path / "access.log"
        log.write_text(gw.stdout())
    assert text.code == 0, text.stderr
    assert "GET     /v1/orders/{id}/notes  2 requests (200x2)" in text.stdout
    assert "Coverage of orders 1" in text.stdout and "2/4 operations" in text.stdout
    assert (
        "[x] getOrder (GET /orders/{orderId}): statuses 200, 404 of 200, 404; undocumented seen: 418"
        in text.stdout
    )

    assert fragment.code == 0, fragment.stderr
    document = yaml.safe_load(fragment.stdout)
    assert set(document["paths"]) == {"/internal/health", "/v1/orders/{id}/notes"}
    assert document["paths"]["/v1/orders/{id}/notes"]["get"]["parameters"][0]["schema"] == {"type": "integer"}
    (tmp_path / "shadow.yaml").write_text(fragment.stdout)
    valid = accord("validate", tmp_path / "shadow.yaml")
    assert valid.code == 0, valid.stdout + valid.stderr

    offline = accord("gateway", "report", "--from-log", log, "--config", config, "--format", "json")
    assert offline.code == 0, offline.stderr
    replayed = json.loads(offline.stdout)
    assert shapes(replayed) == shapes(live)
    assert [s["statuses"] for s in replayed["shadow"]] == [s["statuses"] for s in live["shadow"]]
    assert replayed["coverage"][0]["operations"] == live["coverage"][0]["operations"]
    without_config = json.loads(accord("gateway", "report", "--from-log", log, "-f", "json").stdout)
    assert shapes(without_config) == shapes(live) and without_config["coverage"] == []


def test_report_refuses_bad_input(tmp_path):
    empty = tmp_path / "empty.log"
    empty.write_text("INFO: nothing here\n")
    result = accord("gateway", "report", "--from-log", empty)
    assert result.code == 2 and "no access-log lines" in result.stderr and "Traceback" not in result.stderr
    both = accord("gateway", "report")
    assert both.code == 2 and "exactly one of --url or --from-log" in both.stderr
    down = accord("gateway", "report", "--url", "http://127.0.0.1:9")
    assert down.code == 2 and len(down.stderr.strip().splitlines()) == 1


def test_fail_on_shadow_exits_1(tmp_path, upstream):
    config = write_config(tmp_path, {"apis": [api(upstream.url)]})
    with GatewayProcess(config) as gw:
        httpx.get(gw.url + "/orders")
        clean = accord("gateway", "report", "--url", gw.url, "--fail-on-shadow")
        httpx.get(gw.url + "/internal/health")
        found = accord("gateway", "report", "--url", gw.url, "--fail-on-shadow")
    assert (clean.code, found.code) == (0, 1)


def test_identifier_segments_are_parameters_at_once(upstream, gateway):
    gw = gateway({"apis": [api(upstream.url)]})
    for token in ("01ARZ3NDEKTSV4RRFFQ69G5FAV", "deadbeef0042"):  # a ULID, a hex token
        httpx.get(gw.url + f"/v1/files/{token}")
    httpx.delete(gw.url + f"/v1/carts/{UUID}/items/7")
    snapshot = httpx.get(gw.url + "/__accord/discovery").json()
    assert shapes(snapshot) == {("GET", "/v1/files/{id}"): 2, ("DELETE", "/v1/carts/{id1}/items/{id2}"): 1}
    kinds = {s["template"]: s["parameter_kinds"] for s in snapshot["shadow"]}
    assert kinds["/v1/carts/{id1}/items/{id2}"] == {"id1": ["uuid"], "id2": ["integer"]}
    assert kinds["/v1/files/{id}"] == {"id": ["token"]}


def test_discovery_settings_are_checked_at_start(tmp_path, upstream):
    config = write_config(tmp_path, {"discovery": {"allow": ["not-a-network"]}, "apis": [api(upstream.url)]})
    result = accord("gateway", "--config", config, "--no-watch")
    assert result.code == 2
    assert result.stderr.strip() == (
        f"accord: {config}: discovery.allow: discovery.allow entry 'not-a-network' is not an IP address or network"
    )
    missing = accord("gateway")
    assert missing.code == 2 and "--config gateway.yaml is required" in missing.stderr
