"""Real local services for integration tests: reachable, or fail in CI / skip elsewhere with the reason."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator

import pytest

POSTGRES = ("PostgreSQL", "127.0.0.1", 5432)
REDIS = ("Redis", "127.0.0.1", 6379)
NATS = ("NATS", "127.0.0.1", 4222)
MQTT = ("Mosquitto (MQTT)", "127.0.0.1", 1883)
AMQP = ("RabbitMQ (AMQP)", "127.0.0.1", 5672)


def require(service: tuple[str, str, int]) -> None:
    """Fail under CI=true, skip otherwise, when a service's port does not answer."""
    name, host, port = service
    try:
        socket.create_connection((host, port), timeout=2).close()
    except OSError as exc:
        reason = f"{name} is not reachable on {host}:{port} ({exc})"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(reason)
        pytest.skip(reason)


def postgres_database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test (module); dropped afterwards. Yields its URL."""
    require(POSTGRES)
    import psycopg

    name = f"accord_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/test", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/test", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
