"""Rate limits over real HTTP: IETF fields, 429, client keys, windows, Redis shared and Redis down.

Counting by a verified token's subject is tested with security (test_security.py)."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import uuid

import httpx
import pytest

from tests.gateway.conftest import api
from tests.gateway.servers import GatewayProcess, wait_for_port, write_config
from tests.servers import free_port


def limited(upstream_url: str, *policies: dict, **settings) -> dict:
    return {"rate_limits": settings, "apis": [api(upstream_url, rate_limits=list(policies))]}


@pytest.mark.parametrize("strategy", ["moving-window", "sliding-window-counter", "fixed-window"])
def test_limit_fields_and_429(upstream, gateway, strategy):
    gw = gateway(limited(upstream.url, {"limits": ["3/minute"]}, strategy=strategy))
    answers = [httpx.get(gw.url + "/orders") for _ in range(4)]
    assert [r.status_code for r in answers] == [200, 200, 200, 429]
    assert answers[0].headers["ratelimit-policy"] == '"default";q=3;w=60'
    assert answers[0].headers["ratelimit"].startswith('"default";r=2;t=')
    assert answers[2].headers["ratelimit"].startswith('"default";r=0;t=')
    refused = answers[3]
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["status"] == 429
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert "x-upstream-saw" not in refused.headers
    assert "x-ratelimit-limit" not in refused.headers
    metrics = httpx.get(gw.url + "/-/metrics").text
    assert (
        'accord_gateway_rate_limit_decisions_total{api="orders",decision="limited",policy="default"'
        in metrics
    )


def test_several_windows_and_x_headers(upstream, gateway):
    gw = gateway(limited(upstream.url, {"name": "burst", "limits": ["2/second", "50/hour"]}, x_headers=True))
    response = httpx.get(gw.url + "/orders")
    assert response.headers["ratelimit-policy"] == '"burst-1s";q=2;w=1, "burst-3600s";q=50;w=3600'
    assert response.headers["ratelimit"].startswith('"burst-1s";r=1;t=')
    assert '"burst-3600s";r=49;t=' in response.headers["ratelimit"]
    assert response.headers["x-ratelimit-limit"] == "2"
    assert response.headers["x-ratelimit-remaining"] == "1"
    assert httpx.get(gw.url + "/orders").status_code == 200
    assert httpx.get(gw.url + "/orders").status_code == 429


@pytest.mark.parametrize("strategy", ["moving-window", "sliding-window-counter"])
def test_api_keys_are_counted_apart(upstream, gateway, strategy):
    gw = gateway(
        limited(upstream.url, {"limits": ["1/minute"], "key": "api-key:X-API-Key"}, strategy=strategy)
    )
    assert httpx.get(gw.url + "/orders", headers={"X-API-Key": "alpha"}).status_code == 200
    assert httpx.get(gw.url + "/orders", headers={"X-API-Key": "alpha"}).status_code == 429
    assert httpx.get(gw.url + "/orders", headers={"X-API-Key": "beta"}).status_code == 200


@pytest.mark.redis
def test_two_gateway_processes_share_one_limit_in_redis(tmp_path, upstream, redis_url):
    policy = {"name": f"shared-{uuid.uuid4().hex[:8]}", "limits": ["4/minute"]}
    config = write_config(
        tmp_path, limited(upstream.url, policy, storage=redis_url, strategy="sliding-window-counter")
    )
    with GatewayProcess(config, None, "--no-watch") as one, GatewayProcess(config, None, "--no-watch") as two:
        codes = [httpx.get(gw.url + "/orders").status_code for gw in (one, two, one, two, one, two)]
    assert codes == [200, 200, 200, 200, 429, 429]


@pytest.fixture
def private_redis():
    """A redis-server of our own on a free port, which the test may kill (never the machine's)."""
    binary = shutil.which("redis-server")
    if binary is None:
        reason = "redis-server is not installed"
        pytest.fail(reason) if os.environ.get("CI", "").lower() in ("1", "true", "yes") else pytest.skip(
            reason
        )
    port = free_port()
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    wait_for_port(port)
    yield proc, f"redis://127.0.0.1:{port}/0"
    if proc.poll() is None:
        proc.kill()
        proc.wait()


@pytest.mark.redis
@pytest.mark.parametrize("strategy", ["moving-window", "sliding-window-counter"])  # limits', ours
def test_redis_down_fails_open_or_closed_per_policy(upstream, gateway, private_redis, caplog, strategy):
    proc, url = private_redis
    policies = [
        {"name": "reads", "limits": ["100/minute"], "operations": ["listOrders"], "on_storage_error": "open"},
        {
            "name": "writes",
            "limits": ["100/minute"],
            "operations": ["placeOrder"],
            "on_storage_error": "closed",
        },
    ]
    gw = gateway(limited(upstream.url, *policies, storage=url, strategy=strategy))
    assert httpx.get(gw.url + "/orders").status_code == 200
    assert httpx.post(gw.url + "/orders", json={}).status_code == 201
    assert httpx.get(gw.url + "/-/ready").status_code == 200
    proc.kill()
    proc.wait()
    with caplog.at_level(logging.ERROR, logger="accord.gateway"):
        still_open = httpx.get(gw.url + "/orders")
        shut = httpx.post(gw.url + "/orders", json={})
    assert still_open.status_code == 200
    assert "ratelimit" not in still_open.headers
    assert shut.status_code == 503
    assert shut.headers["content-type"] == "application/problem+json"
    messages = [r.getMessage() for r in caplog.records]
    assert any("unreachable" in m and "'reads'" in m and "fail-open" in m for m in messages)
    assert any("unreachable" in m and "'writes'" in m and "fail-closed" in m for m in messages)
    assert httpx.get(gw.url + "/-/ready").status_code == 503


def test_client_address_comes_from_trusted_proxies_only(upstream, gateway):
    policy = {"limits": ["1/minute"], "key": "client-ip"}
    untrusted = gateway(limited(upstream.url, policy))
    assert (
        httpx.get(untrusted.url + "/orders", headers={"X-Forwarded-For": "198.51.100.1"}).status_code == 200
    )
    # a forged X-Forwarded-For does not make a new client
    assert (
        httpx.get(untrusted.url + "/orders", headers={"X-Forwarded-For": "198.51.100.2"}).status_code == 429
    )
    trusted = gateway({"trusted_proxies": ["127.0.0.1"], **limited(upstream.url, policy)})
    assert httpx.get(trusted.url + "/orders", headers={"X-Forwarded-For": "198.51.100.1"}).status_code == 200
    assert httpx.get(trusted.url + "/orders", headers={"X-Forwarded-For": "198.51.100.2"}).status_code == 200
    assert httpx.get(trusted.url + "/orders", headers={"X-Forwarded-For": "198.51.100.1"}).status_code == 429
