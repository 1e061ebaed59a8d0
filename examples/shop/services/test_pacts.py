"""The saga's consumer contract tests (pact-python): what it needs of Inventory and Payments. Each
runs a real saga step against Pact's mock of the provider, through the generated clients, and writes
the pact into PACT_DIR. Run from the generated folder: `PYTHONPATH=. pytest services`."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from inventory_client import AsyncClient as Inventory
from pact import Pact, match
from payments_client import AsyncClient as Payments
from shop_events import models

from services.saga import Saga

PACT_DIR = Path(os.environ.get("PACT_DIR", "pacts"))
ORDER_ID = "7d7a70fc-eae3-4631-84a4-658a1244ed5f"
LINES = [{"sku": "widget", "quantity": 2}]


@pytest.fixture(autouse=True)
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOP_DATABASE_URL", f"sqlite:///{tmp_path / 'orders.sqlite3'}")


def reservation(status: str) -> dict:
    lines = match.each_like({"sku": match.str("widget"), "quantity": match.int(2)})
    return {"orderId": match.uuid(ORDER_ID), "items": lines, "status": status}


def test_an_order_placed_reserves_its_stock() -> None:
    inventory = Pact("OrderSaga", "Inventory").with_specification("V4")
    (
        inventory.upon_receiving("a reservation for an order")
        .with_request("POST", "/reservations")
        .with_body({"orderId": ORDER_ID, "items": LINES}, content_type="application/json")
        .will_respond_with(201)
        .with_body(reservation("reserved"), content_type="application/json")
    )
    event = {
        "orderId": ORDER_ID,
        "customerId": "c-42",
        "items": LINES,
        "total": "19.98",
        "card": "4242424242424242",
    }
    with inventory.serve() as mock:
        saga = Saga(Inventory(str(mock.url)), Payments("http://127.0.0.1:9"))
        asyncio.run(saga.order_placed(models.OrderPlaced.model_validate(event)))
    inventory.write_file(PACT_DIR, overwrite=False)


def test_a_failed_payment_releases_the_stock() -> None:
    inventory = Pact("OrderSaga", "Inventory").with_specification("V4")
    (
        inventory.upon_receiving("a release of an order's stock")
        .given("stock is reserved for an order", id=ORDER_ID)
        .with_request("POST", f"/reservations/{ORDER_ID}/release")
        .will_respond_with(200)
        .with_body(reservation("released"), content_type="application/json")
    )
    with inventory.serve() as mock:
        saga = Saga(Inventory(str(mock.url)), Payments("http://127.0.0.1:9"))
        asyncio.run(saga.payment_failed(models.PaymentFailed(orderId=ORDER_ID, reason="card declined")))
    inventory.write_file(PACT_DIR, overwrite=False)


def test_reserved_stock_is_charged() -> None:
    payments = Pact("OrderSaga", "Payments").with_specification("V4")
    (
        payments.upon_receiving("a charge for an order")
        .with_request("POST", "/payments")
        .with_body(
            {"orderId": ORDER_ID, "amount": "19.98", "currency": "EUR", "card": "4242424242424242"},
            content_type="application/json",
        )
        .will_respond_with(201)
        .with_body(
            {
                "id": match.uuid("6077d50d-910e-4d0c-8d4d-c1a7a1d1e1f1"),
                "orderId": match.uuid(ORDER_ID),
                "amount": match.str("19.98"),
                "status": match.regex("completed", regex="^(completed|failed)$"),
            },
            content_type="application/json",
        )
    )
    with payments.serve() as mock:
        saga = Saga(Inventory("http://127.0.0.1:9"), Payments(str(mock.url)))
        saga.remember(ORDER_ID, "4242424242424242", "19.98")
        asyncio.run(saga.stock_reserved(models.StockReserved(orderId=ORDER_ID, items=LINES)))
    payments.write_file(PACT_DIR, overwrite=False)
