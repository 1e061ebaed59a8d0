"""`accord generate events`: FastStream code that publishes and consumes through a real NATS server."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.cli import accord

FIXTURES = Path(__file__).parent / "fixtures"

ROUND_TRIP = """
import asyncio, sys
from pydantic import ValidationError
from orderevents import Channels, broker
from orderevents import models

async def main(url, prefix):
    nats = broker(url)
    channels = Channels(nats, prefix=prefix)
    placed, shipped = asyncio.get_running_loop().create_future(), asyncio.get_running_loop().create_future()

    @channels.subscribe_order_placed()
    async def on_placed(message: models.OrderPlacedPayload) -> None:
        placed.set_result(message)

    @channels.subscribe_order_shipped()
    async def on_shipped(message: models.OrderShippedPayload) -> None:
        shipped.set_result(message)

    async with nats:
        await nats.start()
        await channels.publish_order_placed({
            "orderId": "3f2c1a9e-5b7d-4c8e-9f10-2a3b4c5d6e7f", "customerId": "c-42",
            "total": {"amount": "19.98", "currency": "EUR"}, "placedAt": "2026-11-01T10:00:00Z",
        })
        await channels.publish_order_shipped(
            models.OrderShippedPayload(orderId="3f2c1a9e-5b7d-4c8e-9f10-2a3b4c5d6e7f", carrier="dhl"),
            order_id="3f2c1a9e-5b7d-4c8e-9f10-2a3b4c5d6e7f",
        )
        got = await asyncio.wait_for(placed, 10)
        assert isinstance(got, models.OrderPlaced), type(got)
        assert got.total.currency.value == "EUR" and got.customerId == "c-42"
        ship = await asyncio.wait_for(shipped, 10)
        assert ship.carrier.value == "dhl", ship
        try:
            await channels.publish_order_placed({"orderId": "not-a-uuid"})
        except ValidationError:
            print("invalid payload refused")
    print("published and consumed")

asyncio.run(main(sys.argv[1], sys.argv[2]))
"""


@pytest.mark.nats
def test_events_publish_and_consume_through_nats(examples, tmp_path, nats_url):
    out = tmp_path / "gen"
    result = accord(
        "generate", "events", examples / "order-events.yaml", "-o", out, "--package", "orderevents"
    )
    assert result.code == 0, result.stderr
    prefix = f"accord-test-{uuid.uuid4().hex[:8]}."
    proc = subprocess.run(
        [sys.executable, "-c", ROUND_TRIP, nats_url, prefix],
        cwd=out,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    assert "invalid payload refused" in proc.stdout and "published and consumed" in proc.stdout


def test_events_code_is_ruff_clean_and_openapi_is_bad_input(examples, tmp_path):
    out = tmp_path / "gen"
    assert (
        accord("generate", "events", examples / "order-events.yaml", "-o", out, "--package", "ev").code == 0
    )
    proc = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--no-cache", "."], cwd=out, capture_output=True
    )
    assert proc.returncode == 0, proc.stdout.decode()
    bad = accord("generate", "events", examples / "orders.yaml", "-o", tmp_path / "x")
    assert bad.code == 2 and "asyncapi" in bad.stderr and "Traceback" not in bad.stderr


V2_ROUND_TRIP = """
import asyncio, sys
from lights import Channels, broker, models

async def main(url, prefix):
    nats = broker(url)
    channels = Channels(nats, prefix=prefix)
    got = asyncio.get_running_loop().create_future()

    @channels.subscribe_lights_streetlight_id_measured()
    async def on_measured(message: models.LightMeasuredPayload) -> None:
        got.set_result(message)

    async with nats:
        await nats.start()
        await channels.publish_lights_streetlight_id_measured(
            {"lumens": 42, "sentAt": "2026-11-01T10:00:00Z"}, streetlight_id="lamp-7"
        )
        message = await asyncio.wait_for(got, 10)
        assert message.lumens == 42 and message.sentAt.year == 2026, message
    print("published and consumed")

asyncio.run(main(sys.argv[1], sys.argv[2]))
"""


@pytest.mark.nats
def test_asyncapi_2_channels_with_parameters_round_trip_through_nats(tmp_path, nats_url):
    out = tmp_path / "gen"
    contract = FIXTURES / "lights-v2.yaml"
    assert accord("generate", "events", contract, "-o", out, "--package", "lights").code == 0
    prefix = f"accord-test-{uuid.uuid4().hex[:8]}."
    proc = subprocess.run(
        [sys.executable, "-c", V2_ROUND_TRIP, nats_url, prefix],
        cwd=out,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    assert "published and consumed" in proc.stdout
