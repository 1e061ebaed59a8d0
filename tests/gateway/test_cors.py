"""CORS per API over real HTTP: preflights answered from the contract, CORS fields on every answer."""

from __future__ import annotations

import httpx
import pytest

from tests.cli import accord
from tests.gateway import upstream as upstream_app
from tests.gateway.conftest import api
from tests.gateway.servers import write_config
from tests.servers import free_port

SITE = "https://shop.test"
CORS = {"origins": [SITE], "headers": ["Authorization", "Content-Type", "X-Request-Id"], "credentials": True}


def preflight(url: str, method: str, headers: str = "", origin: str = SITE) -> httpx.Response:
    asked = {"Origin": origin, "Access-Control-Request-Method": method}
    if headers:
        asked["Access-Control-Request-Headers"] = headers
    return httpx.options(url, headers=asked)


def cors_api(upstream_url: str, cors: dict = CORS, **extra) -> dict:
    return {"apis": [api(upstream_url, unknown_operations="strict", cors=cors, **extra)]}


def test_preflight_is_answered_from_the_contract(upstream, gateway):
    gw = gateway(cors_api(upstream.url))
    hits = len(upstream_app.HITS)
    answer = preflight(gw.url + "/orders/3f2c1a9e-5b7d-4c8e-9f10-2a3b4c5d6e7f", "DELETE", "authorization")
    assert answer.status_code == 204
    assert answer.headers["access-control-allow-origin"] == SITE
    assert answer.headers["access-control-allow-credentials"] == "true"
    assert answer.headers["access-control-allow-methods"] == "DELETE, GET"  # the path's operations
    assert answer.headers["access-control-allow-headers"] == "Authorization, Content-Type, X-Request-Id"
    assert answer.headers["access-control-max-age"] == "600"
    assert "Origin" in answer.headers["vary"]
    listing = preflight(gw.url + "/orders", "POST", "content-type, authorization")
    assert listing.status_code == 204
    assert listing.headers["access-control-allow-methods"] == "GET, POST"
    assert len(upstream_app.HITS) == hits  # preflights never reach the upstream


@pytest.mark.parametrize(
    ("path", "method", "headers", "status"),
    [
        ("/orders", "PUT", "", 403),  # not an operation of the path
        ("/orders", "GET", "x-secret", 403),  # a header not allowed
        ("/nowhere", "GET", "", 404),  # no such path in the contract
    ],
)
def test_preflights_that_cannot_pass(upstream, gateway, path, method, headers, status):
    gw = gateway(cors_api(upstream.url))
    answer = preflight(gw.url + path, method, headers)
    assert answer.status_code == status
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.headers["access-control-allow-origin"] == SITE


def test_configured_methods_narrow_the_contracts(upstream, gateway):
    gw = gateway(cors_api(upstream.url, {**CORS, "methods": ["GET"]}))
    assert preflight(gw.url + "/orders", "GET").headers["access-control-allow-methods"] == "GET"
    assert preflight(gw.url + "/orders", "POST").status_code == 403


def test_other_origins_get_no_cors_fields(upstream, gateway):
    gw = gateway(cors_api(upstream.url))
    answer = httpx.get(gw.url + "/orders", headers={"Origin": "https://evil.test"})
    assert answer.status_code == 200
    assert "access-control-allow-origin" not in answer.headers
    assert answer.headers["vary"] == "Origin"
    refused = preflight(gw.url + "/orders", "GET", origin="https://evil.test")
    assert refused.status_code == 403
    assert "access-control-allow-origin" not in refused.headers


def test_any_origin_without_credentials_is_a_star(upstream, gateway):
    gw = gateway(cors_api(upstream.url, {"origins": ["*"]}))
    answer = httpx.get(gw.url + "/orders", headers={"Origin": "https://anyone.test"})
    assert answer.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in answer.headers
    assert "RateLimit" in answer.headers["access-control-expose-headers"]


def test_star_with_credentials_is_refused_at_start(tmp_path):
    config = {"apis": [api("http://127.0.0.1:1", cors={"origins": ["*"], "credentials": True})]}
    result = accord("gateway", "--config", write_config(tmp_path, config), "--port", free_port(), timeout=60)
    assert result.code == 2
    assert "apis.0.cors: origins '*' with credentials: true" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_gateways_own_errors_carry_cors_fields(upstream, gateway):
    limited = cors_api(
        upstream.url, rate_limits=[{"limits": ["3/minute"]}], version={"validation": {"requests": "enforce"}}
    )
    gw = gateway(limited)
    origin = {"Origin": SITE, "Authorization": "Bearer t"}
    answers = {
        "ok": httpx.get(gw.url + "/orders", headers=origin),
        "400": httpx.get(gw.url + "/orders?limit=500", headers=origin),
        "422": httpx.post(gw.url + "/orders", json={"lines": "three"}, headers=origin),
        "404": httpx.get(gw.url + "/nowhere", headers=origin),
        "429": httpx.get(gw.url + "/orders", headers=origin),
    }
    down = gateway(cors_api(f"http://127.0.0.1:{free_port()}"))
    answers["502"] = httpx.get(down.url + "/orders", headers=origin)
    wrong_version = httpx.get(gw.url + "/v9/orders", headers=origin)
    answers["404 version"] = wrong_version
    for name, answer in answers.items():
        assert answer.headers["access-control-allow-origin"] == SITE, name
        assert answer.headers["access-control-allow-credentials"] == "true", name
        assert "Origin" in answer.headers["vary"], name
    statuses = [answers[k].status_code for k in ("ok", "400", "422", "404", "429", "502")]
    assert statuses == [200, 400, 422, 404, 429, 502]
