"""Fixtures shared by every test package. Service fixtures use the real local servers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests import servers, services

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "contracts"

os.environ.setdefault("PACT_DO_NOT_TRACK", "true")


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


@pytest.fixture
def postgres_url():
    yield from services.postgres_database()


@pytest.fixture
def redis_url() -> str:
    services.require(services.REDIS)
    return "redis://127.0.0.1:6379/0"


@pytest.fixture
def nats_url() -> str:
    services.require(services.NATS)
    return "nats://127.0.0.1:4222"


@pytest.fixture
def mqtt_url() -> str:
    services.require(services.MQTT)
    return "mqtt://127.0.0.1:1883"


@pytest.fixture
def amqp_url() -> str:
    services.require(services.AMQP)
    return "amqp://guest:guest@127.0.0.1:5672/"


@pytest.fixture
def free_port() -> int:
    return servers.free_port()
