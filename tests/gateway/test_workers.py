"""`workers: N` over real HTTP: N processes serving one socket, a shared Redis limit, metrics and
discovery summed across workers, reload reaching every worker, dead workers replaced, SIGTERM
stopping them all, and the configurations that are refused."""

from __future__ import annotations

import json
import os
import pickle
import signal
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import pytest
import yaml
from accord.gateway import Discovery

from tests.cli import accord
from tests.gateway import upstream as upstream_app
from tests.gateway.conftest import ORDERS, api
from tests.gateway.docs import section_blocks
from tests.gateway.servers import GatewayProcess, write_config


def answered_by(gw: GatewayProcess) -> list[tuple[str, int, int]]:
    """(path, status, pid) of every access-log line so far."""
    lines = [json.loads(line) for line in gw.stdout().splitlines() if line.startswith("{")]
    return [(line["path"], line["status"], line["pid"]) for line in lines]


def children(pid: int) -> set[int]:
    return {int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}


def spread(gw: GatewayProcess, path: str, *, at_least: int, limit: int = 400) -> list[httpx.Response]:
    """GET `path` on a new connection each time (the kernel gives each to one worker) until `at_least`
    were sent and the access log shows two workers answering them; fails if one worker took them all."""
    answers, before = [], len(answered_by(gw))
    while len(answers) < limit:
        answers.append(httpx.get(gw.url + path, headers={"Connection": "close"}))
        if (
            len(answers) >= at_least
            and len({pid for p, _, pid in answered_by(gw)[before:] if p == path}) >= 2
        ):
            return answers
    pytest.fail(f"{limit} connections, all answered by one worker: {set(answered_by(gw))}")


def two_workers(tmp_path: Path, upstream_url: str, **settings) -> Path:
    return write_config(tmp_path, {"workers": 2, **settings, "apis": [api(upstream_url)]})


@pytest.mark.redis
def test_two_workers_sharing_a_redis_limit_let_exactly_n_through(tmp_path, upstream, redis_url):
    limit = 5
    policy = {"name": f"workers-{uuid.uuid4().hex[:8]}", "limits": [f"{limit}/minute"]}
    config = write_config(
        tmp_path,
        {
            "workers": 2,
            "rate_limits": {"storage": redis_url, "strategy": "sliding-window-counter"},
            "apis": [api(upstream.url, rate_limits=[policy])],
        },
    )
    hits_before = upstream_app.HITS.count("GET /orders")
    with GatewayProcess(config, None, "--no-watch") as gw:
        answers = spread(gw, "/orders", at_least=4 * limit)
    assert [r.status_code for r in answers].count(200) == limit
    assert {r.status_code for r in answers} == {200, 429}
    assert upstream_app.HITS.count("GET /orders") - hits_before == limit


def test_metrics_sum_every_worker(tmp_path, upstream):
    with GatewayProcess(two_workers(tmp_path, upstream.url), None, "--no-watch") as gw:
        sent = len(spread(gw, "/orders", at_least=10))
        line = f'accord_gateway_requests_total{{api="orders",method="GET",route="listOrders",status="200",version="1"}} {sent}.0'
        for _ in range(6):  # each on a new connection: whichever worker answers sums them all
            metrics = httpx.get(gw.url + "/-/metrics", headers={"Connection": "close"}).text
            assert line in metrics.splitlines()
            assert "accord_gateway_request_duration_seconds_count" in metrics


def test_discovery_sees_the_traffic_of_every_worker(tmp_path, upstream):
    with GatewayProcess(two_workers(tmp_path, upstream.url), None, "--no-watch") as gw:
        shadow = spread(gw, "/v2/invoices/7/lines", at_least=12)
        covered = spread(gw, "/orders", at_least=6)
        for _ in range(4):  # asked of whichever worker answers, the counts are every worker's
            snapshot = httpx.get(gw.url + "/__accord/discovery", headers={"Connection": "close"}).json()
            (lines,) = snapshot["shadow"]
            assert (lines["template"], lines["count"]) == ("/v2/invoices/{id}/lines", len(shadow))
            ops = {op["operation"]: op for op in snapshot["coverage"][0]["operations"]}
            assert ops["listOrders"]["statuses_seen"] == {"200": len(covered)}
        report = accord("gateway", "report", "--url", gw.url, "--format", "json")
    assert report.code == 0, report.stderr
    assert json.loads(report.stdout)["shadow"][0]["count"] == len(shadow)


