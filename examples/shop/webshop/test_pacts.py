"""The web shop's consumer contract tests (pact-python): what it needs of Orders over HTTP and of
the payment events it reads. Each test runs the real web shop code against Pact's mock (or handler)
and writes the pact into PACT_DIR."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from orders_client import Client
from pact import Pact, match

from webshop.front import ShopFront, declined_notice

PACT_DIR = Path(os.environ.get("PACT_DIR", "pacts"))
ORDER_ID = "3f2c1a9e-5b7d-4c8e-9f10-2a3b4c5d6e7f"
TOKEN = "Bearer a-token"


def order_body(status: str) -> dict:
    return {
        "id": match.uuid(ORDER_ID),
        "customerId": match.str("c-42"),
        "items": match.each_like({"sku": match.str("widget"), "quantity": match.int(2)}),
        "total": {"amount": match.regex("19.98", regex=r"^[0-9]+\.[0-9]{2}$"), "currency": "EUR"},
        "status": status,
        "createdAt": match.datetime("2026-11-01T10:00:00Z", format="%Y-%m-%dT%H:%M:%SZ"),
    }


@pytest.fixture
def orders() -> Iterator[Pact]:
    pact = Pact("WebShop", "Orders").with_specification("V4")
    yield pact
    pact.write_file(PACT_DIR, overwrite=False)


def test_checkout_places_an_order(orders: Pact) -> None:
    (
        orders.upon_receiving("a new order for two widgets")
        .with_request("POST", "/orders")
        .with_header("Authorization", match.regex(TOKEN, regex=r"^Bearer .+$"))
        .with_body(
            {"customerId": "c-42", "items": [{"sku": "widget", "quantity": 2}], "card": "4242424242424242"},
            content_type="application/json",
        )
        .will_respond_with(201)
        .with_body(order_body("pending"), content_type="application/json")
    )
    with orders.serve() as mock:
        front = ShopFront(Client(str(mock.url), credentials={"bearerAuth": "a-token"}))
        order = front.checkout("c-42", {"widget": 2}, "4242424242424242")
    assert order.status == "pending"


def test_an_order_page_shows_the_order(orders: Pact) -> None:
    (
        orders.upon_receiving("a request for an order")
        .given("an order exists", id=ORDER_ID)
        .with_request("GET", f"/orders/{ORDER_ID}")
        .with_header("Authorization", match.regex(TOKEN, regex=r"^Bearer .+$"))
        .will_respond_with(200)
        .with_body(order_body("confirmed"), content_type="application/json")
    )
    with orders.serve() as mock:
        front = ShopFront(Client(str(mock.url), credentials={"bearerAuth": "a-token"}))
        assert str(front.order(ORDER_ID).id) == ORDER_ID


def test_a_declined_payment_is_told_to_the_customer() -> None:
    events = Pact("WebShop", "ShopEvents").with_specification("V4")
    (
        events.upon_receiving("PaymentFailed", "Async")
        .with_body(
            {"orderId": match.uuid(ORDER_ID), "reason": match.str("card declined")},
            content_type="application/json",
        )
        .with_metadata({"subject": "payments.failed"})
    )
    notices: list[str] = []
    events.verify(lambda body, metadata: notices.append(declined_notice(body, metadata)), "Async")
    assert notices == [f"Your payment for order {ORDER_ID} did not go through: card declined."]
    events.write_file(PACT_DIR, overwrite=False)
