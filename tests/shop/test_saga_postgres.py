"""The shop on PostgreSQL (its services take any SQLAlchemy URL): a failed payment is compensated
as on SQLite, each event once."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import services
from tests.shop.shop import Shop, generate
from tests.shop.test_saga import DECLINED_CARD, eventually, place, settle, status, stock


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shop]:
    services.require(services.NATS)
    work: Path = tmp_path_factory.mktemp("shop-pg")
    generate(work)
    databases = [services.postgres_database() for _ in range(3)]
    urls = dict(zip(("orders", "payments", "inventory"), (next(d) for d in databases), strict=True))
    try:
        with Shop(work, "nats://127.0.0.1:4222", f"test-{uuid.uuid4().hex[:8]}.", urls) as running:
            yield running
    finally:
        for database in databases:
            database.close()


def test_a_failed_payment_is_compensated_on_postgresql(shop: Shop) -> None:
    assert shop.databases["orders"].startswith("postgresql")
    before = stock(shop, "gadget")
    order_id = place(shop, "gadget", 1, DECLINED_CARD)
    events = settle(shop, order_id, "inventory.released")
    assert events == ["orders.placed", "inventory.reserved", "payments.failed", "inventory.released"]
    eventually(lambda: status(shop, order_id) == "cancelled", shop, "cancellation")
    assert stock(shop, "gadget") == before
