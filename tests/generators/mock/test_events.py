"""The AsyncAPI event mock against the real NATS, Mosquitto and RabbitMQ, and its WebSocket endpoint."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import uuid
from pathlib import Path

import httpx
import orjson
import pytest
from accord.contracts import load_contract
from accord.generators.mock.events import EventMock, EventOptions, check_events

from tests.cli import accord

FIXTURE = Path(__file__).parent / "fixtures" / "events.yaml"


@pytest.fixture
def events(tmp_path: Path) -> tuple[Path, str]:
    """The fixture contract with addresses no other test (or helper) uses."""
    prefix = f"accordtest{uuid.uuid4().hex[:10]}"
    path = tmp_path / "events.yaml"
    path.write_text(FIXTURE.read_text().replace("PREFIX", prefix))
    return path, prefix


async def _receive(url: str, prefix: str, wanted: int) -> list[tuple[str, dict]]:
    """Subscribe with the broker's own client library; publish with the mock; collect what arrives."""
    got: list[tuple[str, dict]] = []
    done = asyncio.Event()

    def keep(address: str, payload: bytes) -> None:
        got.append((address, orjson.loads(payload)))
        if len(got) >= wanted:
            done.set()

    scheme = url.split(":", 1)[0]
    if scheme == "nats":
        import nats

        nc = await nats.connect(url)

        async def on_nats(msg) -> None:
            keep(msg.subject, msg.data)

        await nc.subscribe(f"{prefix}.>", cb=on_nats)
        await nc.flush()
        close = nc.close
    elif scheme == "mqtt":
        import aiomqtt

        client = aiomqtt.Client("127.0.0.1", 1883)
        await client.__aenter__()
        await client.subscribe(f"{prefix}.placed", qos=1)
        await client.subscribe(f"{prefix}.o-1.shipped", qos=1)

        async def read() -> None:
            async for message in client.messages:
                keep(message.topic.value, message.payload)

        reader = asyncio.create_task(read())

        async def close() -> None:
            reader.cancel()
            await client.__aexit__(None, None, None)
    else:
        import aio_pika

        connection = await aio_pika.connect(url)
        channel = await connection.channel()
        queue = await channel.declare_queue(exclusive=True)
        await queue.bind("amq.topic", routing_key=f"{prefix}.#")

        async def on_amqp(message) -> None:
            keep(message.routing_key, message.body)

        await queue.consume(on_amqp, no_ack=True)
        close = connection.close
    try:
        contract = load_contract(Path(os.environ["ACCORD_TEST_EVENTS"]))
        mock = EventMock(contract, EventOptions(rate=50, count=2, broker_url=url), lambda _: None)
        assert await mock.run()
        await asyncio.wait_for(done.wait(), 10)
    finally:
        await close()
    return got


@pytest.mark.parametrize("broker", ["nats_url", "mqtt_url", "amqp_url"])
def test_publishes_examples_and_generated_messages(broker: str, request, events, monkeypatch) -> None:
    url = request.getfixturevalue(broker)
    path, prefix = events
    monkeypatch.setenv("ACCORD_TEST_EVENTS", str(path))
    got = asyncio.run(_receive(url, prefix, 4))
    placed = [p for a, p in got if a == f"{prefix}.placed"]
    shipped = [p for a, p in got if a == f"{prefix}.o-1.shipped"]
    assert placed == [{"orderId": "o-1", "total": 12.5}] * 2  # the example, as written
    assert len(shipped) == 2 and all(
        s["carrier"] in ("dhl", "ups") and len(s["orderId"]) == 36 for s in shipped
    )
    assert not any(a.endswith(".commands") for a, _ in got)  # receive operations are not published


@pytest.mark.parametrize("broker", ["nats_url", "mqtt_url", "amqp_url"])
def test_check_reports_violations(broker: str, request, events) -> None:
    url = request.getfixturevalue(broker)
    path, prefix = events
    contract = load_contract(path)
    lines: list[tuple[str, object]] = []

    async def scenario() -> tuple[int, list]:
        options = EventOptions(broker_url=url)
        checker = asyncio.create_task(
            check_events(
                contract,
                options,
                lambda _: None,
                limit=3,
                timeout=10,
                on_message=lambda a, v: lines.append((a, v)),
            )
        )
        await asyncio.sleep(1.0)  # subscriptions in place
        from accord.generators.mock.events._brokers import open_broker
        from accord.generators.mock.events._plan import Outgoing, plan_events

        plans = {p.operation: p for p in plan_events(contract)}
        broker_client = open_broker(url)
        await broker_client.connect()
        good = Outgoing("OrderPlaced", b'{"orderId": "o-9", "total": 3}', {}, "application/json", "test")
        bad = Outgoing("OrderPlaced", b'{"orderId": 9, "total": -1}', {}, "application/json", "test")
        shipped = Outgoing(
            "OrderShipped", b'{"orderId": 5, "carrier": "fedex"}', {}, "application/json", "test"
        )
        for plan, message in (
            (plans["sendPlaced"], good),
            (plans["sendPlaced"], bad),
            (plans["sendShipped"], shipped),
        ):
            await broker_client.publish(plan, message)
        await broker_client.close()
        return await checker

    seen, violations = asyncio.run(scenario())
    assert seen == 3
    placed = next(v for v in violations if v.address == f"{prefix}.placed")
    assert {e["pointer"] for e in placed.errors} == {"/orderId", "/total"}
    shipped = next(v for v in violations if v.address.endswith(".shipped"))
    assert {e["pointer"] for e in shipped.errors} == {"/orderId", "/carrier"}


