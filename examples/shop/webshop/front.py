"""What the web shop does with the orders API and the payment events."""

from __future__ import annotations

import json
from typing import Any

from orders_client import Client, models


class ShopFront:
    """The pages' back end: checkout, an order, the customer's recent orders."""

    def __init__(self, client: Client) -> None:
        self.client = client

    def checkout(self, customer: str, basket: dict[str, int], card: str) -> models.Order:
        lines = [{"sku": sku, "quantity": quantity} for sku, quantity in basket.items()]
        return self.client.place_order(body={"customerId": customer, "items": lines, "card": card})

    def order(self, order_id: str) -> models.Order:
        return self.client.get_order(order_id)

    def recent(self, limit: int = 10) -> list[models.Order]:
        return list(self.client.list_orders(limit=limit).items)


def declined_notice(body: str | bytes | None, metadata: dict[str, Any]) -> str:
    """The message shown to a customer for a `payments.failed` event."""
    event = json.loads(body or "{}")
    return f"Your payment for order {event['orderId']} did not go through: {event['reason']}."