def test_reload_reaches_every_worker(tmp_path, upstream):
    config = two_workers(tmp_path, upstream.url)
    with GatewayProcess(config, None, "--no-watch") as gw:
        spread(gw, "/orders", at_least=2)  # both workers are up
        assert httpx.get(gw.url + "/unlisted").status_code == 200  # passed to the upstream
        write_config(tmp_path, {"workers": 2, "apis": [api(upstream.url, unknown_operations="strict")]})
        gw.signal(signal.SIGHUP)
        deadline = time.monotonic() + 60

        def reloaded() -> list[str]:  # the workers' lines (the supervisor's says it checked and sent it)
            lines = gw.stderr().splitlines()
            return [line for line in lines if "(pid " in line and "configuration reloaded (SIGHUP)" in line]

        while len(reloaded()) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len({line.partition("(pid ")[2].partition(")")[0] for line in reloaded()}) == 2, gw.stderr()
        before = len(answered_by(gw))
        answers = spread(gw, "/unlisted", at_least=10)
        assert {r.status_code for r in answers} == {404}
        assert len({pid for _, _, pid in answered_by(gw)[before:]}) == 2

        (tmp_path / "gateway.yaml").write_text("apis: [\n")  # broken: checked once, never sent on
        gw.signal(signal.SIGHUP)
        deadline = time.monotonic() + 60
        while "failed" not in gw.stderr() and time.monotonic() < deadline:
            time.sleep(0.1)
        refused = [line for line in gw.stderr().splitlines() if "failed" in line]
        assert len(refused) == 1 and "gateway.yaml" in refused[0], gw.stderr()
        assert httpx.get(gw.url + "/unlisted").status_code == 404


def test_a_dead_worker_is_replaced_and_sigterm_stops_all(tmp_path, upstream):
    with GatewayProcess(two_workers(tmp_path, upstream.url), None, "--no-watch") as gw:
        spread(gw, "/orders", at_least=4)
        workers = children(gw.proc.pid)
        assert len(workers) == 2
        victim = min(workers)
        os.kill(victim, signal.SIGKILL)
        deadline = time.monotonic() + 60
        while (len(children(gw.proc.pid) - {victim}) < 2) and time.monotonic() < deadline:
            time.sleep(0.1)
        now = children(gw.proc.pid)
        assert victim not in now and len(now) == 2
        assert f"(pid {victim}) exited with signal 9; starting another" in gw.stderr()
        before = len(answered_by(gw))
        spread(gw, "/orders", at_least=4)
        assert {pid for _, _, pid in answered_by(gw)[before:]} == now
        folder = Path(tempfile.gettempdir())  # where the supervisor keeps the workers' shared folder
        shared = {p for p in folder.glob("accord-gateway-*") if (p / f"counter_{min(now)}.db").exists()}
        assert len(shared) == 1
        gw.proc.terminate()
        assert gw.proc.wait(30) == 0
    assert not any(Path(f"/proc/{pid}").exists() for pid in now)
    assert not shared.pop().exists()


def test_workers_with_memory_counters_are_refused(tmp_path, upstream):
    limited = {"rate_limits": [{"limits": ["5/minute"]}]}
    config = write_config(tmp_path, {"workers": 2, "apis": [api(upstream.url, **limited)]})
    result = accord("gateway", "--config", str(config))
    assert result.code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "workers: 2 with rate_limits.storage memory://" in result.stderr
    assert str(config) in result.stderr

    config = write_config(tmp_path, {"apis": [api(upstream.url, **limited)]})
    result = accord("gateway", "--config", str(config), "--workers", "3")
    assert result.code == 2 and "workers: 3 with rate_limits.storage memory://" in result.stderr


