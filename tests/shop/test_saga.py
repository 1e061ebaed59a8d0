"""The order saga over real NATS (examples/shop): an order whose payment goes through is
confirmed; one whose payment fails has its stock released and is cancelled, each event once; a
redelivered event changes nothing and publishes nothing."""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator

import httpx
import pytest

from tests.shop.shop import Shop, shop_code

TOKEN = {"Authorization": "Bearer test"}
GOOD_CARD, DECLINED_CARD = "4242424242424242", "4000000000000002"


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory, nats_url: str) -> Iterator[Shop]:
    work = shop_code(tmp_path_factory, "shop")
    with Shop(work, nats_url, prefix=f"test-{uuid.uuid4().hex[:8]}.") as running:
        yield running


@pytest.fixture(scope="module")
def nats_url() -> str:
    from tests import services

    services.require(services.NATS)
    return "nats://127.0.0.1:4222"


def place(shop: Shop, sku: str, quantity: int, card: str) -> str:
    body = {"customerId": "c-42", "items": [{"sku": sku, "quantity": quantity}], "card": card}
    response = httpx.post(f"{shop.url('orders')}/orders", json=body, headers=TOKEN)
    assert response.status_code == 201, response.text
    return response.json()["id"]


def status(shop: Shop, order_id: str) -> str:
    return httpx.get(f"{shop.url('orders')}/orders/{order_id}", headers=TOKEN).json()["status"]


def stock(shop: Shop, sku: str) -> int:
    return httpx.get(f"{shop.url('inventory')}/stock/{sku}").json()["available"]


def eventually(check: Callable[[], bool], shop: Shop, what: str) -> None:
    deadline = time.monotonic() + 30
    while not check():
        assert time.monotonic() < deadline, f"{what} did not happen\n{shop.logs()}"
        time.sleep(0.1)


def settle(shop: Shop, order_id: str, last: str) -> list[str]:
    """The order's events once `last` was seen and nothing more came for a moment."""
    eventually(lambda: last in shop.tap.of(order_id), shop, f"{last} for {order_id}")
    seen = -1
    while seen != len(shop.tap.events):
        seen = len(shop.tap.events)
        time.sleep(0.5)
    return shop.tap.of(order_id)


def test_a_paid_order_is_confirmed(shop: Shop) -> None:
    before = stock(shop, "widget")
    order_id = place(shop, "widget", 2, GOOD_CARD)
    events = settle(shop, order_id, "payments.completed")
    assert events == ["orders.placed", "inventory.reserved", "payments.completed"]
    eventually(lambda: status(shop, order_id) == "confirmed", shop, "confirmation")
    assert stock(shop, "widget") == before - 2


def test_a_failed_payment_releases_the_stock_and_cancels_the_order(shop: Shop) -> None:
    a_failed_payment_is_compensated(shop)


def a_failed_payment_is_compensated(shop: Shop) -> None:
    """A declined card: the stock reserved is released and the order cancelled, each event once."""
    before = stock(shop, "gadget")
    order_id = place(shop, "gadget", 1, DECLINED_CARD)
    events = settle(shop, order_id, "inventory.released")
    assert events == ["orders.placed", "inventory.reserved", "payments.failed", "inventory.released"]
    eventually(lambda: status(shop, order_id) == "cancelled", shop, "cancellation")
    assert stock(shop, "gadget") == before


def test_redelivered_events_change_nothing(shop: Shop) -> None:
    before = stock(shop, "gadget")
    order_id = place(shop, "gadget", 2, DECLINED_CARD)
    settle(shop, order_id, "inventory.released")
    mine = [
        (subject, event_id, payload)
        for subject, event_id, payload in shop.tap.events
        if payload.get("orderId") == order_id
    ]
    for subject, event_id, payload in mine:
        if subject in ("orders.placed", "payments.failed", "inventory.reserved"):
            shop.tap.redeliver(subject, event_id, payload)
    events = settle(shop, order_id, "inventory.released")
    published = Counter(subject for subject in events)
    # the redelivered copies are seen by the tap too; nothing new was published in answer
    assert published == {
        "orders.placed": 2,
        "inventory.reserved": 2,
        "payments.failed": 2,
        "inventory.released": 1,
    }
    assert status(shop, order_id) == "cancelled"
    assert stock(shop, "gadget") == before
    assert "redelivered: skipped" in (shop.work / "saga.log").read_text()


def test_an_order_without_stock_is_cancelled_with_nothing_to_compensate(shop: Shop) -> None:
    order_id = place(shop, "gizmo", 1, GOOD_CARD)
    eventually(lambda: status(shop, order_id) == "cancelled", shop, "cancellation")
    time.sleep(1)
    assert shop.tap.of(order_id) == ["orders.placed"]
