"""Operations: health, readiness, Prometheus metrics, and reload without dropping requests in flight."""

from __future__ import annotations

import json
import signal
import threading
import time

import httpx

from tests.gateway import upstream as upstream_app
from tests.gateway.conftest import api
from tests.gateway.servers import GatewayProcess, write_config
from tests.gateway.test_proxy import saw
from tests.servers import free_port


def test_health_ready_and_metrics(upstream, gateway):
    gw = gateway({"upstream_timeout": 0.3, "apis": [api(upstream.url)]})
    assert httpx.get(gw.url + "/-/health").json() == {"status": "ok"}
    assert httpx.get(gw.url + "/-/ready").status_code == 200
    httpx.get(gw.url + "/orders")
    httpx.get(gw.url + "/orders?delay=1")
    metrics = httpx.get(gw.url + "/-/metrics")
    assert metrics.headers["content-type"].startswith("text/plain")
    text = metrics.text
    assert (
        'accord_gateway_requests_total{api="orders",method="GET",route="listOrders",status="200",version="1"} 1.0'
        in text
    )
    assert 'status="504"' in text
    assert 'accord_gateway_upstream_errors_total{api="orders",kind="timeout",version="1"} 1.0' in text
    assert (
        'accord_gateway_request_duration_seconds_bucket{api="orders",le="0.005",route="listOrders",version="1"}'
        in text
    )


def test_unreachable_upstream_is_counted(gateway):
    gw = gateway({"apis": [api(f"http://127.0.0.1:{free_port()}")]})
    httpx.get(gw.url + "/orders")
    assert 'kind="connect"' in httpx.get(gw.url + "/-/metrics").text


def wait_for(predicate, timeout: float = 60) -> bool:  # generous: the machine may be shared
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_sighup_reload_keeps_requests_in_flight(tmp_path, upstream):
    path = write_config(tmp_path, {"apis": [api(upstream.url + "/one")]})
    with GatewayProcess(path, None, "--no-watch") as gw:
        in_flight: dict = {}

        def slow() -> None:
            in_flight["response"] = httpx.get(gw.url + "/orders?delay=1.5", timeout=10)

        arrived = upstream_app.HITS.count("GET /one/orders")
        thread = threading.Thread(target=slow)
        thread.start()
        assert wait_for(lambda: upstream_app.HITS.count("GET /one/orders") > arrived)  # at the upstream
        write_config(tmp_path, {"apis": [api(upstream.url + "/two")]})
        gw.signal(signal.SIGHUP)
        assert wait_for(lambda: saw(httpx.get(gw.url + "/orders"))["path"] == "/two/orders")
        thread.join(10)
        assert in_flight["response"].status_code == 200
        assert saw(in_flight["response"])["path"] == "/one/orders"
        # a broken configuration is refused and the running one stays
        path.write_text("apis: [{name: orders, versions: {}}]\n")
        gw.signal(signal.SIGHUP)
        assert wait_for(lambda: "reload (SIGHUP) failed" in gw.stderr())
        assert saw(httpx.get(gw.url + "/orders"))["path"] == "/two/orders"


def test_file_change_reloads(tmp_path, upstream):
    path = write_config(tmp_path, {"apis": [api(upstream.url + "/one")]})
    with GatewayProcess(path) as gw:
        assert saw(httpx.get(gw.url + "/orders"))["path"] == "/one/orders"
        time.sleep(0.3)  # let the watcher settle
        write_config(tmp_path, {"apis": [api(upstream.url + "/two")]})
        assert wait_for(lambda: saw(httpx.get(gw.url + "/orders"))["path"] == "/two/orders")
        assert "configuration reloaded (file change)" in gw.stderr()
        assert json.loads(gw.stdout().splitlines()[-1])["status"] == 200
