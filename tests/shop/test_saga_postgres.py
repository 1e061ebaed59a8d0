"""The shop on PostgreSQL (its services take any SQLAlchemy URL): a failed payment is compensated
as on SQLite, each event once."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from tests import services
from tests.shop.shop import Shop, shop_code
from tests.shop.test_saga import a_failed_payment_is_compensated


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shop]:
    services.require(services.NATS)
    work = shop_code(tmp_path_factory, "shop-pg")
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
    a_failed_payment_is_compensated(shop)