def test_default_workers(tmp_path, upstream):
    """One per core; one while rate limits are counted in memory (each worker would allow them all)."""
    cores = os.cpu_count() or 1
    with GatewayProcess(write_config(tmp_path, {"apis": [api(upstream.url)]}), None, "--no-watch") as gw:
        expected = f"{cores} workers)" if cores > 1 else "(1 API(s))"
        assert expected in gw.stderr().splitlines()[0]
    limited = {"apis": [api(upstream.url, rate_limits=[{"limits": ["5/minute"]}])]}
    with GatewayProcess(write_config(tmp_path, limited), None, "--no-watch") as gw:
        assert "workers" not in gw.stderr().splitlines()[0]
        assert children(gw.proc.pid) == set()


def test_shadow_templates_are_inferred_across_workers():
    """Each worker saw six names at one position, under the limit of ten; merged, the twelve are a parameter."""
    workers = [Discovery(values_per_position=10), Discovery(values_per_position=10)]
    for index in range(12):
        workers[index % 2].record(
            method="GET", path=f"/users/u{index}x/profile", when="t", client="c", status=200
        )
    assert len(workers[0].snapshot()["shadow"]) == 6
    merged = Discovery(values_per_position=10)
    for worker in workers:
        merged.absorb(pickle.loads(pickle.dumps(worker.state())))  # as workers hand it over
    (shape,) = merged.snapshot()["shadow"]
    assert (shape["template"], shape["count"], shape["parameter_kinds"]) == (
        "/users/{id}/profile",
        12,
        {"id": ["string"]},
    )


@pytest.mark.redis
def test_the_docs_workers_example(tmp_path, upstream, redis_url):
    shown, refusal = section_blocks("### Every core: workers and Redis", "yaml", "text")
    policy = f"docs-{uuid.uuid4().hex[:8]}"  # the shown name, made this run's own in the shared Redis
    text = (
        shown.replace("../contracts/orders.yaml", str(ORDERS))
        .replace("http://127.0.0.1:9001", upstream.url)
        .replace("redis://127.0.0.1:6379/0", redis_url)
        .replace("name: default", f"name: {policy}")
    )
    config = tmp_path / "gateway.yaml"
    config.write_text(text)
    with GatewayProcess(config, None, "--no-watch") as gw:
        assert "(1 API(s), 2 workers)" in gw.stderr()
        assert {r.status_code for r in spread(gw, "/orders", at_least=4)} == {200}
    config.write_text(text.replace(redis_url, "memory://"))
    result = accord("gateway", "--config", str(config))
    assert result.code == 2
    assert result.stderr == refusal.strip().replace("gateway.yaml", str(config), 1) + "\n"


def test_workers_read_contracts_as_the_command_line_says(tmp_path, upstream):
    """--ref-root reaches the workers: a contract whose $ref leaves its folder (allowed by the root)."""
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "order.yaml").write_text("type: object\n")
    (tmp_path / "api").mkdir()
    contract = tmp_path / "api" / "orders.yaml"
    contract.write_text(
        yaml.safe_dump(
            {
                "openapi": "3.0.3",
                "info": {"title": "orders", "version": "1"},
                "paths": {
                    "/orders": {
                        "get": {
                            "operationId": "listOrders",
                            "responses": {
                                "200": {
                                    "description": "orders",
                                    "content": {
                                        "application/json": {"schema": {"$ref": "../schemas/order.yaml"}}
                                    },
                                }
                            },
                        }
                    }
                },
            }
        )
    )
    config = write_config(tmp_path, {"workers": 2, "apis": [api(upstream.url, contract)]})
    with GatewayProcess(config, None, "--no-watch", "--ref-root", str(tmp_path)) as gw:
        assert {r.status_code for r in spread(gw, "/orders", at_least=4)} == {200}
        assert "exited" not in gw.stderr()
