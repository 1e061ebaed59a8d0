"""Operations matched in the contract: strict refuses the rest, pass lets it through; per-operation limits."""

from __future__ import annotations

import httpx

from tests.gateway.conftest import ORDERS, WIDGETS, api
from tests.gateway.test_proxy import saw


def test_strict_refuses_what_the_contract_does_not_describe(upstream, gateway):
    gw = gateway({"apis": [api(upstream.url, WIDGETS, unknown_operations="strict")]})
    assert httpx.get(gw.url + "/widgets").status_code == 200
    unknown = httpx.get(gw.url + "/gadgets")
    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == "application/problem+json"
    assert "GET /gadgets" in unknown.json()["detail"]
    wrong_method = httpx.put(gw.url + "/widgets/7")
    assert wrong_method.status_code == 405
    assert wrong_method.headers["allow"] == "DELETE, GET"
    assert "x-upstream-saw" not in wrong_method.headers


def test_servers_base_path_is_honoured(upstream, gateway):
    gw = gateway({"apis": [api(upstream.url, WIDGETS, unknown_operations="strict")]})
    response = httpx.get(gw.url + "/api/widgets")
    assert response.status_code == 200
    assert saw(response)["path"] == "/api/widgets"


def test_pass_lets_unknown_operations_through(upstream, gateway):
    gw = gateway({"apis": [api(upstream.url, WIDGETS, unknown_operations="pass")]})
    response = httpx.get(gw.url + "/gadgets")
    assert response.status_code == 200
    assert saw(response)["path"] == "/gadgets"


def test_rate_limits_per_operation(upstream, gateway):
    limits = [{"name": "writes", "limits": ["1/minute"], "operations": ["createWidget"]}]
    gw = gateway({"apis": [api(upstream.url, WIDGETS, rate_limits=limits)]})
    assert httpx.post(gw.url + "/widgets", json={"name": "a"}).status_code == 200
    assert httpx.post(gw.url + "/widgets", json={"name": "b"}).status_code == 429
    reads = [httpx.get(gw.url + "/widgets") for _ in range(3)]
    assert [r.status_code for r in reads] == [200, 200, 200]
    assert "ratelimit" not in reads[0].headers
    metrics = httpx.get(gw.url + "/-/metrics").text
    assert 'decision="limited",policy="writes",route="createWidget"' in metrics


def test_a_version_may_join_several_contracts(upstream, gateway):
    version = {"contract": [str(ORDERS), str(WIDGETS)], "upstream": upstream.url}
    limits = [{"name": "writes", "limits": ["1/minute"], "operations": ["createWidget"]}]
    config = {
        "name": "shop",
        "unknown_operations": "strict",
        "versions": {"1": version},
        "rate_limits": limits,
    }
    gw = gateway({"apis": [config]})
    assert httpx.get(gw.url + "/orders").status_code == 200
    assert httpx.get(gw.url + "/widgets").status_code == 200
    assert httpx.post(gw.url + "/widgets", json={"name": "w"}).status_code == 200
    assert httpx.post(gw.url + "/widgets", json={"name": "w"}).status_code == 429
    assert httpx.put(gw.url + "/orders").status_code == 405
    assert httpx.get(gw.url + "/gadgets").status_code == 404
    metrics = httpx.get(gw.url + "/-/metrics").text
    assert 'route="listOrders"' in metrics and 'route="listWidgets"' in metrics