def test_cli_check_exit_codes(events, nats_url: str) -> None:
    path, prefix = events
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "accord",
            "mock",
            str(path),
            "--check",
            "--count",
            "1",
            "--timeout",
            "20",
            "--message-broker-url",
            nats_url,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert "checking" in proc.stderr.readline()

    async def send_bad() -> None:
        import nats

        nc = await nats.connect(nats_url)
        await nc.publish(f"{prefix}.placed", b'{"orderId": "o-1"}')
        await nc.close()

    asyncio.run(send_bad())
    out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 1
    assert f"violation {prefix}.placed OrderPlaced: /: " in out and "total" in out
    assert out.strip().endswith("checked 1 message(s): 1 violation(s)")


def test_cli_check_that_sees_no_message_fails(events, nats_url: str) -> None:
    path, _prefix = events  # --broker-url: the old, hidden name of --message-broker-url, still read
    result = accord("mock", path, "--check", "--timeout", "1", "--broker-url", nats_url, timeout=60)
    assert result.code == 1, result.stdout + result.stderr
    assert result.stdout.strip() == (
        "checked 0 message(s): nothing was published on the contract's channels, nothing was checked"
    )


def test_broker_down_retries_then_keeps_serving_http_and_websocket(events, free_port: int) -> None:
    path, prefix = events
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "accord",
            "mock",
            str(path),
            "--port",
            str(free_port),
            "--message-broker-url",
            "nats://127.0.0.1:9",
            "--retries",
            "2",
            "--rate",
            "20",
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = [proc.stderr.readline() for _ in range(3)]
        text = "".join(lines)
        assert "attempt 1/2" in text and "retrying in 0.5s" in text
        assert "cannot reach the broker at nats://127.0.0.1:9 after 2 attempts" in text
        status = httpx.get(f"http://127.0.0.1:{free_port}/").json()
        assert status["error"].startswith("cannot reach the broker") and "WebSocket" in status["state"]

        async def listen() -> list:
            import websockets

            async with websockets.connect(f"ws://127.0.0.1:{free_port}/{prefix}.placed") as ws:
                return [orjson.loads(await asyncio.wait_for(ws.recv(), 5)) for _ in range(2)]

        assert asyncio.run(listen()) == [{"orderId": "o-1", "total": 12.5}] * 2
    finally:
        proc.terminate()
        proc.wait(10)


def test_asyncapi_without_broker_needs_no_server(events, free_port: int) -> None:
    path, _ = events
    result = accord(
        "mock", path, "--websocket", "--count", "1", "--rate", "50", "--port", free_port, timeout=60
    )
    assert result.code == 0, result.stderr
    assert "no broker" in result.stderr


def test_asyncapi_2_subscribe_is_published_through_its_amqp_exchange(tmp_path: Path, amqp_url: str) -> None:
    prefix = f"accordtest{uuid.uuid4().hex[:10]}"
    path = tmp_path / "events.yaml"
    path.write_text((FIXTURE.parent / "events-2.6.yaml").read_text().replace("PREFIX", prefix))
    contract = load_contract(path)
    options = EventOptions(rate=50, count=2, broker_url=None, server="rabbit")

    async def scenario() -> list[tuple[str, dict]]:
        import aio_pika

        mock = EventMock(contract, options, lambda _: None)
        assert mock.url == "amqp://127.0.0.1:5672"
        assert [p.address for p in mock.plans] == [f"{prefix}/users/1/signedup"]  # only `subscribe`
        connection = await aio_pika.connect(amqp_url)
        channel = await connection.channel()
        exchange = await channel.declare_exchange(f"{prefix}-exchange", "topic", auto_delete=True)
        queue = await channel.declare_queue(exclusive=True)
        await queue.bind(exchange, routing_key="#")
        got: list[tuple[str, dict]] = []
        arrived = asyncio.Event()

        async def keep(message) -> None:
            got.append((message.routing_key, orjson.loads(message.body)))
            if len(got) == 2:
                arrived.set()

        await queue.consume(keep, no_ack=True)
        assert await mock.run()
        await asyncio.wait_for(arrived.wait(), 10)
        await connection.close()
        return got

    got = asyncio.run(scenario())
    assert [key for key, _ in got] == [f"{prefix}/users/1/signedup"] * 2
    assert all("@" in payload["email"] for _, payload in got)


def test_the_old_flag_name_is_hidden_and_cannot_disagree_with_the_new(events) -> None:
    path, _prefix = events
    shown = accord("mock", "--help", env={"COLUMNS": "200", "NO_COLOR": "1"}).stdout
    assert "--message-broker-url" in shown and "--broker-url" not in shown.replace("--message-broker-url", "")
    both = accord(
        "mock", path, "--message-broker-url", "nats://127.0.0.1:1", "--broker-url", "nats://127.0.0.1:2"
    )
    assert both.code == 2
    assert "--broker-url is the old name of --message-broker-url: give one of them" in both.stderr
