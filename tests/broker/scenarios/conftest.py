"""Scenarios from the Pact Broker's own specs (pact-foundation/pact_broker 2.120, `spec/features/`),
each over real HTTP against one broker per module, once on SQLite and once on PostgreSQL. Each test
names its pacticipants with a prefix of its own, so the scenarios of a module share the broker but not
their data."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import httpx
import pytest

from tests import services
from tests.broker.conftest import _broker
from tests.broker.receiver import Receiver

_counter = itertools.count()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def broker(request, tmp_path_factory) -> Iterator[str]:
    """The broker's base URL, on SQLite then on PostgreSQL (one fresh database per module), with the
    module's `BROKER_SETTINGS` if it has any."""
    settings = getattr(request.module, "BROKER_SETTINGS", {})
    if request.param == "sqlite":
        yield from _broker(f"sqlite:///{tmp_path_factory.mktemp('broker') / 'broker.sqlite3'}", **settings)
        return
    for url in services.postgres_database():
        yield from _broker(url, **settings)


@pytest.fixture
def n() -> str:
    """A prefix that makes this test's names its own."""
    return f"t{next(_counter)}"


@pytest.fixture
def http(broker: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=broker, timeout=60) as client:
        yield client


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """A real HTTP server on 127.0.0.1 that webhooks are sent to (a module that sends webhooks lists
    127.0.0.1 in its BROKER_SETTINGS' webhook_hosts)."""
    served = Receiver()
    yield served
    served.close()
